"""The pilot's figures, counted in the database.

Each count is one ``GROUP BY`` over quarter, coordinating organisation, row and
column (``Telling``); each time statistic one query with window functions that
returns only the order statistics the median and 90th percentile need
(``_kwantielen``). No query here walks the cases in Python, and every date is the
process's own (a case's ``created_at``, a meeting's ``begint_op``, an advice's
``vastgesteld_op``), never a copy kept for statistics.

Nothing here is shown as it is: ``dashboard`` puts every count through
``onderdrukking.gekoppeld_onderdrukken`` and every time statistic through
``onderdrukking.tijdstatistiek``.

**What is counted where.**

- A case in the quarter it was opened; a signal in the quarter it was recorded;
  an advice in the quarter it was adopted (the first version; a correction is the
  same advice); an assessment in the quarter it was submitted; a closure in the
  quarter the case was closed; a report to CoMensha by the quarter its case was
  opened (its term runs from then).
- The coordinating organisation is the case's; a signal no case has taken up yet
  has none (``GEEN_ORGANISATIE``): it counts in "all organisations" only.
- Minor or adult: the age on the day counted (date of birth, else the estimated
  year of birth or age); NL, EU or outside the EU: the recorded nationality.
- A case with two or more forms of exploitation counts once, as "meerdere vormen"
  (as the UK NRM statistics do), so every table adds up.
- A referral (``wegwijzer``) in the quarter it was asked, with its outcome of
  today; its kind of help is its offer's, else the main one of its need (the
  first the wegwijzer looks for, ``HULP_VOOR_BEHOEFTE``), else unknown. The time
  to answer counts in the quarter of the answer, like the other times.
- Times run from the case's date of first signal to the first event of each kind,
  and count in the quarter of that event (as "days to decision" in the NRM
  statistics: for the decisions of the quarter), so a quarter's figure never waits
  for cases still open.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    ExtractDay,
    ExtractMonth,
    ExtractQuarter,
    ExtractYear,
    RowNumber,
    TruncDate,
)
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from advies.models import Advies
from casusoverleg.models import Casus, Casustaak, CasusUitbuiting, Discipline, Organisatie
from casusoverleg.models.casus import Uitbuitingsvorm
from casusoverleg.models.sluiting import Sluiting, Sluitreden
from identificatie.models import Beoordeling, Melding, Signaal, Taak
from wegwijzer.models import Doorverwijzing, Hulpsoort
from wegwijzer.selectors import HULP_VOOR_BEHOEFTE
from zorgtafel.models import Actiepunt, Zorgtafel

from .periodes import Kwartaal

#: The EU member states other than the Netherlands (ISO 3166-1 alpha-2).
EU = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT PL PT RO SE SI SK".split()
)

#: The organisation of signals no case has taken up yet.
GEEN_ORGANISATIE = 0

#: The quarter of figures that are "now" rather than per period (overdue work).
NU = 0

LEEFTIJDEN = (
    ("minderjarig", _("Minderjarig")),
    ("meerderjarig", _("Meerderjarig")),
    ("onbekend", _("Leeftijd onbekend")),
)
HERKOMST = (
    ("nl", _("Nederland")),
    ("eu", _("EU")),
    ("buiten_eu", _("Buiten de EU")),
    ("onbekend", _("Onbekend")),
)
#: The columns of the NRM tables: age group x origin.
LEEFTIJD_HERKOMST = tuple(
    (f"{lk}:{hk}", format_lazy("{} – {}", ll, hl)) for lk, ll in LEEFTIJDEN for hk, hl in HERKOMST
)
VORMEN = (
    *Uitbuitingsvorm.choices,
    ("meerdere", _("Meerdere vormen")),
    ("onbekend", _("Onbekend")),
)
SIGNAALVORMEN = (*Uitbuitingsvorm.choices, ("onbekend", _("Onbekend")))


@dataclass
class Telling:
    """Counts per (quarter key, organisation id), each a rows x columns matrix."""

    rijen: tuple[tuple[str, str], ...]
    kolommen: tuple[tuple[str, str], ...]
    basis: dict[tuple[int, int], list[list[int]]] = field(default_factory=dict)

    def optellen(self, kwartaal: int, organisatie: int | None, rij, kolom, n: int) -> None:
        rijen = [k for k, _l in self.rijen]
        kolommen = [k for k, _l in self.kolommen]
        matrix = self.basis.setdefault(
            (kwartaal, organisatie or GEEN_ORGANISATIE),
            [[0] * len(kolommen) for _ in rijen],
        )
        matrix[rijen.index(rij)][kolommen.index(kolom)] += n


# Expressions -------------------------------------------------------------------


def _kwartaal(veld: str):
    """``veld``'s quarter as ``Kwartaal.sleutel`` (year * 10 + quarter), in local time."""
    return ExpressionWrapper(
        ExtractYear(veld) * 10 + ExtractQuarter(veld), output_field=IntegerField()
    )


