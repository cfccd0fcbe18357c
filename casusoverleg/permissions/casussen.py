"""Cases: who sees, changes and coordinates which case, and who may take part."""

from functools import wraps

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from .. import gebruiksdoel
from ..audit import (
    Actie,
    AuditContext,
    Doel,
    Uitkomst,
    audit_log,
    audit_log_many,
    mark_refusal_audited,
)
from ..models import (
    DISCIPLINES_WITHOUT_CASE_ACCESS,
    Casus,
    CasusGroupObjectPermission,
    CasusUserObjectPermission,
    Deelname,
    Discipline,
)

VIEW = "view_casus"
CHANGE = "change_casus"
COORDINATE = "coordinate_casus"
#: Not a stored permission: in ``perms_for`` when ``user`` may read the case's audit
#: trail (``casussen_audit_for_user``).
AUDIT = "audit_casus"
#: Not a stored permission: in ``perms_for`` when ``user`` may make the case's
#: subject-access export (``casussen_inzage_for_user``).
INZAGE = "inzage_casus"

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
    casussen = Casus.objects.filter(pk__in=via_persoon.union(via_organisatie))
    if perm != VIEW:
        # A closed case is read only, whatever permission rows remain: nobody
        # changes or coordinates it until it is reopened (casus_heropenen).
        casussen = casussen.exclude(status=Casus.Status.GESLOTEN)
    return casussen


def casussen_audit_for_user(*, user):
    """The cases whose audit trail ``user`` may read: those they coordinate, and a
    closed case of their own organisation when they coordinate by role (the
    organisation kept its read access, ``may_reopen``): who read a closed file
    stays answerable while it is kept."""
    gecoordineerd = casussen_for_user(user=user, perm=COORDINATE)
    if not may_coordinate_cases(user):
        return gecoordineerd
    gesloten = casussen_for_user(user=user, perm=VIEW).filter(
        status=Casus.Status.GESLOTEN, coordinerende_organisatie_id=user.organisatie_id
    )
    return Casus.objects.filter(
        Q(pk__in=gecoordineerd.values("pk")) | Q(pk__in=gesloten.values("pk"))
    )


def user_can(user, casus: Casus, perm: str = VIEW) -> bool:
    """Whether ``user`` holds ``perm`` on ``casus``: the rule of ``casussen_for_user``."""
    return casussen_for_user(user=user, perm=perm).filter(pk=casus.pk).exists()


def may_contribute(user, casus: Casus) -> bool:
    """Writes that need only the sight of a case (one's own assessment or addendum,
    a sign-off, an action, a meeting's item): allowed while the user sees the case
    and it is not closed. A closed case takes no writes at all."""
    return (
        casussen_for_user(user=user, perm=VIEW)
        .exclude(status=Casus.Status.GESLOTEN)
        .filter(pk=casus.pk)
        .exists()
    )


def may_close(user, casus: Casus) -> bool:
    """Who closes a case: its coordinator (``may_coordinate``), while it is not closed."""
    return not casus.is_gesloten and may_coordinate(user, casus)


def may_reopen(user, casus: Casus) -> bool:
    """Who reopens a closed case: a coordinator by role of the coordinating
    organisation, which kept its read access when the case was closed."""
    return (
        casus.is_gesloten
        and may_coordinate_cases(user)
        and user.organisatie_id == casus.coordinerende_organisatie_id
        and user_can(user, casus, VIEW)
    )


def may_keep_concept(user, casus: Casus | None) -> bool:
    """Whether ``user`` may still keep (and read back) their own draft about ``casus``.

    A draft is its author's alone, and only while they may still see what it is
    about: a draft on a case needs the case (``user_can``); one not yet on a case
    (a new signal) needs case access at all. Ask it again on every restore.
    """
    if casus is None:
        return may_access_cases(user)
    return user_can(user, casus, VIEW)


def may_coordinate_cases(user) -> bool:
    """A coordinator by role (the flag on the user) who may hold case access at all.

    Only they open cases, plan meetings and chair them.
    """
    return bool(getattr(user, "is_coordinator", False)) and may_access_cases(user)


