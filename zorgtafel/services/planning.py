"""Planning a meeting and its agenda; invitations follow the cases' participants."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext
from casusoverleg.models import Casus, Deelname, User
from casusoverleg.permissions import (
    COORDINATE,
    casussen_for_user,
    may_access_cases,
    may_plan_meetings,
    user_can,
)

from .. import live
from ..models import Agendapunt, Uitnodiging, Zorgtafel
from .common import (
    AGENDA_FIELDS,
    ZORGTAFEL_FIELDS,
    _audit,
    _check_voorzitter,
    _require_voorzitter,
    _require_wijzigbaar,
)
from .uitnodigingen import _mail_on_commit

# Planning ---------------------------------------------------------------------------


@transaction.atomic
def zorgtafel_plan(*, ctx: AuditContext, data: dict, casussen: list[Casus]) -> Zorgtafel:
    """Schedule a meeting with ``casussen`` on its agenda, in that order, and invite
    the participants of those cases. Only a coordinator may, and only with cases
    they coordinate."""
    user = ctx.user
    if not may_plan_meetings(user):
        raise PermissionDenied
    if not casussen:
        raise ValidationError({"casussen": _("Zet ten minste één casus op de agenda.")})
    coordineerbaar = set(casussen_for_user(user=user, perm=COORDINATE).values_list("pk", flat=True))
    if any(c.pk not in coordineerbaar for c in casussen):
        raise PermissionDenied
    zorgtafel = Zorgtafel(
        aangemaakt_door=user, **{k: data[k] for k in ZORGTAFEL_FIELDS if k in data}
    )
    zorgtafel.full_clean()
    _check_voorzitter(zorgtafel.voorzitter, casussen)
    zorgtafel.save()
    for volgorde, casus in enumerate(casussen, start=1):
        Agendapunt.objects.create(zorgtafel=zorgtafel, casus=casus, volgorde=volgorde)
    _audit(ctx, Actie.AANMAKEN, "zorgtafel", zorgtafel.public_id, agenda=len(casussen))
    for casus in casussen:
        _audit(ctx, Actie.WIJZIGEN, "agendapunt", zorgtafel.public_id, casus=casus)
    _uitnodigingen_sync(zorgtafel)
    return zorgtafel


@transaction.atomic
def zorgtafel_update(*, ctx: AuditContext, zorgtafel: Zorgtafel, data: dict) -> Zorgtafel:
    """Change the type, time, duration, place or chair. A change of when, where or
    who chairs sends every invitee a new ``.ics`` (same UID, higher SEQUENCE)."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    _require_wijzigbaar(zorgtafel)
    changed = []
    for name in ZORGTAFEL_FIELDS:
        if name in data and getattr(zorgtafel, name) != data[name]:
            setattr(zorgtafel, name, data[name])
            changed.append(name)
    zorgtafel.full_clean()
    if "voorzitter" in changed:
        _check_voorzitter(zorgtafel.voorzitter, [p.casus for p in zorgtafel.agendapunten.all()])
    if not changed:
        return zorgtafel
    opnieuw = any(name in AGENDA_FIELDS for name in changed)
    if opnieuw:
        zorgtafel.ics_sequence += 1
        changed.append("ics_sequence")
    zorgtafel.save(update_fields=[*changed, "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, velden=sorted(changed))
    _uitnodigingen_sync(zorgtafel, iedereen_opnieuw=opnieuw)
    return zorgtafel


@transaction.atomic
def zorgtafel_cancel(*, ctx: AuditContext, zorgtafel: Zorgtafel) -> Zorgtafel:
    """Cancel a planned meeting; every invitee gets a cancellation (METHOD:CANCEL)."""
    _require_voorzitter(ctx.user, zorgtafel)
    zorgtafel = Zorgtafel.objects.select_for_update().get(pk=zorgtafel.pk)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Alleen een gepland overleg kan worden geannuleerd."))
    return _annuleren(ctx, zorgtafel)


def _annuleren(ctx: AuditContext, zorgtafel: Zorgtafel, **detail) -> Zorgtafel:
    """Cancel a planned meeting (locked by the caller), whoever decided it."""
    zorgtafel.status = Zorgtafel.Status.GEANNULEERD
    zorgtafel.ics_sequence += 1
    zorgtafel.save(update_fields=["status", "ics_sequence", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, status="geannuleerd", **detail)
    for uitnodiging in zorgtafel.uitnodigingen.filter(actief=True).select_related("user"):
        _mail_on_commit(zorgtafel, uitnodiging.user, annuleren=True)
    live.einde_on_commit(zorgtafel)
    return zorgtafel


def voorzitter_dubbel_geboekt(zorgtafel: Zorgtafel) -> list[Zorgtafel]:
    """Other meetings the chair leads that overlap this one (a warning, not a refusal)."""
    kandidaten = Zorgtafel.objects.filter(
        voorzitter=zorgtafel.voorzitter,
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART],
        begint_op__lt=zorgtafel.eindigt_op,
        begint_op__gte=zorgtafel.begint_op - datetime.timedelta(minutes=480),
    ).exclude(pk=zorgtafel.pk)
    return [z for z in kandidaten if z.eindigt_op > zorgtafel.begint_op]


# Agenda -----------------------------------------------------------------------------


@transaction.atomic
def agendapunt_add(*, ctx: AuditContext, zorgtafel: Zorgtafel, casus: Casus) -> Agendapunt:
    """Put a case the chair coordinates at the end of the agenda; its participants
    are invited."""
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    if not user_can(ctx.user, casus, COORDINATE):
        raise PermissionDenied
    if zorgtafel.agendapunten.filter(casus=casus).exists():
        raise ValidationError({"casus": _("Deze casus staat al op de agenda.")})
    _check_voorzitter(zorgtafel.voorzitter, [casus])
    laatste = zorgtafel.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
    punt = Agendapunt(zorgtafel=zorgtafel, casus=casus, volgorde=laatste + 1)
    punt.full_clean()
    punt.save()
    _audit(ctx, Actie.WIJZIGEN, "agendapunt", punt.public_id, casus=casus, wijziging="toegevoegd")
    _uitnodigingen_sync(zorgtafel)
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})
    return punt


