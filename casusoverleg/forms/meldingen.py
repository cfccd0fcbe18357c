"""The notification preferences: one radio group per kind, starting on what applies now."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..meldingen import SOORTEN
from ..models import Frequentie
from ..permissions import may_ever_receive


class _ZonderUit(forms.RadioSelect):
    """The "uit" option shown but disabled: its e-mail cannot be switched off."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"] == Frequentie.UIT:
            option["attrs"]["disabled"] = True
        return option


class MeldingVoorkeurenForm(forms.Form):
    """One group per kind that can reach ``user`` and has a choice. The meeting kinds
    have none (their e-mail is the calendar invitation; the page says so once). A
    group is not required: one left out keeps what applies now."""

    def __init__(self, *args, huidig: dict[str, str], user, **kwargs):
        super().__init__(*args, **kwargs)
        for code, info in SOORTEN.items():
            if info.eigen_mail or not may_ever_receive(user, regel=info.regel):
                continue
            field = forms.ChoiceField(
                label=info.label,
                choices=Frequentie.choices,
                initial=huidig.get(code, info.standaard),
                required=False,
                widget=forms.RadioSelect if info.uitschakelbaar else _ZonderUit,
            )
            if not info.uitschakelbaar:
                field.help_text = _("Deze e-mail kunt u niet uitzetten. %(reden)s") % {
                    "reden": info.niet_uit
                }
            self.fields[code] = field

    def keuzes(self) -> dict[str, str]:
        """The choices for the kinds that have one (not those with their own mail)."""
        return {
            code: waarde
            for code, waarde in self.cleaned_data.items()
            if waarde and not SOORTEN[code].eigen_mail
        }
