from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentificatieConfig(AppConfig):
    name = "identificatie"
    verbose_name = _("Identificatie")

    def ready(self):
        from casusoverleg import (
            casuspagina,
            casustaken,
            herinneringen,
            sluiten,
            startpagina,
            termijnen,
        )

        from .casuspagina import bedenktijd_sectie, identificatie_tijdlijn
        from .herinneringen import taken_verlopen
        from .services import (
            bij_verlopen_instelling,
            open_processtaken_overzicht,
            processen_annuleren_bij_sluiten,
        )
        from .startpagina import SECTIES
        from .termijnen import CASUSTAAKSOORTEN, REGELS

        herinneringen.register(taken_verlopen)
        for regel in REGELS:
            termijnen.register(regel)
        for soort in CASUSTAAKSOORTEN:
            casustaken.register(soort)
        casuspagina.register_sectie(bedenktijd_sectie)
        bij_verlopen_instelling()  # a mistyped setting fails at start, not at the deadline
        casuspagina.register_tijdlijn(identificatie_tijdlijn)
        sluiten.register(processen_annuleren_bij_sluiten)
        sluiten.register_overzicht(open_processtaken_overzicht)
        for sectie in SECTIES:
            startpagina.register(sectie)