def _leeftijdsgroep(
    qs: QuerySet, peildatum: str, geboortedatum: str, *, geschat_jaar=None, geschatte_leeftijd=None
):
    """Annotate ``leeftijd`` (minderjarig/meerderjarig/onbekend) on ``peildatum``."""
    qs = qs.annotate(
        _pj=ExtractYear(peildatum),
        _pm=ExtractMonth(peildatum),
        _pd=ExtractDay(peildatum),
        _gj=ExtractYear(geboortedatum),
        _gm=ExtractMonth(geboortedatum),
        _gd=ExtractDay(geboortedatum),
    ).annotate(
        _jaren=Case(
            When(
                Q(_pm__lt=F("_gm")) | Q(_pm=F("_gm"), _pd__lt=F("_gd")),
                then=F("_pj") - F("_gj") - 1,
            ),
            default=F("_pj") - F("_gj"),
            output_field=IntegerField(),
        )
    )
    wanneer = [
        When(**{f"{geboortedatum}__isnull": False, "_jaren__lt": 18}, then=Value("minderjarig")),
        When(**{f"{geboortedatum}__isnull": False}, then=Value("meerderjarig")),
    ]
    if geschat_jaar:
        qs = qs.annotate(_schatting=F("_pj") - F(geschat_jaar))
        wanneer += [
            When(
                **{f"{geschat_jaar}__isnull": False, "_schatting__lt": 18},
                then=Value("minderjarig"),
            ),
            When(**{f"{geschat_jaar}__isnull": False}, then=Value("meerderjarig")),
        ]
    if geschatte_leeftijd:
        wanneer += [
            When(**{f"{geschatte_leeftijd}__lt": 18}, then=Value("minderjarig")),
            When(**{f"{geschatte_leeftijd}__isnull": False}, then=Value("meerderjarig")),
        ]
    return qs.annotate(leeftijd=Case(*wanneer, default=Value("onbekend"), output_field=CharField()))


def _herkomst(veld: str):
    return Case(
        When(**{veld: "NL"}, then=Value("nl")),
        When(**{f"{veld}__in": sorted(EU)}, then=Value("eu")),
        When(**{veld: ""}, then=Value("onbekend")),
        default=Value("buiten_eu"),
        output_field=CharField(),
    )


def _vorm_van_casus(casus_ref: str = "pk"):
    """A case's form of exploitation: its one form, "meerdere" or "onbekend"."""
    vormen = CasusUitbuiting.objects.filter(casus=OuterRef(casus_ref))
    aantal = Subquery(
        vormen.order_by().values("casus").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )
    enige = Subquery(vormen.order_by("vorm").values("vorm")[:1], output_field=CharField())
    return Case(
        When(Q(_nvormen__gt=1), then=Value("meerdere")),
        When(Q(_nvormen=1), then=enige),
        default=Value("onbekend"),
        output_field=CharField(),
    ), aantal


def _binnen(qs: QuerySet, veld: str, begin: datetime.date | None, eind: datetime.date | None):
    """Rows whose ``veld`` (a date or a moment, read in local time) falls in the period."""
    if begin is not None:
        qs = qs.filter(**{f"{veld}__gte": _moment(qs, veld, begin)})
    if eind is not None:
        qs = qs.filter(**{f"{veld}__lt": _moment(qs, veld, eind)})
    return qs


