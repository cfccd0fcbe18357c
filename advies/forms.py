from django import forms
from django.utils.translation import gettext_lazy as _

from casusoverleg.forms import ChoicesWithoutGuessingMixin, DateInput
from identificatie.models import Beoordeling

from .models import INHOUD, Advies, AdviesAftekening, AdviesBesluit, AdviesVerzending
from .pdf import MAX_VELD


class AdviesForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    class Meta:
        model = Advies
        fields = INHOUD
        widgets = {
            "moment_datum": DateInput,
            "conclusie": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("doel", "vraag", "onderbouwing", "aanbevelingen", "effect_strafzaak")
            },
        }
        error_messages = {
            "conclusie": {"required": _("Kies een conclusie.")},
        }

    def _post_clean(self):
        pass


class StandpuntForm(ChoicesWithoutGuessingMixin, forms.Form):
    """One discipline's view: the drafter summarises; the conclusion stays as submitted."""

    organisatie_id = forms.IntegerField(widget=forms.HiddenInput)
    samenvatting = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    afwijkend = forms.BooleanField(label=_("Afwijkend standpunt (dissent)"), required=False)
    toelichting_afwijking = forms.CharField(
        label=_("Toelichting afwijkend standpunt"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("afwijkend") and not (cleaned.get("toelichting_afwijking") or "").strip():
            self.add_error("toelichting_afwijking", _("Licht het afwijkende standpunt toe."))
        return cleaned


StandpuntFormSet = forms.formset_factory(StandpuntForm, extra=0)


class ReviewForm(ChoicesWithoutGuessingMixin, forms.Form):
    besluit = forms.ChoiceField(
        label=_("Uw oordeel"),
        choices=[
            ("akkoord", _("Akkoord: advies vaststellen")),
            ("terug", _("Terug naar het concept, met opmerkingen")),
        ],
        widget=forms.RadioSelect,
    )
    opmerkingen = forms.CharField(
        label=_("Opmerkingen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("besluit") == "terug" and not (cleaned.get("opmerkingen") or "").strip():
            self.add_error("opmerkingen", _("Schrijf wat er anders moet."))
        return cleaned


def oordeel_label(value) -> str:
    return dict(Beoordeling.Oordeel.choices).get(value, value)


class AftekeningForm(ChoicesWithoutGuessingMixin, forms.Form):
    """A discipline's sign-off on the advice under review."""

    oordeel = forms.ChoiceField(
        label=_("Uw aftekening"),
        choices=AdviesAftekening.Oordeel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies akkoord, akkoord met minderheidsstandpunt of niet akkoord."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_VELD,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij een minderheidsstandpunt of als u niet akkoord bent."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("oordeel") in AdviesAftekening.TOELICHTING_VERPLICHT
            and not (cleaned.get("toelichting") or "").strip()
        ):
            self.add_error("toelichting", _("Licht uw aftekening toe."))
        return cleaned


class VerzendingForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """The coordinator records a sending of the adopted version (the service checks
    the rules: not in the future, only the version that holds)."""

    class Meta:
        model = AdviesVerzending
        fields = [
            "verzonden_op",
            "geadresseerde",
            "geadresseerde_toelichting",
            "kanaal",
            "toelichting",
        ]
        widgets = {
            "verzonden_op": DateInput,
            "kanaal": forms.RadioSelect,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "verzonden_op": {"required": _("Vul de datum van verzending in.")},
            "geadresseerde": {"required": _("Kies de geadresseerde.")},
            "kanaal": {"required": _("Kies hoe het advies is verzonden.")},
        }

    def _post_clean(self):
        pass


class BesluitForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """The coordinator records the decision of an addressee the advice was sent to."""

    class Meta:
        model = AdviesBesluit
        fields = ["geadresseerde", "besluit_op", "uitkomst", "toelichting"]
        widgets = {
            "besluit_op": DateInput,
            "uitkomst": forms.RadioSelect,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "besluit_op": {"required": _("Vul de datum van het besluit in.")},
            "geadresseerde": {"required": _("Kies de geadresseerde.")},
            "uitkomst": {"required": _("Kies de uitkomst.")},
        }

    def __init__(self, *args, geadresseerden=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the addressees the advice was sent to and that have no decision yet.
        self.fields["geadresseerde"].choices = [
            c for c in self.fields["geadresseerde"].choices if c[0] in geadresseerden
        ]

    def _post_clean(self):
        pass
