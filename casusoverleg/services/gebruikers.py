"""Writes of the core: user accounts. Organisation membership decides which
cases reach a user (each organisation's auth Group holds its case permissions),
so it is set here and nowhere else: not in ``User.save()``, not in a form, not
in the admin. Every service is atomic, asks who may, and leaves an audit event
with the values before and after (never a password or its hash).

Who may: a functional administrator (active staff with the model permission),
never on their own account, never on a superuser's; or the system itself (a
management command or test factory: ``AuditContext.system()`` without a user).
Appointing administrators is the system's alone.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, audit_log
from ..models import Deelname, Organisatie, User, WachtwoordReset
from ..permissions import (
    account_change_refusal,
    may_administer_users,
    may_be_organisatiebeheerder,
)
from ..sessies import sockets_close
from ..signals import gebruiker_changed
from .casus import deelname_end

ROL_FIELDS = ["is_coordinator", "is_reviewer", "is_active"]


def _is_system(ctx: AuditContext) -> bool:
    return ctx.user is None


def _require_beheerder(ctx: AuditContext, perm: str) -> None:
    if _is_system(ctx):
        return
    if not may_administer_users(ctx.user, perm):
        raise PermissionDenied


def _require_other_account(ctx: AuditContext, gebruiker: User) -> None:
    """Administrators never change their own access, nor a superuser's."""
    if _is_system(ctx):
        return
    if refusal := account_change_refusal(ctx.user, gebruiker):
        raise PermissionDenied(refusal)


def _organisatie_groep_set(gebruiker: User) -> None:
    """Make the user a member of their organisation's group, and of no other
    organisation's: the old organisation's cases are gone at once."""
    eigen = gebruiker.organisatie.groep
    andere = gebruiker.groups.filter(organisatie__isnull=False).exclude(pk=eigen.pk)
    gebruiker.groups.remove(*andere)
    gebruiker.groups.add(eigen)


def _lock(gebruiker: User) -> User:
    return User.objects.select_for_update().select_related("organisatie").get(pk=gebruiker.pk)


@transaction.atomic
def gebruiker_create(
    *,
    ctx: AuditContext,
    username: str,
    organisatie: Organisatie,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_coordinator: bool = False,
    is_reviewer: bool = False,
    is_staff: bool = False,
    beheergroepen: list[Group] | tuple = (),
) -> User:
    """Create a user in one organisation and make them a member of its group (so
    its cases reach them). Only the system makes administrators (``is_staff``,
    ``beheergroepen``, which are never organisation groups)."""
    _require_beheerder(ctx, "casusoverleg.add_user")
    if (is_staff or beheergroepen) and not _is_system(ctx):
        raise PermissionDenied
    if any(hasattr(groep, "organisatie") for groep in beheergroepen):
        raise ValidationError(_("Een organisatiegroep is geen beheergroep."))
    gebruiker = User(
        username=username,
        organisatie=organisatie,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_coordinator=is_coordinator,
        is_reviewer=is_reviewer,
        is_staff=is_staff,
    )
    if password:
        gebruiker.set_password(password)
    else:
        gebruiker.set_unusable_password()
    gebruiker.full_clean()
    gebruiker.save()
    _organisatie_groep_set(gebruiker)
    gebruiker.groups.add(*beheergroepen)
    audit_log(
        ctx,
        actie=Actie.AANMAKEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={
            "organisatie": organisatie.pk,
            "is_coordinator": is_coordinator,
            "is_reviewer": is_reviewer,
            "is_staff": is_staff,
            "beheergroepen": sorted(groep.pk for groep in beheergroepen),
        },
    )
    return gebruiker