def _moment(qs: QuerySet, veld: str, dag: datetime.date):
    model = qs.model
    for deel in veld.split("__")[:-1]:
        model = model._meta.get_field(deel).related_model
    if model._meta.get_field(veld.split("__")[-1]).get_internal_type() == "DateTimeField":
        return timezone.make_aware(datetime.datetime.combine(dag, datetime.time()))
    return dag


def _groepeer(qs: QuerySet, telling: Telling, *, kwartaal, organisatie: str, rij, kolom) -> Telling:
    """One GROUP BY: quarter, organisation, row, column -> count."""
    rijen = (
        qs.annotate(_kw=kwartaal, _org=F(organisatie), _rij=rij, _kol=kolom)
        .order_by()
        .values("_kw", "_org", "_rij", "_kol")
        .annotate(n=Count("pk"))
    )
    for r in rijen:
        telling.optellen(r["_kw"], r["_org"], r["_rij"], r["_kol"], r["n"])
    return telling


def _organisatiefilter(qs: QuerySet, veld: str, organisatie_id: int | None) -> QuerySet:
    return qs if organisatie_id is None else qs.filter(**{veld: organisatie_id})


# Counts ------------------------------------------------------------------------


def casussen_naar_vorm() -> Telling:
    """Cases opened, by form of exploitation x age group and origin."""
    vorm, aantal = _vorm_van_casus()
    qs = Casus.objects.all()
    qs = _leeftijdsgroep(
        qs.annotate(_dag=TruncDate("created_at"), _nvormen=aantal),
        "_dag",
        "geboortedatum",
        geschat_jaar="geschat_geboortejaar",
    )
    return _groepeer(
        qs,
        Telling(VORMEN, LEEFTIJD_HERKOMST),
        kwartaal=_kwartaal("created_at"),
        organisatie="coordinerende_organisatie",
        rij=vorm,
        kolom=_leeftijd_herkomst("nationaliteit"),
    )


def _leeftijd_herkomst(nationaliteit: str):
    return Concat(F("leeftijd"), Value(":"), _herkomst(nationaliteit), output_field=CharField())


def signalen_naar_vorm() -> Telling:
    """Signals recorded, by suspected form of exploitation x age group and origin."""
    qs = Signaal.objects.all()
    qs = _leeftijdsgroep(
        qs.annotate(_dag=TruncDate("created_at")),
        "_dag",
        "geboortedatum",
        geschatte_leeftijd="geschatte_leeftijd",
    )
    vorm = Case(When(vorm="", then=Value("onbekend")), default=F("vorm"), output_field=CharField())
    return _groepeer(
        qs,
        Telling(SIGNAALVORMEN, LEEFTIJD_HERKOMST),
        kwartaal=_kwartaal("created_at"),
        organisatie="casus__coordinerende_organisatie",
        rij=vorm,
        kolom=_leeftijd_herkomst("nationaliteit"),
    )


def _adviezen():
    """Adopted advices, each once: the first version (a correction is the same advice)."""
    return Advies.objects.filter(vervangt__isnull=True, vastgesteld_op__isnull=False)


def adviezen_naar_vorm() -> Telling:
    """Advices adopted, by the case's form of exploitation x age group and origin."""
    vorm, aantal = _vorm_van_casus("casus")
    qs = _adviezen()
    qs = _leeftijdsgroep(
        qs.annotate(_dag=TruncDate("vastgesteld_op"), _nvormen=aantal),
        "_dag",
        "casus__geboortedatum",
        geschat_jaar="casus__geschat_geboortejaar",
    )
    return _groepeer(
        qs,
        Telling(VORMEN, LEEFTIJD_HERKOMST),
        kwartaal=_kwartaal("vastgesteld_op"),
        organisatie="casus__coordinerende_organisatie",
        rij=vorm,
        kolom=_leeftijd_herkomst("casus__nationaliteit"),
    )


