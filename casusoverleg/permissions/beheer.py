"""Functional administration: who may change user accounts (and with them access)."""

from django.utils.translation import gettext as _

from ..models import Discipline
from .wegwijzer import may_be_organisatiebeheerder


def may_administer_users(user, perm: str = "casusoverleg.change_user") -> bool:
    """An active functional administrator (staff) holding the model permission
    ``perm`` (Django's ``has_perm`` is False for an inactive user). Administrators
    never see case content; they manage accounts."""
    return bool(user.is_staff and user.has_perm(perm))  # an anonymous user is no staff


def _beheerder(user) -> bool:
    return bool(user.is_active and user.is_staff)  # an anonymous user is no staff


def _organisatiebeheerder(user) -> bool:
    """An organisation administrator who may read their organisation's audit: not
    at a law firm, where each lawyer takes part personally as the person's own
    counsel and which cases a colleague handles is not the firm's to see."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_organisatiebeheerder
        and may_be_organisatiebeheerder(user)
        and user.organisatie.discipline != Discipline.ADVOCATUUR
    )


def may_read_audit_report(user) -> bool:
    """The audit reports per user and per organisation (the security officer's
    view of what accounts did): active functional administrators for everyone,
    an organisation's administrators for their own organisation. They show case
    numbers and account events, never case content."""
    return _beheerder(user) or _organisatiebeheerder(user)


def audit_rapport_gebruikers(queryset, *, user):
    """The users in ``queryset`` whose audit report ``user`` may read."""
    if _beheerder(user):
        return queryset
    if _organisatiebeheerder(user):
        return queryset.filter(organisatie_id=user.organisatie_id)
    return queryset.none()


def audit_rapport_organisaties(queryset, *, user):
    """The organisations in ``queryset`` whose audit report ``user`` may read."""
    if _beheerder(user):
        return queryset
    if _organisatiebeheerder(user):
        return queryset.filter(pk=user.organisatie_id)
    return queryset.none()


def may_read_audit_signalen(user) -> bool:
    """The anomaly signals over every account: functional administrators only."""
    return _beheerder(user)


def account_change_refusal(user, gebruiker) -> str | None:
    """Why ``user`` may not change ``gebruiker``'s access, or None: administrators
    never change their own access (nobody grants themselves cases), nor a
    superuser's (that account is not managed here)."""
    if gebruiker.pk == user.pk:
        return _("U kunt uw eigen toegang niet wijzigen.")
    if gebruiker.is_superuser:
        return _("Een superuser-account wordt niet via het beheer gewijzigd.")
    return None
