"""Writes of the meetings, one module per subject; import services from here."""

from .actiepunten import actiepunt_update
from .common import (
    ZORGTAFEL_FIELDS,
)
from .planning import (
    agendapunt_add,
    agendapunt_gast_add,
    agendapunt_move,
    agendapunt_remove,
    casus_uitnodigingen_sync,
    gebruiker_uitnodigingen_sync,
    genodigden,
    voorzitter_dubbel_geboekt,
    zorgtafel_cancel,
    zorgtafel_plan,
    zorgtafel_update,
)
from .sluiten import casuswerk_annuleren, casuswerk_overzicht
from .uitnodigingen import (
    zorgtafel_ics,
    zorgtafel_url,
)
from .vergadering import (
    aanwezigheid_record,
    actiepunt_add,
    actiepunt_review,
    addendum_add,
    besluit_record,
    huidig_agendapunt_set,
    notule_add,
    notule_update,
    vertrouwelijkheid_confirm,
    zorgtafel_close,
    zorgtafel_start,
)

__all__ = [
    "casuswerk_annuleren",
    "casuswerk_overzicht",
    "ZORGTAFEL_FIELDS",
    "ZORGTAFEL_FIELDS",
    "aanwezigheid_record",
    "actiepunt_add",
    "actiepunt_review",
    "actiepunt_update",
    "addendum_add",
    "agendapunt_add",
    "besluit_record",
    "agendapunt_gast_add",
    "agendapunt_remove",
    "agendapunt_move",
    "casus_uitnodigingen_sync",
    "genodigden",
    "gebruiker_uitnodigingen_sync",
    "notule_add",
    "notule_update",
    "voorzitter_dubbel_geboekt",
    "zorgtafel_cancel",
    "huidig_agendapunt_set",
    "zorgtafel_ics",
    "zorgtafel_plan",
    "zorgtafel_close",
    "zorgtafel_start",
    "zorgtafel_update",
    "zorgtafel_url",
    "vertrouwelijkheid_confirm",
]
