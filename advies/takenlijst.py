"""Sign-off per discipline and sending an adopted advice, in Mijn taken; registered
with ``casusoverleg.takenlijst``."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.takenlijst import Rij

from . import selectors
from .models import Advies


def aftekentaken(*, user) -> list[Rij]:
    """The task "Advies aftekenen" for each advice under review that the user's organisation
    must still sign off, with the review task's deadline; gone once signed."""
    return [
        Rij(
            casus=advies.casus,
            wat=_("Advies aftekenen (versie %(versie)s)") % {"versie": advies.versie},
            deadline=advies.review_deadline,
            link=reverse("advies:advies-aftekenen", args=[advies.casus.public_id, advies.versie]),
            status=_("Nog niet afgetekend"),
            object=advies,
        )
        for advies in selectors.aftekenen_open(user=user)
    ]


def besluittaken(*, user) -> list[Rij]:
    """The task "Besluit vastleggen" for each addressee whose decision term runs, for
    the case's coordinators, due at the term's end; gone once the decision is recorded."""
    return [
        Rij(
            casus=termijn.casus,
            wat=_("Besluit van %(aan)s vastleggen (versie %(versie)s)")
            % {"aan": Advies.Geadresseerde(geadresseerde).label, "versie": advies.versie},
            deadline=termijn.einde,
            link=reverse("advies:advies-besluit", args=[termijn.casus.public_id, advies.versie]),
            status=_("Besluit nog niet vastgelegd"),
            object=termijn,
        )
        for termijn, advies, geadresseerde in selectors.besluiten_open(user=user)
    ]


def verzendtaken(*, user) -> list[Rij]:
    """The task "Advies verzenden" for each adopted version that holds and was never
    sent, for the coordinators of its case; gone once a sending is recorded."""
    return [
        Rij(
            casus=advies.casus,
            wat=_("Advies verzenden (versie %(versie)s)") % {"versie": advies.versie},
            deadline=timezone.localdate(advies.vastgesteld_op)
            + datetime.timedelta(days=selectors.VERZENDEN_BINNEN_DAGEN),
            link=reverse("advies:advies-verzenden", args=[advies.casus.public_id, advies.versie]),
            status=_("Nog niet verzonden"),
            object=advies,
        )
        for advies in selectors.te_verzenden(user=user)
    ]
