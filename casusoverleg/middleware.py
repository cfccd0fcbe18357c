import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_supported_language_variant
from django.utils.translation import gettext as _

from .pdf import RenderLimitError

SESSION_LOGIN_AT = "casusoverleg_login_at"


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


class LanguageMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the language switch.

    The browser's Accept-Language is ignored on purpose: professionals share
    workstations and browsers set to English, and the working language here is Dutch.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
