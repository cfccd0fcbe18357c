from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import services
from .audit import AuditContext, Doel
from .forms import (
    GebruikerChangeForm,
    GebruikerCreationForm,
    MfaResetForm,
    OrganisatieWijzigenForm,
    RollenForm,
    WachtwoordResetForm,
)
from .mfa import heeft_apparaat
from .models import Organisatie, User, WachtwoordReset
from .permissions import may_administer_users
from .services.gebruikers import ROL_FIELDS

admin.site.site_header = _("Casusoverleg: functioneel beheer")
admin.site.site_title = _("Casusoverleg beheer")
admin.site.index_title = _("Beheer")
# The admin has no "view site" link to a page with case data.
admin.site.site_url = None

# Organisation groups carry case permissions: adding a member to one in the
# Group admin would hand out that organisation's cases unaudited. Membership is
# set only by casusoverleg.services.gebruikers; permission groups for
# administrators are set up by the system (manage.py demo, or a deploy script).
admin.site.unregister(Group)
# Second factors are not edited in the admin: it would show TOTP keys and let an
# administrator add a device to someone else's account, unaudited. The user
# manages their own (/mfa/); an administrator only resets them (``mfa_reset``).
for _model in (TOTPDevice, WebAuthnCredential):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


def _ctx(request) -> AuditContext:
    return AuditContext.for_request(request, Doel.BEHEER)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "discipline", "actief"]
    list_filter = ["discipline", "actief"]
    search_fields = ["naam"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users in the admin: the change form edits name and address only. Access
    (organisation, roles, password) changes on pages of its own, each calling
    one audited service; groups, permissions and superuser status are not offered."""

    form = GebruikerChangeForm
    add_form = GebruikerCreationForm
    list_display = [
        "username",
        "first_name",
        "last_name",
        "organisatie",
        "is_coordinator",
        "is_reviewer",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "organisatie__discipline",
        "is_coordinator",
        "is_reviewer",
        "is_staff",
        "is_active",
    ]
    list_select_related = ["organisatie"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "wachtwoord")}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Organisatie en rollen"),
            {"fields": ("organisatie_beheer", "rollen_beheer", "mfa_beheer")},
        ),
        (_("Beheerrechten"), {"fields": ("is_staff", "is_superuser", "groepen")}),
        (_("Belangrijke datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "organisatie",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    # Superuser status would bypass need-to-know through object permissions;
    # it is shown, never offered (see casusoverleg.permissions).
    change_readonly_fields = [
        "wachtwoord",
        "organisatie_beheer",
        "rollen_beheer",
        "mfa_beheer",
        "is_staff",
        "is_superuser",
        "groepen",
        "last_login",
        "date_joined",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.change_readonly_fields

    @admin.display(description=_("wachtwoord"))
    def wachtwoord(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("Verborgen."),
            reverse("admin:auth_user_password_change", args=[obj.pk]),
            _("Nieuw wachtwoord aanvragen (een tweede beheerder bevestigt)"),
        )

    @admin.display(description=_("organisatie"))
    def organisatie_beheer(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            obj.organisatie,
            reverse("admin:casusoverleg_user_organisatie", args=[obj.pk]),
            _("Verplaatsen naar een andere organisatie"),
        )

    @admin.display(description=_("rollen"))
    def rollen_beheer(self, obj):
        rollen = [
            str(label)
            for name, label in [
                ("is_coordinator", _("casuscoördinator")),
                ("is_reviewer", _("reviewer")),
                ("is_active", _("actief")),
            ]
            if getattr(obj, name)
        ]
        return format_html(
            '{} <a href="{}">{}</a>',
            ", ".join(rollen) or "—",
            reverse("admin:casusoverleg_user_rollen", args=[obj.pk]),
            _("Rollen wijzigen"),
        )

    @admin.display(description=_("tweede factor"))
    def mfa_beheer(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("ingesteld") if heeft_apparaat(obj) else _("niet ingesteld"),
            reverse("admin:casusoverleg_user_mfa_reset", args=[obj.pk]),
            _("Tweede factor herstellen (bij verlies)"),
        )

    @admin.display(description=_("groepen"))
    def groepen(self, obj):
        return format_html_join(", ", "{}", ((g.name,) for g in obj.groups.all())) or "—"

    # Creating: the service sets the organisation group and writes the audit event.

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        gebruiker = services.gebruiker_create(
            ctx=_ctx(request),
            username=data["username"],
            organisatie=data["organisatie"],
            password=data["password1"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=data.get("email", ""),
        )
        obj.pk = gebruiker.pk
        obj.password = gebruiker.password
        obj._state.adding = False

    # Pages of their own for access changes, each calling one service.

    def get_urls(self):
        own = [
            path(
                "<id>/organisatie/",
                self.admin_site.admin_view(self.organisatie_view),
                name="casusoverleg_user_organisatie",
            ),
            path(
                "<id>/rollen/",
                self.admin_site.admin_view(self.rollen_view),
                name="casusoverleg_user_rollen",
            ),
            path(
                "<id>/tweede-factor/",
                self.admin_site.admin_view(self.mfa_reset_view),
                name="casusoverleg_user_mfa_reset",
            ),
        ]
        return own + super().get_urls()

    def _gebruiker(self, request, id):
        gebruiker = self.get_object(request, unquote(id))
        if gebruiker is None:
            raise Http404
        if not self.has_change_permission(request, gebruiker):
            raise PermissionDenied
        return gebruiker

    def _action(self, request, gebruiker, form, title, call, success):
        """Render ``form``; on a valid POST run ``call(form.cleaned_data)`` (one
        service) and go back to the user. A refusal is shown on the form."""
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                call(form.cleaned_data)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or gettext("Dit mag u niet."))
                status = 403
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, success)
                return HttpResponseRedirect(
                    reverse("admin:casusoverleg_user_change", args=[gebruiker.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(gebruiker),
            "form": form,
            "original": gebruiker,
            "opts": self.opts,
        }
        return TemplateResponse(
            request, "admin/casusoverleg/user/beheer_actie.html", context, status=status
        )

    def organisatie_view(self, request, id):
        gebruiker = self._gebruiker(request, id)
        form = OrganisatieWijzigenForm(
            request.POST or None, initial={"organisatie": gebruiker.organisatie_id}
        )
        return self._action(
            request,
            gebruiker,
            form,
            _("Naar een andere organisatie"),
            lambda data: services.gebruiker_organisatie_change(
                ctx=_ctx(request), gebruiker=gebruiker, organisatie=data["organisatie"]
            ),
            _("De gebruiker is verplaatst; de casussen van de vorige organisatie zijn afgesloten."),
        )

    def rollen_view(self, request, id):
        gebruiker = self._gebruiker(request, id)
        form = RollenForm(
            request.POST or None,
            initial={name: getattr(gebruiker, name) for name in ROL_FIELDS},
        )
        return self._action(
            request,
            gebruiker,
            form,
            _("Rollen wijzigen"),
            lambda data: services.gebruiker_rollen_change(
                ctx=_ctx(request), gebruiker=gebruiker, **data
            ),
            _("De rollen zijn gewijzigd."),
        )

    def mfa_reset_view(self, request, id):
        """A lost phone or key: every second factor of the user is removed and they
        enrol again at their next page (``mfa_reset``, audited)."""
        gebruiker = self._gebruiker(request, id)
        form = MfaResetForm(request.POST or None)
        return self._action(
            request,
            gebruiker,
            form,
            _("Tweede factor herstellen"),
            lambda data: services.mfa_reset(
                ctx=_ctx(request), gebruiker=gebruiker, reden=data["reden"]
            ),
            _("De tweede factor is verwijderd; de gebruiker stelt straks een nieuwe in."),
        )

    def user_change_password(self, request, id, form_url=""):
        """Replaces Django's direct password change: the request waits for a
        second administrator (``wachtwoordreset_confirm``)."""
        gebruiker = self._gebruiker(request, id)
        form = WachtwoordResetForm(request.POST or None)
        return self._action(
            request,
            gebruiker,
            form,
            _("Nieuw wachtwoord aanvragen"),
            lambda data: services.wachtwoordreset_request(
                ctx=_ctx(request),
                gebruiker=gebruiker,
                wachtwoord=data["wachtwoord1"],
                reden=data["reden"],
            ),
            _("Aangevraagd: een tweede beheerder moet het nieuwe wachtwoord bevestigen."),
        )


@admin.register(WachtwoordReset)
class WachtwoordResetAdmin(admin.ModelAdmin):
    """Open and past password resets. Confirming one (another administrator's)
    is the only thing to do here; requests start on the user's page."""

    list_display = ["gebruiker", "aangevraagd_door", "created_at", "verloopt_op", "status"]
    list_select_related = ["gebruiker", "aangevraagd_door", "bevestigd_door"]
    fields = [
        "gebruiker",
        "aangevraagd_door",
        "reden",
        "created_at",
        "verloopt_op",
        "bevestigd_door",
        "bevestigd_op",
        "vervallen",
    ]
    readonly_fields = fields
    actions = ["bevestigen"]

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.bevestigd_op:
            return _("bevestigd")
        if obj.is_open:
            return _("wacht op bevestiging")
        return _("vervallen")

    def has_view_permission(self, request, obj=None):
        return may_administer_users(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Bevestigen (als tweede beheerder)"))
    def bevestigen(self, request, queryset):
        for reset in queryset.select_related("gebruiker"):
            try:
                services.wachtwoordreset_confirm(ctx=_ctx(request), reset=reset)
            except (PermissionDenied, ValidationError) as exc:
                fout = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                self.message_user(
                    request, f"{reset.gebruiker.username}: {' '.join(fout)}", messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    gettext("Het nieuwe wachtwoord van %(user)s is ingesteld.")
                    % {"user": reset.gebruiker.username},
                    messages.SUCCESS,
                )
