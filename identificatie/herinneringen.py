"""Reminders of overdue identification work, for ``manage.py herinneringen``.

Assignees (or, while a task is unclaimed, the members of its organisation who take
part in the case) and the case's coordinators each get one notice per task and
deadline. The mail names no case: a link to the inbox and nothing else.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from casusoverleg.herinneringen import Te
from casusoverleg.models import User
from casusoverleg.permissions import VIEW, may_coordinate, user_can

from .models import Taak


def _members(organisatie_id, casus, mag):
    """The e-mail addresses of the organisation's active members for whom
    ``mag(user, casus)``, a rule of the access module."""
    users = (
        User.objects.filter(organisatie_id=organisatie_id, is_active=True)
        .exclude(email="")
        .select_related("organisatie")
    )
    return [u.email for u in users if mag(u, casus)]


def taken_verlopen(*, vandaag):
    url = settings.SITE_URL + reverse("identificatie:taken")
    overdue = Taak.objects.filter(
        deadline__lt=vandaag, task__status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).select_related("task__owner", "casus", "organisatie")
    for taak in overdue:
        owner = taak.task.owner
        if owner is not None:
            ontvangers = [owner.email] if owner.email and user_can(owner, taak.casus, VIEW) else []
        else:
            ontvangers = _members(taak.organisatie_id, taak.casus, user_can)
        yield Te(
            soort="taak_verlopen",
            sleutel=f"{taak.public_id}:{taak.deadline:%Y-%m-%d}",
            ontvangers=ontvangers,
            onderwerp=_("Herinnering: een taak is over de deadline"),
            tekst=_(
                "Een taak voor u of uw organisatie is over de deadline. Bekijk uw taken na "
                "inloggen op %(url)s"
            )
            % {"url": url},
        )
        yield Te(
            soort="taak_verlopen_coordinator",
            sleutel=f"{taak.public_id}:{taak.deadline:%Y-%m-%d}",
            ontvangers=_members(
                taak.casus.coordinerende_organisatie_id, taak.casus, may_coordinate
            ),
            onderwerp=_("Herinnering: werk in een casus die u coördineert is over de deadline"),
            tekst=_(
                "In een casus die u coördineert is een taak over de deadline. Bekijk de "
                "casussen na inloggen op %(url)s"
            )
            % {"url": url},
        )