def signalen_naar_discipline() -> Telling:
    """Signals recorded, by the signalling organisation's discipline x age group."""
    qs = Signaal.objects.all()
    qs = _leeftijdsgroep(
        qs.annotate(_dag=TruncDate("created_at")),
        "_dag",
        "geboortedatum",
        geschatte_leeftijd="geschatte_leeftijd",
    )
    return _groepeer(
        qs,
        Telling(DISCIPLINES, LEEFTIJDEN),
        kwartaal=_kwartaal("created_at"),
        organisatie="casus__coordinerende_organisatie",
        rij=F("organisatie__discipline"),
        kolom=F("leeftijd"),
    )


def casussen_naar_organisatie(organisaties: list[tuple[int, str]]) -> Telling:
    """Cases opened, by coordinating organisation x their status now."""
    qs = Casus.objects.all()
    return _groepeer(
        qs,
        Telling(tuple((str(pk), naam) for pk, naam in organisaties), tuple(Casus.Status.choices)),
        kwartaal=_kwartaal("created_at"),
        organisatie="coordinerende_organisatie",
        rij=Cast("coordinerende_organisatie", CharField()),
        kolom=F("status"),
    )


def conclusies_naar_geadresseerde() -> Telling:
    """Advices adopted, by addressee x conclusion."""
    qs = _adviezen()
    return _groepeer(
        qs,
        Telling(tuple(Advies.Geadresseerde.choices), tuple(Advies.Conclusie.choices)),
        kwartaal=_kwartaal("vastgesteld_op"),
        organisatie="casus__coordinerende_organisatie",
        rij=F("geadresseerde"),
        kolom=F("conclusie"),
    )


#: The disciplines that take part in cases (the project group and functional
#: management never do), in the order of ``Discipline``.
DISCIPLINES = tuple(
    (k, label) for k, label in Discipline.choices if k not in ("projectgroep", "beheer")
)
OP_TIJD = (("op_tijd", _("Op tijd")), ("te_laat", _("Na de deadline")))


def _ingediende_beoordelingen(organisatie_id):
    qs = Beoordeling.objects.filter(ingediend_op__isnull=False)
    return qs


def beoordelingen_naar_discipline() -> Telling:
    """Assessments submitted, by the assessing discipline x on time or not."""
    qs = _ingediende_beoordelingen(None).annotate(_dag=TruncDate("ingediend_op"))
    return _groepeer(
        qs,
        Telling(DISCIPLINES, OP_TIJD),
        kwartaal=_kwartaal("ingediend_op"),
        organisatie="proces__casus__coordinerende_organisatie",
        rij=F("organisatie__discipline"),
        kolom=Case(
            When(_dag__lte=F("proces__deadline"), then=Value("op_tijd")),
            default=Value("te_laat"),
            output_field=CharField(),
        ),
    )


MELDINGSTATUS = (
    ("op_tijd", _("Ingediend binnen de termijn")),
    ("te_laat", _("Ingediend na de termijn")),
    ("uitzondering", _("Niet gemeld (uitzondering)")),
    ("open", _("Nog niet ingediend, termijn loopt")),
    ("open_te_laat", _("Nog niet ingediend, termijn verstreken")),
)
AANTAL = (("aantal", _("Aantal")),)


def meldingen_comensha(vandaag: datetime.date, termijn_dagen: int) -> Telling:
    """Reports to CoMensha by how they met their term, by the quarter the case opened."""
    qs = Melding.objects.all()
    qs = qs.annotate(_open=TruncDate("casus__created_at")).annotate(
        _gemeld_na=ExpressionWrapper(F("gemeld_op") - F("_open"), output_field=DurationField()),
        _loopt=ExpressionWrapper(Value(vandaag) - F("_open"), output_field=DurationField()),
    )
    termijn = datetime.timedelta(days=termijn_dagen)
    return _groepeer(
        qs,
        Telling(MELDINGSTATUS, AANTAL),
        kwartaal=_kwartaal("casus__created_at"),
        organisatie="casus__coordinerende_organisatie",
        rij=Case(
            When(status=Melding.Status.NIET_GEMELD, then=Value("uitzondering")),
            When(gemeld_op__isnull=False, _gemeld_na__lte=termijn, then=Value("op_tijd")),
            When(gemeld_op__isnull=False, then=Value("te_laat")),
            When(_loopt__lte=termijn, then=Value("open")),
            default=Value("open_te_laat"),
            output_field=CharField(),
        ),
        kolom=Value("aantal"),
    )


