from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = _("Advies")

    def ready(self):
        from casusoverleg import casuspagina, inzage, sluiten, startpagina, takenlijst, termijnen

        from .casuspagina import advies_tijdlijn
        from .inzage import adviezen_onderdeel
        from .services import correcties_annuleren_bij_sluiten
        from .startpagina import SECTIES
        from .takenlijst import aftekentaken, besluittaken, verzendtaken
        from .termijnen import REGELS

        takenlijst.register("aftekenen", _("Adviezen aftekenen"), aftekentaken)
        takenlijst.register("verzenden", _("Adviezen verzenden"), verzendtaken)
        takenlijst.register("besluiten", _("Besluiten op adviezen vastleggen"), besluittaken)
        casuspagina.register_tijdlijn(advies_tijdlijn)
        inzage.register(adviezen_onderdeel)
        sluiten.register(correcties_annuleren_bij_sluiten)
        for regel in REGELS:
            termijnen.register(regel)
        for sectie in SECTIES:
            startpagina.register(sectie)
