from .proces import Beoordeling, BeoordelingAddendum, IdentificatieProces, Taak
from .signalen import (
    FrozenWhenPublished,
    Indicator,
    IndicatorGroep,
    IndicatorLijst,
    Melding,
    PublishedError,
    Signaal,
)

__all__ = [
    "Beoordeling",
    "BeoordelingAddendum",
    "FrozenWhenPublished",
    "IdentificatieProces",
    "Indicator",
    "IndicatorGroep",
    "IndicatorLijst",
    "Melding",
    "PublishedError",
    "Signaal",
    "Taak",
]
