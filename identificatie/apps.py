from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")

    def ready(self):
        from casusoverleg import casuspagina, herinneringen, sluiten, startpagina

        from .casuspagina import identificatie_tijdlijn
        from .herinneringen import taken_verlopen
        from .services import open_processtaken_overzicht, processen_annuleren_bij_sluiten
        from .startpagina import SECTIES

        herinneringen.register(taken_verlopen)
        casuspagina.register_tijdlijn(identificatie_tijdlijn)
        sluiten.register(processen_annuleren_bij_sluiten)
        sluiten.register_overzicht(open_processtaken_overzicht)
        for sectie in SECTIES:
            startpagina.register(sectie)
