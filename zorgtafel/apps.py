from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgtafelConfig(AppConfig):
    name = "zorgtafel"
    verbose_name = _("Zorgtafel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from casusoverleg import (
            casuspagina,
            herinneringen,
            inzage,
            signals,
            sluiten,
            startpagina,
            takenlijst,
        )

        from . import services
        from .casuspagina import overleggen_sectie, overleggen_tijdlijn
        from .herinneringen import actiepunten_verlopen
        from .inzage import overleggen_onderdeel
        from .startpagina import SECTIES
        from .takenlijst import actiepunt_taken

        signals.deelnames_changed.connect(
            services.casus_uitnodigingen_sync, dispatch_uid="zorgtafel_deelnames_changed"
        )
        signals.gebruiker_changed.connect(
            services.gebruiker_uitnodigingen_sync, dispatch_uid="zorgtafel_gebruiker_changed"
        )
        herinneringen.register(actiepunten_verlopen)
        sluiten.register(services.casuswerk_annuleren)
        sluiten.register_overzicht(services.casuswerk_overzicht)
        takenlijst.register("actiepunten", _("Actiepunten van uw organisatie"), actiepunt_taken)
        casuspagina.register_sectie(overleggen_sectie)
        casuspagina.register_tijdlijn(overleggen_tijdlijn)
        inzage.register(overleggen_onderdeel)
        for sectie in SECTIES:
            startpagina.register(sectie)
