from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from casusoverleg.admin import AuditedModelAdmin
from casusoverleg.audit import AuditContext, Doel

from . import services
from .models import Indicator, IndicatorGroep, IndicatorLijst


class FrozenWhenPublishedAdmin(AuditedModelAdmin):
    """A published list, its groups and indicators are read-only here too."""

    def _lijst(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._lijst(obj).gepubliceerd:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._lijst(obj).gepubliceerd:
            return False
        return super().has_delete_permission(request, obj)


class IndicatorGroepInline(admin.TabularInline):
    model = IndicatorGroep
    extra = 0
    fields = ["volgorde", "code", "titel"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.gepubliceerd

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(IndicatorLijst)
class IndicatorLijstAdmin(FrozenWhenPublishedAdmin):
    list_display = ["versie", "titel", "gepubliceerd_op", "aantal_indicatoren"]
    readonly_fields = ["gepubliceerd_op", "gepubliceerd_door"]
    fields = [
        "versie",
        "titel",
        "noodinstructie",
        "bronnen",
        "gepubliceerd_op",
        "gepubliceerd_door",
    ]
    inlines = [IndicatorGroepInline]
    actions = ["publiceren", "nieuwe_versie"]

    def _lijst(self, obj):
        return obj

    @admin.display(description=_("indicatoren"))
    def aantal_indicatoren(self, obj):
        return Indicator.objects.filter(groep__lijst=obj).count()

    @admin.action(description=_("Geselecteerde conceptversie publiceren"))
    def publiceren(self, request, queryset):
        ctx = AuditContext.for_request(request, Doel.BEHEER)
        for lijst in queryset:
            try:
                services.indicatorlijst_publish(ctx=ctx, lijst=lijst)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("Versie %(v)s is gepubliceerd.") % {"v": lijst.versie})

    @admin.action(description=_("Nieuwe conceptversie maken op basis van de geselecteerde"))
    def nieuwe_versie(self, request, queryset):
        ctx = AuditContext.for_request(request, Doel.BEHEER)
        created = 0
        for lijst in queryset:
            # Within the field's 20 characters whatever the source's version is called.
            versie = f"concept-{timezone.localtime():%Y%m%d%H%M}"
            try:
                services.indicatorlijst_copy(ctx=ctx, bron=lijst, versie=versie)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                created += 1
        self.message_user(
            request,
            ngettext("%(n)d conceptversie gemaakt.", "%(n)d conceptversies gemaakt.", created)
            % {"n": created},
        )


@admin.register(Indicator)
class IndicatorAdmin(FrozenWhenPublishedAdmin):
    list_display = ["code", "tekst", "groep", "urgentie"]
    list_filter = ["groep__lijst", "groep__code", "urgentie"]
    list_select_related = ["groep__lijst"]
    search_fields = ["code", "tekst"]

    def _lijst(self, obj):
        return obj.groep.lijst

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "groep":
            kwargs["queryset"] = IndicatorGroep.objects.filter(
                lijst__gepubliceerd_op__isnull=True
            ).select_related("lijst")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