def sluitingen_naar_reden() -> Telling:
    """Cases closed, by reason (each closing; a case reopened and closed counts twice)."""
    qs = Sluiting.objects.filter(soort=Sluiting.Soort.GESLOTEN)
    qs = qs
    return _groepeer(
        qs,
        Telling(tuple(Sluitreden.choices), AANTAL),
        kwartaal=_kwartaal("op"),
        organisatie="casus__coordinerende_organisatie",
        rij=F("reden"),
        kolom=Value("aantal"),
    )


WERKSOORTEN = (
    ("processtap", _("Processtap")),
    ("casustaak", _("Casustaak")),
    ("actiepunt", _("Actiepunt")),
)


def te_laat_nu(vandaag: datetime.date) -> Telling:
    """Open work past its deadline today, by the responsible discipline x kind of work."""
    telling = Telling(DISCIPLINES, WERKSOORTEN)
    stappen = Taak.objects.filter(deadline__lt=vandaag, task__finished__isnull=True).exclude(
        task__status="CANCELED"
    )
    soorten = (
        (stappen, "organisatie", "casus__coordinerende_organisatie", "processtap"),
        (
            Casustaak.objects.filter(status=Casustaak.Status.OPEN, deadline__lt=vandaag),
            "organisatie",
            "casus__coordinerende_organisatie",
            "casustaak",
        ),
        (
            Actiepunt.objects.filter(status=Actiepunt.Status.OPEN, deadline__lt=vandaag),
            "eigenaar",
            "casus__coordinerende_organisatie",
            "actiepunt",
        ),
    )
    for qs, eigenaar, organisatie, soort in soorten:
        _groepeer(
            qs,
            telling,
            kwartaal=Value(NU),
            organisatie=organisatie,
            rij=F(f"{eigenaar}__discipline"),
            kolom=Value(soort),
        )
    return telling


# Referrals ---------------------------------------------------------------------


UITKOMSTEN = (
    (Doorverwijzing.Status.AANVAARD, _("Aanvaard")),
    (Doorverwijzing.Status.AFGEWEZEN, _("Afgewezen")),
    (Doorverwijzing.Status.INGETROKKEN, _("Ingetrokken")),
    (Doorverwijzing.Status.VOORGESTELD, _("Nog open")),
)
HULPSOORTEN = (*Hulpsoort.choices, ("onbekend", _("Soort hulp onbekend")))
#: "Niet opgegeven": declined before the kind of reason was asked.
AFWIJSREDENEN = (*Doorverwijzing.RedenSoort.choices, ("onbekend", _("Niet opgegeven")))


def _hulpsoort_van_doorverwijzing():
    """A referral's kind of help: its offer's, else its need's main one, else unknown."""
    return Case(
        When(aanbod__isnull=False, then=F("aanbod__soort")),
        *(
            When(behoefte__type=behoefte, then=Value(soorten[0]))
            for behoefte, soorten in HULP_VOOR_BEHOEFTE.items()
            if soorten
        ),
        default=Value("onbekend"),
        output_field=CharField(),
    )


def doorverwijzingen_naar_uitkomst() -> Telling:
    """Referrals asked, by kind of help x their outcome today."""
    return _groepeer(
        Doorverwijzing.objects.all(),
        Telling(HULPSOORTEN, UITKOMSTEN),
        kwartaal=_kwartaal("gevraagd_op"),
        organisatie="casus__coordinerende_organisatie",
        rij=_hulpsoort_van_doorverwijzing(),
        kolom=F("status"),
    )