def may_coordinate(user, casus: Casus) -> bool:
    """The coordinator of ``casus``: a coordinator by role whose organisation (or who
    personally) holds the coordinating permission on the case.

    Holding the permission without the role (a colleague of the coordinating
    organisation) lets one edit the case and its participants, not lead the process
    or the advice.
    """
    return may_coordinate_cases(user) and user_can(user, casus, COORDINATE)


def casuscoordinatoren(queryset, *, organisatie):
    """The people in ``queryset`` who may be named coordinator of a case that
    ``organisatie`` coordinates: its active coordinators by role
    (``may_coordinate_cases``); nobody for an organisation that may not coordinate."""
    if not may_coordinate_as(organisatie):
        return queryset.none()
    return queryset.filter(
        organisatie=organisatie.pk, is_coordinator=True, is_active=True, is_superuser=False
    )


def may_be_casuscoordinator(user, casus: Casus) -> bool:
    """Whether ``user`` may be named the coordinator of ``casus``: a coordinator by
    role of its coordinating organisation (``casuscoordinatoren``)."""
    return (
        may_coordinate_cases(user)
        and user.organisatie_id == casus.coordinerende_organisatie_id
        and may_coordinate_as(user.organisatie)
    )


def may_change_coordinator(user, casus: Casus) -> bool:
    """Who names (or changes) the coordinator of a case: a coordinator by role of
    the coordinating organisation while it coordinates the case (``may_coordinate``).
    A participant of another organisation, or a colleague without the role, may not."""
    return user.organisatie_id == casus.coordinerende_organisatie_id and may_coordinate(user, casus)


def may_coordinate_as(organisatie) -> bool:
    """Which organisations may coordinate a case: those that may hold case access,
    except a law firm (a lawyer is one person's counsel, never the case's lead)."""
    return organisatie.may_access_cases and organisatie.discipline != Discipline.ADVOCATUUR


def coordinerende_organisaties(queryset):
    """The organisations in ``queryset`` that may coordinate a case (``may_coordinate_as``)."""
    return queryset.filter(actief=True).exclude(
        discipline__in=[*DISCIPLINES_WITHOUT_CASE_ACCESS, Discipline.ADVOCATUUR]
    )


def deelname_organisaties(queryset):
    """The organisations in ``queryset`` that may take part in a case at all
    (``Organisatie.may_access_cases``; a law firm through one lawyer, see
    ``deelname_refusal``)."""
    return queryset.filter(actief=True).exclude(discipline__in=DISCIPLINES_WITHOUT_CASE_ACCESS)


def deelname_advocaten(queryset):
    """The people in ``queryset`` who may take part personally: active lawyers."""
    return queryset.filter(is_active=True, organisatie__discipline=Discipline.ADVOCATUUR)


def deelname_refusal(*, organisatie, persoon=None) -> dict | None:
    """Why ``organisatie`` (or the lawyer ``persoon`` of it) may not take part in a
    case, as form errors, or None.

    The lawyer's own-client scope: a law firm never takes part as a whole; only the
    person's own lawyer does, personally, so that the firm's other lawyers see
    nothing. Nobody else takes part as a person. Administrators and the project
    group never take part.
    """
    if not organisatie.may_access_cases:
        return {"organisatie": _("Deze organisatie kan niet aan casussen deelnemen.")}
    advocatuur = organisatie.discipline == Discipline.ADVOCATUUR
    if advocatuur and persoon is None:
        return {
            "persoon": _("Een advocaat neemt persoonlijk deel: kies de advocaat van de persoon.")
        }
    if persoon is not None:
        if not advocatuur:
            return {
                "persoon": _("Alleen een advocaat neemt als persoon deel; kies de organisatie.")
            }
        if persoon.organisatie_id != organisatie.pk or not persoon.is_active:
            return {"persoon": _("Deze persoon werkt niet bij deze organisatie.")}
    return None


