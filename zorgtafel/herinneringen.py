"""Reminders of overdue actions, registered with ``casusoverleg.herinneringen``."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from casusoverleg.herinneringen import Te
from casusoverleg.models import User
from casusoverleg.permissions import may_access_cases

from .models import Actiepunt


def actiepunten_verlopen(*, vandaag):
    """Owners of an action past its deadline: one notice per action and deadline
    (a new deadline that passes gets a new notice), to the owning organisation's
    members who may see cases."""
    url = settings.SITE_URL + reverse("zorgtafel:actiepunten")
    per_org = defaultdict(list)
    for actiepunt in Actiepunt.objects.verlopen(vandaag).only("public_id", "deadline", "eigenaar"):
        per_org[actiepunt.eigenaar_id].append(actiepunt)
    for org_id, punten in per_org.items():
        ontvangers = [
            u.email
            for u in User.objects.filter(organisatie_id=org_id, is_active=True)
            .exclude(email="")
            .select_related("organisatie")
            if may_access_cases(u)
        ]
        for actiepunt in punten:
            yield Te(
                soort="actiepunt_verlopen",
                sleutel=f"{actiepunt.public_id}:{actiepunt.deadline:%Y-%m-%d}",
                ontvangers=ontvangers,
                onderwerp=_("Herinnering: een actiepunt van uw organisatie is verlopen"),
                tekst=_(
                    "De deadline van een actiepunt van uw organisatie is verstreken. "
                    "Bekijk de open actiepunten na inloggen op %(url)s"
                )
                % {"url": url},
            )
