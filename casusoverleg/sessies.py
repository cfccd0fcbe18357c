"""Sessions and the sockets that live on them.

A websocket is opened on a session and must end with it. Every consumer joins
its user's group (``gebruiker_group``); whatever ends a user's sessions (logout,
password change, deactivation) calls ``sockets_close`` so those sockets close at
once, without waiting for their next message. Expiry ends nothing by itself, so
a consumer also asks ``session_problem`` on every message it receives and
forwards, and every so often while the room is quiet.
"""

import time
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from .live import group_send
from .mfa import session_mfa_ok
from .middleware import SESSION_LOGIN_AT
from .models import User


def gebruiker_group(user_id: int) -> str:
    """The channel-layer group that holds every socket of one user."""
    return f"gebruiker-{user_id}"


def session_fingerprint(session_key: str) -> str:
    """A keyed hash of a session key: lets a message name one session (a logout
    ends only that one) without putting the key itself in the channel layer."""
    return salted_hmac("casusoverleg.sessies", session_key).hexdigest()[:32]


def sockets_close(*, user_id: int, session_key: str | None = None) -> None:
    """Close every open socket of the user (or, with ``session_key``, only those
    opened on that session), after the current transaction commits (a change that
    rolls back ends nothing)."""
    message = {"type": "sessie.einde"}
    if session_key:
        message["sessie"] = session_fingerprint(session_key)
    transaction.on_commit(lambda: group_send(gebruiker_group(user_id), message))


def sockets_close_on_logout(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_out`` (also sent when the absolute limit logs a
    user out): the sockets of the session that ends. ``user`` is None when the
    request was not signed in; the session key is still there (the signal is
    sent before the session is flushed)."""
    if user is None:
        return
    session = getattr(request, "session", None)
    sockets_close(user_id=user.pk, session_key=getattr(session, "session_key", None))


# Checking a session from outside a request -------------------------------------------

#: Why a session no longer carries a socket (close reasons, logged without names).
VERLOPEN = "verlopen"  # gone from the store: logged out, flushed or idle too long
ABSOLUUT = "absoluut"  # past SESSION_ABSOLUTE_SECONDS since login
ANDERE_GEBRUIKER = "andere-gebruiker"
GEEN_GEBRUIKER = "geen-gebruiker"  # deleted or deactivated
WACHTWOORD = "wachtwoord"  # the password changed since login
MFA = "mfa"  # no second factor passed, or its device was removed or reset


def _absolute_limit(data: dict, user: User | None) -> str | None:
    login_at = data.get(SESSION_LOGIN_AT)
    if login_at is None or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
        return ABSOLUUT
    return None


def _active_user(data: dict, user: User | None) -> str | None:
    # The rule of ModelBackend.user_can_authenticate, and a backend still configured.
    if user is None or not user.is_active:
        return GEEN_GEBRUIKER
    if data.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return GEEN_GEBRUIKER
    return None


def _auth_hash(data: dict, user: User | None) -> str | None:
    # As django.contrib.auth.get_user: a password change rotates the hash; a hash
    # made with a SECRET_KEY_FALLBACKS key is still good while that key is.
    session_hash = data.get(HASH_SESSION_KEY) or ""
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    if not any(constant_time_compare(session_hash, h) for h in hashes):
        return WACHTWOORD
    return None


def _second_factor(data: dict, user: User | None) -> str | None:
    # The rule of pages (MfaRequiredMiddleware): removing or resetting the device
    # that verified this session ends it for sockets too.
    return None if session_mfa_ok(data, user) else MFA


#: The checks, in order; each gets the session's data and its user and returns a
#: reason or None.
SESSION_CHECKS: list[Callable[[dict, User | None], str | None]] = [
    _absolute_limit,
    _active_user,
    _auth_hash,
    _second_factor,
]


def session_problem(*, session_key: str | None, user_id: int) -> str | None:
    """None if the session ``session_key`` still signs in user ``user_id``, as an
    HTTP request on it would be; otherwise the reason it does not. Two queries
    (the session, the user). For consumers, which hold a session outside any
    request: the store is read again, so logout, expiry (idle and absolute),
    a password change and deactivation are all seen."""
    if not session_key:
        return VERLOPEN
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    # load() is empty for a session that is gone or past its expiry (the idle limit:
    # every request renews it).
    data = store.load()
    if not data:
        return VERLOPEN
    if str(data.get(SESSION_KEY)) != str(user_id):
        return ANDERE_GEBRUIKER
    user = User.objects.filter(pk=user_id).first()
    for check in SESSION_CHECKS:
        if problem := check(data, user):
            return problem
    return None
