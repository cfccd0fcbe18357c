"""Who does the tasks on a case that are no process step (``Casustaak``)."""

from .casussen import VIEW, casussen_for_user, may_access_cases, user_can


def may_do_casustaak(user, taak) -> bool:
    """A task on a case is done by a member of the organisation it is for, while
    they may see its case."""
    return (
        may_access_cases(user)
        and user.organisatie_id == taak.organisatie_id
        and user_can(user, taak.casus, VIEW)
    )


def casustaken_for_user(queryset, *, user):
    """``may_do_casustaak`` as a query: the tasks in ``queryset`` the user may do."""
    if not may_access_cases(user):
        return queryset.none()
    return queryset.filter(
        organisatie=user.organisatie_id, casus__in=casussen_for_user(user=user, perm=VIEW)
    )
