from .account import (
    WachtwoordHerstelView,
    taal_kiezen,
    wachtwoord_herstel_voltooid,
    wachtwoord_vergeten,
    wachtwoord_vergeten_verzonden,
    wachtwoord_wijzigen,
)
from .audit import audit_rapport, audit_rapport_organisatie, audit_signalen
from .bevestigen import bevestiging, is_bevestigd
from .casus import (
    apply_errors,
    behoefte_add,
    behoefte_update,
    casus_audit,
    casus_coordinator,
    casus_detail,
    casus_list,
    casus_open,
    casus_update,
    deelname_remove,
    deelnemers,
    favicon,
    geschiedenis,
    healthz,
    home,
    tijdlijn,
)
from .casustaken import casustaak
from .concepten import ConceptFormulier, sessie_verlengen
from .gebruiksdoel import gebruiksdoel_meerdere, gebruiksdoel_opgeven
from .inzage import inzage_download, inzage_pagina
from .koppelingen import koppelverzoek, koppelverzoek_create
from .meldingen import (
    melding_gelezen,
    melding_list,
    melding_openen,
    melding_voorkeuren,
    meldingen_gelezen,
)
from .minderjarigen import casus_minderjarigheid
from .sluiten import casus_heropenen, casus_sluiten
from .toegangsreview import toegangsreview, toegangsreview_bevestigen, toegangsreview_intrekken
from .uitloggen import LogoutView

__all__ = [
    "audit_rapport_organisatie",
    "audit_signalen",
    "toegangsreview",
    "toegangsreview_bevestigen",
    "toegangsreview_intrekken",
    "inzage_download",
    "inzage_pagina",
    "gebruiksdoel_meerdere",
    "gebruiksdoel_opgeven",
    "casus_minderjarigheid",
    "casustaak",
    "koppelverzoek",
    "koppelverzoek_create",
    "melding_gelezen",
    "melding_list",
    "melding_openen",
    "melding_voorkeuren",
    "meldingen_gelezen",
    "ConceptFormulier",
    "LogoutView",
    "sessie_verlengen",
    "WachtwoordHerstelView",
    "taal_kiezen",
    "wachtwoord_herstel_voltooid",
    "wachtwoord_vergeten",
    "wachtwoord_vergeten_verzonden",
    "wachtwoord_wijzigen",
    "apply_errors",
    "bevestiging",
    "is_bevestigd",
    "audit_rapport",
    "behoefte_add",
    "behoefte_update",
    "casus_audit",
    "casus_coordinator",
    "casus_open",
    "casus_detail",
    "casus_update",
    "casus_heropenen",
    "casus_sluiten",
    "casus_list",
    "deelname_remove",
    "deelnemers",
    "geschiedenis",
    "favicon",
    "healthz",
    "home",
    "tijdlijn",
]
