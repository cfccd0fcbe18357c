from django.urls import path, re_path

from .views import bedenktijd, behoeften, proces, signalen

app_name = "identificatie"

urlpatterns = [
    path("signalen/", signalen.signaal_list, name="signaal-list"),
    path("signalen/nieuw/", signalen.signaal_record, name="signaal-create"),
    path("signalen/noodinstructie/", signalen.noodinstructie, name="noodinstructie"),
    path(
        "signalen/indicatoren/<int:pk>/instructie/",
        signalen.indicator_instructie,
        name="indicator-instructie",
    ),
    path("signalen/<str:signaal_id>/", signalen.signaal_detail, name="signaal-detail"),
    path("signalen/<str:signaal_id>/koppelen/", signalen.signaal_attach, name="signaal-koppelen"),
    path(
        "signalen/<str:signaal_id>/casus-openen/",
        signalen.casus_open_from_signaal,
        name="signaal-casus-openen",
    ),
    path("signalen/<str:signaal_id>/afsluiten/", signalen.signaal_close, name="signaal-afsluiten"),
    path("signalen/<str:signaal_id>/delen/", signalen.signaal_share, name="signaal-delen"),
    path("meldingen/", signalen.comensha_meldingen, name="comensha-meldingen"),
    re_path(
        r"^meldingen/export\.(?P<fmt>json|csv)$",
        signalen.comensha_meldingen_export,
        name="comensha-meldingen-export",
    ),
    path("meldingen/<str:melding_id>/", signalen.comensha_melding, name="comensha-melding"),
    path("taken/", proces.taken, name="taken"),
    path("taken/<str:taak_id>/", proces.taak, name="taak"),
    path("taken/<str:taak_id>/oppakken/", proces.taak_claim, name="taak-oppakken"),
    path("taken/<str:taak_id>/teruggeven/", proces.taak_release, name="taak-teruggeven"),
    path("taken/<str:taak_id>/overdragen/", proces.taak_hand_over, name="taak-overdragen"),
    # Case-scoped: every view here is decorated with casus_view.
    path(
        "casussen/<str:public_id>/identificatie/starten/", proces.proces_start, name="proces-start"
    ),
    path(
        "casussen/<str:public_id>/identificatie/<str:proces_id>/",
        proces.proces_detail,
        name="proces-detail",
    ),
    path(
        "casussen/<str:public_id>/identificatie/<str:proces_id>/ronde-sluiten/",
        proces.ronde_close,
        name="ronde-sluiten",
    ),
    path(
        "casussen/<str:public_id>/identificatie/<str:proces_id>/deadline-verlengen/",
        proces.deadline_verlengen,
        name="deadline-verlengen",
    ),
    path(
        "casussen/<str:public_id>/identificatie/<str:proces_id>/annuleren/",
        proces.proces_cancel,
        name="proces-annuleren",
    ),
    path(
        "casussen/<str:public_id>/identificatie/<str:proces_id>/mijn-beoordeling/",
        proces.mijn_beoordeling,
        name="mijn-beoordeling",
    ),
    path("casussen/<str:public_id>/melding/", signalen.casus_melding, name="casus-melding"),
    path("casussen/<str:public_id>/bedenktijd/", bedenktijd.bedenktijd, name="bedenktijd"),
    path(
        "casussen/<str:public_id>/behoeften/uit-beoordeling/<int:beoordeling_id>/",
        behoeften.behoefte_overnemen,
        name="behoefte-overnemen",
    ),
    re_path(
        r"^casussen/(?P<public_id>[^/]+)/melding/export\.(?P<fmt>json|csv)$",
        signalen.casus_melding_export,
        name="casus-melding-export",
    ),
]
