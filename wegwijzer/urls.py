from django.urls import path

from . import views

app_name = "wegwijzer"

# A directory of organisations' offers and schemes: no view here takes a case.
urlpatterns = [
    path("wegwijzer/", views.index, name="index"),
    path("wegwijzer/mijn-aanbod/", views.mijn_aanbod, name="mijn-aanbod"),
    path("wegwijzer/mijn-aanbod/nieuw/", views.aanbod_create, name="aanbod-create"),
    path("wegwijzer/aanbod/<str:aanbod_id>/", views.aanbod_update, name="aanbod-edit"),
    path("wegwijzer/aanbod/<str:aanbod_id>/actief/", views.aanbod_actief, name="aanbod-actief"),
]