def afwijzingen_naar_reden() -> Telling:
    """Declined referrals, by kind of reason, in the quarter they were asked (so the
    total is the "declined" column of ``doorverwijzingen_naar_uitkomst``)."""
    qs = Doorverwijzing.objects.filter(status=Doorverwijzing.Status.AFGEWEZEN)
    return _groepeer(
        qs,
        Telling(AFWIJSREDENEN, AANTAL),
        kwartaal=_kwartaal("gevraagd_op"),
        organisatie="casus__coordinerende_organisatie",
        rij=Case(
            When(reden_soort="", then=Value("onbekend")),
            default=F("reden_soort"),
            output_field=CharField(),
        ),
        kolom=Value("aantal"),
    )


def antwoorddagen(
    begin: datetime.date, eind: datetime.date, organisatie_id: int | None = None
) -> tuple[dict[str, Rangen], Rangen | None]:
    """Days from asking to answering each referral answered in the period: per kind
    of help, and over all of them."""
    qs = _organisatiefilter(
        Doorverwijzing.objects.filter(beantwoord_op__isnull=False),
        "casus__coordinerende_organisatie",
        organisatie_id,
    )
    qs = _binnen(qs, "beantwoord_op", begin, eind).annotate(
        _soort=_hulpsoort_van_doorverwijzing(),
        _duur=ExpressionWrapper(
            F("beantwoord_op") - F("gevraagd_op"), output_field=DurationField()
        ),
    )
    return _kwantielen(qs, "_duur", F("_soort")), _kwantielen(qs, "_duur", None).get(0)


# Times -------------------------------------------------------------------------


DOORLOOPTIJDEN = (
    ("casus", _("Eerste signaal tot casus")),
    ("zorgtafel", _("Eerste signaal tot zorgtafel")),
    ("advies", _("Eerste signaal tot advies")),
    ("verzending", _("Eerste signaal tot verzending")),
)


def _gebeurtenis(soort: str):
    """The day of a case's first event of ``soort`` (an expression on Casus).

    An aggregate over a join, not a correlated subquery: the query that uses it
    names the day several times (the period, the duration, the quarter, the window's
    order), and a subquery would run once per mention and per case, an aggregate
    once per case.
    """
    if soort == "casus":
        return TruncDate("created_at")
    if soort == "zorgtafel":
        return Min(
            TruncDate("agendapunten__zorgtafel__begint_op"),
            filter=Q(
                agendapunten__zorgtafel__status__in=(
                    Zorgtafel.Status.GESTART,
                    Zorgtafel.Status.GESLOTEN,
                )
            ),
        )
    if soort == "advies":
        return Min(
            TruncDate("adviezen__vastgesteld_op"),
            filter=Q(adviezen__vervangt__isnull=True, adviezen__vastgesteld_op__isnull=False),
        )
    if soort == "verzending":
        return Min("adviezen__verzendingen__verzonden_op")
    raise ValueError(soort)


@dataclass(frozen=True)
class Rangen:
    """The order statistics of one group's durations that its quantiles need."""

    aantal: int
    waarden: dict[int, float]  # 0-based rank -> days


