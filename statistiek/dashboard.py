"""The project group's dashboard: every table, as it may be published.

``dashboard()`` counts (``cijfers``), suppresses (``onderdrukking``) and returns
what the page, the CSV files and the PDF report all show: they render the same
``Dashboard`` and read every cell through ``onderdrukking.weergave``, so no output
can show a figure another hides.

Every count table is suppressed under *every* filter choice at once
(``gekoppeld_onderdrukken``: each quarter, year and the whole pilot, each
coordinating organisation and all of them), and the chosen one is picked from
that: the same cell is hidden whoever looks and whatever they chose, so two
choices cannot be subtracted to reveal it. A period of the user's own is added
up from published choices only (``afgeleid``).
"""

from __future__ import annotations

import datetime
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from . import cijfers
from .onderdrukking import (
    Cel,
    Tabel,
    Tijdstatistiek,
    afgeleid,
    gekoppeld_onderdrukken,
    tijdstatistiek_van,
    weergave,
)
from .periodes import PILOT, Kwartaal, Periode, filterkeuzes, kwartalen

ALLE = "alle"
NU = "nu"


@dataclass(frozen=True)
class Tabeldefinitie:
    sleutel: str
    titel: str
    toelichting: str
    tellen: Callable[..., cijfers.Telling]
    #: Counted today, not per period (overdue work): the period filter does not apply.
    stand_van_vandaag: bool = False


@dataclass(frozen=True)
class Regel:
    label: str
    cellen: tuple[str, ...]
    totaal: str


@dataclass
class Tabelweergave:
    """One table as every output shows it: labels and the suppressed cells."""

    definitie: Tabeldefinitie
    rijen: tuple[str, ...]
    kolommen: tuple[str, ...]
    tabel: Tabel | None  # None: too few cases to show anything
    #: Extra columns after the total, already safe to show (shares, medians).
    extra_kolommen: tuple[str, ...] = ()
    extra: tuple[tuple[str, ...], ...] = ()
    #: The extra columns' values on the totals row (empty: none).
    extra_totaal: tuple[str, ...] = ()
    #: Its chart (``grafieken``), set by whoever renders it.
    grafiek: str = ""

    @property
    def sleutel(self) -> str:
        return self.definitie.sleutel

    @property
    def titel(self) -> str:
        return self.definitie.titel

    @property
    def toelichting(self) -> str:
        return self.definitie.toelichting

    @property
    def stand_van_vandaag(self) -> bool:
        return self.definitie.stand_van_vandaag

    def kolomgroepen(self) -> list[tuple[str, int]]:
        """(group, width) for a two-row header, when the columns are "group – column"."""
        if not all(" – " in k for k in self.kolommen):
            return []
        groepen: list[tuple[str, int]] = []
        for kolom in self.kolommen:
            groep = kolom.split(" – ", 1)[0]
            if groepen and groepen[-1][0] == groep:
                groepen[-1] = (groep, groepen[-1][1] + 1)
            else:
                groepen.append((groep, 1))
        return groepen

    def kolomkoppen(self) -> list[str]:
        if self.kolomgroepen():
            return [k.split(" – ", 1)[1] for k in self.kolommen]
        return list(self.kolommen)

    def totaal_extra(self) -> tuple[str, ...]:
        """The totals row's extra cells: its values, or empty cells."""
        return self.extra_totaal or ("",) * len(self.extra_kolommen)

    def regels_met_extra(self) -> list[tuple[Regel, tuple[str, ...]]]:
        regels = self.regels()
        return list(zip(regels, self.extra or [()] * len(regels), strict=True))

    def regels(self) -> list[Regel]:
        if self.tabel is None:
            return []
        t = self.tabel
        return [
            Regel(
                label=label,
                cellen=tuple(weergave(c, t.drempel) for c in rij),
                totaal=weergave(totaal, t.drempel),
            )
            for label, rij, totaal in zip(self.rijen, t.cellen, t.rijtotalen, strict=True)
        ]

    def totaalregel(self) -> Regel | None:
        if self.tabel is None:
            return None
        t = self.tabel
        return Regel(
            label=str(_("Totaal")),
            cellen=tuple(weergave(c, t.drempel) for c in t.kolomtotalen),
            totaal=weergave(t.totaal, t.drempel),
        )

    def rijtotalen(self) -> list[tuple[str, Cel]]:
        """(label, total) per row: what the chart draws."""
        if self.tabel is None:
            return []
        return list(zip(self.rijen, self.tabel.rijtotalen, strict=True))


