from django.urls import include, path

from . import views

app_name = "zorgtafel"

# Every URL under zorgtafels/<zorgtafel_id>/ is decorated with
# zorgtafel.views.zorgtafel_view (casusoverleg.permissions); tests walk them as an outsider too.
zorgtafel_patterns = [
    path("", views.zorgtafel_detail, name="zorgtafel-detail"),
    path("bewerken/", views.zorgtafel_update, name="zorgtafel-edit"),
    path("annuleren/", views.zorgtafel_cancel, name="zorgtafel-annuleren"),
    path("geheimhouding/", views.vertrouwelijkheid_confirm, name="zorgtafel-bevestigen"),
    path("uitnodiging.ics", views.zorgtafel_ics, name="zorgtafel-ics"),
    path("notulen.pdf", views.zorgtafel_notulen_pdf, name="zorgtafel-notulen-pdf"),
    path("starten/", views.zorgtafel_start, name="zorgtafel-starten"),
    path("sluiten/", views.zorgtafel_close, name="zorgtafel-sluiten"),
    path("aanwezigheid/", views.aanwezigheid_record, name="zorgtafel-aanwezigheid"),
    path("agenda/", views.zorgtafel_agenda, name="zorgtafel-agenda"),
    path("agenda/<str:item_id>/", views.agenda_update, name="agendapunt-wijzigen"),
    path("agenda/<str:item_id>/bespreken/", views.huidig_agendapunt_set, name="zorgtafel-huidig"),
    path("agenda/<str:item_id>/notulen/", views.notule_add, name="zorgtafel-notule"),
    path("agenda/<str:item_id>/addendum/", views.addendum_add, name="zorgtafel-addendum"),
    path("agenda/<str:item_id>/besluit/", views.besluit_record, name="zorgtafel-besluit"),
    path("agenda/<str:item_id>/actiepunten/", views.actiepunt_add, name="zorgtafel-actiepunt"),
    path(
        "agenda/<str:item_id>/actiepunten/<str:actiepunt_id>/",
        views.actiepunt_review,
        name="zorgtafel-actiepunt-beoordelen",
    ),
]

urlpatterns = [
    path("zorgtafels/", views.zorgtafel_list, name="zorgtafel-list"),
    path("zorgtafels/nieuw/", views.zorgtafel_plan, name="zorgtafel-create"),
    path("zorgtafels/<str:zorgtafel_id>/", include(zorgtafel_patterns)),
    path("actiepunten/", views.actiepunten, name="actiepunten"),
    path("actiepunten/<str:actiepunt_id>/", views.actiepunt_detail, name="actiepunt-detail"),
]
