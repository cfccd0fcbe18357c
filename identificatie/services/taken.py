"""Tasks of the process: claim, give back, hand over and complete, through
viewflow's activation API; who may is the flow's rule (``flows.taak_refusal``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.permissions import (
    may_coordinate,
)

from ..flows import taak_refusal
from ..models import Taak


def _check(user, taak):
    refusal = taak_refusal(user, taak)
    if refusal:
        raise PermissionDenied(refusal)


def _audit_taak(ctx, taak, handeling, **detail):
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="taak",
        object_id=taak.public_id,
        casus=taak.casus,
        detail={"handeling": handeling, **detail},
    )


def _genomen():
    return ValidationError(_("Deze taak is al door iemand anders opgepakt of afgerond."))


@transaction.atomic
def taak_claim(*, ctx: AuditContext, taak: Taak) -> Taak:
    """Take an unclaimed task, if its node lets this user (``taak_refusal``).
    Race-free: the flow's lock serialises claims, so of two at once one wins and
    the other is told the task was taken."""
    _check(ctx.user, taak)
    with taak.task.activation() as activation:
        if activation.task.status != STATUS.NEW or activation.task.owner_id is not None:
            raise _genomen()
        activation.assign(ctx.user)
    _audit_taak(ctx, taak, "oppakken")
    return taak


@transaction.atomic
def taak_release(*, ctx: AuditContext, taak: Taak) -> Taak:
    """Give a claimed task back to the organisation's queue: only its owner does."""
    with taak.task.activation() as activation:
        task = activation.task
        if task.status != STATUS.ASSIGNED or task.owner_id != ctx.user.pk:
            raise ValidationError(_("U heeft deze taak niet (meer) in behandeling."))
        activation.unassign()
    _audit_taak(ctx, taak, "teruggeven")
    return taak


@transaction.atomic
def taak_reassign(*, ctx: AuditContext, taak: Taak, user) -> Taak:
    """Hand a claimed task to a colleague who may take it (its node's rule); the
    owner or a coordinator of the case does this."""
    eigenaar = taak.task.owner_id == ctx.user.pk
    if not eigenaar and not may_coordinate(ctx.user, taak.casus):
        raise PermissionDenied
    _check(user, taak)
    with taak.task.activation() as activation:
        if activation.task.status != STATUS.ASSIGNED:
            raise ValidationError(_("Deze taak is niet (meer) in behandeling."))
        activation.reassign(user)
    _audit_taak(ctx, taak, "overdragen", aan=user.pk)
    return taak


def taak_complete(taak: Taak, user, *, bewerkers=()):
    """Finish a claimed task through the flow, under the process lock. ``bewerkers``
    are the people who edited the work this step hands on: the next step that
    judges it (a ``.VierOgen()`` node) may not go to any of them."""
    with taak.task.activation() as activation:
        if not activation.flow_task.can_execute(user, activation.task):
            _check(user, taak)
            raise ValidationError(_("Pak de taak eerst op; misschien heeft een ander hem al."))
        if activation.task.status != STATUS.ASSIGNED:
            raise ValidationError(_("Pak de taak eerst op; misschien heeft een ander hem al."))
        activation.start(None)
        activation.execute()
    if bewerkers:
        for volgende in Taak.objects.filter(task__previous=taak.task):
            volgende.bewerkers.add(*bewerkers)


def taak_check_owner(user, taak):
    """The user may do this task and has it in hand (claimed, not finished)."""
    _check(user, taak)
    if taak.task.owner_id != user.pk or taak.task.status != STATUS.ASSIGNED:
        raise ValidationError(_("Pak de taak eerst op; misschien heeft een ander hem al."))
