from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = _("Advies")

    def ready(self):
        from casusoverleg import casuspagina, sluiten, startpagina, takenlijst

        from .casuspagina import advies_tijdlijn
        from .services import correcties_annuleren_bij_sluiten
        from .startpagina import SECTIES
        from .takenlijst import aftekentaken

        takenlijst.register("aftekenen", _("Adviezen aftekenen"), aftekentaken)
        casuspagina.register_tijdlijn(advies_tijdlijn)
        sluiten.register(correcties_annuleren_bij_sluiten)
        for sectie in SECTIES:
            startpagina.register(sectie)