def _kwantielposities(n: int, p: float) -> tuple[int, int]:
    h = (n - 1) * p
    return int(h // 1), int(-(-h // 1))


class _NaGroepering(ExpressionWrapper):
    """An expression over window functions: computed after any ``GROUP BY``, never in
    it (Django would group by it, which the database refuses)."""

    def get_group_by_cols(self):
        return []


def _kwantielen(qs: QuerySet, duur: str, groep) -> dict[object, Rangen]:
    """Per ``groep``: the count and the ranks of ``duur`` that median and p90 need.

    Window functions number the durations within each group (``ROW_NUMBER``) and
    count them (``COUNT(*) OVER``); only the rows at the median's and the 90th
    percentile's ranks come back: for ``p``, ranks ``floor(h) + 1`` and
    ``ceil(h) + 1`` with ``h = (n - 1) * p``, which are the ranks ``r`` with
    ``h < r < h + 2``. One query per ``p``: Django filters an aggregated query on a
    window function only by a conjunction, and this one refers to the window's
    columns instead of computing the windows again inside a condition.
    """
    partitie = [groep] if groep is not None else []
    geordend = qs.filter(**{f"{duur}__isnull": False}).annotate(
        _groep=groep if groep is not None else Value(0),
        _rang=Window(RowNumber(), partition_by=partitie, order_by=F(duur).asc()),
        _n=Window(Count("pk"), partition_by=partitie),
    )
    uit: dict[object, Rangen] = {}
    for p in (0.5, 0.9):
        h = (F("_n") - 1) * p
        van, tot = _NaGroepering(h, FloatField()), _NaGroepering(h + 2, FloatField())
        for r in geordend.filter(_rang__gt=van, _rang__lt=tot).values(
            "_groep", "_rang", "_n", duur
        ):
            rangen = uit.setdefault(r["_groep"], Rangen(r["_n"], {}))
            rangen.waarden[r["_rang"] - 1] = _dagen(r[duur])
    return uit


def _dagen(waarde) -> float:
    if isinstance(waarde, datetime.timedelta):
        return waarde.total_seconds() / 86400
    return float(waarde)


def kwantiel(rangen: Rangen, p: float) -> float:
    """The ``p`` quantile, interpolating like ``statistics.quantiles(method="inclusive")``."""
    laag, hoog = _kwantielposities(rangen.aantal, p)
    h = (rangen.aantal - 1) * p
    return rangen.waarden[laag] + (h - laag) * (rangen.waarden[hoog] - rangen.waarden[laag])


def doorlooptijden(
    soort: str, begin: datetime.date, eind: datetime.date, organisatie_id: int | None = None
) -> tuple[dict[int, Rangen], Rangen | None]:
    """Days from first signal to ``soort``: per quarter of the event, and over the period."""
    qs = _organisatiefilter(Casus.objects.all(), "coordinerende_organisatie", organisatie_id)
    qs = qs.annotate(_eind=_gebeurtenis(soort)).filter(
        _eind__isnull=False, _eind__gte=begin, _eind__lt=eind
    )
    qs = qs.annotate(
        _duur=ExpressionWrapper(
            F("_eind") - Coalesce("datum_eerste_signaal", TruncDate("created_at")),
            output_field=DurationField(),
        ),
        _kw=ExpressionWrapper(
            ExtractYear("_eind") * 10 + ExtractQuarter("_eind"), output_field=IntegerField()
        ),
    )
    per_kwartaal = _kwantielen(qs, "_duur", F("_kw"))
    geheel = _kwantielen(qs, "_duur", None).get(0)
    return per_kwartaal, geheel


def beoordelingsdagen(
    begin: datetime.date, eind: datetime.date, organisatie_id: int | None = None
) -> dict[str, Rangen]:
    """Days from the round's start to each submitted assessment, per discipline."""
    qs = _binnen(_ingediende_beoordelingen(organisatie_id), "ingediend_op", begin, eind)
    qs = qs.annotate(
        _duur=ExpressionWrapper(
            TruncDate("ingediend_op") - TruncDate("proces__created"), output_field=DurationField()
        )
    )
    return _kwantielen(qs, "_duur", F("organisatie__discipline"))


def coordinerende_organisaties() -> list[tuple[int, str]]:
    """The organisations that coordinate at least one case: the organisation filter."""
    return list(
        Organisatie.objects.filter(
            Exists(Casus.objects.filter(coordinerende_organisatie=OuterRef("pk")))
        )
        .order_by("naam")
        .values_list("pk", "naam")
    )


def eerste_kwartaal() -> Kwartaal | None:
    """The quarter of the first case or signal: where the pilot's figures start."""
    dagen = [
        d
        for d in (
            Casus.objects.aggregate(m=Min("created_at"))["m"],
            Signaal.objects.aggregate(m=Min("created_at"))["m"],
        )
        if d is not None
    ]
    if not dagen:
        return None
    return Kwartaal.van_datum(timezone.localdate(min(dagen)))