TABELLEN = (
    Tabeldefinitie(
        "casussen",
        _("Casussen naar vorm van uitbuiting, leeftijd en herkomst"),
        _(
            "Geopende casussen, in het kwartaal van openen. Leeftijd op de dag van openen; "
            "een casus met meer dan één vorm telt als 'meerdere vormen'."
        ),
        lambda ctx: cijfers.casussen_naar_vorm(),
    ),
    Tabeldefinitie(
        "signalen",
        _("Signalen naar vermoedelijke vorm van uitbuiting, leeftijd en herkomst"),
        _(
            "Vastgelegde signalen, in het kwartaal van vastleggen. Een signaal zonder casus "
            "telt alleen mee bij alle organisaties."
        ),
        lambda ctx: cijfers.signalen_naar_vorm(),
    ),
    Tabeldefinitie(
        "adviezen",
        _("Adviezen naar vorm van uitbuiting, leeftijd en herkomst"),
        _("Vastgestelde adviezen, in het kwartaal van vaststellen; een correctie telt niet apart."),
        lambda ctx: cijfers.adviezen_naar_vorm(),
    ),
    Tabeldefinitie(
        "signalerende-disciplines",
        _("Signalen naar signalerende discipline"),
        _("Vastgelegde signalen naar de discipline van de organisatie die ze vastlegde."),
        lambda ctx: cijfers.signalen_naar_discipline(),
    ),
    Tabeldefinitie(
        "organisaties",
        _("Casussen naar coördinerende organisatie en huidige status"),
        _("Geopende casussen, in het kwartaal van openen, met hun status van vandaag."),
        lambda ctx: cijfers.casussen_naar_organisatie(ctx["organisaties"]),
    ),
    Tabeldefinitie(
        "conclusies",
        _("Conclusies van de adviezen per geadresseerde"),
        _("Vastgestelde adviezen, in het kwartaal van vaststellen."),
        lambda ctx: cijfers.conclusies_naar_geadresseerde(),
    ),
    Tabeldefinitie(
        "beoordelingen",
        _("Beoordelingen per discipline"),
        _(
            "Ingediende beoordelingen, in het kwartaal van indienen: op tijd is uiterlijk "
            "op de deadline van de ronde. Dagen: van de start van de ronde tot indienen."
        ),
        lambda ctx: cijfers.beoordelingen_naar_discipline(),
    ),
    Tabeldefinitie(
        "meldingen",
        _("Meldingen aan CoMensha"),
        _("Per casus, in het kwartaal van openen: de melding en haar termijn van %(dagen)s dagen."),
        lambda ctx: cijfers.meldingen_comensha(ctx["vandaag"], ctx["meldtermijn"]),
    ),
    Tabeldefinitie(
        "sluitingen",
        _("Gesloten casussen naar reden"),
        _("Sluitingen, in het kwartaal van sluiten; elke keer sluiten telt."),
        lambda ctx: cijfers.sluitingen_naar_reden(),
    ),
    Tabeldefinitie(
        "doorverwijzingen",
        _("Doorverwijzingen naar soort hulp en uitkomst"),
        _(
            "Warme doorverwijzingen, in het kwartaal van vragen, met hun uitkomst van "
            "vandaag. Soort hulp: die van het gekozen aanbod, anders de belangrijkste bij "
            "de behoefte. Dagen tot antwoord: van vragen tot aanvaarden of afwijzen, over "
            "de doorverwijzingen die in de periode zijn beantwoord."
        ),
        lambda ctx: cijfers.doorverwijzingen_naar_uitkomst(),
    ),
    Tabeldefinitie(
        "afwijzingen",
        _("Afgewezen doorverwijzingen naar reden"),
        _(
            "Afgewezen doorverwijzingen, in het kwartaal van vragen, naar de soort reden "
            "die de ontvangende organisatie koos. Niet opgegeven: afgewezen voordat de "
            "soort reden werd gevraagd."
        ),
        lambda ctx: cijfers.afwijzingen_naar_reden(),
    ),
    Tabeldefinitie(
        "te-laat",
        _("Werk over de deadline, vandaag"),
        _(
            "Open processtappen, casustaken en actiepunten waarvan de deadline voorbij is, "
            "naar de discipline die ze moet doen. Stand van vandaag: de periode geldt hier niet."
        ),
        lambda ctx: cijfers.te_laat_nu(ctx["vandaag"]),
        stand_van_vandaag=True,
    ),
)


