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
            inzage,
            signals,
            sluiten,
            startpagina,
            takenlijst,
            termijnen,
        )

        from . import services
        from .casuspagina import bedenktijd_sectie, identificatie_tijdlijn, signaal_dubbelen_sectie
        from .herinneringen import taken_verlopen
        from .inzage import beoordelingen_onderdeel, melding_onderdeel, signalen_onderdeel
        from .services import (
            bij_verlopen_instelling,
            open_processtaken_overzicht,
            processen_annuleren_bij_sluiten,
        )
        from .services.bedenktijd import bedenktijd_herstellen
        from .services.melding import melding_termijn_herstellen
        from .startpagina import SECTIES
        from .takenlijst import meldingen_in_te_dienen, meldingen_te_registreren
        from .termijnen import CASUSTAAKSOORTEN, REGELS

        signals.casus_geopend.connect(
            services.melding_bij_casus_geopend, dispatch_uid="identificatie_casus_geopend"
        )
        takenlijst.register(
            "meldingen-in-te-dienen", _("Meldingen aan CoMensha"), meldingen_in_te_dienen
        )
        takenlijst.register(
            "meldingen-te-registreren", _("Meldingen te registreren"), meldingen_te_registreren
        )
        herinneringen.register(taken_verlopen)
        for regel in REGELS:
            termijnen.register(regel)
        for soort in CASUSTAAKSOORTEN:
            casustaken.register(soort)
        casuspagina.register_sectie(bedenktijd_sectie)
        bij_verlopen_instelling()  # a mistyped setting fails at start, not at the deadline
        casuspagina.register_tijdlijn(identificatie_tijdlijn)
        sluiten.register(processen_annuleren_bij_sluiten)
        sluiten.register_heropenen(bedenktijd_herstellen)
        sluiten.register_heropenen(melding_termijn_herstellen)
        sluiten.register_overzicht(open_processtaken_overzicht)
        casuspagina.register_sectie(signaal_dubbelen_sectie)
        for onderdeel in (signalen_onderdeel, melding_onderdeel, beoordelingen_onderdeel):
            inzage.register(onderdeel)
        for sectie in SECTIES:
            startpagina.register(sectie)
