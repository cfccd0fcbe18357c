"""Reminders of overdue identification work, for ``manage.py herinneringen``.

Assignees (or, while a task is unclaimed, the members of its organisation who take
part in the case) and the case's coordinators each get one notice per task and
deadline, as a "taak_verlopen" notification: the case number and a link, nothing else.
"""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from viewflow.workflow.status import STATUS

from casusoverleg.herinneringen import Te
from casusoverleg.models import Meldingsoort, Termijn, User
from casusoverleg.permissions import VIEW, may_coordinate, user_can

from .flows import IdentificatieFlow
from .models import IdentificatieProces, Taak


def organisatie_leden_die_mogen(organisatie_id, casus, mag):
    """The organisation's active members for whom ``mag(user, casus)``, a rule of
    the access module."""
    users = User.objects.filter(organisatie_id=organisatie_id, is_active=True).select_related(
        "organisatie"
    )
    return [u for u in users if mag(u, casus)]


def taken_verlopen(*, vandaag):
    """Overdue tasks: each one's holder (or organisation) and the coordinators. An
    assessment whose process's deadline runs as a term is left to the term
    (``identificatie.termijnen``: reminders before, closing or asking the
    coordinator after), so nobody hears of one passed deadline twice."""
    door_termijn = Termijn.objects.filter(
        casus_id=OuterRef("casus_id"),
        soort=IdentificatieProces.TERMIJNSOORT,
        sleutel=OuterRef("proces__identificatieproces__public_id"),
    )
    overdue = (
        Taak.objects.filter(deadline__lt=vandaag, task__status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(Q(task__flow_task=IdentificatieFlow.beoordelen) & Exists(door_termijn))
        .select_related("task__owner", "casus", "organisatie")
    )
    for taak in overdue:
        owner = taak.task.owner
        if owner is not None:
            ontvangers = [owner] if user_can(owner, taak.casus, VIEW) else []
        else:
            ontvangers = organisatie_leden_die_mogen(taak.organisatie_id, taak.casus, user_can)
        yield Te(
            soort="taak_verlopen",
            sleutel=f"{taak.public_id}:{taak.deadline:%Y-%m-%d}",
            ontvangers=ontvangers,
            melding=Meldingsoort.TAAK_VERLOPEN,
            url=reverse("identificatie:taak", args=[taak.public_id]),
            casus=taak.casus,
        )
        yield Te(
            soort="taak_verlopen_coordinator",
            sleutel=f"{taak.public_id}:{taak.deadline:%Y-%m-%d}",
            ontvangers=organisatie_leden_die_mogen(
                taak.casus.coordinerende_organisatie_id, taak.casus, may_coordinate
            ),
            melding=Meldingsoort.TAAK_VERLOPEN,
            url=reverse("casusoverleg:casus-detail", args=[taak.casus.public_id]),
            casus=taak.casus,
        )
