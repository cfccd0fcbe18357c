from django.urls import path, re_path

from . import views

app_name = "identificatie"

urlpatterns = [
    path("signalen/", views.signaal_list, name="signaal-list"),
    path("signalen/nieuw/", views.signaal_create, name="signaal-create"),
    path("signalen/noodinstructie/", views.noodinstructie, name="noodinstructie"),
    path(
        "signalen/indicatoren/<int:pk>/instructie/",
        views.indicator_instructie,
        name="indicator-instructie",
    ),
    path("signalen/<str:signaal_id>/", views.signaal_detail, name="signaal-detail"),
    path("signalen/<str:signaal_id>/koppelen/", views.signaal_koppelen, name="signaal-koppelen"),
    path(
        "signalen/<str:signaal_id>/casus-openen/",
        views.signaal_casus_openen,
        name="signaal-casus-openen",
    ),
    path("signalen/<str:signaal_id>/afsluiten/", views.signaal_afsluiten, name="signaal-afsluiten"),
    path("meldingen/", views.comensha_meldingen, name="comensha-meldingen"),
    re_path(
        r"^meldingen/export\.(?P<fmt>json|csv)$",
        views.comensha_meldingen_export,
        name="comensha-meldingen-export",
    ),
    path("meldingen/<str:melding_id>/", views.comensha_melding, name="comensha-melding"),
    # Case-scoped: every view here is decorated with casus_view.
    path("casussen/<str:public_id>/melding/", views.casus_melding, name="casus-melding"),
    re_path(
        r"^casussen/(?P<public_id>[^/]+)/melding/export\.(?P<fmt>json|csv)$",
        views.casus_melding_export,
        name="casus-melding-export",
    ),
]
