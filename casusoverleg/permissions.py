"""Need to know: the one place that decides who sees which case.

An organisation sees a case only while it takes part in it (``Deelname``); a
lawyer only the cases of their own clients. Object permissions live in
guardian's direct-foreign-key tables and are granted and revoked only by
``casusoverleg.services``. Every case-scoped view, form, download, search,
task and websocket asks this module; "no access" and "does not exist" give the
same 404, and every refusal is audited.
"""

from functools import wraps

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from .audit import Actie, AuditContext, Doel, Uitkomst, audit_log
from .models import (
    Casus,
    CasusGroupObjectPermission,
    CasusUserObjectPermission,
    Deelname,
    User,
)

VIEW = "view_casus"
CHANGE = "change_casus"
COORDINATE = "coordinate_casus"

#: What each role in a case may do.
ROL_PERMISSIONS = {
    Deelname.Rol.COORDINATOR: (VIEW, CHANGE, COORDINATE),
    Deelname.Rol.DEELNEMER: (VIEW, CHANGE),
    Deelname.Rol.WAARNEMER: (VIEW,),
}


def may_access_cases(user) -> bool:
    """Users who can hold case access at all.

    Administrators (beheer) and the project group never see case content, and
    superuser status does not bypass need to know.
    """
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_superuser
        and user.organisatie.may_access_cases
    )


def casussen_for_user(*, user, perm: str = VIEW):
    """The cases ``user`` holds ``perm`` on, as one query (no per-row checks).

    Reads guardian's tables directly: model-wide permissions (``accept_global_perms``)
    and superuser status must never widen this set.
    """
    if not may_access_cases(user):
        return Casus.objects.none()
    via_persoon = CasusUserObjectPermission.objects.filter(
        user=user, permission__codename=perm, permission__content_type__app_label="casusoverleg"
    ).values("content_object_id")
    via_organisatie = CasusGroupObjectPermission.objects.filter(
        group__user=user,
        permission__codename=perm,
        permission__content_type__app_label="casusoverleg",
    ).values("content_object_id")
    # One UNION subquery: PostgreSQL plans "pk IN (a) OR pk IN (b)" as a scan of
    # every case (bench/case_list.py), the union as two index lookups.
    return Casus.objects.filter(pk__in=via_persoon.union(via_organisatie))


def user_can(user, casus: Casus, perm: str = VIEW) -> bool:
    return casussen_for_user(user=user, perm=perm).filter(pk=casus.pk).exists()


def object_or_404(
    request, queryset, public_id: str, *, object_type: str, doel: str, casus_of, is_casus=False
):
    """The object with ``public_id`` in the user's ``queryset``, or 404; audited either way.

    ``queryset`` must already be narrowed to what the user may see (through
    ``casussen_for_user``); ``casus_of(obj)`` names the case the object belongs to,
    for that case's audit trail.
    """
    ctx = AuditContext.for_request(request, doel)
    obj = queryset.filter(public_id=public_id).first()
    detail = {"view": _view_name(request), "method": request.method}
    if obj is None:
        audit_log(
            ctx,
            actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type=object_type,
            object_id=public_id,
            casus_public_id=public_id if is_casus else "",
            detail=detail,
        )
        raise Http404
    audit_log(
        ctx,
        actie=Actie.LEZEN,
        object_type=object_type,
        object_id=public_id,
        casus=casus_of(obj),
        detail=detail,
    )
    return obj


def casus_for_user(
    request,
    public_id: str,
    *,
    perm: str = VIEW,
    doel: str = Doel.CASUSOVERLEG,
    object_type: str = "casus",
) -> Casus:
    """The case behind ``public_id`` if the user may ``perm`` it; else 404, audited.

    A granted access is audited as a read of the case; the change a POST makes is
    audited by the service that makes it.
    """
    return object_or_404(
        request,
        casussen_for_user(user=request.user, perm=perm).select_related(
            "coordinerende_organisatie", "coordinator"
        ),
        public_id,
        object_type=object_type,
        doel=doel,
        casus_of=lambda casus: casus,
        is_casus=True,
    )


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def casus_view(perm: str = VIEW, doel: str = Doel.CASUSOVERLEG, object_type: str = "casus"):
    """Decorator for every view under ``/casussen/<public_id>/``.

    Looks the case up through ``casus_for_user`` before anything else runs
    (including the method check), and passes it to the view as ``casus``.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, public_id, *args, **kwargs):
            casus = casus_for_user(
                request, public_id, perm=perm, doel=doel, object_type=object_type
            )
            return view(request, casus, *args, **kwargs)

        wrapper.casus_scoped = True
        return wrapper

    return decorator


def perms_for(user, casus: Casus) -> set[str]:
    """All of ``user``'s permissions on one case, in one query (for showing buttons)."""
    if not may_access_cases(user):
        return set()
    via_persoon = CasusUserObjectPermission.objects.filter(user=user, content_object=casus)
    via_organisatie = CasusGroupObjectPermission.objects.filter(
        group__user=user, content_object=casus
    )
    return set(
        via_persoon.values_list("permission__codename", flat=True).union(
            via_organisatie.values_list("permission__codename", flat=True)
        )
    )


