"""The advice's pages: its versions, PDF and sign-off (``advies``), and its steps in
the inbox (``taken``)."""

from .advies import (
    advies_aftekenen,
    advies_corrigeren,
    advies_detail,
    advies_intrekken,
    advies_pdf,
)
from .taken import advies_taak, correctie_taak

__all__ = [
    "advies_aftekenen",
    "advies_corrigeren",
    "advies_detail",
    "advies_intrekken",
    "advies_pdf",
    "advies_taak",
    "correctie_taak",
]
