"""Reads of the wegwijzer: the directory and its search, and the offers that fit
a case's needs (``passend_aanbod``).

On PostgreSQL the search is full-text with the Dutch configuration (stemming,
stop words), each word as a prefix, because Dutch writes compounds as one word:
"opvang" finds "opvangplekken". The vector is computed per query; the directory
is a few hundred rows. Elsewhere (SQLite, the default local install) each word
must occur, in any case, somewhere in the searched fields.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.models import Behoefte, Deelname, Uitbuitingsvorm
from casusoverleg.weergave import datum

from .models import Aanbod, Hulpsoort, Regeling, Regio

ZOEKCONFIG = "dutch"
#: Words are letters and digits; everything else separates them (and so can never
#: reach PostgreSQL's tsquery syntax).
_WOORD = re.compile(r"\w+", re.UNICODE)
#: A longer search says nothing more, and keeps the query small.
MAX_WOORDEN = 8

AANBOD_VELDEN = {"titel": "A", "organisatie__naam": "A", "omschrijving": "B", "verwijzen": "C"}
REGELING_VELDEN = {"naam": "A", "omschrijving": "B", "voorwaarden": "B", "aanvragen": "C"}


def zoekwoorden(term: str) -> list[str]:
    return [w for w in _WOORD.findall(term.lower()) if w.strip("_")][:MAX_WOORDEN]


def _volledige_tekst(queryset, velden: dict, woorden: list[str]):
    vector = reduce(
        lambda a, b: a + b,
        (SearchVector(veld, weight=gewicht, config=ZOEKCONFIG) for veld, gewicht in velden.items()),
    )
    query = SearchQuery(" & ".join(f"{w}:*" for w in woorden), search_type="raw", config=ZOEKCONFIG)
    return (
        queryset.annotate(zoekvector=vector, score=SearchRank(vector, query))
        .filter(zoekvector=query)
        .order_by("-score", *queryset.model._meta.ordering)
    )


def _eenvoudig(queryset, velden: dict, woorden: list[str]):
    per_woord = [reduce(or_, (Q(**{f"{veld}__icontains": w}) for veld in velden)) for w in woorden]
    return queryset.filter(reduce(and_, per_woord))


def _zoek(queryset, velden: dict, term: str):
    woorden = zoekwoorden(term or "")
    if not woorden:
        return queryset
    if connection.vendor == "postgresql":
        return _volledige_tekst(queryset, velden, woorden)
    return _eenvoudig(queryset, velden, woorden)


def aanbod_zoeken(*, term: str = "", soort: str = "", regio: str = ""):
    """Active offers of active organisations matching ``term``; in ``regio`` also the
    national ones, which serve every region."""
    qs = Aanbod.objects.filter(actief=True, organisatie__actief=True).select_related("organisatie")
    if soort:
        qs = qs.filter(soort=soort)
    if regio:
        qs = qs.filter(regio__in=[regio, Regio.LANDELIJK])
    return _zoek(qs, AANBOD_VELDEN, term)


def regelingen_zoeken(*, term: str = "", soort: str = ""):
    """Active schemes matching ``term``."""
    qs = Regeling.objects.filter(actief=True)
    if soort:
        qs = qs.filter(soort=soort)
    return _zoek(qs, REGELING_VELDEN, term)


def aanbod_van_organisatie(*, organisatie):
    """Every offer of ``organisatie``, inactive ones too (its administrators' list)."""
    return Aanbod.objects.filter(organisatie=organisatie).order_by("-actief", "titel")


def doorverwijzing_categorieen(casus) -> dict:
    """What a receiving organisation learns of the person before it accepts: the
    derived categories alone (minor or adult, origin, forms of exploitation),
    never a name, a date of birth or a nationality."""
    minderjarig = casus.minderjarig_nu
    if minderjarig is None:
        leeftijdsgroep = _("Onbekend")
    else:
        leeftijdsgroep = _("Jonger dan 18") if minderjarig else _("18 jaar en ouder")
    return {
        "leeftijdsgroep": leeftijdsgroep,
        "herkomst": casus.herkomst.label,
        "vormen": casus.vormen,
    }


# Matching: from a case's open needs to the offers that fit -------------------

#: Which kinds of help answer which kind of need (``Behoefte.Type``). A need the
#: directory has no help for (tracing, for the police) matches nothing.
HULP_VOOR_BEHOEFTE = {
    Behoefte.Type.OPVANG: (Hulpsoort.OPVANG,),
    Behoefte.Type.MEDISCH: (Hulpsoort.ZORG,),
    Behoefte.Type.PSYCHOLOGISCH: (Hulpsoort.ZORG,),
    Behoefte.Type.JURIDISCH: (Hulpsoort.JURIDISCH,),
    Behoefte.Type.PRAKTISCH: (
        Hulpsoort.BEGELEIDING,
        Hulpsoort.INKOMEN,
        Hulpsoort.WERK,
        Hulpsoort.ONDERWIJS,
    ),
    Behoefte.Type.OPSPORING: (),
    Behoefte.Type.BEJEGENING: (Hulpsoort.JURIDISCH,),
    Behoefte.Type.SCHADEVERGOEDING: (Hulpsoort.JURIDISCH,),
    Behoefte.Type.VERBLIJF: (Hulpsoort.JURIDISCH, Hulpsoort.TERUGKEER),
    Behoefte.Type.OVERIG: (Hulpsoort.BEGELEIDING, Hulpsoort.ANDERS),
}

#: A capacity note younger than this counts as current.
ACTUELE_CAPACITEIT_DAGEN = 30


@dataclass
class Passend:
    """An offer that fits a need, its score and why (each reason a short phrase)."""

    aanbod: Aanbod
    score: int
    redenen: list[str] = field(default_factory=list)


def _sluit_uit(doelgroep, casus, vormen: set[str]) -> bool:
    """Whether an offer's or scheme's target group leaves ``casus``'s person out
    (an offer for adults only, for a minor). What is unknown of the person leaves
    nobody out, and neither does an offer for every form of exploitation."""
    minderjarig = casus.minderjarig_nu
    if minderjarig is not None and not (
        doelgroep.voor_minderjarigen if minderjarig else doelgroep.voor_meerderjarigen
    ):
        return True
    geslacht = {"vrouw": "voor_vrouwen", "man": "voor_mannen"}.get(casus.geslacht)
    if geslacht and not getattr(doelgroep, geslacht):
        return True
    herkomst = _HERKOMST_VELD.get(casus.herkomst.value)
    if herkomst and not getattr(doelgroep, herkomst):
        return True
    return bool(doelgroep.uitbuitingsvormen and vormen) and not (
        vormen & set(doelgroep.uitbuitingsvormen)
    )


_HERKOMST_VELD = {"nl": "herkomst_nl", "eu": "herkomst_eu", "buiten_eu": "herkomst_buiten_eu"}


def _past(aanbod: Aanbod, casus, vormen: set[str], provincie: str, vandaag) -> Passend | None:
    """How ``aanbod`` fits ``casus``'s person, or None when it leaves them out
    (``_sluit_uit``). A specific fit scores higher than "everyone". An offer in
    the province of the case's municipality (``provincie``, blank when unknown)
    scores above a nationwide one, which scores above one elsewhere."""
    if _sluit_uit(aanbod, casus, vormen):
        return None
    redenen, score = [], 0
    minderjarig = casus.minderjarig_nu
    if minderjarig is not None:
        score += not (aanbod.voor_minderjarigen and aanbod.voor_meerderjarigen)
        redenen.append(_("voor jongeren onder 18") if minderjarig else _("voor volwassenen"))
    if casus.geslacht in ("vrouw", "man"):
        score += not (aanbod.voor_vrouwen and aanbod.voor_mannen)
    if casus.herkomst.value in _HERKOMST_VELD:
        redenen.append(_("herkomst %(herkomst)s") % {"herkomst": casus.herkomst.label})
    gedeeld = vormen & set(aanbod.uitbuitingsvormen)
    if gedeeld:
        score += 2
        redenen.append(
            _("gericht op %(vormen)s")
            % {"vormen": ", ".join(str(Uitbuitingsvorm(v).label) for v in sorted(gedeeld))}
        )
    if aanbod.regio == Regio.LANDELIJK:
        score += 1
        redenen.append(_("landelijk"))
    elif provincie and aanbod.regio == provincie:
        score += 2
        redenen.append(_("in de regio (%(regio)s)") % {"regio": aanbod.get_regio_display()})
    elif provincie:
        # Not left out: shelter far from where the person was exploited can be
        # exactly what is needed. Said, so nobody mistakes it for nearby help.
        redenen.append(_("buiten de regio (%(regio)s)") % {"regio": aanbod.get_regio_display()})
    if (
        aanbod.capaciteit
        and aanbod.capaciteit_bijgewerkt_op
        and (vandaag - aanbod.capaciteit_bijgewerkt_op).days <= ACTUELE_CAPACITEIT_DAGEN
    ):
        score += 1
        redenen.append(
            _("capaciteit bijgewerkt op %(datum)s")
            % {"datum": datum(aanbod.capaciteit_bijgewerkt_op)}
        )
    return Passend(aanbod, score, redenen)


def regelingen_voor_casus(casus) -> list[Regeling]:
    """The active schemes whose target group does not leave ``casus``'s person out
    (age group, gender, origin, forms of exploitation, as derived for the case):
    what the person may be entitled to, for the professionals to check."""
    vormen = {u.vorm for u in casus.uitbuitingsvormen.all()}
    return [r for r in Regeling.objects.filter(actief=True) if not _sluit_uit(r, casus, vormen)]


def passend_aanbod(casus, *, per_behoefte: int = 5) -> list[tuple[Behoefte, list[Passend]]]:
    """For each open need of ``casus``: the active offers of the kinds that answer
    it, of organisations not taking part yet, that do not exclude the person
    (age group, gender, origin, forms of exploitation), best fit first (a specific
    target group or form, the case's region, a current capacity note), then by
    title."""
    behoeften = list(casus.behoeften.filter(status=Behoefte.Status.OPEN).order_by("pk"))
    if not behoeften:
        return []
    deelnemend = Deelname.objects.actief().filter(casus=casus).values("organisatie_id")
    kandidaten = list(
        Aanbod.objects.filter(actief=True, organisatie__actief=True)
        .exclude(organisatie_id__in=deelnemend)
        .select_related("organisatie")
        .order_by("titel", "pk")
    )
    vormen = {u.vorm for u in casus.uitbuitingsvormen.all()}
    provincie = casus.gemeente.provincie if casus.gemeente_id else ""
    vandaag = timezone.localdate()
    uit = []
    for behoefte in behoeften:
        soorten = HULP_VOOR_BEHOEFTE.get(behoefte.type, ())
        passend = [
            p
            for a in kandidaten
            if a.soort in soorten and (p := _past(a, casus, vormen, provincie, vandaag)) is not None
        ]
        passend.sort(key=lambda p: -p.score)  # stable: equal scores keep the title order
        uit.append((behoefte, passend[:per_behoefte]))
    return uit
