from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import services, zoeken
from .audit import Actie, AuditContext, Doel, audit_log, search_fingerprint
from .forms import (
    KIES,
    GebruikerChangeForm,
    GebruikerCreationForm,
    MfaResetForm,
    OrganisatiebeheerForm,
    OrganisatieWijzigenForm,
    RollenForm,
    WachtwoordResetForm,
    field_without_guessing,
)
from .mfa import heeft_apparaat
from .models import DISCIPLINES_WITHOUT_CASE_ACCESS, Gemeente, Organisatie, User, WachtwoordReset
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


# Auditing every change in the admin -------------------------------------------------

#: Field names whose values never enter the audit trail (only that they changed).
GEHEIME_VELDEN = ("password", "wachtwoord", "secret", "geheim", "token", "key", "hash", "otp")
VERBORGEN = "[verborgen]"


def _geheim(naam: str) -> bool:
    return any(deel in naam.lower() for deel in GEHEIME_VELDEN)


def _waarde(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return sorted(_waarde(v) for v in value)
    return str(value)


def admin_waarden(obj, namen) -> dict:
    """The values of the fields ``namen`` of ``obj`` for the audit trail: a foreign key
    as its id, many-to-many as sorted ids; secrets (``GEHEIME_VELDEN``) hidden."""
    waarden = {}
    for naam in namen:
        if _geheim(naam):
            waarden[naam] = VERBORGEN
            continue
        try:
            field = obj._meta.get_field(naam)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            value = list(getattr(obj, naam).values_list("pk", flat=True)) if obj.pk else []
        elif field.concrete:
            value = field.value_from_object(obj)
        else:
            continue
        waarden[naam] = _waarde(value)
    return waarden


def _model_velden(obj) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields]


def _kenmerk(obj) -> str:
    return str(getattr(obj, "public_id", None) or obj.pk)


def audit_admin(request, actie: str, obj, *, voor=None, na=None, kenmerk=None, **detail) -> None:
    """One audit row for an administrator's change of ``obj`` in the admin
    (``kenmerk``: its id, for an object already deleted)."""
    velden = sorted({*(voor or {}), *(na or {})})
    audit_log(
        _ctx(request),
        actie=actie,
        object_type=obj._meta.label_lower,
        object_id=kenmerk or _kenmerk(obj),
        detail={"velden": velden, "voor": voor or {}, "na": na or {}, **detail},
    )


class _ZoekChangeList(ChangeList):
    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        lookup_params.pop(zoeken.TOKEN_PARAM, None)  # the search token, not a filter
        return lookup_params


class PostedSearchModelAdmin(admin.ModelAdmin):
    """The admin's search box posts its term (``templates/admin/search_form.html``):
    the term is kept in the session and the list URL, its paging, sorting and filter
    links carry only an opaque token (``casusoverleg.zoeken``). A term in the URL
    (``?q=``) is ignored. Each search is audited with its keyed fingerprint."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "_zoeken" in request.POST:
            params = QueryDict(mutable=True)
            for key, values in request.POST.lists():
                if key not in ("csrfmiddlewaretoken", "_zoeken", SEARCH_VAR, PAGE_VAR):
                    params.setlist(key, values)
            params.pop(zoeken.TOKEN_PARAM, None)
            if term := request.POST.get(SEARCH_VAR, "").strip():
                params[zoeken.TOKEN_PARAM] = zoeken.zoekterm_bewaren(request, term)
            query = params.urlencode()
            return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)
        get = request.GET.copy()
        get.pop(SEARCH_VAR, None)
        request.GET = get
        term = zoeken.zoekterm(request, get.get(zoeken.TOKEN_PARAM)) or ""
        request._beheer_zoekterm = term
        if term:
            audit_log(
                _ctx(request),
                actie=Actie.ZOEKEN,
                object_type=self.opts.label_lower,
                detail={"zoekterm": search_fingerprint(term)},
            )
        return super().changelist_view(request, extra_context)

    def get_changelist(self, request, **kwargs):
        return _ZoekChangeList

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.query = getattr(request, "_beheer_zoekterm", "")  # shown in the box only
        return changelist

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(
            request, queryset, getattr(request, "_beheer_zoekterm", "")
        )


class AuditedModelAdmin(PostedSearchModelAdmin):
    """Every add, change and delete in the admin, and every admin action, in the
    audit trail with the changed field names and their values before and after;
    secrets are never stored (``admin_waarden``). Inlines are audited through their
    parent's ``save_formset``. Every ModelAdmin of the project inherits this
    (tests/casusoverleg/test_beheer_audit.py checks the registry)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The admin's selects say "Kies…" or "(geen)" like every other form.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field_without_guessing(field, initial=field.initial)
        return field

    def get_action_choices(self, request, default_choices=None):
        return super().get_action_choices(request, default_choices=[("", KIES)])

    def _vorige(self, obj):
        if obj.pk is None:
            return None
        return type(obj)._base_manager.filter(pk=obj.pk).first()

    def _wijziging(self, request, obj, form, change, opslaan):
        namen = [n for n in form.changed_data if n in form.fields]
        vorige = self._vorige(obj) if change else None
        voor = admin_waarden(vorige, namen) if vorige is not None else {}
        opslaan()
        na = admin_waarden(obj, namen if change else _model_velden(obj))
        if change and not namen:
            return
        audit_admin(request, Actie.WIJZIGEN if change else Actie.AANMAKEN, obj, voor=voor, na=na)

    def save_model(self, request, obj, form, change):
        self._wijziging(
            request,
            obj,
            form,
            change,
            lambda: super(AuditedModelAdmin, self).save_model(request, obj, form, change),
        )

    def save_formset(self, request, form, formset, change):
        voor_wijziging = {
            f.instance.pk: admin_waarden(self._vorige(f.instance), f.changed_data)
            for f in formset.initial_forms
            if f.instance.pk and f.has_changed()
        }
        weg = [
            (f.instance, _kenmerk(f.instance), admin_waarden(f.instance, _model_velden(f.instance)))
            for f in formset.deleted_forms
            if f.instance.pk
        ]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_admin(request, Actie.AANMAKEN, obj, na=admin_waarden(obj, _model_velden(obj)))
        for obj, _velden in formset.changed_objects:
            voor = voor_wijziging.get(obj.pk, {})
            audit_admin(request, Actie.WIJZIGEN, obj, voor=voor, na=admin_waarden(obj, voor))
        for obj, kenmerk, voor in weg:
            audit_admin(request, Actie.VERWIJDEREN, obj, voor=voor, kenmerk=kenmerk)

    def delete_model(self, request, obj):
        kenmerk, voor = _kenmerk(obj), admin_waarden(obj, _model_velden(obj))
        super().delete_model(request, obj)
        audit_admin(request, Actie.VERWIJDEREN, obj, voor=voor, kenmerk=kenmerk)

    def delete_queryset(self, request, queryset):
        weg = [(obj, _kenmerk(obj), admin_waarden(obj, _model_velden(obj))) for obj in queryset]
        super().delete_queryset(request, queryset)
        for obj, kenmerk, voor in weg:
            audit_admin(request, Actie.VERWIJDEREN, obj, voor=voor, kenmerk=kenmerk)

    def get_actions(self, request):
        """Each action audited with the objects it was run on, before it runs (the
        services it calls audit their own changes too). Deleting is audited per
        object by ``delete_queryset``."""
        actions = super().get_actions(request)
        for naam, (func, name, description) in list(actions.items()):
            if naam != "delete_selected":
                actions[naam] = (self._audited_action(func, name), name, description)
        return actions

    def _audited_action(self, func, name):
        def action(modeladmin, request, queryset):
            audit_log(
                _ctx(request),
                actie=Actie.WIJZIGEN,
                object_type=self.opts.label_lower,
                detail={
                    "beheeractie": name,
                    "objecten": sorted(str(pk) for pk in queryset.values_list("pk", flat=True)),
                },
            )
            return func(modeladmin, request, queryset)

        return action


