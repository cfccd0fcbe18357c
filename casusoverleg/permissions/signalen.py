"""Signals, CoMensha reports, assessments and advice drafts (the identificatie and
advies apps): built on the case rules.

The core does not import those apps' models: these rules take the queryset or
object they judge.
"""

from django.db.models import Q

from ..models import Discipline
from .casussen import (
    COORDINATE,
    VIEW,
    casussen_for_user,
    may_access_cases,
    may_coordinate,
)


def signalen_for_user(queryset, *, user, perm: str = VIEW):
    """The signals in ``queryset`` that ``user`` sees.

    A signal attached to a case is case data and follows the case (``perm`` on it);
    before that only the organisation that recorded it sees it.
    """
    if not may_access_cases(user):
        return queryset.none()
    return queryset.filter(
        Q(casus__in=casussen_for_user(user=user, perm=perm).values("pk"))
        | Q(casus__isnull=True, organisatie=user.organisatie_id)
    )


def may_record_signals(user) -> bool:
    """Everyone who may hold case access records signals (the many eyes and ears)."""
    return may_access_cases(user)


def may_read_meldingen(user) -> bool:
    """Only CoMensha's own staff read the reports addressed to CoMensha."""
    return may_access_cases(user) and user.organisatie.discipline == Discipline.COMENSHA


def meldingen_for_user(queryset, *, user):
    """The reports in ``queryset`` that ``user`` reads: for CoMensha's staff those
    addressed to it (status "gemeld"); for anyone else none."""
    if not may_read_meldingen(user):
        return queryset.none()
    return queryset.filter(status=queryset.model.Status.GEMELD)


def beoordelingen_for_user(queryset, *, user, proces):
    """The assessments of ``proces`` in ``queryset`` that ``user`` reads.

    An organisation always sees its own. Each submitted one is seen by holders of
    the coordinating permission on the case at once, and by everyone else once the
    round is closed.
    """
    eigen = Q(organisatie=user.organisatie_id)
    coordinerend = casussen_for_user(user=user, perm=COORDINATE).filter(pk=proces.casus_id)
    if coordinerend.exists() or proces.ronde_gesloten:
        return queryset.filter(Q(ingediend_op__isnull=False) | eigen)
    return queryset.filter(eigen)


def may_see_withheld(user, proces) -> bool:
    """Information withheld in an assessment is for the coordinator of the case only
    (``may_coordinate``)."""
    return may_coordinate(user, proces.casus)


def may_read_advies(user, advies) -> bool:
    """A draft advice is read only by holders of the coordinating permission on its
    case; any other version by everyone who may see the case (the view's check)."""
    if advies.status != type(advies).Status.CONCEPT:
        return True
    return casussen_for_user(user=user, perm=COORDINATE).filter(pk=advies.casus_id).exists()
