from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasusoverlegConfig(AppConfig):
    name = "casusoverleg"
    verbose_name = _("Casusoverleg")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from .middleware import record_login_time
        from .sessies import sockets_close_on_logout

        user_logged_in.connect(record_login_time, dispatch_uid="casusoverleg_login_at")
        user_logged_out.connect(sockets_close_on_logout, dispatch_uid="casusoverleg_sockets_logout")