@dataclass(frozen=True)
class Tijdregel:
    label: str
    waarden: tuple[Tijdstatistiek | None, ...]  # one per DOORLOOPTIJDEN

    def teksten(self) -> list[str]:
        """Median and p90 of each time, as every output shows them ("–": too few)."""
        uit = []
        for stat in self.waarden:
            uit += [dagen(stat.mediaan), dagen(stat.p90)] if stat else ["–", "–"]
        return uit


@dataclass
class Dashboard:
    periode: Periode | None
    organisatie: tuple[int, str] | None  # None: all organisations
    drempel: int
    tabellen: list[Tabelweergave] = field(default_factory=list)
    tijden: list[Tijdregel] = field(default_factory=list)
    beschikbaar: list[Kwartaal] = field(default_factory=list)
    tijdgrafiek: str = ""
    #: When the figures were counted (``_bewaard``).
    stand: datetime.datetime | None = None

    def tabel(self, sleutel: str) -> Tabelweergave:
        return next(t for t in self.tabellen if t.sleutel == sleutel)

    @property
    def leeg(self) -> bool:
        return self.periode is None


def beschikbare_kwartalen(vandaag: datetime.date) -> list[Kwartaal]:
    """The quarters the figures cover: from the first case or signal to this one."""
    eerste = cijfers.eerste_kwartaal()
    if eerste is None:
        return []
    return kwartalen(eerste, max(eerste, Kwartaal.van_datum(vandaag)))


def dashboard(
    *,
    periode: Periode | None,
    organisatie_id: int | None,
    vandaag: datetime.date,
) -> Dashboard:
    """The figures of ``periode`` for one coordinating organisation (or all: None)."""
    drempel = settings.ONDERDRUKKING_DREMPEL
    beschikbaar = beschikbare_kwartalen(vandaag)
    meldtermijn = settings.TERMIJNEN["comensha_melding"]["dagen"]
    meting, stand = _bewaard(
        f"statistiek:tellingen:{vandaag.isoformat()}:{meldtermijn}",
        lambda: _tellen(vandaag, meldtermijn),
    )
    organisaties = meting["organisaties"]
    naam = dict(organisaties)
    gekozen = (organisatie_id, naam.get(organisatie_id, "")) if organisatie_id else None
    uit = Dashboard(
        periode=periode, organisatie=gekozen, drempel=drempel, beschikbaar=beschikbaar, stand=stand
    )
    if not beschikbaar or periode is None:
        uit.periode = None
        return uit

    keuzes = filterkeuzes(beschikbaar)
    onderdelen = periode.onderdelen(beschikbaar)
    familie = {ALLE: frozenset([*naam, cijfers.GEEN_ORGANISATIE])}
    familie |= {pk: frozenset({pk}) for pk in naam}
    familie[cijfers.GEEN_ORGANISATIE] = frozenset({cijfers.GEEN_ORGANISATIE})
    org = organisatie_id or ALLE

    for definitie in TABELLEN:
        telling = meting["tellingen"][definitie.sleutel]
        rijen = tuple(str(label) for _k, label in telling.rijen)
        kolommen = tuple(str(label) for _k, label in telling.kolommen)
        periodes = {NU: frozenset({cijfers.NU})} if definitie.stand_van_vandaag else keuzes
        alle = _gekoppeld(telling, periodes, familie, rijen, kolommen, drempel)
        if definitie.stand_van_vandaag:
            tabel = alle[NU, org]
        elif len(onderdelen) == 1:
            tabel = alle[onderdelen[0], org]
        else:
            tabel = afgeleid(
                [alle[deel, org] for deel in onderdelen],
                rijen=rijen,
                kolommen=kolommen,
                drempel=drempel,
            )
        if definitie.sleutel == "meldingen":
            definitie = Tabeldefinitie(
                definitie.sleutel,
                definitie.titel,
                definitie.toelichting % {"dagen": meldtermijn},
                definitie.tellen,
            )
        if definitie.sleutel == "organisaties" and organisatie_id and tabel is not None:
            # One organisation chosen: the other organisations' rows are all zero.
            rijen, tabel = _alleen_rij(tabel, rijen, str(naam.get(organisatie_id, "")))
        uit.tabellen.append(Tabelweergave(definitie, rijen, kolommen, tabel))

    tijden, stand_tijden = _bewaard(
        f"statistiek:tijden:{vandaag.isoformat()}:{periode.begin}:{periode.eind}:{org}",
        lambda: _tijden_meten(periode, organisatie_id),
    )
    uit.stand = min(stand, stand_tijden)
    _beoordelingen_aanvullen(
        uit.tabel("beoordelingen"),
        telling_rijen=cijfers.DISCIPLINES,
        per_discipline=tijden["beoordelingen"],
        drempel=drempel,
    )
    _antwoordtijden_aanvullen(
        uit.tabel("doorverwijzingen"),
        telling_rijen=cijfers.HULPSOORTEN,
        antwoorddagen=tijden["antwoorddagen"],
        drempel=drempel,
    )
    uit.tijden = _tijden(periode, beschikbaar, tijden["doorlooptijden"], drempel)
    return uit


