"""Writes of the identificatie app, one module per subject; import services from here."""

from .indicatorlijst import (
    indicatorlijst_new_version,
    indicatorlijst_publish,
)
from .melding import (
    EXPORT_FIELDS,
    melding_create,
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
    zorgtafel_stap_uit_besluit,
    zorgtafel_uitkomst,
)
from .signalen import (
    SIGNAAL_FIELDS,
    WETTELIJKE_MELDERS,
    signaal_attach,
    signaal_close,
    signaal_errors,
    signaal_open_casus,
    signaal_record,
)
from .taken import (
    taak_check_owner,
    taak_claim,
    taak_complete,
    taak_reassign,
    taak_release,
)

__all__ = [
    "EXPORT_FIELDS",
    "SIGNAAL_FIELDS",
    "WETTELIJKE_MELDERS",
    "addendum_add",
    "beoordeling_late_submit",
    "beoordeling_save",
    "beoordeling_update",
    "indicatorlijst_new_version",
    "indicatorlijst_publish",
    "melding_create",
    "melding_export_row",
    "melding_prefill",
    "melding_update",
    "proces_cancel",
    "proces_start",
    "ronde_close",
    "signaal_attach",
    "signaal_close",
    "signaal_errors",
    "signaal_open_casus",
    "signaal_record",
    "taak_check_owner",
    "taak_claim",
    "taak_complete",
    "taak_reassign",
    "taak_release",
    "zorgtafel_stap_uit_besluit",
    "zorgtafel_uitkomst",
]
