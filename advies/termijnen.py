"""The advice's legal term, registered with ``casusoverleg.termijnen`` in ``ready()``:
the addressee's decision term, one per addressee an adopted advice was sent to.

It starts at the first sending to that addressee (``services.advies_verzending_record``)
and ends when the coordinator records the addressee's decision
(``services.advies_besluit_record``); a correction that supersedes the version
cancels the terms of the version it replaces. Its length depends on the addressee:
``settings.TERMIJNEN["advies_besluit"]["dagen_per_geadresseerde"]``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casusoverleg.services import casus_coordinatoren
from casusoverleg.termijnen import Regel, instelling

from .models import Advies

SOORT = "advies_besluit"


def besluit_sleutel(advies: Advies, geadresseerde: str) -> str:
    """The key of the decision term of one addressee of one advice."""
    return f"{advies.public_id}:{geadresseerde}"


def besluit_dagen(geadresseerde: str) -> int | None:
    """The decision term's length for ``geadresseerde``; that of "anders" when the
    settings name no length for it; None when they name none at all."""
    per_geadresseerde = instelling(SOORT, "dagen_per_geadresseerde", {}) or {}
    return per_geadresseerde.get(geadresseerde, per_geadresseerde.get(Advies.Geadresseerde.ANDERS))


def besluit_ontvangers(termijn):
    """The case's coordinators: they ask the addressee and record the decision."""
    return casus_coordinatoren(termijn.casus)


def _besluit_url(termijn) -> str:
    public_id = termijn.sleutel.split(":", 1)[0]
    advies = Advies.objects.filter(public_id=public_id, casus=termijn.casus).first()
    if advies is None:
        return reverse("casusoverleg:casus-detail", args=[termijn.casus.public_id])
    return reverse("advies:advies-detail", args=[termijn.casus.public_id, advies.versie])


REGELS = [
    Regel(
        soort=SOORT,
        label=_("Besluit van de geadresseerde op het advies"),
        uitleg=_(
            "De geadresseerde aan wie het advies is verzonden, neemt een besluit; "
            "leg dat besluit vast bij het advies."
        ),
        ontvangers=besluit_ontvangers,
        url=_besluit_url,
    ),
]
