from django.urls import path

from . import views

app_name = "wegwijzer"

# A directory of organisations' offers and schemes, and warm referrals: only the
# referral's proposal takes a case (through ``casus_view``).
urlpatterns = [
    path(
        "casussen/<str:public_id>/doorverwijzen/",
        views.doorverwijzing_create,
        name="doorverwijzing-create",
    ),
    path("doorverwijzingen/<str:doorverwijzing_id>/", views.doorverwijzing, name="doorverwijzing"),
    path(
        "doorverwijzingen/<str:doorverwijzing_id>/intrekken/",
        views.doorverwijzing_intrekken,
        name="doorverwijzing-intrekken",
    ),
    path("wegwijzer/", views.index, name="index"),
    path("wegwijzer/mijn-aanbod/", views.mijn_aanbod, name="mijn-aanbod"),
    path("wegwijzer/mijn-aanbod/nieuw/", views.aanbod_create, name="aanbod-create"),
    path("wegwijzer/aanbod/<str:aanbod_id>/", views.aanbod_update, name="aanbod-edit"),
    path("wegwijzer/aanbod/<str:aanbod_id>/actief/", views.aanbod_actief, name="aanbod-actief"),
]