def _bewaard(sleutel: str, maken: Callable[[], object]) -> tuple[object, datetime.datetime]:
    """``maken()`` and the moment it was made, kept ``STATISTIEK_VERVERSEN`` seconds.

    Counting 75,000 cases takes seconds; the project group needs figures of the day,
    not of the minute. Every look within the time shows the same snapshot, and says
    when it was made.
    """
    bewaren = settings.STATISTIEK_VERVERSEN
    if bewaren <= 0:
        return maken(), timezone.now()
    gevonden = cache.get(sleutel)
    # Its age by the application's clock, not only the cache's expiry (Redis keeps its
    # own time): a snapshot is never older than the setting says.
    nu = timezone.now()
    if gevonden is None or (nu - gevonden[1]).total_seconds() >= bewaren:
        gevonden = (maken(), nu)
        cache.set(sleutel, gevonden, bewaren)
    return gevonden


def _tellen(vandaag: datetime.date, meldtermijn: int) -> dict:
    """Every table's counts (``cijfers``): the part of the figures no filter changes."""
    organisaties = cijfers.coordinerende_organisaties()
    ctx = {"vandaag": vandaag, "organisaties": organisaties, "meldtermijn": meldtermijn}
    return {
        "organisaties": organisaties,
        "tellingen": {definitie.sleutel: definitie.tellen(ctx) for definitie in TABELLEN},
    }


def _tijden_meten(periode: Periode, organisatie_id: int | None) -> dict:
    """The order statistics of the period's times (``cijfers``), for ``_tijden``."""
    return {
        "doorlooptijden": [
            cijfers.doorlooptijden(soort, periode.begin, periode.eind, organisatie_id)
            for soort, _label in cijfers.DOORLOOPTIJDEN
        ],
        "beoordelingen": cijfers.beoordelingsdagen(periode.begin, periode.eind, organisatie_id),
        "antwoorddagen": cijfers.antwoorddagen(periode.begin, periode.eind, organisatie_id),
    }


def _alleen_rij(tabel: Tabel, rijen: tuple[str, ...], label: str):
    """The table with only the row ``label``: the others hold nothing (all zero)."""
    if label not in rijen:
        return rijen, tabel
    i = rijen.index(label)
    return (label,), Tabel(
        rijen=(label,),
        kolommen=tabel.kolommen,
        cellen=(tabel.cellen[i],),
        rijtotalen=(tabel.rijtotalen[i],),
        kolomtotalen=tabel.kolomtotalen,
        totaal=tabel.totaal,
        drempel=tabel.drempel,
    )


