"""Reminders of overdue actions, registered with ``casusoverleg.herinneringen``."""

from collections import defaultdict

from django.urls import reverse

from casusoverleg.herinneringen import Te
from casusoverleg.models import Meldingsoort
from casusoverleg.services import organisatie_leden

from .models import Actiepunt


def actiepunten_verlopen(*, vandaag):
    """Owners of an action past its deadline: one notice per action and deadline
    (a new deadline that passes gets a new notice), an "actiepunt_verlopen"
    notification to the owning organisation's members who see the case."""
    url = reverse("zorgtafel:actiepunten")
    per_org = defaultdict(list)
    for actiepunt in Actiepunt.objects.verlopen(vandaag).select_related("casus"):
        per_org[actiepunt.eigenaar_id].append(actiepunt)
    for org_id, punten in per_org.items():
        ontvangers = organisatie_leden(org_id)
        for actiepunt in punten:
            yield Te(
                soort="actiepunt_verlopen",
                sleutel=f"{actiepunt.public_id}:{actiepunt.deadline:%Y-%m-%d}",
                ontvangers=ontvangers,
                melding=Meldingsoort.ACTIEPUNT_VERLOPEN,
                url=url,
                casus=actiepunt.casus,
            )
