"""Writes of the identificatie app, one module per subject; import services from here."""

from .bedenktijd import bedenktijd_lopend, bedenktijd_start, bedenktijd_uitkomst
from .behoeften import behoefte_overnemen
from .indicatorlijst import (
    indicatorlijst_copy,
    indicatorlijst_publish,
)
from .melding import (
    EXPORT_FIELDS,
    EXPORT_KOPPEN,
    melding_create,
    melding_csv_row,
    melding_export_row,
    melding_prefill,
    melding_update,
)
from .proces import (
    addendum_add,
    beoordeling_late_submit,
    beoordeling_save,
    beoordeling_update,
    proces_cancel,
    proces_start,
    ronde_close,
    zorgtafel_uitkomst_record,
    zorgtafelstap_complete,
)
from .signalen import (
    SIGNAAL_FIELDS,
    WETTELIJKE_MELDERS,
    casus_open_from_signaal,
    signaal_attach,
    signaal_close,
    signaal_errors,
    signaal_record,
    signaal_share,
    signaal_unshare,
)
from .taken import (
    taak_check_owner,
    taak_claim,
    taak_complete,
    taak_may_hand_over,
    taak_reassign,
    taak_release,
)

__all__ = [
    "bedenktijd_lopend",
    "bedenktijd_start",
    "bedenktijd_uitkomst",
    "EXPORT_FIELDS",
    "EXPORT_KOPPEN",
    "SIGNAAL_FIELDS",
    "WETTELIJKE_MELDERS",
    "addendum_add",
    "behoefte_overnemen",
    "beoordeling_late_submit",
    "beoordeling_save",
    "beoordeling_update",
    "indicatorlijst_copy",
    "indicatorlijst_publish",
    "melding_create",
    "melding_csv_row",
    "melding_export_row",
    "melding_prefill",
    "melding_update",
    "proces_cancel",
    "proces_start",
    "ronde_close",
    "signaal_attach",
    "signaal_close",
    "signaal_errors",
    "casus_open_from_signaal",
    "signaal_record",
    "signaal_share",
    "signaal_unshare",
    "taak_check_owner",
    "taak_claim",
    "taak_complete",
    "taak_may_hand_over",
    "taak_reassign",
    "taak_release",
    "zorgtafelstap_complete",
    "zorgtafel_uitkomst_record",
]
