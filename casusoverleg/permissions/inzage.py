"""The person's right of access: who produces the export of everything a case holds."""

from ..models import Casus
from .casussen import casussen_audit_for_user, may_coordinate_cases


def casussen_inzage_for_user(*, user):
    """The cases whose subject-access export ``user`` may make: a coordinator by role,
    on the cases whose audit trail they may read (``casussen_audit_for_user``: those
    they coordinate, and a closed case of their own organisation, since the person's
    right lasts as long as the data are kept). A participant, or a colleague of the
    coordinating organisation without the role, may not: the export holds every
    organisation's contribution and the audit trail, which only the coordinator sees."""
    if not may_coordinate_cases(user):
        return Casus.objects.none()
    return casussen_audit_for_user(user=user)


def may_export_inzage(user, casus: Casus) -> bool:
    return casussen_inzage_for_user(user=user).filter(pk=casus.pk).exists()
