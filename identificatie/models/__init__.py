from .bedenktijd import Bedenktijd
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
    "Bedenktijd",
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
