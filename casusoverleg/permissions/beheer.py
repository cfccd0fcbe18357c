"""Functional administration: who may change user accounts (and with them access)."""

from django.utils.translation import gettext as _


def may_administer_users(user, perm: str = "casusoverleg.change_user") -> bool:
    """An active functional administrator (staff) holding the model permission
    ``perm`` (Django's ``has_perm`` is False for an inactive user). Administrators
    never see case content; they manage accounts."""
    return bool(user.is_staff and user.has_perm(perm))  # an anonymous user is no staff


def may_read_audit_report(user) -> bool:
    """The per-user audit report (security officer's view of what one account
    did): active functional administrators only. It shows case numbers and
    account events, never case content."""
    return bool(user.is_active and user.is_staff)  # an anonymous user is no staff


def account_change_refusal(user, gebruiker) -> str | None:
    """Why ``user`` may not change ``gebruiker``'s access, or None: administrators
    never change their own access (nobody grants themselves cases), nor a
    superuser's (that account is not managed here)."""
    if gebruiker.pk == user.pk:
        return _("U kunt uw eigen toegang niet wijzigen.")
    if gebruiker.is_superuser:
        return _("Een superuser-account wordt niet via het beheer gewijzigd.")
    return None
