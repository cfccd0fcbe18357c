"""Writes of the core: a user's own password and the lockout of an account.

A user changes their password themselves (``wachtwoord_change``) or through a
link by e-mail (``wachtwoordherstel_request``, ``wachtwoordherstel_complete``);
the four-eyes reset by administrators lives in ``gebruikers``. Whenever a
password changes, every session on the old one ends (Django compares the
session's hash of the password on the next request) and every open socket closes
at once; the owner is told by e-mail. Mails hold no case data and no names but
the account's own username.
"""

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from ..audit import Actie, AuditContext, Uitkomst, audit_log, search_fingerprint
from ..models import AuditEvent, User
from ..sessies import sockets_close
from ..weergave import datumtijd

_HOUR = 60 * 60


class TeVeelAanvragen(Exception):
    """More reset requests from one address than ``WACHTWOORDHERSTEL_PER_ADRES`` an hour."""


def _mail(adres: str, onderwerp: str, tekst: str) -> EmailMessage:
    return EmailMessage(subject=onderwerp, body=tekst, to=[adres])


def _mail_on_commit(message: EmailMessage | None) -> None:
    if message is not None:
        transaction.on_commit(lambda: message.send(fail_silently=False), robust=True)


def _gewijzigd_mail(gebruiker: User) -> EmailMessage | None:
    if not gebruiker.email:
        return None
    with override(settings.LANGUAGE_CODE):
        wanneer = datumtijd(timezone.now())
        return _mail(
            gebruiker.email,
            _("Uw wachtwoord is gewijzigd"),
            _(
                "Het wachtwoord van uw account %(gebruikersnaam)s bij Casusoverleg "
                "mensenhandel is op %(wanneer)s gewijzigd. Al uw andere sessies zijn "
                "beëindigd.\n\nWas u dit niet? Neem dan meteen contact op met uw "
                "functioneel beheerder."
            )
            % {"gebruikersnaam": gebruiker.username, "wanneer": wanneer},
        )


def _password_set(ctx: AuditContext, gebruiker: User, wachtwoord: str, actie: str) -> User:
    validate_password(wachtwoord, user=gebruiker)
    gebruiker = User.objects.select_for_update().select_related("organisatie").get(pk=gebruiker.pk)
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    sockets_close(user_id=gebruiker.pk)
    audit_log(ctx, actie=actie, object_type="gebruiker", object_id=str(gebruiker.pk))
    _mail_on_commit(_gewijzigd_mail(gebruiker))
    return gebruiker


@transaction.atomic
def wachtwoord_change(*, ctx: AuditContext, gebruiker: User, wachtwoord: str) -> User:
    """A user sets a new password for their own account, never for another's (the
    caller has checked the current password). The policy applies; every other
    session and every open socket of the user ends (the caller keeps its own
    session with ``update_session_auth_hash``); the user gets a mail."""
    if getattr(ctx.user, "pk", None) != gebruiker.pk:
        raise PermissionDenied
    return _password_set(ctx, gebruiker, wachtwoord, Actie.WACHTWOORD_WIJZIGEN)


def _within_limit(key: str, limit: int) -> bool:
    """Count one more request in this hour's window; False past ``limit``."""
    cache.add(key, 0, timeout=_HOUR)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_HOUR)
        count = 1
    return count <= limit


def herstel_link(gebruiker: User) -> str:
    """The reset link for a user: single-use and valid ``PASSWORD_RESET_TIMEOUT``."""
    return settings.SITE_URL + reverse(
        "wachtwoord-herstel",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        },
    )


def _herstel_mail(gebruiker: User) -> EmailMessage:
    minuten = settings.PASSWORD_RESET_TIMEOUT // 60
    with override(settings.LANGUAGE_CODE):
        return _mail(
            gebruiker.email,
            _("Nieuw wachtwoord instellen"),
            _(
                "Er is gevraagd om een nieuw wachtwoord voor uw account "
                "%(gebruikersnaam)s bij Casusoverleg mensenhandel. Stel het in via deze "
                "link:\n\n%(link)s\n\nDe link werkt één keer en is %(minuten)s minuten "
                "geldig. Heeft u dit niet zelf gevraagd? Dan kunt u dit bericht negeren; "
                "uw wachtwoord blijft hetzelfde."
            )
            % {
                "gebruikersnaam": gebruiker.username,
                "link": herstel_link(gebruiker),
                "minuten": minuten,
            },
        )