@transaction.atomic
def gebruiker_organisatie_change(
    *, ctx: AuditContext, gebruiker: User, organisatie: Organisatie
) -> User:
    """Move a user to another organisation. The old organisation's group is left
    and the new one joined in the same transaction, so the old organisation's
    cases are gone at once and the new one's appear.

    A lawyer who leaves a firm takes no client along: personal participations
    (``Deelname.persoon``) belonged to the old firm and end here, audited per
    case; the case's coordinator adds the lawyer again under the new firm if the
    client follows. Invitations to coming meetings follow. An administrator is
    never moved into an organisation that sees cases. The organisation-administrator
    role ends with the move (it was for the old organisation's offers).
    """
    _require_beheerder(ctx, "casusoverleg.change_user")
    _require_other_account(ctx, gebruiker)
    gebruiker = _lock(gebruiker)
    if gebruiker.is_staff and organisatie.may_access_cases and not _is_system(ctx):
        raise ValidationError(
            {"organisatie": _("Een beheerder kan niet naar een organisatie met casussen.")}
        )
    voor = gebruiker.organisatie_id
    if voor == organisatie.pk:
        return gebruiker
    beeindigd = []
    for deelname in (
        Deelname.objects.actief()
        .select_for_update(of=("self",))
        .filter(persoon=gebruiker)
        .select_related("casus", "organisatie", "persoon", "toegevoegd_door")
    ):
        deelname_end(ctx=ctx, deelname=deelname, reden="organisatie_gewijzigd")
        beeindigd.append(deelname.pk)
    gebruiker.organisatie = organisatie
    # Keeping the old organisation's offers does not carry over to the new one.
    beheer_ingetrokken = gebruiker.is_organisatiebeheerder
    gebruiker.is_organisatiebeheerder = False
    gebruiker.full_clean()
    gebruiker.save(update_fields=["organisatie", "is_organisatiebeheerder"])
    _organisatie_groep_set(gebruiker)
    gebruiker_changed.send(sender=User, user=gebruiker)
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={
            "organisatie": {"voor": voor, "na": organisatie.pk},
            "deelnames_beeindigd": beeindigd,
            **(
                {"is_organisatiebeheerder": {"voor": True, "na": False}}
                if beheer_ingetrokken
                else {}
            ),
        },
    )
    return gebruiker


@transaction.atomic
def gebruiker_rollen_change(
    *,
    ctx: AuditContext,
    gebruiker: User,
    is_coordinator: bool,
    is_reviewer: bool,
    is_active: bool,
    is_staff: bool | None = None,
) -> User:
    """Set a user's roles (coordinator, reviewer) and whether the account is
    active. A deactivated user loses every case at once, their open live-room
    sockets close, and they are taken off coming meetings; participations stay,
    so reactivating restores them. Only the system changes ``is_staff``."""
    _require_beheerder(ctx, "casusoverleg.change_user")
    _require_other_account(ctx, gebruiker)
    if is_staff is not None and not _is_system(ctx):
        raise PermissionDenied
    gebruiker = _lock(gebruiker)
    wanted = {"is_coordinator": is_coordinator, "is_reviewer": is_reviewer, "is_active": is_active}
    if is_staff is not None:
        wanted["is_staff"] = is_staff
    changed = {
        name: {"voor": getattr(gebruiker, name), "na": value}
        for name, value in wanted.items()
        if getattr(gebruiker, name) != value
    }
    if not changed:
        return gebruiker
    for name, value in wanted.items():
        setattr(gebruiker, name, value)
    gebruiker.save(update_fields=list(changed))
    if "is_active" in changed:
        if not gebruiker.is_active:
            # First, so that the sockets close as "session ended", before the
            # meetings the user is taken off refuse them as "no access".
            sockets_close(user_id=gebruiker.pk)
        gebruiker_changed.send(sender=User, user=gebruiker)
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={"rollen": changed},
    )
    return gebruiker


