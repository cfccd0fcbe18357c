"""Writes of the core: a user's second factors (authenticator app, security key,
backup codes). Each service acts for the user themselves, except ``mfa_reset``,
which is an administrator's (a lost phone). Every enrolment, use (success and
failure) and removal is audited; a code is never written to the audit trail.

A failed code must leave its trace (the device's throttle counter, the audit
row), so the verifying services return a result instead of raising: raising
would roll both back.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from ..audit import Actie, AuditContext, Uitkomst, audit_log
from ..models import HerstelcodeApparaat, User
from ..permissions import account_change_refusal, may_administer_users
from ..sessies import sockets_close

#: The kinds of device a user manages by name in a URL, and their models.
APPARAAT_SOORTEN = {"totp": TOTPDevice, "webauthn": WebAuthnCredential}


class ResetReden(models.TextChoices):
    """Why an administrator resets a user's second factors; no free text, so no
    name or story ends up in the audit trail."""

    TELEFOON_KWIJT = "telefoon_kwijt", gettext_lazy("Telefoon of app kwijt of kapot")
    SLEUTEL_KWIJT = "sleutel_kwijt", gettext_lazy("Beveiligingssleutel kwijt")
    HERSTELCODES_OP = "herstelcodes_op", gettext_lazy("Herstelcodes op of kwijt")
    MISBRUIK = "misbruik", gettext_lazy("Vermoeden van misbruik")


@dataclass(frozen=True)
class Verificatie:
    """The outcome of a code: the device that accepted it, or None; ``geremd``
    when the device refused to check because of earlier failures."""

    apparaat: object | None
    geremd: bool = False


@dataclass(frozen=True)
class Bevestiging:
    """The outcome of an enrolment code: ``codes`` is None when the app was not
    confirmed, else the backup codes to show once (empty when the user already
    had them); ``geremd`` when the device refused to check because of an earlier
    failure (django-otp's throttle), so the user waits instead of doubting a
    right code."""

    codes: list[str] | None
    geremd: bool = False


def apparaat_soort(apparaat) -> str:
    if isinstance(apparaat, HerstelcodeApparaat):
        return "herstelcodes"
    return next(s for s, model in APPARAAT_SOORTEN.items() if isinstance(apparaat, model))


def _require_self(ctx: AuditContext, gebruiker) -> None:
    if ctx.user is None or ctx.user.pk != gebruiker.pk:
        raise PermissionDenied


def _primary_devices(gebruiker) -> list:
    """Confirmed app and key devices: what a user can sign in with for good
    (backup codes run out)."""
    return [
        d
        for d in devices_for_user(gebruiker, confirmed=True)
        if not isinstance(d, HerstelcodeApparaat)
    ]


def _audit(ctx, actie, apparaat, *, uitkomst=Uitkomst.TOEGESTAAN, gebruiker=None, **detail):
    audit_log(
        ctx,
        actie=actie,
        uitkomst=uitkomst,
        object_type="mfa-apparaat",
        object_id=apparaat.persistent_id if apparaat is not None else "",
        detail={
            "soort": apparaat_soort(apparaat) if apparaat is not None else "",
            "gebruiker": (gebruiker or apparaat.user).pk,
            **detail,
        },
    )


@transaction.atomic
def totp_enrol_begin(*, ctx: AuditContext, gebruiker: User, geverifieerd: bool) -> TOTPDevice:
    """Start enrolling an authenticator app: an unconfirmed device whose key the
    page shows as a QR code. A user who already has a second factor adds another
    only from a session that passed one (else a stolen password would be enough
    to add the thief's phone). Unconfirmed devices count for nothing, so this is
    not audited; ``totp_confirm`` is."""
    _require_self(ctx, gebruiker)
    if _primary_devices(gebruiker) and not geverifieerd:
        raise PermissionDenied
    bestaand = (
        TOTPDevice.objects.select_for_update()
        .filter(user=gebruiker, confirmed=False)
        .order_by("-pk")
        .first()
    )
    if bestaand is not None:
        return bestaand
    apparaat = TOTPDevice(user=gebruiker, name=_("Authenticator-app"), confirmed=False)
    apparaat.full_clean()
    apparaat.save()
    return apparaat


@transaction.atomic
def totp_confirm(*, ctx: AuditContext, apparaat: TOTPDevice, token: str) -> Bevestiging:
    """Confirm an authenticator app with a code from it. On the first enrolment
    the user also gets backup codes: their plain text is returned once, here,
    and never stored. A wrong code, or any code while the device is throttled
    after a failure, confirms nothing (audited, ``geremd`` telling the two apart)."""
    _require_self(ctx, apparaat.user)
    apparaat = TOTPDevice.objects.select_for_update().get(pk=apparaat.pk, confirmed=False)
    allowed, _info = apparaat.verify_is_allowed()
    if not allowed:
        _audit(ctx, Actie.MFA_INGESCHREVEN, apparaat, uitkomst=Uitkomst.GEWEIGERD, geremd=True)
        return Bevestiging(None, geremd=True)
    if not apparaat.verify_token(token):
        _audit(ctx, Actie.MFA_INGESCHREVEN, apparaat, uitkomst=Uitkomst.GEWEIGERD)
        return Bevestiging(None)
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    _audit(ctx, Actie.MFA_INGESCHREVEN, apparaat)
    herstel, nieuw = HerstelcodeApparaat.objects.select_for_update().get_or_create(
        user=apparaat.user, defaults={"name": _("Herstelcodes")}
    )
    if not nieuw:
        return Bevestiging([])
    _audit(ctx, Actie.MFA_INGESCHREVEN, herstel)
    return Bevestiging(herstel.codes_replace())


@transaction.atomic
def mfa_verify(*, ctx: AuditContext, gebruiker: User, token: str) -> Verificatie:
    """Check a code against the user's own confirmed devices: six digits go to
    the authenticator apps, anything else to the backup codes. A TOTP code is
    accepted once (django-otp keeps the last time step used); a backup code
    once (its hash is deleted). Every try is audited, success and failure."""
    _require_self(ctx, gebruiker)
    token = "".join((token or "").split())
    if token.isdigit() and len(token) == 6:
        kandidaten = TOTPDevice.objects.filter(user=gebruiker, confirmed=True)
    else:
        kandidaten = HerstelcodeApparaat.objects.filter(user=gebruiker, confirmed=True)
    geremd = False
    for apparaat in kandidaten.select_for_update().order_by("pk"):
        allowed, _info = apparaat.verify_is_allowed()
        if not allowed:
            geremd = True
            continue
        if apparaat.verify_token(token):
            _audit(ctx, Actie.MFA_GEBRUIKT, apparaat)
            return Verificatie(apparaat)
    audit_log(
        ctx,
        actie=Actie.MFA_GEBRUIKT,
        uitkomst=Uitkomst.GEWEIGERD,
        object_type="mfa-apparaat",
        detail={"gebruiker": gebruiker.pk, "geremd": geremd},
    )
    return Verificatie(None, geremd=geremd)


@transaction.atomic
def herstelcodes_regenerate(*, ctx: AuditContext, gebruiker: User) -> list[str]:
    """Give the user new backup codes; every old one stops working at once. The
    plain codes are returned once and never stored."""
    _require_self(ctx, gebruiker)
    if not _primary_devices(gebruiker):
        raise PermissionDenied
    herstel, _nieuw = HerstelcodeApparaat.objects.select_for_update().get_or_create(
        user=gebruiker, defaults={"name": _("Herstelcodes")}
    )
    codes = herstel.codes_replace()
    _audit(ctx, Actie.MFA_INGESCHREVEN, herstel, vervangen=True)
    return codes


@transaction.atomic
def mfa_apparaat_remove(*, ctx: AuditContext, apparaat) -> None:
    """A user removes one of their own apps or security keys. While MFA is
    required, the last one stays: without it the account could only sign in with
    backup codes, and then not at all."""
    _require_self(ctx, apparaat.user)
    apparaat = type(apparaat).objects.select_for_update().get(pk=apparaat.pk)
    anderen = [d for d in _primary_devices(apparaat.user) if d != apparaat]
    if settings.MFA_VERPLICHT and apparaat.confirmed and not anderen:
        raise ValidationError(
            _("Dit is uw enige tweede factor. Voeg eerst een andere toe voordat u deze verwijdert.")
        )
    _audit(ctx, Actie.MFA_VERWIJDERD, apparaat)
    apparaat.delete()


@transaction.atomic
def mfa_reset(*, ctx: AuditContext, gebruiker: User, reden: str) -> int:
    """An administrator removes every second factor of another user (a lost
    phone): the user's sessions lose their verification and their live-room
    sockets close; at the next page they enrol again. Never on one's own account
    or a superuser's; the reason is one of ``ResetReden``. Returns the number of
    devices removed."""
    if ctx.user is None or not may_administer_users(ctx.user, "casusoverleg.change_user"):
        raise PermissionDenied
    if refusal := account_change_refusal(ctx.user, gebruiker):
        raise PermissionDenied(refusal)
    if reden not in ResetReden.values:
        raise ValidationError({"reden": _("Kies een reden.")})
    apparaten = list(devices_for_user(gebruiker, confirmed=None, for_verify=True))
    for apparaat in apparaten:
        _audit(ctx, Actie.MFA_VERWIJDERD, apparaat, reset=True, reden=reden)
        apparaat.delete()
    if not apparaten:
        audit_log(
            ctx,
            actie=Actie.MFA_VERWIJDERD,
            object_type="mfa-apparaat",
            detail={"gebruiker": gebruiker.pk, "reset": True, "reden": reden},
        )
    sockets_close(user_id=gebruiker.pk)
    return len(apparaten)
