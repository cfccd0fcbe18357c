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
    path("bewerken/", views.casus_update, name="casus-edit"),
    path("behoeften/nieuw/", views.behoefte_add, name="behoefte-create"),
    path("behoeften/<int:pk>/", views.behoefte_update, name="behoefte-edit"),
    path("deelnemers/", views.deelnemers, name="deelnemers"),
    path("deelnemers/<int:pk>/beeindigen/", views.deelname_remove, name="deelname-remove"),
    path("geschiedenis/", views.geschiedenis, name="geschiedenis"),
    path("audit/", views.casus_audit, name="casus-audit"),
]

casusoverleg_patterns = [
    path("", views.home, name="home"),
    path("casussen/", views.casus_list, name="casus-list"),
    path("casussen/nieuw/", views.casus_open, name="casus-create"),
    path("casussen/<str:public_id>/", include(casus_patterns)),
    path("auditrapport/", views.audit_rapport, name="audit-rapport"),
]

urlpatterns = [
    path("", include((casusoverleg_patterns, "casusoverleg"))),
    path("", include("identificatie.urls")),
    path("", include("advies.urls")),
    path("", include("zorgtafel.urls")),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("healthz", views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
]

handler400 = "casusoverleg.errors.bad_request"
handler403 = "casusoverleg.errors.permission_denied"
handler404 = "casusoverleg.errors.page_not_found"
handler500 = "casusoverleg.errors.server_error"