@transaction.atomic
def gebruiker_organisatiebeheerder_change(
    *, ctx: AuditContext, gebruiker: User, is_organisatiebeheerder: bool
) -> User:
    """Grant or revoke the organisation-administrator role: keeping the
    organisation's offers in the wegwijzer. Functional management (or the system)
    alone, never on their own account; only for an active member of an
    organisation that offers help (not functional management or the project
    group). The role gives no access to any case."""
    _require_beheerder(ctx, "casusoverleg.change_user")
    _require_other_account(ctx, gebruiker)
    gebruiker = _lock(gebruiker)
    voor = gebruiker.is_organisatiebeheerder
    if voor == is_organisatiebeheerder:
        return gebruiker
    if is_organisatiebeheerder and not may_be_organisatiebeheerder(gebruiker):
        raise ValidationError(
            _(
                "Alleen een actieve medewerker van een actieve organisatie die hulp biedt "
                "kan organisatiebeheerder zijn."
            )
        )
    gebruiker.is_organisatiebeheerder = is_organisatiebeheerder
    gebruiker.save(update_fields=["is_organisatiebeheerder"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={
            "rollen": {"is_organisatiebeheerder": {"voor": voor, "na": is_organisatiebeheerder}},
            "organisatie": gebruiker.organisatie_id,
        },
    )
    return gebruiker


@transaction.atomic
def wachtwoordreset_request(
    *, ctx: AuditContext, gebruiker: User, wachtwoord: str, reden: str
) -> WachtwoordReset:
    """An administrator asks to set another user's password (four eyes): nothing
    changes until a second administrator confirms (``wachtwoordreset_confirm``)
    within ``WACHTWOORDRESET_GELDIG_UREN``. A newer request replaces an open one.
    The password is kept only as a hash; the audit trail never holds it."""
    if _is_system(ctx):
        raise PermissionDenied  # four eyes need two people
    _require_beheerder(ctx, "casusoverleg.change_user")
    _require_other_account(ctx, gebruiker)
    if not reden.strip():
        raise ValidationError({"reden": _("Geef een reden op.")})
    validate_password(wachtwoord, user=gebruiker)
    vervangen = list(
        WachtwoordReset.objects.open()
        .select_for_update()
        .filter(gebruiker=gebruiker)
        .values_list("pk", flat=True)
    )
    # The hash of a replaced request is of no further use: drop it.
    WachtwoordReset.objects.filter(pk__in=vervangen).update(vervallen=True, wachtwoord="")
    reset = WachtwoordReset(
        gebruiker=gebruiker,
        aangevraagd_door=ctx.user,
        reden=reden.strip(),
        wachtwoord=make_password(wachtwoord),
        verloopt_op=timezone.now() + datetime.timedelta(hours=settings.WACHTWOORDRESET_GELDIG_UREN),
    )
    reset.full_clean()
    reset.save()
    audit_log(
        ctx,
        actie=Actie.AANMAKEN,
        object_type="wachtwoordreset",
        object_id=str(reset.pk),
        detail={
            "gebruiker": gebruiker.pk,
            "verloopt_op": reset.verloopt_op.isoformat(),
            "vervangt": vervangen,
        },
    )
    return reset


@transaction.atomic
def wachtwoordreset_confirm(*, ctx: AuditContext, reset: WachtwoordReset) -> User:
    """A second administrator confirms an open password reset; only now is the
    password set (which also ends the user's sessions and closes their live-room
    sockets). The requesting
    administrator cannot confirm their own request, and nobody confirms a reset
    of their own password (it was chosen by someone else)."""
    if _is_system(ctx):
        raise PermissionDenied
    _require_beheerder(ctx, "casusoverleg.change_user")
    reset = WachtwoordReset.objects.select_for_update().get(pk=reset.pk)
    if reset.aangevraagd_door_id == ctx.user.pk:
        raise PermissionDenied(_("Een tweede beheerder moet uw aanvraag bevestigen."))
    if not reset.is_open:
        raise ValidationError(_("Deze aanvraag is verlopen, vervangen of al bevestigd."))
    gebruiker = _lock(reset.gebruiker)
    _require_other_account(ctx, gebruiker)
    gebruiker.password = reset.wachtwoord
    gebruiker.save(update_fields=["password"])
    sockets_close(user_id=gebruiker.pk)
    reset.bevestigd_door = ctx.user
    reset.bevestigd_op = timezone.now()
    reset.wachtwoord = ""
    reset.save(update_fields=["bevestigd_door", "bevestigd_op", "wachtwoord", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="gebruiker",
        object_id=str(gebruiker.pk),
        detail={
            "wachtwoord": {"voor": "(verborgen)", "na": "(gewijzigd)"},
            "wachtwoordreset": reset.pk,
            "aangevraagd_door": reset.aangevraagd_door_id,
        },
    )
    return gebruiker
