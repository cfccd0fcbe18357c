from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatistiekConfig(AppConfig):
    name = "statistiek"
    verbose_name = _("Statistiek")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casusoverleg import startpagina

        from .startpagina import SECTIES

        for sectie in SECTIES:
            startpagina.register(sectie)
