from django.urls import path

from . import views

app_name = "advies"

# Case-scoped: every view here is decorated with casus_view.
urlpatterns = [
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/",
        views.advies_detail,
        name="advies-detail",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/pdf/",
        views.advies_pdf,
        name="advies-pdf",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/aftekenen/",
        views.advies_sign_off,
        name="advies-aftekenen",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/intrekken/",
        views.advies_withdraw,
        name="advies-intrekken",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/corrigeren/",
        views.advies_correct,
        name="advies-corrigeren",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/verzenden/",
        views.advies_verzenden,
        name="advies-verzenden",
    ),
    path(
        "casussen/<str:public_id>/adviezen/<int:versie>/besluit/",
        views.advies_besluit,
        name="advies-besluit",
    ),
]

# Task-scoped: looked up through identificatie's taak_view (404 for anyone it is not for).
urlpatterns += [
    path("taken/<str:taak_id>/advies/", views.advies_taak, name="advies-taak"),
    path("taken/<str:taak_id>/correctie/", views.correctie_taak, name="correctie-taak"),
]
