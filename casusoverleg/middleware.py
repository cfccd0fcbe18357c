import time
from importlib import import_module

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_supported_language_variant, ngettext
from django.utils.translation import gettext as _

from .audit import (
    Actie,
    AuditContext,
    Doel,
    Uitkomst,
    audit_log,
    mark_refusal_audited,
    refusal_audited,
)
from .mfa import heeft_apparaat, mfa_vereist
from .models import Concept
from .pdf import RenderLimitError

SESSION_LOGIN_AT = "casusoverleg_login_at"


class RefusalAuditMiddleware:
    """Every refusal in the audit trail, once: each 403 (``PermissionDenied``
    anywhere, a CSRF failure, a refused form), each 404 of a signed-in user, and the
    admin turning away a signed-in user who is not an administrator.

    A refusal the access helper already audited (an outsider's 404 on a case-scoped
    URL, with the object it refused) is not written again. The row holds the path,
    which carries only public ids, never the query string.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if refusal_audited(request):
            return response
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        status = response.status_code
        if status == 403 or (status == 404 and signed_in):
            self._audit(request, status=status, doel=Doel.CASUSOVERLEG)
        elif signed_in and status == 302 and self._admin_refused(request):
            self._audit(request, status=status, doel=Doel.BEHEER, reden="geen beheerder")
        return response

    @staticmethod
    def _admin_refused(request) -> bool:
        return (
            request.path.startswith(reverse("admin:index"))
            and request.path not in (reverse("admin:login"), reverse("admin:logout"))
            and not admin.site.has_permission(request)
        )

    @staticmethod
    def _audit(request, *, status: int, doel: str, reden: str = ""):
        match = getattr(request, "resolver_match", None)
        audit_log(
            AuditContext.for_request(request, doel),
            actie=Actie.LEZEN if request.method in ("GET", "HEAD") else Actie.WIJZIGEN,
            uitkomst=Uitkomst.GEWEIGERD,
            object_type="pagina",
            detail={
                "pad": request.path[:200],
                "status": status,
                "methode": request.method,
                "view": match.view_name if match else "",
                "reden": reden or getattr(request, "casusoverleg_weigering", ""),
            },
        )
        mark_refusal_audited(request)


class ContentSecurityPolicyMiddleware:
    """Send one strict Content-Security-Policy: no inline script, nothing off-site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class NoStoreMiddleware:
    """Tell browsers and proxies to keep no copy of any page or download.

    Every response the application itself makes may hold case data (or is a login
    page, which costs nothing to fetch again), so none may be stored on a shared
    workstation's disk or in a proxy. Static files are answered by WhiteNoise,
    which sits before this middleware and keeps them cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, no_store=True)
        return response


class RenderLimitMiddleware:
    """A document too long to render answers a page that says so (422), never a 500.

    The safe PDF engine raises ``RenderLimitError`` past its limits on size, pages
    and time; every view and service that renders (the advice, the minutes, the
    adoption that stores the advice's PDF) lets it rise, so that a write in the
    same request is rolled back, and it is answered here once for all of them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RenderLimitError):
            return None
        terug = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            terug = "/"
        return render(request, "document_te_groot.html", {"terug": terug}, status=422)


class AbsoluteSessionLimitMiddleware:
    """End a session 12 hours after login, however active it has been.

    The idle limit is the session cookie's age, renewed on every request; this
    adds the absolute one. The login time is stored by ``record_login_time``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


def record_login_time(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in``: the start of the absolute session limit."""
    request.session[SESSION_LOGIN_AT] = time.time()


def activate_user_language(sender, request, user, **kwargs):
    """Receiver of ``user_logged_in``: the language the user chose (``User.taal``,
    stored by the language switch) holds from this response on, in this browser
    too; ``LanguageMiddleware`` sets the cookie on the response."""
    if not hasattr(request, "LANGUAGE_CODE"):
        return  # not a request through the middleware (``Client.force_login``)
    try:
        taal = get_supported_language_variant(user.taal)
    except LookupError:
        return
    translation.activate(taal)
    request.LANGUAGE_CODE = taal
    request.taal_cookie = taal


def duur_tekst(seconden: int) -> str:
    """A duration as the idle warning and the login page say it: "15 minuten"."""
    if seconden >= 60 and seconden % 60 == 0:
        minuten = seconden // 60
        return ngettext("%(n)s minuut", "%(n)s minuten", minuten) % {"n": minuten}
    return ngettext("%(n)s seconde", "%(n)s seconden", seconden) % {"n": seconden}


class IdleLogoutNoticeMiddleware:
    """Say on the login page why the user has to log in again after the idle limit.

    The idle limit ends a session by letting it expire in the store (the cookie's
    age, renewed on every request), so the first request after it comes with the
    cookie of a session that is no longer there. Only a session that expired (not
    one that was logged out or deleted) of a signed-in user counts; the notice is
    a message in the fresh anonymous request (the message cookie), so nothing
    about the user is put in a URL. Place it after ``MessageMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (gebruiker_id := self._verlopen_gebruiker(request)) is not None:
            tekst = _("U bent uitgelogd omdat u %(duur)s niet actief was.") % {
                "duur": duur_tekst(settings.SESSION_COOKIE_AGE)
            }
            if Concept.objects.filter(gebruiker_id=gebruiker_id).exists():
                tekst = f"{tekst} {_('Uw concept is bewaard.')}"
            messages.info(request, tekst)
        return self.get_response(request)

    @staticmethod
    def _verlopen_gebruiker(request) -> str | None:
        """The user id of the expired session the request's cookie names, or None."""
        sleutel = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not sleutel or request.user.is_authenticated:
            return None
        # Loading the session (above) forgets a key the store no longer has.
        if request.session.session_key is not None:
            return None
        store = import_module(settings.SESSION_ENGINE).SessionStore
        if not hasattr(store, "get_model_class"):
            return None
        rij = (
            store.get_model_class()
            .objects.filter(session_key=sleutel, expire_date__lte=timezone.now())
            .first()
        )
        if rij is None:
            return None
        return rij.get_decoded().get(SESSION_KEY)


class LanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the language switch.

    The browser's Accept-Language is ignored on purpose: professionals share
    workstations and browsers set to English, and the working language here is Dutch.
    At login the account's stored choice replaces the cookie's
    (``activate_user_language``).
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        taal = getattr(request, "taal_cookie", None)
        if taal:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                taal,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class MfaRequiredMiddleware:
    """Every page, download and admin page needs a second factor (``casusoverleg.mfa``).

    A signed-in session that has not passed one is sent to the verification page
    (or to enrolment, for a user without a device), with the page it asked for as
    ``next``. Only what is needed to get there is open: logging in and out, the
    MFA pages themselves, password reset, the language switch and the health
    check. Anonymous requests are left to ``LoginRequiredMiddleware``; static
    files never reach this far (WhiteNoise answers them first).
    """

    open_url_names = frozenset(
        {
            "login",
            "logout",
            "beheer-logout",
            "set_language",
            "healthz",
            "wachtwoord-vergeten",
            "wachtwoord-vergeten-verzonden",
            "wachtwoord-herstel",
            "wachtwoord-herstel-voltooid",
        }
    )
    open_namespaces = frozenset({"mfa", "otp_webauthn"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match.url_name in self.open_url_names or self.open_namespaces & set(match.namespaces):
            return None
        if not mfa_vereist(user):
            return None
        target = "mfa:verifieren" if heeft_apparaat(user) else "mfa:inschrijven"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
