"""Tasks of the process: claim, give back, hand over and complete, through
viewflow's activation API; who may is the flow's rule (``flows.taak_refusal``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Meldingsoort
from casusoverleg.permissions import (
    may_coordinate,
)
from casusoverleg.services import melding_send

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


#: The user flags a node's ``.Rol(...)`` may ask for, as a form names them.
ROL_NAMEN = {"is_coordinator": _("casuscoördinator"), "is_reviewer": _("reviewer")}


def taak_may_hand_over(user, taak: Taak) -> bool:
    """Whether ``user`` may hand ``taak`` to a colleague: its holder does, or a
    coordinator of the case."""
    return taak.task.owner_id == user.pk or may_coordinate(user, taak.casus)


def _collega_refusal(collega, taak: Taak) -> str | None:
    """Why ``collega`` cannot receive ``taak``, in words for whoever hands it over
    (``taak_refusal`` speaks to the person themselves), or None. The rule is the node's."""
    if collega.organisatie_id != taak.organisatie_id:
        return _("Kies een collega van uw eigen organisatie; deze taak is voor %(org)s.") % {
            "org": taak.organisatie
        }
    if taak_refusal(collega, taak) is None:
        return None
    node = taak.task.flow_task
    if node._rol and not getattr(collega, node._rol, False):
        return _("Deze collega is geen %(rol)s, en die rol vraagt deze stap.") % {
            "rol": ROL_NAMEN.get(node._rol, node._rol)
        }
    if node._vier_ogen and taak.bewerkers.filter(pk=collega.pk).exists():
        return _("Deze collega heeft aan dit advies gewerkt; een ander moet het beoordelen.")
    return _("Deze collega neemt niet deel aan deze casus en kan de taak dus niet doen.")


@transaction.atomic
def taak_reassign(*, ctx: AuditContext, taak: Taak, user) -> Taak:
    """Hand a claimed task to a named colleague of its organisation whom its node
    lets take it (``taak_refusal``); its holder or a coordinator of the case does
    this. The colleague gets a notification after commit. A colleague who may not take
    it is a ``ValidationError`` on ``aan`` (a form error), an actor who may not
    hand it over a ``PermissionDenied``."""
    if not taak_may_hand_over(ctx.user, taak):
        raise PermissionDenied
    if refusal := _collega_refusal(user, taak):
        raise ValidationError({"aan": refusal})
    with taak.task.activation() as activation:
        task = activation.task
        if task.status != STATUS.ASSIGNED:
            raise ValidationError(_("Deze taak is niet (meer) in behandeling."))
        if task.owner_id != ctx.user.pk and not may_coordinate(ctx.user, taak.casus):
            raise PermissionDenied  # someone else took it over in the meantime
        if task.owner_id == user.pk:
            if user.pk == ctx.user.pk:
                raise ValidationError({"aan": _("Kies een collega; u heeft de taak zelf al.")})
            raise ValidationError({"aan": _("Deze collega heeft de taak al.")})
        activation.reassign(user)
    _audit_taak(ctx, taak, "overdragen", aan=user.pk)
    melding_send(
        soort=Meldingsoort.TAAK_OVERGEDRAGEN,
        ontvangers=[user],
        casus=taak.casus,
        url=reverse("identificatie:taak", args=[taak.public_id]),
    )
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