def _gekoppeld(telling, periodes, familie, rijen, kolommen, drempel):
    """``gekoppeld_onderdrukken``, cached on its input: the same counts give the same
    tables, so a second look (or the CSV after the page) costs one cache read."""
    sleutel = hashlib.sha256(
        pickle.dumps(
            (
                sorted(telling.basis.items()),
                sorted((str(k), sorted(v)) for k, v in periodes.items()),
                sorted((str(k), sorted(v)) for k, v in familie.items()),
                rijen,
                kolommen,
                drempel,
            )
        )
    ).hexdigest()
    sleutel = f"statistiek:{sleutel}"
    tabellen = cache.get(sleutel)
    if tabellen is None:
        tabellen = gekoppeld_onderdrukken(
            telling.basis,
            periodes=periodes,
            organisaties=familie,
            rijen=rijen,
            kolommen=kolommen,
            drempel=drempel,
        )
        cache.set(sleutel, tabellen, 3600)
    return tabellen


def _beoordelingen_aanvullen(weergave_, *, telling_rijen, per_discipline, drempel):
    """The assessments table's share on time and median days, per discipline.

    The share is shown only where both its counts are (it would give a hidden one
    away); the median only over at least ``drempel`` assessments.
    """
    extra = []
    tabel = weergave_.tabel
    for index, (sleutel, _label) in enumerate(telling_rijen):
        aandeel = "–"
        if tabel is not None:
            op_tijd, totaal = tabel.cellen[index][0], tabel.rijtotalen[index]
            if not (op_tijd.onderdrukt or totaal.onderdrukt) and totaal.getal:
                aandeel = f"{round(100 * op_tijd.getal / totaal.getal)}%"
        rangen = per_discipline.get(sleutel)
        stat = (
            tijdstatistiek_van(
                rangen.aantal,
                lambda p, r=rangen: cijfers.kwantiel(r, p),
                drempel=drempel,
            )
            if rangen
            else None
        )
        extra.append((aandeel, dagen(stat.mediaan) if stat else "–"))
    weergave_.extra_kolommen = (str(_("Aandeel op tijd")), str(_("Mediaan dagen")))
    weergave_.extra = tuple(extra)


def _antwoordtijden_aanvullen(weergave_, *, telling_rijen, antwoorddagen, drempel):
    """The referrals table's median and 90th percentile of days to answer, per kind of
    help and over all, each only over at least ``drempel`` answers (like every time
    statistic: ``tijdstatistiek_van``)."""
    per_soort, geheel = antwoorddagen

    def teksten(rangen) -> tuple[str, str]:
        stat = (
            tijdstatistiek_van(
                rangen.aantal, lambda p: cijfers.kwantiel(rangen, p), drempel=drempel
            )
            if rangen
            else None
        )
        return (dagen(stat.mediaan), dagen(stat.p90)) if stat else ("–", "–")

    weergave_.extra_kolommen = (
        str(_("Mediaan dagen tot antwoord")),
        str(_("p90 dagen tot antwoord")),
    )
    weergave_.extra = tuple(teksten(per_soort.get(sleutel)) for sleutel, _l in telling_rijen)
    weergave_.extra_totaal = teksten(geheel)


def dagen(waarde: float) -> str:
    """Days, with one decimal where the median falls between two whole days."""
    afgerond = round(waarde, 1)
    return number_format(afgerond, decimal_pos=0 if afgerond == int(afgerond) else 1)


def _tijden(periode, beschikbaar, per_soort, drempel) -> list[Tijdregel]:
    """Median and 90th percentile of the four times, per quarter and over the period."""

    def stat(rangen):
        if rangen is None:
            return None
        return tijdstatistiek_van(
            rangen.aantal, lambda p: cijfers.kwantiel(rangen, p), drempel=drempel
        )

    regels = [
        Tijdregel(k.label, tuple(stat(kw.get(k.sleutel)) for kw, _g in per_soort))
        for k in periode.kwartalen()
        if k in beschikbaar
    ]
    if len(regels) > 1:
        regels.append(
            Tijdregel(str(_("Hele periode")), tuple(stat(geheel) for _kw, geheel in per_soort))
        )
    return regels


def periode_standaard(beschikbaar: list[Kwartaal]) -> Periode | None:
    if not beschikbaar:
        return None
    return Periode(PILOT, beschikbaar[0], beschikbaar[-1])
