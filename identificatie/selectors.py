"""Reads of the identification process, all narrowed by casusoverleg.permissions."""

from django.db.models import Q
from viewflow.workflow.status import STATUS

from casusoverleg import permissions
from casusoverleg.permissions import (
    VIEW,
    beoordelingen_for_user,
    casussen_for_user,
    may_access_cases,
)

from .models import Beoordeling, Taak

OPEN = [STATUS.NEW, STATUS.ASSIGNED]


def taken_for_user(*, user):
    """Open tasks of the user's organisation on cases the user takes part in."""
    if not may_access_cases(user):
        return Taak.objects.none()
    return Taak.objects.filter(
        organisatie_id=user.organisatie_id,
        task__status__in=OPEN,
        casus__in=casussen_for_user(user=user, perm=VIEW).values("pk"),
    )


def inbox(*, user):
    """Mijn taken: the user's own tasks and the organisation's unclaimed ones, with
    everything the list shows in one query."""
    return (
        taken_for_user(user=user)
        .filter(Q(task__owner=user) | Q(task__owner__isnull=True))
        # Four eyes (casusoverleg.permissions.may_review): an open task is not
        # offered to anyone who edited the work it judges.
        .exclude(bewerkers=user, task__owner__isnull=True)
        .select_related("task", "casus", "organisatie")
        .order_by("deadline", "pk")
    )


def beoordelingen_zichtbaar(*, user, proces):
    """Assessments the user may read (``casusoverleg.permissions.beoordelingen_for_user``)."""
    qs = Beoordeling.objects.filter(proces=proces).select_related("organisatie", "ingediend_door")
    return beoordelingen_for_user(qs, user=user, proces=proces)


def may_see_withheld(*, user, proces) -> bool:
    """Withheld information is for the coordinator only (the access module's rule)."""
    return permissions.may_see_withheld(user, proces)