def object_or_404(
    request,
    queryset,
    public_id: str,
    *,
    object_type: str,
    doel: str,
    casus_of,
    is_casus=False,
    doel_vragen=True,
):
    """The object with ``public_id`` in the user's ``queryset``, or 404; audited either way.

    ``queryset`` must already be narrowed to what the user may see (through
    ``casussen_for_user``); ``casus_of(obj)`` names the case the object belongs to,
    for that case's audit trail. Allowed, but without a purpose of use stated for
    that case in this session, it raises ``GebruiksdoelNodig`` before anything is
    read (the page that asks for the purpose passes ``doel_vragen=False``).
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
        mark_refusal_audited(request)
        raise Http404
    casus = casus_of(obj)
    if (
        doel_vragen
        and casus is not None
        and gebruiksdoel.vereist(request, casus.public_id)
        # Only who opens the case itself: a referral's receiving organisation, or
        # a signal's own organisation, reads the object without the case.
        and user_can(request.user, casus, VIEW)
    ):
        raise gebruiksdoel.GebruiksdoelNodig([casus.public_id])
    audit_log(
        ctx,
        actie=Actie.LEZEN,
        object_type=object_type,
        object_id=public_id,
        casus=casus,
        detail=detail,
    )
    return obj


def casussen_or_404(request, public_ids, *, doel: str = Doel.CASUSOVERLEG) -> list[Casus]:
    """The cases ``public_ids`` if the user may read every one of them; else 404
    for all (audited per case refused), as for one case. Reads nothing else, so
    their reads are audited by whatever shows them."""
    public_ids = list(dict.fromkeys(public_ids))
    if not public_ids:
        raise Http404  # audited by RefusalAuditMiddleware
    casussen = list(casussen_for_user(user=request.user).filter(public_id__in=public_ids))
    gevonden = {c.public_id for c in casussen}
    geweigerd = [p for p in public_ids if p not in gevonden]
    if geweigerd:
        audit_log_many(
            AuditContext.for_request(request, doel),
            [
                {
                    "actie": Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
                    "uitkomst": Uitkomst.GEWEIGERD,
                    "object_type": "casus",
                    "object_id": p[:64],
                    "casus_public_id": p[:64],
                    "detail": {"view": _view_name(request), "method": request.method},
                }
                for p in geweigerd
            ],
        )
        mark_refusal_audited(request)
        raise Http404
    return sorted(casussen, key=lambda c: c.nummer)


def casus_for_user(
    request,
    public_id: str,
    *,
    perm: str = VIEW,
    doel: str = Doel.CASUSOVERLEG,
    object_type: str = "casus",
    casussen=None,
    doel_vragen: bool = True,
) -> Casus:
    """The case behind ``public_id`` if the user may ``perm`` it (or, given
    ``casussen(user=...)``, if it is among those); else 404, audited. See
    ``object_or_404`` for ``doel_vragen``.

    A granted access is audited as a read of the case; the change a POST makes is
    audited by the service that makes it.
    """
    return object_or_404(
        request,
        (
            casussen(user=request.user)
            if casussen is not None
            else casussen_for_user(user=request.user, perm=perm)
        ).select_related("coordinerende_organisatie", "coordinator"),
        public_id,
        object_type=object_type,
        doel=doel,
        casus_of=lambda casus: casus,
        is_casus=True,
        doel_vragen=doel_vragen,
    )


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def casus_view(
    perm: str = VIEW,
    doel: str = Doel.CASUSOVERLEG,
    object_type: str = "casus",
    casussen=None,
    doel_vragen: bool = True,
):
    """Decorator for every view under ``/casussen/<public_id>/``.

    Looks the case up through ``casus_for_user`` before anything else runs
    (including the method check), and passes it to the view as ``casus``.
    Only the page that asks for the purpose of use passes ``doel_vragen=False``.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, public_id, *args, **kwargs):
            casus = casus_for_user(
                request,
                public_id,
                perm=perm,
                doel=doel,
                object_type=object_type,
                casussen=casussen,
                doel_vragen=doel_vragen,
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
    perms = set(
        via_persoon.values_list("permission__codename", flat=True).union(
            via_organisatie.values_list("permission__codename", flat=True)
        )
    )
    # The rule of ``casussen_for_user``: a closed case is read only.
    if casus.is_gesloten:
        perms &= {VIEW}
    if COORDINATE in perms or (
        casus.is_gesloten
        and VIEW in perms
        and may_coordinate_cases(user)
        and user.organisatie_id == casus.coordinerende_organisatie_id
    ):
        perms.add(AUDIT)  # the rule of ``casussen_audit_for_user``
    if AUDIT in perms and may_coordinate_cases(user):
        perms.add(INZAGE)  # the rule of ``casussen_inzage_for_user``
    return perms
