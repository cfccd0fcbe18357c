from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn_views

from . import views
from .views import mfa

# Every URL under casussen/<public_id>/ is a case-scoped view decorated with
# casusoverleg.permissions.casus_view; tests walk all of them as an outsider.
casus_patterns = [
    path("", views.casus_detail, name="casus-detail"),
    path("bewerken/", views.casus_update, name="casus-edit"),
    path("coordinator/", views.casus_coordinator, name="casus-coordinator"),
    path("sluiten/", views.casus_sluiten, name="casus-sluiten"),
    path("heropenen/", views.casus_heropenen, name="casus-heropenen"),
    path("minderjarigheid/", views.casus_minderjarigheid, name="casus-minderjarigheid"),
    path("behoeften/nieuw/", views.behoefte_add, name="behoefte-create"),
    path("behoeften/<int:pk>/", views.behoefte_update, name="behoefte-edit"),
    path("deelnemers/", views.deelnemers, name="deelnemers"),
    path("deelnemers/<int:pk>/beeindigen/", views.deelname_remove, name="deelname-remove"),
    path("geschiedenis/", views.geschiedenis, name="geschiedenis"),
    path("tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("audit/", views.casus_audit, name="casus-audit"),
    path("inzage/", views.inzage_pagina, name="inzage"),
    path("inzage/pdf/", views.inzage_download, {"formaat": "pdf"}, name="inzage-pdf"),
    path("inzage/json/", views.inzage_download, {"formaat": "json"}, name="inzage-json"),
    path("koppelverzoek/", views.koppelverzoek_create, name="koppelverzoek-create"),
    path("doel/", views.gebruiksdoel_opgeven, name="gebruiksdoel"),
]

casusoverleg_patterns = [
    path("", views.home, name="home"),
    path("casussen/", views.casus_list, name="casus-list"),
    path("casussen/nieuw/", views.casus_open, name="casus-create"),
    path("casussen/doel/", views.gebruiksdoel_meerdere, name="gebruiksdoel-meerdere"),
    path("casussen/<str:public_id>/", include(casus_patterns)),
    path("casustaken/<str:casustaak_id>/", views.casustaak, name="casustaak"),
    path("koppelverzoeken/<str:koppelverzoek_id>/", views.koppelverzoek, name="koppelverzoek"),
    path("auditrapport/", views.audit_rapport, name="audit-rapport"),
    path(
        "auditrapport/organisatie/",
        views.audit_rapport_organisatie,
        name="audit-rapport-organisatie",
    ),
    path("auditrapport/signalen/", views.audit_signalen, name="audit-signalen"),
    path("toegangsreview/", views.toegangsreview, name="toegangsreview"),
    path(
        "toegangsreview/bevestigen/",
        views.toegangsreview_bevestigen,
        name="toegangsreview-bevestigen",
    ),
    path(
        "toegangsreview/intrekken/", views.toegangsreview_intrekken, name="toegangsreview-intrekken"
    ),
    path("mijn-meldingen/", views.melding_list, name="meldingen"),
    path("mijn-meldingen/gelezen/", views.meldingen_gelezen, name="meldingen-gelezen"),
    path("mijn-meldingen/voorkeuren/", views.melding_voorkeuren, name="melding-voorkeuren"),
    path("mijn-meldingen/<str:melding_id>/", views.melding_openen, name="melding-openen"),
    path("mijn-meldingen/<str:melding_id>/gelezen/", views.melding_gelezen, name="melding-gelezen"),
]

# The second factor. MfaRequiredMiddleware leaves these open to a session that
# has not passed one yet; the pages that change devices check it themselves.
mfa_patterns = [
    path("", mfa.apparaten, name="apparaten"),
    path("verifieren/", mfa.verifieren, name="verifieren"),
    path("inschrijven/", mfa.inschrijven, name="inschrijven"),
    path("herstelcodes/", mfa.herstelcodes_nieuw, name="herstelcodes-nieuw"),
    path(
        "apparaten/<str:soort>/<int:pk>/verwijderen/",
        mfa.apparaat_verwijderen,
        name="apparaat-verwijderen",
    ),
]

# django-otp-webauthn's endpoints under the names its scripts look up; the
# registration and completion views carry our rules and the audit trail.
webauthn_patterns = [
    path(
        "registratie/begin/",
        mfa.SleutelRegistratieBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registratie/voltooien/",
        mfa.SleutelRegistratieVoltooien.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "verificatie/begin/",
        webauthn_views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "verificatie/voltooien/",
        mfa.SleutelVerificatieVoltooien.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]

urlpatterns = [
    path("", include((casusoverleg_patterns, "casusoverleg"))),
    path("", include("identificatie.urls")),
    path("", include("advies.urls")),
    path("", include("zorgtafel.urls")),
    path("", include("wegwijzer.urls")),
    path("", include("statistiek.urls")),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("sessie/verlengen/", views.sessie_verlengen, name="sessie-verlengen"),
    path("wachtwoord/wijzigen/", views.wachtwoord_wijzigen, name="wachtwoord-wijzigen"),
    path("wachtwoord/vergeten/", views.wachtwoord_vergeten, name="wachtwoord-vergeten"),
    path(
        "wachtwoord/vergeten/verzonden/",
        views.wachtwoord_vergeten_verzonden,
        name="wachtwoord-vergeten-verzonden",
    ),
    path(
        "wachtwoord/herstel/<uidb64>/<token>/",
        views.WachtwoordHerstelView.as_view(),
        name="wachtwoord-herstel",
    ),
    path(
        "wachtwoord/herstel/voltooid/",
        views.wachtwoord_herstel_voltooid,
        name="wachtwoord-herstel-voltooid",
    ),
    path("mfa/", include((mfa_patterns, "mfa"))),
    path("mfa/sleutel/", include((webauthn_patterns, "otp_webauthn"))),
    path("taal/", views.taal_kiezen, name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on every PDF and admin page: not a refusal.
    path("favicon.ico", views.favicon, name="favicon"),
    # The admin's own logout would skip Clear-Site-Data.
    path("beheer/logout/", views.LogoutView.as_view(), name="beheer-logout"),
    path("beheer/", admin.site.urls),
]

handler400 = "casusoverleg.errors.bad_request"
handler403 = "casusoverleg.errors.permission_denied"
handler404 = "casusoverleg.errors.page_not_found"
handler500 = "casusoverleg.errors.server_error"
