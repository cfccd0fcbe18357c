from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")

    def ready(self):
        from casusoverleg import casuspagina, herinneringen, startpagina

        from .casuspagina import identificatie_tijdlijn, signaal_dubbelen_sectie
        from .herinneringen import taken_verlopen
        from .startpagina import SECTIES

        herinneringen.register(taken_verlopen)
        casuspagina.register_tijdlijn(identificatie_tijdlijn)
        casuspagina.register_sectie(signaal_dubbelen_sectie)
        for sectie in SECTIES:
            startpagina.register(sectie)
