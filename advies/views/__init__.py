"""The advice's pages: its versions, PDF and sign-off (``advies``), and its steps in
the inbox (``taken``)."""

from .advies import (
    advies_besluit,
    advies_correct,
    advies_detail,
    advies_pdf,
    advies_sign_off,
    advies_verzenden,
    advies_withdraw,
)
from .taken import advies_taak, correctie_taak

__all__ = [
    "advies_besluit",
    "advies_verzenden",
    "advies_sign_off",
    "advies_correct",
    "advies_detail",
    "advies_withdraw",
    "advies_pdf",
    "advies_taak",
    "correctie_taak",
]
