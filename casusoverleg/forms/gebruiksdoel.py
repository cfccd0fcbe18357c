"""Why a user opens a case (``casusoverleg.gebruiksdoel``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..audit import Gebruiksdoel
from ..gebruiksdoel import TOELICHTING_MAX


class GebruiksdoelForm(forms.Form):
    doel = forms.ChoiceField(
        label=_("Waarvoor opent u deze casus?"),
        choices=Gebruiksdoel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waarvoor u de casus opent."),
            "invalid_choice": _("Kies een doel uit de lijst."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TOELICHTING_MAX,
        help_text=_("Verplicht bij 'Anders'. Noem geen namen of andere persoonsgegevens."),
        error_messages={
            "max_length": _("Houd de toelichting korter dan %(limit_value)d tekens."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("doel") == Gebruiksdoel.ANDERS
            and not (cleaned.get("toelichting") or "").strip()
        ):
            self.add_error("toelichting", _("Zeg in een paar woorden waarvoor u de casus opent."))
        return cleaned
