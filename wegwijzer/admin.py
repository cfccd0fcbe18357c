"""The schemes are kept here by functional management, audited like every change
in the admin. Offers belong to their organisations (kept through
``wegwijzer.services`` by its organisation administrators): shown here, never
changed. Nothing here grants or changes access to a case."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casusoverleg.admin import AuditedModelAdmin
from casusoverleg.models import Uitbuitingsvorm

from .models import DOELGROEP_FIELDS, Aanbod, Regeling


class RegelingAdminForm(forms.ModelForm):
    """The forms of exploitation as checkboxes, not as the JSON list they are
    stored as; none ticked: all forms."""

    uitbuitingsvormen = forms.MultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        choices=Uitbuitingsvorm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Geen keuze: alle vormen van uitbuiting."),
        error_messages={"invalid_choice": _("Kies vormen van uitbuiting uit de lijst.")},
    )

    class Meta:
        model = Regeling
        fields = [
            "naam",
            "soort",
            "omschrijving",
            "voorwaarden",
            "aanvragen",
            "actief",
            *DOELGROEP_FIELDS,
        ]

    def clean_uitbuitingsvormen(self):
        return sorted(set(self.cleaned_data["uitbuitingsvormen"]))


@admin.register(Regeling)
class RegelingAdmin(AuditedModelAdmin):
    form = RegelingAdminForm
    list_display = ["naam", "soort", "actief"]
    list_filter = ["soort", "actief"]
    search_fields = ["naam"]
    fieldsets = (
        (None, {"fields": ("naam", "soort", "omschrijving", "voorwaarden", "aanvragen", "actief")}),
        (
            _("Doelgroep"),
            {
                "fields": (
                    ("voor_minderjarigen", "voor_meerderjarigen"),
                    ("voor_vrouwen", "voor_mannen", "met_kinderen"),
                    ("herkomst_nl", "herkomst_eu", "herkomst_buiten_eu"),
                    "uitbuitingsvormen",
                )
            },
        ),
    )


@admin.register(Aanbod)
class AanbodAdmin(AuditedModelAdmin):
    """Read only: each organisation keeps its own offers."""

    list_display = ["titel", "organisatie", "soort", "regio", "actief"]
    list_filter = ["soort", "regio", "actief"]
    list_select_related = ["organisatie"]
    search_fields = ["titel", "organisatie__naam"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
