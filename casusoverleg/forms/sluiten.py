"""Closing and reopening a case: the reason, checked again by the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Sluitreden
from .velden import ChoicesWithoutGuessingMixin


class CasusSluitenForm(ChoicesWithoutGuessingMixin, forms.Form):
    reden = forms.ChoiceField(
        label=_("Reden"),
        choices=Sluitreden.choices,
        error_messages={
            "required": _("Kies een reden."),
            "invalid_choice": _("Kies een reden uit de lijst."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij 'Overig'. Alleen zichtbaar voor wie de casus mag zien."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("reden") == Sluitreden.OVERIG
            and not (cleaned.get("toelichting") or "").strip()
        ):
            self.add_error("toelichting", _("Licht toe waarom de casus wordt gesloten."))
        return cleaned


class CasusHeropenenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden om de casus te heropenen.")},
        help_text=_(
            "Niemand krijgt vanzelf weer toegang: alleen uw organisatie kan daarna "
            "weer deelnemers toevoegen."
        ),
    )
