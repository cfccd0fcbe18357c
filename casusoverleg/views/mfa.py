"""The second-factor pages: verify after login, enrol an authenticator app (QR
code rendered here, no outside service), show backup codes once, manage one's
devices, and the security-key (WebAuthn) endpoints of django-otp-webauthn with
the audit trail added.

``MfaRequiredMiddleware`` leaves the ``mfa`` namespace open so that an
unverified session can reach these pages; the pages that change devices
therefore check the session themselves (``_verified_required``).
"""

import functools
import json
from base64 import b32encode

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import exceptions as webauthn_exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.models import WebAuthnCredential

from .. import services
from ..audit import Actie, AuditContext, Doel, Uitkomst, audit_log
from ..forms import CodeForm, TotpBevestigForm
from ..mfa import heeft_apparaat, sessie_geverifieerd
from ..models import HerstelcodeApparaat
from ..services.mfa import APPARAAT_SOORTEN, apparaat_soort
from .bevestigen import bevestiging


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.BEHEER)


def _code_refused(form, geremd: bool, fout: str) -> int:
    """Put why a code was refused on its field; the status to answer with (429 while
    the device waits after failures, so the user knows to wait, not to retype)."""
    form.add_error(
        "code",
        _("Te veel mislukte pogingen. Wacht even en probeer het opnieuw.") if geremd else fout,
    )
    return 429 if geremd else 200


def _next(request) -> str:
    """Where to go after the second factor: the page first asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("casusoverleg:home")


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


def _geverifieerd(request) -> bool:
    """The session passed a second factor, or none is required of this user."""
    return sessie_geverifieerd(request.user)


def _verified_required(view):
    """Changing one's devices needs a session that passed a second factor."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _geverifieerd(request):
            name = "mfa:verifieren" if heeft_apparaat(request.user) else "mfa:inschrijven"
            return redirect(_with_next(name, request))
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
def verifieren(request):
    """After login: a code from the app, a backup code, or a security key."""
    user = request.user
    if not heeft_apparaat(user):
        return redirect(_with_next("mfa:inschrijven", request))
    if user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        uitkomst = services.mfa_verify(
            ctx=_ctx(request), gebruiker=user, token=form.cleaned_data["code"]
        )
        if uitkomst.apparaat is not None:
            otp_login(request, uitkomst.apparaat)
            return redirect(_next(request))
        status = _code_refused(form, uitkomst.geremd, _("Deze code klopt niet of is al gebruikt."))
    context = {
        "form": form,
        "next": _next(request),
        "sleutels": WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
    }
    return render(request, "casusoverleg/mfa/verifieren.html", context, status=status)