def audit_every_admin(site=admin.site) -> None:
    """Give the ModelAdmins of other packages (axes: unlocking an account is deleting
    its access attempts) the audit of ``AuditedModelAdmin``; run once all admin
    modules are loaded (``CasusoverlegConfig.ready``)."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, AuditedModelAdmin):
            continue
        audited = type(
            f"Audited{type(model_admin).__name__}", (AuditedModelAdmin, type(model_admin)), {}
        )
        site.unregister(model)
        site.register(model, audited)


@admin.register(Organisatie)
class OrganisatieAdmin(AuditedModelAdmin):
    list_display = ["naam", "discipline", "actief"]
    list_filter = ["discipline", "actief"]
    search_fields = ["naam"]


@admin.register(Gemeente)
class GemeenteAdmin(AuditedModelAdmin):
    """The municipalities a case can name, and per municipality the youth-care
    delineation: which organisation coordinates a minor's case there. It grants no
    access; a difference with a case's coordinating organisation makes a task
    (``casusoverleg.services.afbakening_bijwerken``). Audited like every change here."""

    list_display = ["naam", "provincie", "coordinerende_organisatie_minderjarigen"]
    list_filter = ["provincie", "coordinerende_organisatie_minderjarigen"]
    search_fields = ["naam"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "coordinerende_organisatie_minderjarigen":
            kwargs["queryset"] = Organisatie.objects.filter(actief=True).exclude(
                discipline__in=DISCIPLINES_WITHOUT_CASE_ACCESS
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
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
        "is_organisatiebeheerder",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "organisatie__discipline",
        "is_coordinator",
        "is_reviewer",
        "is_organisatiebeheerder",
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
            {
                "fields": (
                    "organisatie_beheer",
                    "rollen_beheer",
                    "organisatiebeheer",
                    "mfa_beheer",
                )
            },
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
        "organisatiebeheer",
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

    @admin.display(description=_("organisatiebeheerder"))
    def organisatiebeheer(self, obj):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("ja") if obj.is_organisatiebeheerder else _("nee"),
            reverse("admin:casusoverleg_user_organisatiebeheer", args=[obj.pk]),
            _("Organisatiebeheer wijzigen"),
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
                "<id>/organisatiebeheer/",
                self.admin_site.admin_view(self.organisatiebeheer_view),
                name="casusoverleg_user_organisatiebeheer",
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

    def organisatiebeheer_view(self, request, id):
        """The organisation-administrator role (the wegwijzer's offers of the user's
        organisation), through ``gebruiker_organisatiebeheerder_change`` (audited)."""
        gebruiker = self._gebruiker(request, id)
        # An unticked box posts nothing: bound on every POST, so revoking works.
        form = OrganisatiebeheerForm(
            request.POST if request.method == "POST" else None,
            initial={"is_organisatiebeheerder": gebruiker.is_organisatiebeheerder},
        )
        return self._action(
            request,
            gebruiker,
            form,
            _("Organisatiebeheer wijzigen"),
            lambda data: services.gebruiker_organisatiebeheerder_change(
                ctx=_ctx(request),
                gebruiker=gebruiker,
                is_organisatiebeheerder=data["is_organisatiebeheerder"],
            ),
            _("Het organisatiebeheer is gewijzigd."),
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
class WachtwoordResetAdmin(AuditedModelAdmin):
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
