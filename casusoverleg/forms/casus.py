from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Behoefte, Casus, Deelname, Organisatie, Uitbuitingsvorm, User
from ..permissions import casuscoordinatoren, deelname_advocaten, deelname_organisaties
from ..selectors import AUDIT_SOORT_CASUS, AUDIT_SOORT_GEWEIGERD, AUDIT_SOORT_OVERIG
from ..services import CASUS_FIELDS, MINDERJARIGHEID_FIELDS
from ..services.minderjarigen import VOOGD_DISCIPLINES
from ..weergave import persoon
from .velden import ChoicesWithoutGuessingMixin

OUDSTE_LEEFTIJD = 120


class AccessibleFormRenderer(TemplatesSetting):
    """Every form gets an error summary linking to its fields, and each field its
    label, help text and errors tied to the input (``aria-describedby``)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CasusForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    vormen = forms.MultipleChoiceField(
        label=_("Vormen van uitbuiting"),
        choices=Uitbuitingsvorm.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één vorm van uitbuiting.")},
    )

    class Meta:
        model = Casus
        fields = CASUS_FIELDS
        widgets = {
            "geboortedatum": DateInput,
            "datum_eerste_signaal": DateInput,
            "aliassen": forms.Textarea(attrs={"rows": 3}),
            "veilig_contact": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "vormen", list(self.instance.uitbuitingsvormen.values_list("vorm", flat=True))
            )
        self.fields["nationaliteit"].error_messages["invalid_choice"] = _(
            "Onbekende nationaliteit: kies een land uit de lijst."
        )

    def clean_geboortedatum(self):
        day = self.cleaned_data.get("geboortedatum")
        today = timezone.localdate()
        if day and day > today:
            raise forms.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        if day and day.year < today.year - OUDSTE_LEEFTIJD:
            raise forms.ValidationError(
                _("Deze geboortedatum geeft een onmogelijke leeftijd (ouder dan %(n)s jaar).")
                % {"n": OUDSTE_LEEFTIJD}
            )
        return day

    def clean_geschat_geboortejaar(self):
        year = self.cleaned_data.get("geschat_geboortejaar")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - OUDSTE_LEEFTIJD <= year <= this_year):
            raise forms.ValidationError(
                _("Vul een geboortejaar tussen %(van)s en %(tot)s in.")
                % {"van": this_year - OUDSTE_LEEFTIJD, "tot": this_year}
            )
        return year

    def clean_datum_eerste_signaal(self):
        day = self.cleaned_data.get("datum_eerste_signaal")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("De datum van het eerste signaal ligt in de toekomst."))
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("geboortedatum") and cleaned.get("geschat_geboortejaar"):
            self.add_error(
                "geschat_geboortejaar",
                _("Vul óf de geboortedatum óf een geschat geboortejaar in, niet allebei."),
            )
        geboren, signaal = cleaned.get("geboortedatum"), cleaned.get("datum_eerste_signaal")
        if geboren and signaal and signaal < geboren:
            self.add_error(
                "datum_eerste_signaal", _("Het eerste signaal ligt vóór de geboortedatum.")
            )
        return cleaned

    def _post_clean(self):
        # The service validates the model and saves; the form only checks input.
        pass


class CasusEditForm(CasusForm):
    # Closing is its own step (casus_sluiten), never a status picked here.
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in Casus.Status.choices if c[0] != Casus.Status.GESLOTEN],
    )

    class Meta(CasusForm.Meta):
        fields = [*CASUS_FIELDS, "status"]


class BehoefteForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    class Meta:
        model = Behoefte
        fields = ["type", "eigenaar", "status", "reden_niet_mogelijk", "toelichting"]
        widgets = {
            "reden_niet_mogelijk": forms.Textarea(attrs={"rows": 2}),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = Organisatie.objects.filter(
            deelnames__casus=casus, deelnames__beeindigd_op__isnull=True
        ).distinct()
        self.fields["eigenaar"].error_messages["invalid_choice"] = _(
            "Kies een organisatie die aan de casus deelneemt."
        )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Behoefte.Status.NIET_MOGELIJK
            and not (cleaned.get("reden_niet_mogelijk") or "").strip()
        ):
            self.add_error(
                "reden_niet_mogelijk", _("Geef aan waarom deze behoefte niet mogelijk is.")
            )
        return cleaned

    def _post_clean(self):
        pass


class MinderjarigheidForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """The guardian and what happens to the case at 18; the service decides what is
    required (``casus_minderjarigheid_update``)."""

    class Meta:
        model = Casus
        fields = MINDERJARIGHEID_FIELDS
        widgets = {"achttien_toelichting": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["voogd_organisatie"]
        veld.queryset = Organisatie.objects.filter(
            actief=True, discipline__in=VOOGD_DISCIPLINES
        ).order_by("naam")
        veld.error_messages["invalid_choice"] = _("Kies een organisatie uit de lijst.")
        self.fields["voogd_naam"].help_text = _(
            "De naam van de voogd als professional; staat alleen in de casus, nooit in meldingen."
        )
        self.fields["achttien_uitkomst"].error_messages["invalid_choice"] = _(
            "Kies een uitkomst uit de lijst."
        )

    def _post_clean(self):
        pass


class CoordinatorForm(ChoicesWithoutGuessingMixin, forms.Form):
    """Name the coordinator of a case: one of the coordinating organisation's
    coordinators by role (``casuscoordinatoren``)."""

    coordinator = forms.ModelChoiceField(
        label=_("Casuscoördinator"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Kies een coördinator uit de lijst.")},
    )

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = casuscoordinatoren(
            User.objects.order_by("last_name", "first_name", "pk"), organisatie=organisatie
        )
        self.fields["coordinator"].label_from_instance = persoon


class DeelnameForm(ChoicesWithoutGuessingMixin, forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    persoon = forms.ModelChoiceField(
        label=_("Advocaat"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Alleen bij een advocatenkantoor: de advocaat van de persoon zelf."),
        error_messages={"invalid_choice": _("Kies een advocaat uit de lijst.")},
    )
    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=[c for c in Deelname.Rol.choices if c[0] != Deelname.Rol.COORDINATOR],
        initial=Deelname.Rol.DEELNEMER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = deelname_organisaties(Organisatie.objects.all())
        self.fields["persoon"].queryset = deelname_advocaten(User.objects.all()).select_related(
            "organisatie"
        )
        self.fields["persoon"].label_from_instance = lambda u: f"{u} ({u.organisatie})"


JA_NEE = [("", _("Alle")), ("ja", _("Ja")), ("nee", _("Nee"))]


class CasusFilterForm(ChoicesWithoutGuessingMixin, forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_("Casusnummer, naam of geboortedatum (dd-mm-jjjj)."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *Casus.Status.choices]
    )
    vorm = forms.ChoiceField(
        label=_("Vorm van uitbuiting"),
        required=False,
        choices=[("", _("Alle")), *Uitbuitingsvorm.choices],
    )
    minderjarig = forms.ChoiceField(label=_("Minderjarig"), required=False, choices=JA_NEE)
    open_behoeften = forms.ChoiceField(label=_("Open behoeften"), required=False, choices=JA_NEE)
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Alle"),
    )

    def __init__(self, *args, coordinators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if coordinators is not None:
            self.fields["coordinator"].queryset = coordinators


MAX_DAGEN = 366


class _AuditPeriodeForm(ChoicesWithoutGuessingMixin, forms.Form):
    van = forms.DateField(label=_("Van"), widget=DateInput)
    tot = forms.DateField(label=_("Tot en met"), widget=DateInput)
    soort = forms.ChoiceField(
        label=_("Gebeurtenissen"),
        required=False,
        choices=[
            ("", _("Alle")),
            (AUDIT_SOORT_CASUS, _("Alleen over casussen")),
            (
                AUDIT_SOORT_OVERIG,
                _("Alleen overige (inloggen, weigeringen, tweede factor, beheer)"),
            ),
            (AUDIT_SOORT_GEWEIGERD, _("Alleen weigeringen")),
        ],
    )

    def clean(self):
        cleaned = super().clean()
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if van and tot:
            if tot < van:
                self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
            elif (tot - van).days > MAX_DAGEN:
                self.add_error("tot", _("Kies een periode van hoogstens een jaar."))
            elif van > timezone.localdate():
                self.add_error("van", _("De begindatum ligt in de toekomst."))
        return cleaned


class AuditRapportForm(_AuditPeriodeForm):
    """One user's report; ``gebruikers``: the users the reader may choose."""

    gebruiker = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Kies een gebruiker uit de lijst.")},
    )
    field_order = ["gebruiker", "van", "tot", "soort"]

    def __init__(self, *args, gebruikers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if gebruikers is not None:
            self.fields["gebruiker"].queryset = gebruikers.select_related("organisatie").order_by(
                "first_name", "last_name", "username"
            )
        self.fields["gebruiker"].label_from_instance = persoon


class AuditOrganisatieForm(_AuditPeriodeForm):
    """One organisation's report; ``organisaties``: those the reader may choose."""

    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.none(),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    field_order = ["organisatie", "van", "tot", "soort"]

    def __init__(self, *args, organisaties=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisaties is not None:
            self.fields["organisatie"].queryset = organisaties.order_by("naam")


class AuditSignalenForm(forms.Form):
    dag = forms.DateField(label=_("Dag"), widget=DateInput)

    def clean_dag(self):
        dag = self.cleaned_data["dag"]
        if dag > timezone.localdate():
            raise forms.ValidationError(_("Deze dag ligt in de toekomst."))
        return dag
