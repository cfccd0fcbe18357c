from django.urls import include, path

from . import views

app_name = "zorgtafel"

# Every URL under zorgtafels/<zorgtafel_id>/ is decorated with
# zorgtafel.views.zorgtafel_view (casusoverleg.permissions); tests walk them as an outsider too.
zorgtafel_patterns = [
    path("", views.zorgtafel_detail, name="zorgtafel-detail"),
    path("bewerken/", views.zorgtafel_edit, name="zorgtafel-edit"),
    path("annuleren/", views.zorgtafel_annuleren, name="zorgtafel-annuleren"),
    path("geheimhouding/", views.zorgtafel_bevestigen, name="zorgtafel-bevestigen"),
    path("uitnodiging.ics", views.zorgtafel_ics, name="zorgtafel-ics"),
    path("notulen.pdf", views.zorgtafel_notulen_pdf, name="zorgtafel-notulen-pdf"),
    path("starten/", views.zorgtafel_starten, name="zorgtafel-starten"),
    path("sluiten/", views.zorgtafel_sluiten, name="zorgtafel-sluiten"),
    path("aanwezigheid/", views.zorgtafel_aanwezigheid, name="zorgtafel-aanwezigheid"),
    path("agenda/", views.zorgtafel_agenda, name="zorgtafel-agenda"),
    path("agenda/<str:item_id>/", views.agendapunt_wijzigen, name="agendapunt-wijzigen"),
    path("agenda/<str:item_id>/bespreken/", views.zorgtafel_huidig, name="zorgtafel-huidig"),
    path("agenda/<str:item_id>/notulen/", views.zorgtafel_notule, name="zorgtafel-notule"),
    path("agenda/<str:item_id>/addendum/", views.zorgtafel_addendum, name="zorgtafel-addendum"),
    path("agenda/<str:item_id>/besluit/", views.zorgtafel_besluit, name="zorgtafel-besluit"),
    path(
        "agenda/<str:item_id>/actiepunten/", views.zorgtafel_actiepunt, name="zorgtafel-actiepunt"
    ),
    path(
        "agenda/<str:item_id>/actiepunten/<str:actiepunt_id>/",
        views.zorgtafel_actiepunt_beoordelen,
        name="zorgtafel-actiepunt-beoordelen",
    ),
]

urlpatterns = [
    path("zorgtafels/", views.zorgtafel_list, name="zorgtafel-list"),
    path("zorgtafels/nieuw/", views.zorgtafel_create, name="zorgtafel-create"),
    path("zorgtafels/<str:zorgtafel_id>/", include(zorgtafel_patterns)),
    path("actiepunten/", views.actiepunten, name="actiepunten"),
]