@transaction.atomic
def wachtwoordherstel_request(*, ctx: AuditContext, email: str) -> list[EmailMessage]:
    """Someone asks for a reset link for an e-mail address. Every active account
    with that address and a usable password gets one; an unknown or inactive
    address gets nothing, and the caller answers the same either way. At most
    ``WACHTWOORDHERSTEL_PER_ADRES`` requests an hour per client address (else
    ``TeVeelAanvragen``) and ``WACHTWOORDHERSTEL_PER_EMAIL`` per e-mail address,
    counted for unknown addresses too (past it, silently nothing).

    Returns the mails unsent: the caller sends them after answering, so that the
    answer takes as long for an unknown address as for a known one."""
    email = email.strip()
    vingerafdruk = search_fingerprint(email)
    if not _within_limit(f"wachtwoordherstel:adres:{ctx.ip}", settings.WACHTWOORDHERSTEL_PER_ADRES):
        audit_log(
            ctx,
            actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN,
            object_type="emailadres",
            object_id=vingerafdruk,
            uitkomst=Uitkomst.GEWEIGERD,
            detail={"reden": "limiet_adres"},
        )
        raise TeVeelAanvragen
    gebruikers = [
        gebruiker
        for gebruiker in User.objects.filter(email__iexact=email, is_active=True)
        if gebruiker.has_usable_password()
    ]
    if not _within_limit(
        f"wachtwoordherstel:email:{vingerafdruk}", settings.WACHTWOORDHERSTEL_PER_EMAIL
    ):
        audit_log(
            ctx,
            actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN,
            object_type="emailadres",
            object_id=vingerafdruk,
            uitkomst=Uitkomst.GEWEIGERD,
            detail={"reden": "limiet_email"},
        )
        return []
    if not gebruikers:
        audit_log(
            ctx,
            actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN,
            object_type="emailadres",
            object_id=vingerafdruk,
            detail={"bekend": False},
        )
        return []
    for gebruiker in gebruikers:
        audit_log(
            ctx,
            actie=Actie.WACHTWOORDHERSTEL_AANVRAGEN,
            object_type="gebruiker",
            object_id=str(gebruiker.pk),
            detail={"bekend": True},
        )
    return [_herstel_mail(gebruiker) for gebruiker in gebruikers]


@transaction.atomic
def wachtwoordherstel_complete(
    *, ctx: AuditContext, gebruiker: User, token: str, wachtwoord: str
) -> User:
    """Set a new password through a reset link. The token must still be valid:
    it expires after ``PASSWORD_RESET_TIMEOUT`` and is bound to the current
    password, so it works once. The policy applies; every session and socket
    of the user ends and the user gets a mail."""
    if not default_token_generator.check_token(gebruiker, token):
        raise PermissionDenied
    return _password_set(ctx, gebruiker, wachtwoord, Actie.WACHTWOORDHERSTEL)


def _recent(object_type: str, object_id: str) -> bool:
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AuditEvent.objects.filter(
        actie=Actie.GEBLOKKEERD, object_type=object_type, object_id=object_id, op__gte=since
    ).exists()


def _geblokkeerd_mail(gebruiker: User, adressen: int) -> EmailMessage:
    minuten = round(settings.AXES_COOLOFF_TIME * 60)
    with override(settings.LANGUAGE_CODE):
        return _mail(
            gebruiker.email,
            _("Uw account is tijdelijk geblokkeerd"),
            _(
                "Op %(wanneer)s is er te vaak een onjuist wachtwoord ingevoerd voor uw "
                "account %(gebruikersnaam)s bij Casusoverleg mensenhandel, vanaf "
                "%(adressen)s netwerkadres(sen). Het account is daarom %(minuten)s "
                "minuten geblokkeerd, ook voor het juiste wachtwoord.\n\nWas u dit niet "
                "zelf? Meld het dan bij uw functioneel beheerder: iemand probeert mogelijk "
                "uw wachtwoord te raden."
            )
            % {
                "wanneer": datumtijd(timezone.now()),
                "gebruikersnaam": gebruiker.username,
                "adressen": adressen,
                "minuten": minuten,
            },
        )


@transaction.atomic
def geblokkeerd_record(
    *,
    ctx: AuditContext,
    gebruiker: User | None,
    doelwit: dict,
    account_geblokkeerd: bool,
    adressen: int,
) -> None:
    """Record a lockout once per cool-off period (the length of a lockout), and
    tell the owner of a locked account by e-mail then. ``doelwit`` names the
    account (``object_type``/``object_id``, a keyed hash for an unknown name);
    a lockout of the client address alone (``account_geblokkeerd`` false) is
    recorded against the address and mails nobody. The owner learns how many
    addresses tried, not which."""
    if account_geblokkeerd:
        if gebruiker is not None:
            # One at a time per account, so two refused attempts at once mail once.
            gebruiker = User.objects.select_for_update().get(pk=gebruiker.pk)
        target = doelwit
    else:
        target = {"object_type": "netwerkadres", "object_id": ctx.ip or ""}
    if _recent(**target):
        return
    audit_log(
        ctx,
        actie=Actie.GEBLOKKEERD,
        uitkomst=Uitkomst.GEWEIGERD,
        detail={"adressen": adressen} if account_geblokkeerd else {},
        **target,
    )
    if account_geblokkeerd and gebruiker is not None and gebruiker.is_active and gebruiker.email:
        _mail_on_commit(_geblokkeerd_mail(gebruiker, adressen))
