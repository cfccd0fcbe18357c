from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasusoverlegConfig(AppConfig):
    name = "casusoverleg"
    verbose_name = _("Casusoverleg")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import (  # noqa: F401
            inloggen,
            koppelingen,
            minderjarigen,
            services,
            signals,
            toegangsreview,
        )
        from .admin import audit_every_admin
        from .middleware import activate_user_language, record_login_time
        from .sessies import sockets_close_on_logout

        user_logged_in.connect(record_login_time, dispatch_uid="casusoverleg_login_at")
        user_logged_in.connect(activate_user_language, dispatch_uid="casusoverleg_login_taal")
        user_logged_in.connect(inloggen.audit_logged_in, dispatch_uid="casusoverleg_audit_login")
        user_logged_out.connect(inloggen.audit_logged_out, dispatch_uid="casusoverleg_audit_logout")
        user_login_failed.connect(
            inloggen.audit_login_failed, dispatch_uid="casusoverleg_audit_login_failed"
        )
        user_locked_out.connect(inloggen.locked_out, dispatch_uid="casusoverleg_locked_out")
        # After django.contrib.admin's autodiscover (earlier in INSTALLED_APPS).
        audit_every_admin()
        user_logged_out.connect(sockets_close_on_logout, dispatch_uid="casusoverleg_sockets_logout")
        # Minors: the task kinds and the turning-18 term, kept in step with the case.
        minderjarigen.register(
            ontvangers=lambda termijn: services.casus_coordinatoren(termijn.casus),
            bij_herinnering=services.achttien_herinnering,
            bij_verlopen=services.achttien_verlopen,
        )
        for signal, uid in (
            (signals.casus_changed, "casusoverleg_minderjarige_casus"),
            (signals.deelnames_changed, "casusoverleg_minderjarige_deelnames"),
        ):
            signal.connect(services.minderjarige_bijwerken, dispatch_uid=uid)
