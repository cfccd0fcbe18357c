from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

# Every URL under casussen/<public_id>/ is a case-scoped view decorated with
# casusoverleg.permissions.casus_view; tests walk all of them as an outsider.
casus_patterns = [
    path("", views.casus_detail, name="casus-detail"),
    path("bewerken/", views.casus_edit, name="casus-edit"),
    path("behoeften/nieuw/", views.behoefte_create, name="behoefte-create"),
    path("behoeften/<int:pk>/", views.behoefte_edit, name="behoefte-edit"),
    path("deelnemers/", views.deelnemers, name="deelnemers"),
    path("deelnemers/<int:pk>/beeindigen/", views.deelname_remove, name="deelname-remove"),
    path("geschiedenis/", views.geschiedenis, name="geschiedenis"),
    path("audit/", views.casus_audit, name="casus-audit"),
]

# Every URL under zorgtafels/<zorgtafel_id>/ is decorated with
# casusoverleg.permissions.zorgtafel_view; tests walk them as an outsider too.
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

casusoverleg_patterns = [
    path("", views.home, name="home"),
    path("casussen/", views.casus_list, name="casus-list"),
    path("casussen/nieuw/", views.casus_create, name="casus-create"),
    path("casussen/<str:public_id>/", include(casus_patterns)),
    path("auditrapport/", views.audit_rapport, name="audit-rapport"),
    path("zorgtafels/", views.zorgtafel_list, name="zorgtafel-list"),
    path("zorgtafels/nieuw/", views.zorgtafel_create, name="zorgtafel-create"),
    path("zorgtafels/<str:zorgtafel_id>/", include(zorgtafel_patterns)),
    path("actiepunten/", views.actiepunten, name="actiepunten"),
]

urlpatterns = [
    path("", include((casusoverleg_patterns, "casusoverleg"))),
    path("", include("identificatie.urls")),
    path("", include("advies.urls")),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
]

handler400 = "casusoverleg.errors.bad_request"
handler403 = "casusoverleg.errors.permission_denied"
handler404 = "casusoverleg.errors.page_not_found"
handler500 = "casusoverleg.errors.server_error"
