from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")

    def ready(self):
        from casusoverleg import herinneringen, startpagina

        from .herinneringen import taken_verlopen
        from .startpagina import SECTIES

        herinneringen.register(taken_verlopen)
        for sectie in SECTIES:
            startpagina.register(sectie)
