"""Tasks of a process: who may take and carry out a step, and the four-eyes rule."""

from django.utils.translation import gettext as _

from ..models import Casus
from .casussen import VIEW, casussen_for_user, user_can


def may_review(user, *, bewerkers_ids) -> bool:
    """Four eyes: nobody who edited a version (drafted, saved or submitted it) judges it."""
    return bool(getattr(user, "pk", None)) and user.pk not in set(bewerkers_ids)


def task_refusal(
    user,
    *,
    casus: Casus,
    perm: str,
    organisatie_id: int,
    rol: str | None = None,
    bewerkers_ids=None,
) -> str | None:
    """Why ``user`` may not take or carry out a task, or None.

    ``perm`` is the node's ``.Permission(...)`` (an object permission on ``casus``),
    ``rol`` the user flag the node asks for (``is_coordinator``, ``is_reviewer``);
    a task is for the members of one organisation; with ``bewerkers_ids`` the step
    judges someone's work, and :func:`may_review` applies.
    """
    app_label, _sep, codename = perm.rpartition(".")
    if app_label not in ("", "casusoverleg"):
        raise ValueError(f"not a case permission: {perm}")
    if getattr(user, "organisatie_id", None) != organisatie_id:
        return _("Deze taak is voor een andere organisatie.")
    # user_can also holds the rule of may_access_cases (active, no superuser bypass).
    if not user_can(user, casus, codename):
        return _("U neemt niet (meer) deel aan deze casus.")
    if rol == "is_reviewer" and not user.is_reviewer:
        return _("Alleen een reviewer van de coördinerende organisatie beoordeelt een advies.")
    if rol == "is_coordinator" and not user.is_coordinator:
        return _("Alleen een casuscoördinator voert deze stap uit.")
    if rol not in (None, "is_reviewer", "is_coordinator"):
        raise ValueError(f"unknown role: {rol}")
    if bewerkers_ids is not None and not may_review(user, bewerkers_ids=bewerkers_ids):
        return _("U heeft aan dit advies gewerkt; een ander moet het beoordelen (vier ogen).")
    return None


def taken_for_user(queryset, *, user):
    """The tasks in ``queryset`` (the inbox's ``Taak`` rows) that ``user`` may find:
    those of their organisation on cases they take part in (``casussen_for_user``
    holds ``may_access_cases``: nothing for anyone without case access)."""
    return queryset.filter(
        organisatie_id=user.organisatie_id,
        casus__in=casussen_for_user(user=user, perm=VIEW).values("pk"),
    )


def taken_zonder_eigen_werk(queryset, *, user):
    """Four eyes in a list (``may_review`` as a query): an unclaimed task is not
    offered to anyone who edited the work it judges."""
    return queryset.exclude(bewerkers=user, task__owner__isnull=True)
