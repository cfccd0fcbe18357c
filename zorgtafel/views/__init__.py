"""Meeting pages; each looks the meeting up through ``zorgtafel_view`` first."""

from .actiepunten import actiepunt_detail
from .common import zorgtafel_view
from .items import (
    actiepunt_add,
    actiepunt_review,
    addendum_add,
    besluit_record,
    notule_add,
)
from .planning import (
    actiepunten,
    agenda_update,
    zorgtafel_agenda,
    zorgtafel_cancel,
    zorgtafel_list,
    zorgtafel_plan,
    zorgtafel_update,
)
from .room import (
    aanwezigheid_record,
    huidig_agendapunt_set,
    vertrouwelijkheid_confirm,
    zorgtafel_close,
    zorgtafel_detail,
    zorgtafel_ics,
    zorgtafel_notulen_pdf,
    zorgtafel_start,
)

__all__ = [
    "actiepunt_detail",
    "actiepunten",
    "agenda_update",
    "aanwezigheid_record",
    "actiepunt_add",
    "actiepunt_review",
    "addendum_add",
    "zorgtafel_agenda",
    "zorgtafel_cancel",
    "besluit_record",
    "vertrouwelijkheid_confirm",
    "zorgtafel_plan",
    "zorgtafel_detail",
    "zorgtafel_update",
    "huidig_agendapunt_set",
    "zorgtafel_ics",
    "zorgtafel_list",
    "notule_add",
    "zorgtafel_notulen_pdf",
    "zorgtafel_close",
    "zorgtafel_start",
    "zorgtafel_view",
]
