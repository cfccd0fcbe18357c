"""Forms of the second-factor pages. They only collect a code; the services in
``casusoverleg.services.mfa`` check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.mfa import ResetReden
from .velden import ChoicesWithoutGuessingMixin


class CodeForm(ChoicesWithoutGuessingMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("De zescijferige code uit uw authenticator-app, of een van uw herstelcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class TotpBevestigForm(ChoicesWithoutGuessingMixin, forms.Form):
    code = forms.RegexField(
        label=_("Code uit de app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        help_text=_("De zes cijfers die de app nu toont."),
        error_messages={"invalid": _("Vul de zes cijfers in die de app toont.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class MfaResetForm(ChoicesWithoutGuessingMixin, forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=ResetReden.choices)
