"""Reads of the identification process, all narrowed by casusoverleg.permissions."""

from django.db.models import Q
from viewflow.workflow.status import STATUS

from casusoverleg import permissions
from casusoverleg.permissions import (
    beoordelingen_for_user,
)

from .models import Beoordeling, Taak

OPEN = [STATUS.NEW, STATUS.ASSIGNED]


def taken_for_user(*, user):
    """Open tasks of the user's organisation on cases the user takes part in."""
    return permissions.taken_for_user(Taak.objects.filter(task__status__in=OPEN), user=user)


def inbox(*, user):
    """Mijn taken: the user's own tasks and the organisation's unclaimed ones, with
    everything the list shows in one query."""
    mine_or_open = taken_for_user(user=user).filter(
        Q(task__owner=user) | Q(task__owner__isnull=True)
    )
    return (
        permissions.taken_zonder_eigen_werk(mine_or_open, user=user)
        .select_related("task", "casus", "organisatie")
        .order_by("deadline", "pk")
    )


def beoordelingen_zichtbaar(*, user, proces):
    """Assessments the user may read (``casusoverleg.permissions.beoordelingen_for_user``)."""
    qs = Beoordeling.objects.filter(proces=proces).select_related(
        "organisatie", "ingediend_door__organisatie"
    )
    return beoordelingen_for_user(qs, user=user, proces=proces)


def may_see_withheld(*, user, proces) -> bool:
    """Withheld information is for the coordinator only (the access module's rule)."""
    return permissions.may_see_withheld(user, proces)