# Meetings (the zorgtafel app) -----------------------------------------------------
# The core does not import the meeting models (apps depend one way, on the core):
# these rules take the meeting queryset or object they judge.


def zorgtafels_for_user(queryset, *, user, voorzitter: bool = False):
    """The meetings in ``queryset`` that ``user`` is invited to, chairs or organised.

    With ``voorzitter`` only those they chair or organised. Being invited opens
    the meeting, never its items: an item's content follows ``casussen_for_user``.
    """
    if not may_access_cases(user):
        return queryset.none()
    leidt = Q(voorzitter=user) | Q(aangemaakt_door=user)
    if voorzitter:
        return queryset.filter(leidt)
    uitnodiging = queryset.model._meta.get_field("uitnodigingen").related_model
    uitgenodigd = uitnodiging.objects.filter(zorgtafel=OuterRef("pk"), user=user, actief=True)
    return queryset.filter(leidt | Q(Exists(uitgenodigd)))


def zorgtafel_view(queryset, *, voorzitter: bool = False, doel: str = Doel.CASUSOVERLEG):
    """Decorator for every view under ``/zorgtafels/<zorgtafel_id>/``.

    Looks the meeting up through ``zorgtafels_for_user`` before anything else runs
    (the method check included): 404 and a refused audit event for anyone not
    invited (or, with ``voorzitter``, not chairing), exactly as for a missing one.
    ``queryset`` is a callable giving the meetings (the model lives above the core).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, zorgtafel_id, *args, **kwargs):
            zorgtafel = object_or_404(
                request,
                zorgtafels_for_user(
                    queryset(), user=request.user, voorzitter=voorzitter
                ).select_related("voorzitter"),
                zorgtafel_id,
                object_type="zorgtafel",
                doel=doel,
                casus_of=lambda zorgtafel: None,
            )
            return view(request, zorgtafel, *args, **kwargs)

        wrapper.zorgtafel_scoped = True
        return wrapper

    return decorator


def may_enter_room(user, zorgtafel) -> bool:
    """The live room and the minutes open only to an invitee (the chair is one) who
    has accepted the confidentiality statement for this meeting."""
    return (
        may_access_cases(user)
        and zorgtafel.uitnodigingen.filter(
            user=user, vertrouwelijkheid_bevestigd_op__isnull=False
        ).exists()
    )


def zorgtafel_lezers(*, zorgtafel_queryset, zorgtafel_pk: int, casus_pk: int) -> list[int]:
    """The users of meeting ``zorgtafel_pk`` who may see case ``casus_pk`` now.

    The rule of ``casussen_for_user`` (guardian's direct tables, via the person or
    their organisation's group; ``may_access_cases``) for all of the meeting's people
    at once, limited to who may be in the room at all (``zorgtafels_for_user``:
    invited, chairing or organising). One query, whatever the number of people.
    """
    recht = {
        "content_object_id": casus_pk,
        "permission__codename": VIEW,
        "permission__content_type__app_label": "casusoverleg",
    }
    via_persoon = CasusUserObjectPermission.objects.filter(**recht).order_by().values("user_id")
    via_organisatie = (
        User.groups.through.objects.filter(
            group_id__in=CasusGroupObjectPermission.objects.filter(**recht).values("group_id")
        )
        .order_by()
        .values("user_id")
    )
    zorgtafel = zorgtafel_queryset.filter(pk=zorgtafel_pk).order_by()
    uitnodiging = zorgtafel_queryset.model._meta.get_field("uitnodigingen").related_model
    in_de_zaal = (
        uitnodiging.objects.filter(zorgtafel_id=zorgtafel_pk, actief=True)
        .order_by()
        .values("user_id")
        .union(zorgtafel.values("voorzitter_id"), zorgtafel.values("aangemaakt_door_id"))
    )
    users = (
        User.objects.filter(pk__in=via_persoon.union(via_organisatie))
        .filter(pk__in=in_de_zaal)
        .select_related("organisatie")
    )
    return sorted(user.pk for user in users if may_access_cases(user))


def zichtbare_casus_ids(user, casus_ids) -> set[int]:
    """Which of ``casus_ids`` the user may see now: the per-item rule of a meeting."""
    return set(
        casussen_for_user(user=user, perm=VIEW)
        .filter(pk__in=list(casus_ids))
        .values_list("pk", flat=True)
    )


# Tasks of a process ------------------------------------------------------------------
# The apps above hand in plain data (the node's permission, the task's organisation,
# who edited the work); the rule itself is written here, once.


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
    if not may_access_cases(user) or user.organisatie_id != organisatie_id:
        return _("Deze taak is voor een andere organisatie.")
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
