from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WegwijzerConfig(AppConfig):
    name = "wegwijzer"
    verbose_name = _("Wegwijzer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casusoverleg import casuspagina, herinneringen, inzage, takenlijst

        from .casuspagina import (
            doorverwijzingen_sectie,
            doorverwijzingen_tijdlijn,
            regelingen_sectie,
        )
        from .herinneringen import doorverwijzingen_onbeantwoord
        from .inzage import doorverwijzingen_onderdeel
        from .takenlijst import doorverwijzing_taken

        herinneringen.register(doorverwijzingen_onbeantwoord)
        takenlijst.register(
            "doorverwijzingen", _("Doorverwijzingen naar uw organisatie"), doorverwijzing_taken
        )
        casuspagina.register_sectie(doorverwijzingen_sectie)
        casuspagina.register_sectie(regelingen_sectie)
        casuspagina.register_tijdlijn(doorverwijzingen_tijdlijn)
        inzage.register(doorverwijzingen_onderdeel)
