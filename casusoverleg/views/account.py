"""A user's own account: changing the password, a new one by e-mail, and the
language of the screens."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from .. import services
from ..audit import AuditContext, Doel
from ..mfa import sessie_geverifieerd
from .casus import apply_errors


class _MailAfterResponse(HttpResponseRedirect):
    """A redirect that sends its mails once the server has delivered it (the
    server calls ``close()`` after the last byte), so that how long the answer
    takes does not tell whether an address is known."""

    def __init__(self, url, mails):
        super().__init__(url)
        self.mails = mails

    def close(self):
        super().close()
        for mail in self.mails:
            mail.send(fail_silently=False)


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.TOEGANG)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def wachtwoord_wijzigen(request):
    form = PasswordChangeForm(user=request.user, data=request.POST or None)
    if request.method == "POST" and not form.is_valid() and form.has_error("old_password"):
        # A wrong current password is a failed login for the account: it counts
        # towards its lockout, so a stolen session cannot guess the password here.
        credentials = {"username": request.user.get_username()}
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return redirect("login")
    if request.method == "POST" and form.is_valid():
        try:
            gebruiker = services.wachtwoord_change(
                ctx=_ctx(request),
                gebruiker=request.user,
                wachtwoord=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            # This session goes on; every other one ends on its next request.
            update_session_auth_hash(request, gebruiker)
            messages.success(
                request, _("Uw wachtwoord is gewijzigd. Uw andere sessies zijn beëindigd.")
            )
            return redirect("casusoverleg:home")
    return render(request, "registration/wachtwoord_wijzigen.html", {"form": form})


@login_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def wachtwoord_vergeten(request):
    form = PasswordResetForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mails = services.wachtwoordherstel_request(
                ctx=_ctx(request), email=form.cleaned_data["email"]
            )
        except services.TeVeelAanvragen:
            form.add_error(
                None,
                _(
                    "Er zijn vanaf dit netwerk te veel aanvragen gedaan. Probeer het over "
                    "een uur opnieuw, of neem contact op met uw functioneel beheerder."
                ),
            )
            return render(
                request, "registration/wachtwoord_vergeten.html", {"form": form}, status=429
            )
        # The same answer for every address, known or not.
        return _MailAfterResponse(reverse("wachtwoord-vergeten-verzonden"), mails)
    return render(request, "registration/wachtwoord_vergeten.html", {"form": form})


@login_not_required
@never_cache
def wachtwoord_vergeten_verzonden(request):
    return render(request, "registration/wachtwoord_vergeten_verzonden.html")


@method_decorator(login_not_required, name="dispatch")
class WachtwoordHerstelView(auth_views.PasswordResetConfirmView):
    """Django's check of the link (the token moves from the URL into the
    session, so it leaks in no Referer), with the password set by our service."""

    template_name = "registration/wachtwoord_herstel.html"
    success_url = reverse_lazy("wachtwoord-herstel-voltooid")

    def form_valid(self, form):
        token = self.request.session.get(auth_views.INTERNAL_RESET_SESSION_TOKEN, "")
        try:
            services.wachtwoordherstel_complete(
                ctx=_ctx(self.request),
                gebruiker=self.user,
                token=token,
                wachtwoord=form.cleaned_data["new_password1"],
            )
        except PermissionDenied:
            # Used or expired in the meantime (another tab): the link is void.
            self.validlink = False
            return self.render_to_response(self.get_context_data())
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(self.get_success_url())


@login_not_required
@never_cache
def wachtwoord_herstel_voltooid(request):
    return render(request, "registration/wachtwoord_herstel_voltooid.html")


@login_not_required
def taal_kiezen(request):
    """The language switch in every page's footer: Django's ``set_language`` (the
    language cookie, for anyone, also before logging in), and for a signed-in
    user who has passed the second factor also stored on the account, so that
    the choice comes along at the next login in another browser. A language that
    is not offered changes nothing: back to the page."""
    if request.method != "POST":
        return set_language(request)
    taal = request.POST.get("language", "")
    if taal not in dict(settings.LANGUAGES):
        return _terug(request)
    response = set_language(request)
    if sessie_geverifieerd(request.user):
        services.gebruiker_taal_change(ctx=_ctx(request), gebruiker=request.user, taal=taal)
    return response


def _terug(request):
    """Back to the page the form was on, if it is one of ours."""
    next_url = request.POST.get("next")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("casusoverleg:home")
    return HttpResponseRedirect(next_url)
