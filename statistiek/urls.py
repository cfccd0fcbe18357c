from django.urls import path

from . import views

app_name = "statistiek"

# Figures only: no view here takes a case, and none shows one.
urlpatterns = [
    path("cijfers/", views.dashboard_view, name="dashboard"),
    path("cijfers/rapport.pdf", views.rapport_pdf, name="rapport-pdf"),
    path("cijfers/<slug:sleutel>.csv", views.tabel_csv, name="tabel-csv"),
]
