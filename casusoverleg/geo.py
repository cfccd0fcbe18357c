"""Origin of a person, derived from nationality. The EU membership list lives here only."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Member states of the European Union (ISO 3166-1 alpha-2), as of 2026.
EU_LANDEN = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


class Herkomst(models.TextChoices):
    NL = "nl", _("Nederland")
    EU = "eu", _("EU")
    BUITEN_EU = "buiten_eu", _("Buiten de EU")
    ONBEKEND = "onbekend", _("Onbekend")


def herkomst(nationaliteit: str | None) -> Herkomst:
    """NL, EU or outside the EU, as the NVM letter distinguishes them."""
    code = (nationaliteit or "").upper()
    if not code:
        return Herkomst.ONBEKEND
    if code == "NL":
        return Herkomst.NL
    if code in EU_LANDEN:
        return Herkomst.EU
    return Herkomst.BUITEN_EU
