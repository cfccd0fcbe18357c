"""Quarters, and the periods the dashboard can be filtered on.

Every figure is counted per quarter in the database; a period is a set of quarters.
The choices that suppression protects together (``onderdrukking.gekoppeld_onderdrukken``)
form a tree: each quarter, each calendar year (its quarters), the whole pilot (its
years). A period of the user's own ("eigen periode", whole quarters from .. to) is
made of those choices (``Periode.onderdelen``), never counted on its own: see
``onderdrukking.afgeleid`` for why.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

PILOT = "pilot"


@dataclass(frozen=True, order=True)
class Kwartaal:
    jaar: int
    nummer: int

    @classmethod
    def van_datum(cls, datum: datetime.date) -> Kwartaal:
        return cls(datum.year, (datum.month - 1) // 3 + 1)

    @classmethod
    def van_sleutel(cls, sleutel: int) -> Kwartaal:
        return cls(sleutel // 10, sleutel % 10)

    @classmethod
    def van_tekst(cls, tekst: str) -> Kwartaal:
        """``"2026-K3"`` (what the filter form sends); ``ValueError`` otherwise."""
        jaar, _sep, nummer = tekst.strip().upper().partition("-K")
        kwartaal = cls(int(jaar), int(nummer))
        if not (1 <= kwartaal.nummer <= 4 and 2000 <= kwartaal.jaar <= 2999):
            raise ValueError(tekst)
        return kwartaal

    @property
    def sleutel(self) -> int:
        """How the database groups it: year * 10 + quarter."""
        return self.jaar * 10 + self.nummer

    @property
    def begin(self) -> datetime.date:
        return datetime.date(self.jaar, 3 * self.nummer - 2, 1)

    @property
    def eind(self) -> datetime.date:
        """The first day after the quarter."""
        return self.volgende.begin

    @property
    def volgende(self) -> Kwartaal:
        return Kwartaal(self.jaar + self.nummer // 4, self.nummer % 4 + 1)

    def __str__(self) -> str:
        return f"{self.jaar}-K{self.nummer}"

    @property
    def label(self) -> str:
        return _("%(nummer)se kwartaal %(jaar)s") % {"nummer": self.nummer, "jaar": self.jaar}


def kwartalen(van: Kwartaal, tot: Kwartaal) -> list[Kwartaal]:
    """The quarters from ``van`` up to and including ``tot``."""
    uit, k = [], van
    while k <= tot:
        uit.append(k)
        k = k.volgende
    return uit


def filterkeuzes(beschikbaar: list[Kwartaal]) -> dict[str, frozenset[int]]:
    """The protected period choices: every quarter, every year, the whole pilot.

    Keys are what the form and the URLs use ("2026-K3", "2026", "pilot"); values the
    quarter keys (``Kwartaal.sleutel``) each adds up.
    """
    keuzes: dict[str, frozenset[int]] = {str(k): frozenset({k.sleutel}) for k in beschikbaar}
    for jaar in sorted({k.jaar for k in beschikbaar}):
        keuzes[str(jaar)] = frozenset(k.sleutel for k in beschikbaar if k.jaar == jaar)
    keuzes[PILOT] = frozenset(k.sleutel for k in beschikbaar)
    return keuzes


@dataclass(frozen=True)
class Periode:
    """What the user chose: the whole pilot, a year, a quarter, or quarters from .. to."""

    soort: str  # "pilot", "jaar", "kwartaal" or "eigen"
    van: Kwartaal
    tot: Kwartaal

    def kwartalen(self) -> list[Kwartaal]:
        return kwartalen(self.van, self.tot)

    @property
    def begin(self) -> datetime.date:
        return self.van.begin

    @property
    def eind(self) -> datetime.date:
        """The first day after the period."""
        return self.tot.eind

    def onderdelen(self, beschikbaar: list[Kwartaal]) -> list[str]:
        """The protected choices (``filterkeuzes``) that together make this period.

        The whole pilot, a year or a quarter is one choice; another range is its
        whole years plus its loose quarters. Quarters outside the data hold nothing
        and are left out.
        """
        keuzes = filterkeuzes(beschikbaar)
        gevraagd = frozenset(k.sleutel for k in self.kwartalen()) & keuzes[PILOT]
        for naam, inhoud in keuzes.items():
            if inhoud == gevraagd:
                return [naam]
        delen = []
        for jaar in sorted({k.jaar for k in self.kwartalen()}):
            jaarinhoud = keuzes.get(str(jaar), frozenset())
            if jaarinhoud and jaarinhoud <= gevraagd:
                delen.append(str(jaar))
            else:
                delen += [
                    str(Kwartaal.van_sleutel(s))
                    for s in sorted(gevraagd)
                    if Kwartaal.van_sleutel(s).jaar == jaar
                ]
        return delen

    @property
    def label(self) -> str:
        if self.soort == "pilot":
            return _("De hele pilot (%(van)s tot en met %(tot)s)") % {
                "van": self.van.label,
                "tot": self.tot.label,
            }
        if self.soort == "jaar":
            return str(self.van.jaar)
        if self.van == self.tot:
            return self.van.label
        return _("%(van)s tot en met %(tot)s") % {"van": self.van.label, "tot": self.tot.label}
