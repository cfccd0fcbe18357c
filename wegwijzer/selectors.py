"""Reads of the wegwijzer: the directory and its search.

On PostgreSQL the search is full-text with the Dutch configuration (stemming,
stop words), each word as a prefix, because Dutch writes compounds as one word:
"opvang" finds "opvangplekken". The vector is computed per query; the directory
is a few hundred rows. Elsewhere (SQLite, the default local install) each word
must occur, in any case, somewhere in the searched fields.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Aanbod, Regeling, Regio

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
