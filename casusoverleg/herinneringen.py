"""Reminders: what is due, sent once (``manage.py herinneringen``).

Each kind of reminder is a function that yields what is due as
``Te(soort, sleutel, ontvangers, melding, url, casus)``; apps register theirs in
``AppConfig.ready`` (the core knows none of them). A reminder goes out only if no
``Herinnering`` with that kind and key exists yet, recorded in the same
transaction, so no one gets the same notice twice. It goes out as a notification
(``melding_send``, kind ``melding``): in the centre and mailed by the recipient's
preference, with the case number and a link, never a name or other case content.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Casus, Herinnering, User
from .services import melding_send


@dataclass(frozen=True)
class Te:
    soort: str
    sleutel: str
    ontvangers: list[User]
    melding: str  # the kind of notification (``Meldingsoort``)
    url: str  # a path inside the application
    casus: Casus | None = None


#: Every kind of reminder, in the order of registration.
HERINNERINGEN: list = []


def register(functie):
    """Add a kind of reminder (idempotent, so a second ``ready()`` adds nothing)."""
    if functie not in HERINNERINGEN:
        HERINNERINGEN.append(functie)
    return functie


def herinneringen_versturen(*, vandaag=None, soorten=None) -> dict[str, int]:
    """Send every due reminder not sent before; return how many were sent per kind."""
    vandaag = vandaag or timezone.localdate()
    verstuurd = defaultdict(int)
    for functie in soorten or HERINNERINGEN:
        for te in functie(vandaag=vandaag):
            if not te.ontvangers:
                continue
            if _versturen(te):
                verstuurd[te.soort] += 1
    return dict(verstuurd)


def _versturen(te: Te) -> bool:
    try:
        with transaction.atomic():
            Herinnering.objects.create(
                soort=te.soort, sleutel=te.sleutel, ontvangers=len(te.ontvangers)
            )
            melding_send(soort=te.melding, ontvangers=te.ontvangers, casus=te.casus, url=te.url)
    except IntegrityError:
        return False  # already sent (perhaps by a run at the same moment)
    return True