@transaction.atomic
def agendapunt_remove(*, ctx: AuditContext, agendapunt: Agendapunt) -> None:
    """Take an item off the agenda of a meeting that has not started; invitees who
    were there only for it get a cancellation."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    if zorgtafel.status != Zorgtafel.Status.GEPLAND:
        raise ValidationError(_("Agendapunten verwijderen kan alleen vóór het overleg."))
    if zorgtafel.agendapunten.count() == 1:
        raise ValidationError(_("Een overleg heeft ten minste één agendapunt."))
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "agendapunt",
        agendapunt.public_id,
        casus=agendapunt.casus,
        wijziging="verwijderd",
    )
    agendapunt.delete()
    _uitnodigingen_sync(zorgtafel)
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})


@transaction.atomic
def agendapunt_move(*, ctx: AuditContext, agendapunt: Agendapunt, omhoog: bool) -> None:
    """Swap an item with the one before (or after) it."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    punten = list(zorgtafel.agendapunten.select_for_update().order_by("volgorde", "pk"))
    index = next(i for i, p in enumerate(punten) if p.pk == agendapunt.pk)
    ander = index - 1 if omhoog else index + 1
    if not 0 <= ander < len(punten):
        return
    punten[index], punten[ander] = punten[ander], punten[index]
    for volgorde, punt in enumerate(punten, start=1):
        if punt.volgorde != volgorde:
            punt.volgorde = volgorde
            punt.save(update_fields=["volgorde", "updated_at"])
    _audit(ctx, Actie.WIJZIGEN, "zorgtafel", zorgtafel.public_id, wijziging="volgorde")
    live.algemeen_on_commit(zorgtafel, {"soort": "agenda"})


@transaction.atomic
def agendapunt_gast_add(*, ctx: AuditContext, agendapunt: Agendapunt, user: User) -> Uitnodiging:
    """Invite one more person for an item. Being invited opens the meeting only:
    the item's content follows the case's participants, as everywhere."""
    zorgtafel = agendapunt.zorgtafel
    _require_voorzitter(ctx.user, zorgtafel)
    _require_wijzigbaar(zorgtafel)
    if not may_access_cases(user):
        raise ValidationError({"user": _("Deze persoon kan niet aan overleggen deelnemen.")})
    agendapunt.extra_genodigden.add(user)
    _audit(
        ctx,
        Actie.WIJZIGEN,
        "agendapunt",
        agendapunt.public_id,
        casus=agendapunt.casus,
        extra_genodigde=user.pk,
    )
    _uitnodigingen_sync(zorgtafel)
    return zorgtafel.uitnodigingen.get(user=user)


