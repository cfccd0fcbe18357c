"""What every page's navigation may show, as the access module answers it."""

from functools import partial

from .mfa import sessie_geverifieerd
from .permissions import may_access_cases, may_read_audit_report, may_read_meldingen


def toegang(request):
    """The menu's answers, asked only when a template uses them."""
    user = request.user
    return {
        "mag_casussen": partial(may_access_cases, user),
        "mag_meldingen_lezen": partial(may_read_meldingen, user),
        "mag_auditrapport": partial(may_read_audit_report, user),
        # Before the second factor every menu link would only bounce back to it.
        "sessie_geverifieerd": partial(sessie_geverifieerd, user),
    }
