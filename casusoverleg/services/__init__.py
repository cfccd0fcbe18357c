"""Writes of the core, one module per subject; import services from here."""

from .casus import (
    BEHOEFTE_FIELDS,
    CASUS_FIELDS,
    behoefte_add,
    behoefte_update,
    casus_nummer_next,
    casus_open,
    casus_update,
    deelname_add,
    deelname_remove,
)

__all__ = [
    "BEHOEFTE_FIELDS",
    "CASUS_FIELDS",
    "behoefte_add",
    "behoefte_update",
    "casus_nummer_next",
    "casus_open",
    "casus_update",
    "deelname_add",
    "deelname_remove",
]