def genodigden(zorgtafel: Zorgtafel) -> set[int]:
    """Who is invited: the chair, the active members of each participating
    organisation (a lawyer: only that lawyer), and each item's extra invitees."""
    gewenst = {zorgtafel.voorzitter_id}
    casus_ids = list(zorgtafel.agendapunten.values_list("casus_id", flat=True))
    deelnames = Deelname.objects.actief().filter(casus_id__in=casus_ids)
    gewenst.update(deelnames.filter(persoon__isnull=False).values_list("persoon_id", flat=True))
    organisaties = deelnames.filter(persoon__isnull=True).values("organisatie_id")
    gewenst.update(
        User.objects.filter(organisatie_id__in=organisaties, is_active=True).values_list(
            "pk", flat=True
        )
    )
    gewenst.update(
        Agendapunt.extra_genodigden.through.objects.filter(
            agendapunt__zorgtafel=zorgtafel
        ).values_list("user_id", flat=True)
    )
    return {
        u.pk
        for u in User.objects.filter(pk__in=gewenst).select_related("organisatie")
        if may_access_cases(u)
    }


def _uitnodigingen_sync(zorgtafel: Zorgtafel, *, iedereen_opnieuw: bool = False) -> None:
    """Bring the invitations in line with the agenda and mail whoever's changed.

    New invitees get the invitation, those no longer invited a cancellation;
    with ``iedereen_opnieuw`` everyone still invited gets the updated one.
    """
    if zorgtafel.status not in (Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART):
        return
    gewenst = genodigden(zorgtafel)
    bestaand = {u.user_id: u for u in zorgtafel.uitnodigingen.select_related("user")}
    nieuw, weg = [], []
    for user_id in gewenst:
        uitnodiging = bestaand.get(user_id)
        if uitnodiging is None:
            uitnodiging = Uitnodiging.objects.create(zorgtafel=zorgtafel, user_id=user_id)
            nieuw.append(uitnodiging)
        elif not uitnodiging.actief:
            uitnodiging.actief = True
            uitnodiging.save(update_fields=["actief", "updated_at"])
            nieuw.append(uitnodiging)
    for user_id, uitnodiging in bestaand.items():
        if user_id not in gewenst and uitnodiging.actief:
            uitnodiging.actief = False
            uitnodiging.save(update_fields=["actief", "updated_at"])
            weg.append(uitnodiging)
    if weg and not iedereen_opnieuw:
        # A cancellation must outrank the invitation it cancels.
        Zorgtafel.objects.filter(pk=zorgtafel.pk).update(ics_sequence=zorgtafel.ics_sequence + 1)
        zorgtafel.ics_sequence += 1
    for uitnodiging in weg:
        _mail_on_commit(zorgtafel, uitnodiging.user, annuleren=True)
    ontvangers = (
        [u for u in zorgtafel.uitnodigingen.filter(actief=True).select_related("user")]
        if iedereen_opnieuw
        else nieuw
    )
    for uitnodiging in ontvangers:
        _mail_on_commit(
            zorgtafel, uitnodiging.user, annuleren=False, gewijzigd=uitnodiging not in nieuw
        )


def casus_uitnodigingen_sync(*, casus: Casus, **_signal) -> None:
    """A case's participants changed: the invitations of its coming meetings follow,
    and open meeting rooms re-check at once who may still see its item."""
    for zorgtafel in Zorgtafel.objects.filter(
        agendapunten__casus=casus,
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART],
    ).distinct():
        _uitnodigingen_sync(zorgtafel)
    live.toegang_on_commit(casus=casus)


def gebruiker_uitnodigingen_sync(*, user: User, **_signal) -> None:
    """A user changed organisation or was (de)activated: the coming meetings they
    were invited to, and those about cases their organisation now takes part in,
    bring their invitations in line."""
    eigen_casussen = Deelname.objects.actief().filter(
        organisatie_id=user.organisatie_id, persoon__isnull=True
    )
    zorgtafels = Zorgtafel.objects.filter(
        status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART]
    )
    for zorgtafel in (
        zorgtafels.filter(uitnodigingen__user=user, uitnodigingen__actief=True)
        | zorgtafels.filter(agendapunten__casus__in=eigen_casussen.values("casus_id"))
    ).distinct():
        _uitnodigingen_sync(zorgtafel)
        # An open room stops showing what the user may no longer see at once.
        for casus in Casus.objects.filter(agendapunten__zorgtafel=zorgtafel).distinct():
            live.toegang_on_commit(casus=casus)
