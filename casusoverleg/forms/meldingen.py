"""The notification preferences: one radio group per kind, starting on what applies now."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..meldingen import SOORTEN
from ..models import Frequentie


class _ZonderUit(forms.RadioSelect):
    """The "uit" option shown but disabled: its e-mail cannot be switched off."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"] == Frequentie.UIT:
            option["attrs"]["disabled"] = True
        return option


class MeldingVoorkeurenForm(forms.Form):
    def __init__(self, *args, huidig: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for code, info in SOORTEN.items():
            field = forms.ChoiceField(
                label=info.label,
                choices=Frequentie.choices,
                initial=huidig.get(code, info.standaard),
                widget=forms.RadioSelect if info.uitschakelbaar else _ZonderUit,
            )
            if info.eigen_mail:
                field.disabled = True
                field.required = False
                field.help_text = info.eigen_mail
            elif not info.uitschakelbaar:
                field.help_text = _("Deze e-mail kunt u niet uitzetten. %(reden)s") % {
                    "reden": info.niet_uit
                }
            self.fields[code] = field

    def keuzes(self) -> dict[str, str]:
        """The choices for the kinds that have one (not those with their own mail)."""
        return {
            code: waarde
            for code, waarde in self.cleaned_data.items()
            if not SOORTEN[code].eigen_mail
        }
