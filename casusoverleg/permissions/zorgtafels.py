"""Meetings (the zorgtafel app): who enters which meeting, its live room, its items.

The core does not import the meeting models (apps depend one way, on the core):
these rules take the meeting queryset or object they judge.
"""

from functools import wraps

from django.db.models import Exists, OuterRef, Q

from ..audit import Doel
from ..models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission, User
from .casussen import (
    VIEW,
    casussen_for_user,
    may_access_cases,
    may_contribute,
    may_coordinate_cases,
    object_or_404,
)


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


def may_chair(user) -> bool:
    """A meeting is chaired by a coordinator by role who may hold case access (that
    they can see every case on the agenda is the planning service's check)."""
    return may_coordinate_cases(user)


def may_plan_meetings(user) -> bool:
    """Only a coordinator by role who may hold case access plans a meeting."""
    return may_coordinate_cases(user)


def voorzitters_for_user(queryset, *, user):
    """The people in ``queryset`` whom ``user`` may choose as a meeting's chair:
    active coordinators by role of the user's own organisation (``may_chair``),
    and nobody for someone who may not plan meetings."""
    if not may_plan_meetings(user):
        return queryset.none()
    return queryset.filter(organisatie=user.organisatie_id, is_coordinator=True, is_active=True)


def may_lead(user, zorgtafel) -> bool:
    """A meeting is run (agenda, attendance, minutes, closing) by its chair or by
    whoever organised it, while they may hold case access: ``zorgtafels_for_user``
    with ``voorzitter``."""
    return may_access_cases(user) and user.pk in (
        zorgtafel.voorzitter_id,
        zorgtafel.aangemaakt_door_id,
    )


def may_act_on_item(user, agendapunt) -> bool:
    """The chair acts on an agenda item only while they may see its case, and
    not once it is closed (``may_contribute``)."""
    return may_lead(user, agendapunt.zorgtafel) and may_contribute(user, agendapunt.casus)


def may_confirm_confidentiality(user, zorgtafel, uitnodiging) -> bool:
    """The confidentiality statement of a meeting is accepted by an active invitee
    or by its chair or organiser (whose invitation is made on the spot)."""
    return uitnodiging.actief or user.pk in (zorgtafel.voorzitter_id, zorgtafel.aangemaakt_door_id)


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


def zichtbare_genodigden(viewer, zorgtafel) -> set[int]:
    """The people of ``zorgtafel`` (its invitees, chair and organiser) whose name
    and organisation ``viewer`` may see; anyone else is shown only as "a participant
    of another item" (who takes part can reveal a case: Nidos means a minor).

    To anyone who may hold case access, their own entry, the chair and the
    organiser (they run the meeting and are named on it) are always shown. The
    chair and the organiser (``may_lead``) see everyone. Anyone else sees an
    invitee only if there is an item on the agenda whose case both may read
    (``casussen_for_user``; the invitee's side through guardian's direct tables, as
    ``zorgtafel_lezers``, and only while they may hold case access at all). Two
    queries at most, whatever the number of invitees.
    """
    leiders = {zorgtafel.voorzitter_id, zorgtafel.aangemaakt_door_id}
    zichtbaar = {viewer.pk, *leiders}
    if not may_access_cases(viewer):
        return {viewer.pk}
    genodigden = zorgtafel.uitnodigingen.order_by().values("user_id")
    if may_lead(viewer, zorgtafel):
        return zichtbaar | set(genodigden.values_list("user_id", flat=True))
    gedeeld = list(
        casussen_for_user(user=viewer, perm=VIEW)
        .filter(pk__in=zorgtafel.agendapunten.order_by().values("casus_id"))
        .values_list("pk", flat=True)
    )
    if not gedeeld:
        return zichtbaar
    recht = {
        "content_object_id__in": gedeeld,
        "permission__codename": VIEW,
        "permission__content_type__app_label": "casusoverleg",
    }
    via_persoon = (
        CasusUserObjectPermission.objects.filter(user_id__in=genodigden, **recht)
        .order_by()
        .values("user_id")
    )
    via_organisatie = (
        User.groups.through.objects.filter(
            user_id__in=genodigden,
            group_id__in=CasusGroupObjectPermission.objects.filter(**recht).values("group_id"),
        )
        .order_by()
        .values("user_id")
    )
    lezers = User.objects.filter(pk__in=via_persoon.union(via_organisatie)).select_related(
        "organisatie"
    )
    return zichtbaar | {user.pk for user in lezers if may_access_cases(user)}


def zichtbare_casus_ids(user, casus_ids) -> set[int]:
    """Which of ``casus_ids`` the user may see now: the per-item rule of a meeting."""
    return set(
        casussen_for_user(user=user, perm=VIEW)
        .filter(pk__in=list(casus_ids))
        .values_list("pk", flat=True)
    )


def may_update_actiepunt(user, actiepunt) -> bool:
    """An action is reported on (progress, done, not possible) by a member of the
    organisation that owns it, while they may see its case and it is not closed
    (``may_contribute``)."""
    return (
        may_access_cases(user)
        and user.organisatie_id == actiepunt.eigenaar_id
        and may_contribute(user, actiepunt.casus)
    )


def actiepunten_for_update(queryset, *, user):
    """``may_update_actiepunt`` as a query: the actions in ``queryset`` (of the
    meetings' model, which the core does not import) the user may report on."""
    if not may_access_cases(user):
        return queryset.none()
    return queryset.filter(
        eigenaar=user.organisatie_id, casus__in=casussen_for_user(user=user, perm=VIEW)
    ).exclude(casus__status=Casus.Status.GESLOTEN)
