from django import forms
from django.utils.translation import gettext_lazy as _

from casusoverleg.forms.velden import ChoicesWithoutGuessingMixin
from casusoverleg.models import Behoefte, Deelname, Discipline, Organisatie, Uitbuitingsvorm
from casusoverleg.permissions import deelname_organisaties

from .models import Aanbod, Doorverwijzing, Hulpsoort, Regio
from .services import AANBOD_FIELDS

#: The longest search term kept (a search box, not a text field).
ZOEKTERM_MAX = 200


class ZoekForm(ChoicesWithoutGuessingMixin, forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=ZOEKTERM_MAX,
        help_text=_("Bijvoorbeeld: opvang minderjarigen, arbeidsuitbuiting, schadevergoeding."),
    )
    soort = forms.ChoiceField(
        label=_("Soort hulp"), required=False, choices=[("", _("Alle")), *Hulpsoort.choices]
    )
    regio = forms.ChoiceField(
        label=_("Regio"), required=False, choices=[("", _("Alle")), *Regio.choices]
    )


class AanbodForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    uitbuitingsvormen = forms.MultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        choices=Uitbuitingsvorm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Geen keuze: alle vormen van uitbuiting."),
    )

    class Meta:
        model = Aanbod
        fields = AANBOD_FIELDS
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "verwijzen": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "titel": {"required": _("Geef het aanbod een titel.")},
            "soort": {
                "required": _("Kies de soort hulp."),
                "invalid_choice": _("Kies een soort hulp uit de lijst."),
            },
            "omschrijving": {"required": _("Beschrijf wat het aanbod inhoudt.")},
            "regio": {
                "required": _("Kies de regio."),
                "invalid_choice": _("Kies een regio uit de lijst."),
            },
            "verwijzen": {"required": _("Beschrijf hoe een professional iemand aanmeldt.")},
            "contact": {"required": _("Geef een telefoonnummer of e-mailadres van de aanmelding.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitbuitingsvormen"].error_messages["invalid_choice"] = _(
            "Kies vormen van uitbuiting uit de lijst."
        )
        for veld in self.fields.values():
            if isinstance(veld, forms.CharField) and veld.max_length:
                veld.error_messages["max_length"] = _(
                    "Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."
                )

    def clean(self):
        cleaned = super().clean()
        # The same rules as the model's, on the fields they concern; the service
        # checks them again (full_clean) before saving.
        if not (cleaned.get("voor_minderjarigen") or cleaned.get("voor_meerderjarigen")):
            self.add_error("voor_meerderjarigen", _("Kies ten minste één leeftijdsgroep."))
        if not (cleaned.get("voor_vrouwen") or cleaned.get("voor_mannen")):
            self.add_error("voor_mannen", _("Kies vrouwen, mannen of beide."))
        if not any(cleaned.get(n) for n in ("herkomst_nl", "herkomst_eu", "herkomst_buiten_eu")):
            self.add_error("herkomst_buiten_eu", _("Kies ten minste één herkomst."))
        return cleaned

    def _post_clean(self):
        pass  # the service validates the whole offer (full_clean) and saves it


class DoorverwijzingForm(ChoicesWithoutGuessingMixin, forms.Form):
    """A referral of ``casus``: to an organisation that does not take part yet, for
    one of the case's needs, optionally to one of its offers."""

    organisatie = forms.ModelChoiceField(
        label=_("Naar organisatie"),
        queryset=Organisatie.objects.none(),
        error_messages={"required": _("Kies een organisatie.")},
    )
    behoefte = forms.ModelChoiceField(
        label=_("Voor behoefte"), queryset=Behoefte.objects.none(), required=False
    )
    aanbod = forms.ModelChoiceField(
        label=_("Aanbod (niet verplicht)"), queryset=Aanbod.objects.none(), required=False
    )
    urgentie = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Doorverwijzing.Urgentie.choices,
        initial=Doorverwijzing.Urgentie.NORMAAL,
    )
    motivatie = forms.CharField(
        label=_("Motivatie"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "De ontvangende organisatie ziet deze tekst voordat zij de casus mag zien. "
            "Noem geen naam, geboortedatum of andere persoonsgegevens."
        ),
        error_messages={"required": _("Geef een korte motivatie.")},
    )

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        deelnemend = Deelname.objects.actief().filter(casus=casus).values("organisatie_id")
        self.fields["organisatie"].queryset = (
            deelname_organisaties(Organisatie.objects.all())
            .exclude(pk__in=deelnemend)
            .exclude(discipline=Discipline.ADVOCATUUR)
            .order_by("naam")
        )
        self.fields["behoefte"].queryset = casus.behoeften.order_by("pk")
        self.fields["behoefte"].label_from_instance = lambda b: b.get_type_display()
        self.fields["aanbod"].queryset = (
            Aanbod.objects.filter(actief=True)
            .exclude(organisatie_id__in=deelnemend)
            .select_related("organisatie")
            .order_by("organisatie__naam", "titel")
        )
        self.fields["aanbod"].label_from_instance = lambda a: f"{a.organisatie} – {a.titel}"


class DoorverwijzingAntwoordForm(ChoicesWithoutGuessingMixin, forms.Form):
    """Accept or decline a referral; declining needs a kind of reason (what the
    figures count) and an explanation (what the sender reads)."""

    AKKOORD = "akkoord"
    AFWIJZEN = "afwijzen"

    besluit = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (AKKOORD, _("Aanvaarden: onze organisatie neemt deel aan de casus")),
            (AFWIJZEN, _("Afwijzen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u de doorverwijzing aanvaardt.")},
    )
    reden_soort = forms.ChoiceField(
        label=_("Waarom wijst u af? (verplicht bij afwijzen)"),
        required=False,
        choices=Doorverwijzing.RedenSoort.choices,
        widget=forms.RadioSelect,
        help_text=_("Telt mee in de geanonimiseerde cijfers van de pilot."),
        error_messages={"invalid_choice": _("Kies een reden uit de lijst.")},
    )
    reden = forms.CharField(
        label=_("Toelichting (verplicht bij afwijzen)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De verwijzer ziet deze toelichting. Noem geen persoonsgegevens."),
    )

    def clean(self):
        data = super().clean()
        if data.get("besluit") == self.AFWIJZEN:
            if not data.get("reden_soort") and "reden_soort" not in self.errors:
                self.add_error("reden_soort", _("Kies waarom u de doorverwijzing afwijst."))
            if not (data.get("reden") or "").strip():
                self.add_error("reden", _("Geef een reden waarom u de doorverwijzing afwijst."))
        elif data.get("besluit") == self.AKKOORD:
            # A reason ticked before choosing to accept is no reason: only a decline has one.
            data["reden_soort"] = ""
        return data
