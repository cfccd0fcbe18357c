from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

casusoverleg_patterns = [
    path("", views.home, name="home"),
]

urlpatterns = [
    path("", include((casusoverleg_patterns, "casusoverleg"))),
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
