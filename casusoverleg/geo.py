"""Origin of a person, derived from nationality (the EU membership list lives here
only), and the provinces a municipality lies in."""

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


class Provincie(models.TextChoices):
    """The twelve provinces: the region of a municipality, and of the help that
    organisations offer there (``wegwijzer.models.Regio``)."""

    GRONINGEN = "groningen", _("Groningen")
    FRIESLAND = "friesland", _("Friesland")
    DRENTHE = "drenthe", _("Drenthe")
    OVERIJSSEL = "overijssel", _("Overijssel")
    FLEVOLAND = "flevoland", _("Flevoland")
    GELDERLAND = "gelderland", _("Gelderland")
    UTRECHT = "utrecht", _("Utrecht")
    NOORD_HOLLAND = "noord_holland", _("Noord-Holland")
    ZUID_HOLLAND = "zuid_holland", _("Zuid-Holland")
    ZEELAND = "zeeland", _("Zeeland")
    NOORD_BRABANT = "noord_brabant", _("Noord-Brabant")
    LIMBURG = "limburg", _("Limburg")
