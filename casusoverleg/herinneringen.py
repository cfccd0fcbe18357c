"""Reminders: what is due, sent once (``manage.py herinneringen``).

Each kind of reminder is a function that yields what is due as
``Te(soort, sleutel, ontvangers, onderwerp, tekst)``; apps register theirs in
``AppConfig.ready`` (the core knows none of them). A reminder goes out only if no
``Herinnering`` with that kind and key exists yet, recorded in the same
transaction, so no one gets the same notice twice. Mails hold a link and a
count, never case numbers, names or other case content.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from .models import Herinnering


@dataclass(frozen=True)
class Te:
    soort: str
    sleutel: str
    ontvangers: list[str]
    onderwerp: str
    tekst: str


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
    with override(settings.LANGUAGE_CODE):
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
            # One mail per person: recipients never see each other's addresses.
            for adres in te.ontvangers:
                send_mail(te.onderwerp, te.tekst, None, [adres])
    except IntegrityError:
        return False  # already sent (perhaps by a run at the same moment)
    return True
