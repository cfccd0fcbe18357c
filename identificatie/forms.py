from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casusoverleg.forms import KIES, ChoicesWithoutGuessingMixin, DateInput, ModelKeuzesField
from casusoverleg.models import Organisatie, User
from casusoverleg.permissions import (
    casuscoordinatoren,
    coordinerende_organisaties,
    may_coordinate_cases,
)
from casusoverleg.weergave import naam, persoon

from .models import Bedenktijd, Beoordeling, Indicator, IndicatorLijst, Melding, Signaal
from .services import SIGNAAL_FIELDS, WETTELIJKE_MELDERS, signaal_errors
from .services.proces import BEOORDELING_FIELDS


class SignaalForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """The signal form. The indicator checkboxes are drawn by the template in their
    groups, each with its handling instruction; the rules are the service's."""

    indicatoren = ModelKeuzesField(
        label=_("Indicatoren"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies indicatoren uit de lijst die nu geldt.")},
    )

    class Meta:
        model = Signaal
        fields = SIGNAAL_FIELDS
        widgets = {
            "waargenomen_op": DateInput,
            "geboortedatum": DateInput,
            "observatie": forms.Textarea(attrs={"rows": 4}),
            "urgentie": forms.RadioSelect,
            "grondslag": forms.RadioSelect,
            "toestemming_door": forms.RadioSelect,
        }
        help_texts = {
            "observatie": _("Feiten: wat zag of hoorde u, wanneer, van wie."),
            "naam": _("Leeg laten bij een anonieme melding."),
            "geschatte_leeftijd": _("Als de geboortedatum niet bekend is."),
        }

    def __init__(self, *args, user, **kwargs):
        gegeven = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        self.user = user
        self.lijst = IndicatorLijst.objects.actueel()
        self.fields["indicatoren"].queryset = Indicator.objects.filter(
            groep__lijst=self.lijst
        ).select_related("groep")
        self.fields["waargenomen_op"].initial = timezone.localdate()
        self.fields["toestemming_door"].required = False
        self.fields["toestemming_door"].choices = Signaal.ToestemmingDoor.choices
        self.fields["nationaliteit"].error_messages["invalid_choice"] = _(
            "Onbekende nationaliteit: kies een land uit de lijst."
        )
        self.fields["urgentie"].choices = Signaal.Urgentie.choices
        # Whether there is acute danger is the first thing to decide, never a default:
        # a new signal starts with no answer (the model's default is not offered).
        self.fields["urgentie"].label = _("Is er acuut gevaar?")
        self.fields["urgentie"].error_messages["required"] = _(
            "Kies of er acuut gevaar is, of dat snel handelen nodig is."
        )
        if not self.instance.pk and "urgentie" not in gegeven:
            self.initial.pop("urgentie", None)
            self.fields["urgentie"].initial = None
        if self.wettelijke_taak:
            del self.fields["grondslag"]
            del self.fields["toestemming_door"]
        else:
            self.fields["grondslag"].choices = [
                (Signaal.Grondslag.TOESTEMMING, Signaal.Grondslag.TOESTEMMING.label),
                (Signaal.Grondslag.ANONIEM, Signaal.Grondslag.ANONIEM.label),
            ]

    @property
    def wettelijke_taak(self) -> bool:
        return self.user.organisatie.discipline in WETTELIJKE_MELDERS

    def groepen(self):
        """The list's groups, each with its indicators and whether each is ticked, the
        number ticked, and whether its section opens on render: when it holds a
        ticked box, or the indicators have an error (then every section opens)."""
        chosen = {str(v) for v in (self["indicatoren"].value() or [])}
        fout = "indicatoren" in self.errors
        groups = {}
        for indicator in self.fields["indicatoren"].queryset:
            groups.setdefault(indicator.groep, []).append((indicator, str(indicator.pk) in chosen))
        result = []
        for groep, items in groups.items():
            aantal = sum(checked for _indicator, checked in items)
            result.append((groep, items, aantal, fout or aantal > 0))
        return result

    def clean(self):
        cleaned = super().clean()
        if self.wettelijke_taak:
            cleaned["grondslag"] = Signaal.Grondslag.WETTELIJKE_TAAK
        errors = signaal_errors(
            organisatie=self.user.organisatie,
            data=cleaned,
            indicatoren=list(cleaned.get("indicatoren") or []),
        )
        for field, message in errors.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
            elif field not in self.fields:
                self.add_error(None, message)
        return cleaned

    def _post_clean(self):
        pass


class KoppelForm(ChoicesWithoutGuessingMixin, forms.Form):
    casus = forms.ModelChoiceField(
        label=_("Casus"),
        queryset=None,
        error_messages={"invalid_choice": _("Kies een casus waaraan u deelneemt.")},
    )

    def __init__(self, *args, casussen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casus"].queryset = casussen
        self.fields["casus"].label_from_instance = lambda c: c.nummer


class NieuweCasusForm(ChoicesWithoutGuessingMixin, forms.Form):
    coordinerende_organisatie = forms.ModelChoiceField(
        label=_("Coördinerende organisatie"),
        queryset=coordinerende_organisaties(Organisatie.objects.all()),
        help_text=_("Meestal de zorgcoördinatie van de gemeente."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    coordinator = forms.ModelChoiceField(
        label=_("Casuscoördinator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Alleen als uw eigen organisatie coördineert: uzelf of een collega-coördinator. "
            "Coördineert een andere organisatie, dan wijst die de coördinator aan."
        ),
        error_messages={"invalid_choice": _("Kies een coördinator uit de lijst.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["coordinator"]
        field.queryset = casuscoordinatoren(
            User.objects.order_by("last_name", "first_name", "pk"), organisatie=user.organisatie
        )
        field.label_from_instance = persoon
        if may_coordinate_cases(user):
            # The opener is the coordinator unless they choose a colleague.
            field.initial = user.pk
            field.empty_label = None


class AfsluitenForm(ChoicesWithoutGuessingMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden om geen vervolg te geven"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class MeldingUitzonderingForm(ChoicesWithoutGuessingMixin, forms.Form):
    """The exception to the duty to report: a reason from the list and its legal
    basis; the rules are the service's (``melding_decline``)."""

    reden_niet_gemeld = forms.ChoiceField(
        label=_("Reden om niet te melden"),
        choices=Melding.RedenNietGemeld.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de wettelijke reden om niet te melden.")},
    )
    toelichting_niet_gemeld = forms.CharField(
        label=_("Wettelijke grondslag en toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Noem de wettelijke grondslag en licht de reden toe.")},
    )


class RegistratieForm(forms.Form):
    """CoMensha's registration number for a submitted report (``melding_register``)."""

    registratienummer = forms.CharField(
        label=_("Registratienummer CoMensha"),
        max_length=40,
        help_text=_("Letters, cijfers, - . of /, bijvoorbeeld CM-2026-0042."),
        error_messages={"required": _("Vul het registratienummer in.")},
    )


# The identification process --------------------------------------------------------


class ProcesStartForm(ChoicesWithoutGuessingMixin, forms.Form):
    organisaties = ModelKeuzesField(
        label=_("Welke organisaties beoordelen de casus?"),
        queryset=Organisatie.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één organisatie.")},
    )
    deadline = forms.DateField(label=_("Deadline voor de beoordelingen"), widget=DateInput)
    aftekenen_vereist = forms.BooleanField(
        label=_("Elke discipline tekent het advies af voordat het wordt vastgesteld"),
        required=False,
        help_text=_(
            "Akkoord, akkoord met minderheidsstandpunt of niet akkoord; "
            "de aftekeningen staan in de pdf."
        ),
    )

    def __init__(self, *args, casus, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisaties"].queryset = Organisatie.objects.filter(
            deelnames__casus=casus, deelnames__beeindigd_op__isnull=True
        ).distinct()
        self.fields["deadline"].initial = timezone.localdate() + timezone.timedelta(days=14)


class BeoordelingForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    indicatoren = ModelKeuzesField(
        label=_("Waargenomen indicatoren"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Beoordeling
        fields = ["oordeel", "indicatoren", *BEOORDELING_FIELDS[1:]]
        widgets = {
            "oordeel": forms.RadioSelect,
            "strafzaak": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "feiten",
                    "professioneel_oordeel",
                    "onderbouwing",
                    "behoeften",
                    "risico_veiligheid",
                    "risico_vlucht",
                    "risico_herhaling",
                    "achtergehouden",
                    "achtergehouden_reden",
                    "strafzaak_toelichting",
                )
            },
        }
        error_messages = {
            "oordeel": {"required": _("Kies een oordeel over slachtofferschap.")},
            "strafzaak": {
                "required": _("Kies of een advies gevolgen heeft voor de strafzaak."),
            },
        }

    def __init__(self, *args, lijst, organisatie, uit_signaal=None, **kwargs):
        """``uit_signaal``: for a new assessment only, the indicators of the case's
        signals ({indicator pk: sources}, ``selectors.indicatoren_uit_signalen``):
        ticked beforehand and marked with where they came from; the assessor can
        untick them."""
        super().__init__(*args, **kwargs)
        field = self.fields["indicatoren"]
        field.queryset = Indicator.objects.filter(groep__lijst=lijst).select_related("groep")
        uit_signaal = uit_signaal or {}
        field.label_from_instance = lambda i: (
            _("%(indicator)s (uit het signaal van %(bron)s)")
            % {"indicator": f"{i.code} {i.tekst}", "bron": ", ".join(uit_signaal[i.pk])}
            if i.pk in uit_signaal
            else f"{i.code} {i.tekst}"
        )
        if uit_signaal:
            field.initial = list(uit_signaal)
            field.help_text = _(
                "De indicatoren uit het signaal zijn vooraf aangevinkt. "
                "Vink uit wat u niet zelf hebt vastgesteld."
            )
        if organisatie.discipline not in ("politie", "om", "kmar"):
            del self.fields["strafzaak"]
            del self.fields["strafzaak_toelichting"]
        else:
            # Optional in the model (other disciplines leave it empty), but for
            # police, OM and KMar an explicit answer: no option is preselected.
            self.fields["strafzaak"].required = True

    def _post_clean(self):
        pass


class UitkomstForm(ChoicesWithoutGuessingMixin, forms.Form):
    uitkomst = forms.CharField(
        label=_("Uitkomst van de zorgtafel"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Besluiten over deze casus: wie doet wat, en de lijn voor het advies."),
    )


class RedenForm(ChoicesWithoutGuessingMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DeadlineForm(ChoicesWithoutGuessingMixin, forms.Form):
    deadline = forms.DateField(label=_("Nieuwe deadline"), widget=DateInput)


class AddendumForm(ChoicesWithoutGuessingMixin, forms.Form):
    tekst = forms.CharField(
        label=_("Addendum"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class OverdragenForm(ChoicesWithoutGuessingMixin, forms.Form):
    """Hand a task to a named colleague. The list offers only the colleagues who may
    take it; anyone else posted is refused by the service, in words, on this field."""

    aan = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=get_user_model().objects.none(),
        help_text=_("Alleen collega's van uw organisatie die deze stap mogen doen."),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")},
    )

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["aan"]
        veld.queryset = get_user_model().objects.filter(is_active=True)
        veld.widget.choices = [("", KIES), *((c.pk, naam(c)) for c in kandidaten)]


class BedenktijdStartForm(forms.Form):
    start = forms.DateField(label=_("Begin van de bedenktijd"), widget=DateInput)
    einde = forms.DateField(
        label=_("Einddatum (alleen bij een kortere bedenktijd)"),
        required=False,
        widget=DateInput,
        help_text=_("Leeg laten: de volledige bedenktijd."),
    )


class BedenktijdUitkomstForm(ChoicesWithoutGuessingMixin, forms.Form):
    uitkomst = forms.ChoiceField(
        label=_("Wat heeft de persoon besloten?"),
        choices=Bedenktijd.Uitkomst.choices,
        widget=forms.RadioSelect,
    )
    op = forms.DateField(label=_("Datum"), widget=DateInput)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
