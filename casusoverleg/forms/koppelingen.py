from django import forms
from django.utils.translation import gettext_lazy as _

from .velden import ChoicesWithoutGuessingMixin


class KoppelverzoekAntwoordForm(ChoicesWithoutGuessingMixin, forms.Form):
    """Accept or decline a request to link two cases; a reason is optional."""

    AKKOORD = "akkoord"
    AFWIJZEN = "afwijzen"

    besluit = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (AKKOORD, _("Koppelen: het gaat om dezelfde persoon")),
            (AFWIJZEN, _("Niet koppelen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u de casussen koppelt.")},
    )
    reden = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen zichtbaar voor uw eigen organisatie. Noem geen persoonsgegevens."),
    )
