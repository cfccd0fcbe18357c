from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasusoverlegConfig(AppConfig):
    name = "casusoverleg"
    verbose_name = _("Casusoverleg")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .admin import audit_every_admin
        from .middleware import record_login_time

        user_logged_in.connect(record_login_time, dispatch_uid="casusoverleg_login_at")
        # After django.contrib.admin's autodiscover (earlier in INSTALLED_APPS).
        audit_every_admin()
