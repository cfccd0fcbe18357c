"""Logging in: the lockout with a limit per account and per address, and the
audit trail of logins, failed logins, logouts and lockouts.

django-axes counts failures per lockout parameter but compares every count with
one limit. ``LockoutHandler`` gives the account (``username``) and the client
address (``ip_address``) each their own limit; see the settings for the choice.
The receivers are connected in ``CasusoverlegConfig.ready``.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from .audit import Actie, AuditContext, Doel, Uitkomst, audit_log, search_fingerprint
from .http import client_ip, user_agent
from .models import User
from .services.toegang import geblokkeerd_record


def _parameter_limit(parameter, account_limit: int) -> int:
    return settings.LOCKOUT_ADDRESS_FAILURE_LIMIT if parameter == "ip_address" else account_limit


class LockoutHandler(AxesDatabaseHandler):
    """The database handler of django-axes, with a limit per lockout parameter."""

    def get_failures(self, request, credentials=None) -> int:
        """The failures of the parameter nearest its own limit, scaled to
        ``AXES_FAILURE_LIMIT`` (the one number axes compares with): a count ``f``
        against its own limit ``own`` becomes ``f * limit // own``, which reaches
        ``limit`` exactly when ``f`` reaches ``own``."""
        limit = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        scaled = 0
        for parameter, queryset in zip(parameters, attempts, strict=True):
            failures = queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0
            scaled = max(scaled, failures * limit // _parameter_limit(parameter, limit))
        return scaled

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login forget that username's failures only. axes
        would also forget every failure from the address, so one valid account
        could wipe the guesses its address made at other accounts."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def account_failures(request, username: str) -> int:
    """Failures on this username within the cool-off, from any address."""
    return (
        AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(n=Sum("failures_since_start"))["n"]
        or 0
    )


def _ctx(request, user=None) -> AuditContext:
    if request is None:
        return AuditContext(user=user, doel=Doel.TOEGANG)
    return AuditContext(
        user=user, doel=Doel.TOEGANG, ip=client_ip(request) or None, user_agent=user_agent(request)
    )


def _target(username: str) -> tuple[User | None, dict]:
    """Who a typed username points at, for the audit trail: a user's id (and the
    name as typed), or for a name that matches nobody only a keyed hash of it,
    which may be someone's mistyped password."""
    user = User.objects.filter(username=username).first() if username else None
    if user is not None:
        return user, {"object_type": "gebruiker", "object_id": str(user.pk)}
    return None, {"object_type": "gebruikersnaam", "object_id": search_fingerprint(username or "")}


def audit_logged_in(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in``."""
    audit_log(
        _ctx(request, user), actie=Actie.INLOGGEN, object_type="gebruiker", object_id=str(user.pk)
    )


def audit_logged_out(sender, request, user, **kwargs):
    """Receiver of ``user_logged_out`` (``user`` is None when nobody was logged in)."""
    if user is None:
        return
    audit_log(
        _ctx(request, user), actie=Actie.UITLOGGEN, object_type="gebruiker", object_id=str(user.pk)
    )


def audit_login_failed(sender, credentials, request=None, **kwargs):
    """Receiver of ``user_login_failed``: never the password (Django has already
    masked it), the username only when it is one."""
    username = credentials.get("username") or ""
    user, target = _target(username)
    detail = {"geblokkeerd": bool(getattr(request, "axes_locked_out", False))}
    if user is not None:
        detail["gebruikersnaam"] = user.username
    audit_log(
        _ctx(request),
        actie=Actie.INLOGGEN_MISLUKT,
        uitkomst=Uitkomst.GEWEIGERD,
        detail=detail,
        **target,
    )


def locked_out(sender, request, username, ip_address, **kwargs):
    """Receiver of axes' ``user_locked_out`` (sent on the failure that locks and
    on every attempt refused while locked): record the lockout once and tell the
    account's owner (``geblokkeerd_record``)."""
    account_limit = get_failure_limit(request, getattr(request, "axes_credentials", None))
    user, target = _target(username or "")
    geblokkeerd_record(
        ctx=_ctx(request),
        gebruiker=user,
        doelwit=target,
        account_geblokkeerd=account_failures(request, username or "") >= account_limit,
        adressen=AccessAttempt.objects.filter(
            username=username or "", attempt_time__gte=get_cool_off_threshold(request)
        )
        .values("ip_address")
        .distinct()
        .count(),
    )
