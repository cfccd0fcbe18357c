"""Meeting pages; each looks the meeting up through ``zorgtafel_view`` first."""

from .common import zorgtafel_view
from .items import (
    zorgtafel_actiepunt,
    zorgtafel_actiepunt_beoordelen,
    zorgtafel_addendum,
    zorgtafel_besluit,
    zorgtafel_notule,
)
from .planning import (
    actiepunten,
    agendapunt_wijzigen,
    zorgtafel_agenda,
    zorgtafel_annuleren,
    zorgtafel_create,
    zorgtafel_edit,
    zorgtafel_list,
)
from .room import (
    zorgtafel_aanwezigheid,
    zorgtafel_bevestigen,
    zorgtafel_detail,
    zorgtafel_huidig,
    zorgtafel_ics,
    zorgtafel_notulen_pdf,
    zorgtafel_sluiten,
    zorgtafel_starten,
)

__all__ = [
    "actiepunten",
    "agendapunt_wijzigen",
    "zorgtafel_aanwezigheid",
    "zorgtafel_actiepunt",
    "zorgtafel_actiepunt_beoordelen",
    "zorgtafel_addendum",
    "zorgtafel_agenda",
    "zorgtafel_annuleren",
    "zorgtafel_besluit",
    "zorgtafel_bevestigen",
    "zorgtafel_create",
    "zorgtafel_detail",
    "zorgtafel_edit",
    "zorgtafel_huidig",
    "zorgtafel_ics",
    "zorgtafel_list",
    "zorgtafel_notule",
    "zorgtafel_notulen_pdf",
    "zorgtafel_sluiten",
    "zorgtafel_starten",
    "zorgtafel_view",
]