def _qr_svg(data: str) -> str:
    svg = segno.make(data, error="m").svg_inline(
        scale=5,
        dark="#000",
        light="#fff",
        svgclass="qr-code",
        lineclass=None,
        title=_("QR-code voor uw authenticator-app. De sleutel staat hieronder ook als tekst."),
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _sleutel_tekst(apparaat: TOTPDevice) -> str:
    sleutel = b32encode(apparaat.bin_key).decode()
    return " ".join(sleutel[i : i + 4] for i in range(0, len(sleutel), 4))


@never_cache
def inschrijven(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm
    with a code; the first time, the backup codes follow, shown once."""
    geverifieerd = _geverifieerd(request)
    try:
        apparaat = services.totp_enrol_begin(
            ctx=_ctx(request), gebruiker=request.user, geverifieerd=geverifieerd
        )
    except PermissionDenied:
        return redirect(_with_next("mfa:verifieren", request))
    form = TotpBevestigForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        uitkomst = services.totp_confirm(
            ctx=_ctx(request), apparaat=apparaat, token=form.cleaned_data["code"].strip()
        )
        if uitkomst.codes is not None:
            if not request.user.is_verified():
                otp_login(request, TOTPDevice.objects.get(pk=apparaat.pk))
            messages.success(request, _("Uw authenticator-app is ingesteld."))
            if uitkomst.codes:
                return _herstelcodes_response(request, uitkomst.codes)
            return redirect(_next(request))
        status = _code_refused(
            form, uitkomst.geremd, _("Deze code klopt niet. Controleer de tijd op uw telefoon.")
        )
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": _qr_svg(apparaat.config_url),
        "sleutel": _sleutel_tekst(apparaat),
        "eerste": not heeft_apparaat(request.user),
    }
    return render(request, "casusoverleg/mfa/inschrijven.html", context, status=status)


def _herstelcodes_response(request, codes):
    context = {"codes": codes, "next": _next(request)}
    return render(request, "casusoverleg/mfa/herstelcodes.html", context)


# never_cache (no-store) on every page here: TOTP keys and backup codes must not
# stay in a browser or proxy cache.
@never_cache
@require_http_methods(["GET", "POST"])
@_verified_required
def herstelcodes_nieuw(request):
    """New backup codes: the old ones stop working; the new ones are shown once.
    A GET (a bookmark, a new tab, the back button on the page of codes) makes
    none: it goes to the devices page, where the button is."""
    if request.method == "GET":
        messages.info(
            request,
            _("Herstelcodes worden maar één keer getoond. Maak hier zo nodig nieuwe aan."),
        )
        return redirect("mfa:apparaten")
    try:
        codes = services.herstelcodes_regenerate(ctx=_ctx(request), gebruiker=request.user)
    except PermissionDenied:
        messages.error(request, _("Stel eerst een authenticator-app in."))
        return redirect("mfa:apparaten")
    return _herstelcodes_response(request, codes)


@never_cache
@_verified_required
def apparaten(request):
    """The user's second factors, and adding a security key."""
    user = request.user
    herstel = HerstelcodeApparaat.objects.filter(user=user).first()
    context = {
        "apps": TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        "sleutels": WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"),
        "herstelcodes_over": herstel.codes.count() if herstel else None,
        "next": reverse("mfa:apparaten"),
    }
    return render(request, "casusoverleg/mfa/apparaten.html", context)


@require_POST
@_verified_required
def apparaat_verwijderen(request, soort, pk):
    model = APPARAAT_SOORTEN.get(soort)
    apparaat = model.objects.filter(user=request.user, pk=pk).first() if model else None
    if apparaat is None:
        raise Http404
    if bevestigen := bevestiging(
        request,
        titel=_("Tweede factor verwijderen?"),
        tekst=_(
            "%(naam)s wordt verwijderd als tweede factor van uw account. U kunt er "
            "daarna niet meer mee inloggen."
        )
        % {"naam": apparaat.name or _("Dit apparaat")},
        knop=_("Ja, verwijderen"),
        terug=reverse("mfa:apparaten"),
    ):
        return bevestigen
    try:
        services.mfa_apparaat_remove(ctx=_ctx(request), apparaat=apparaat)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De tweede factor is verwijderd."))
    return redirect("mfa:apparaten")


# Security keys: django-otp-webauthn's JSON endpoints, with our rules and audit.


class SleutelRegistratieBegin(webauthn_views.BeginCredentialRegistrationView):
    def check_can_register(self):
        # A key is added from a session that passed a second factor, so the
        # first factor is always an app with backup codes to fall back on.
        if not _geverifieerd(self.request):
            raise webauthn_exceptions.NotVerified()


class SleutelRegistratieVoltooien(webauthn_views.CompleteCredentialRegistrationView):
    def check_can_register(self):
        if not _geverifieerd(self.request):
            raise webauthn_exceptions.NotVerified()

    def post(self, *args, **kwargs):
        with transaction.atomic():
            response = super().post(*args, **kwargs)
            sleutel = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
            audit_log(
                _ctx(self.request),
                actie=Actie.MFA_INGESCHREVEN,
                object_type="mfa-apparaat",
                object_id=sleutel.persistent_id,
                detail={"soort": apparaat_soort(sleutel), "gebruiker": sleutel.user_id},
            )
        return response


class SleutelVerificatieVoltooien(webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        audit_log(
            _ctx(self.request),
            actie=Actie.MFA_GEBRUIKT,
            object_type="mfa-apparaat",
            object_id=device.persistent_id,
            detail={"soort": apparaat_soort(device), "gebruiker": device.user_id},
        )

    def handle_exception(self, exc):
        if isinstance(exc, webauthn_exceptions.OTPWebAuthnApiError):
            audit_log(
                _ctx(self.request),
                actie=Actie.MFA_GEBRUIKT,
                uitkomst=Uitkomst.GEWEIGERD,
                object_type="mfa-apparaat",
                detail={"soort": "webauthn", "code": exc.code},
            )
        return super().handle_exception(exc)
