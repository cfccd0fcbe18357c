"""The access module's rules on signals and reports, bound to this app's models.

The rules themselves live in ``casusoverleg.permissions``; this only supplies the
querysets they judge.
"""

from casusoverleg import permissions

from .models import Melding, Signaal


def signalen_for_user(*, user, perm: str = permissions.VIEW):
    """``casusoverleg.permissions.signalen_for_user`` over all signals."""
    return permissions.signalen_for_user(Signaal.objects.all(), user=user, perm=perm)


def meldingen_for_comensha(*, user):
    """``casusoverleg.permissions.meldingen_for_user`` over all reports."""
    return permissions.meldingen_for_user(Melding.objects.all(), user=user)
