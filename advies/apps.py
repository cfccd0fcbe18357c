from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = _("Advies")

    def ready(self):
        from casusoverleg import startpagina

        from .startpagina import SECTIES

        for sectie in SECTIES:
            startpagina.register(sectie)
