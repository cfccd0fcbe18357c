"""Who sees which signal and which report: built on the case access rules.

A signal attached to a case is case data and follows the case; before that it is
seen by the organisation that recorded it. CoMensha sees the reports addressed to
it (status "gemeld"), and of a case it does not take part in nothing else.
"""

from django.db.models import Q

from casusoverleg.models import Discipline
from casusoverleg.permissions import VIEW, casussen_for_user, may_access_cases

from .models import Melding, Signaal


def signalen_for_user(*, user, perm: str = VIEW):
    if not may_access_cases(user):
        return Signaal.objects.none()
    return Signaal.objects.filter(
        Q(casus__in=casussen_for_user(user=user, perm=perm).values("pk"))
        | Q(casus__isnull=True, organisatie=user.organisatie_id)
    )


def may_record_signals(user) -> bool:
    return may_access_cases(user)


def is_comensha(user) -> bool:
    return may_access_cases(user) and user.organisatie.discipline == Discipline.COMENSHA


def meldingen_for_comensha(*, user):
    """The reports addressed to CoMensha: only to CoMensha's own staff."""
    if not is_comensha(user):
        return Melding.objects.none()
    return Melding.objects.filter(status=Melding.Status.GEMELD)
