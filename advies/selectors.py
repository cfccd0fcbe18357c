"""Reads of the advice, narrowed by casusoverleg.permissions."""

from django.db.models import Count

from casusoverleg import permissions
from identificatie.selectors import taken_for_user

from .models import Advies


def open_correctie_taak(*, user, advies: Advies):
    """The open task of the correction ``advies`` is, if it is one the user's
    organisation has on a case they take part in (else None)."""
    if advies.vervangt_id is None or advies.vastgesteld:
        return None
    return taken_for_user(user=user).filter(proces__correctieproces__advies=advies).first()


def adviezen_ter_beoordeling(*, user):
    """The advices in review (awaiting the four-eyes review or the disciplines'
    sign-off) on cases ``user`` coordinates, oldest first, with how many
    organisations have signed off."""
    if not permissions.may_coordinate_cases(user):
        return Advies.objects.none()
    return (
        Advies.objects.filter(
            status=Advies.Status.IN_REVIEW,
            casus__in=permissions.casussen_for_user(user=user, perm=permissions.COORDINATE),
        )
        .select_related("casus")
        .annotate(aantal_aftekeningen=Count("aftekeningen"))
        .order_by("updated_at", "pk")
    )
