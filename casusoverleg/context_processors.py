"""What every page's navigation may show, as the access module answers it."""

from functools import partial

from django.utils.functional import SimpleLazyObject

from . import selectors
from .mfa import sessie_geverifieerd
from .permissions import (
    may_access_cases,
    may_open_toegangsreview,
    may_read_audit_report,
    may_read_meldingen,
    may_read_statistiek,
    may_read_wegwijzer,
)


def toegang(request):
    """The menu's answers, asked only when a template uses them."""
    user = request.user
    return {
        "mag_casussen": partial(may_access_cases, user),
        "mag_meldingen_lezen": partial(may_read_meldingen, user),
        "mag_auditrapport": partial(may_read_audit_report, user),
        "mag_statistiek": partial(may_read_statistiek, user),
        "mag_wegwijzer": partial(may_read_wegwijzer, user),
        "mag_toegangsreview": partial(may_open_toegangsreview, user),
        # Before the second factor every menu link would only bounce back to it.
        "sessie_geverifieerd": partial(sessie_geverifieerd, user),
    }


def meldingen(request):
    """The header's count of unread notices: one query, only when a page shows it."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "meldingen_ongelezen": SimpleLazyObject(
            lambda: selectors.meldingen_ongelezen_aantal(user=user)
        )
    }
