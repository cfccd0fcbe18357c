"""Writes of the meetings, one module per subject; import services from here."""

from .common import (
    ZORGTAFEL_FIELDS,
)
from .planning import (
    agendapunt_add,
    agendapunt_gast_add,
    agendapunt_remove,
    agendapunt_verplaatsen,
    deelnames_gewijzigd,
    genodigden,
    uitnodigingen_gebruiker_sync,
    voorzitter_dubbel_geboekt,
    zorgtafel_annuleren,
    zorgtafel_plan,
    zorgtafel_update,
)
from .uitnodigingen import (
    zorgtafel_ics,
    zorgtafel_url,
)
from .vergadering import (
    aanwezigheid_vastleggen,
    actiepunt_add,
    actiepunt_beoordelen,
    addendum_add,
    agendapunt_besluit_vastleggen,
    notule_add,
    notule_update,
    zorgtafel_huidig_agendapunt,
    zorgtafel_sluiten,
    zorgtafel_starten,
    zorgtafel_vertrouwelijkheid_bevestigen,
)

__all__ = [
    "ZORGTAFEL_FIELDS",
    "ZORGTAFEL_FIELDS",
    "aanwezigheid_vastleggen",
    "actiepunt_add",
    "actiepunt_beoordelen",
    "addendum_add",
    "agendapunt_add",
    "agendapunt_besluit_vastleggen",
    "agendapunt_gast_add",
    "agendapunt_remove",
    "agendapunt_verplaatsen",
    "deelnames_gewijzigd",
    "genodigden",
    "uitnodigingen_gebruiker_sync",
    "notule_add",
    "notule_update",
    "voorzitter_dubbel_geboekt",
    "zorgtafel_annuleren",
    "zorgtafel_huidig_agendapunt",
    "zorgtafel_ics",
    "zorgtafel_plan",
    "zorgtafel_sluiten",
    "zorgtafel_starten",
    "zorgtafel_update",
    "zorgtafel_url",
    "zorgtafel_vertrouwelijkheid_bevestigen",
]
