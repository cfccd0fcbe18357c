"""Writes of the core, one module per subject; import services from here."""

from .casus import (
    BEHOEFTE_FIELDS,
    CASUS_FIELDS,
    behoefte_add,
    behoefte_update,
    casus_create,
    casus_nummer_next,
    casus_open,
    casus_update,
    deelname_add,
    deelname_end,
    deelname_remove,
    wijziging_record,
)
from .concepten import (
    concept_ophalen,
    concept_opslaan,
    concept_verwijderen,
    concepten_ophalen,
    concepten_opruimen,
)
from .gebruikers import (
    gebruiker_create,
    gebruiker_organisatie_change,
    gebruiker_rollen_change,
    wachtwoordreset_confirm,
    wachtwoordreset_request,
)
from .mfa import (
    herstelcodes_regenerate,
    mfa_apparaat_remove,
    mfa_reset,
    mfa_verify,
    totp_confirm,
    totp_enrol_begin,
)
from .toegang import (
    TeVeelAanvragen,
    geblokkeerd_record,
    wachtwoord_change,
    wachtwoordherstel_complete,
    wachtwoordherstel_request,
)
from .voorkeuren import gebruiker_taal_change

__all__ = [
    "BEHOEFTE_FIELDS",
    "CASUS_FIELDS",
    "behoefte_add",
    "behoefte_update",
    "casus_nummer_next",
    "casus_create",
    "casus_open",
    "casus_update",
    "deelname_add",
    "deelname_end",
    "deelname_remove",
    "wijziging_record",
    "concept_ophalen",
    "concept_opslaan",
    "concept_verwijderen",
    "concepten_ophalen",
    "concepten_opruimen",
    "gebruiker_create",
    "gebruiker_organisatie_change",
    "gebruiker_rollen_change",
    "gebruiker_taal_change",
    "wachtwoordreset_confirm",
    "wachtwoordreset_request",
    "TeVeelAanvragen",
    "geblokkeerd_record",
    "wachtwoord_change",
    "wachtwoordherstel_complete",
    "wachtwoordherstel_request",
    "herstelcodes_regenerate",
    "mfa_apparaat_remove",
    "mfa_reset",
    "mfa_verify",
    "totp_confirm",
    "totp_enrol_begin",
]
