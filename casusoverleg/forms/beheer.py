"""Forms of the functional administrators' admin (``/beheer/``). They only
collect input; the services in ``casusoverleg.services.gebruikers`` decide."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from ..models import Organisatie, User
from .velden import ChoicesWithoutGuessingMixin


class GebruikerCreationForm(ChoicesWithoutGuessingMixin, UserCreationForm):
    """A new user: name, organisation and a first password. ``gebruiker_create``
    saves it; the form never does."""

    class Meta:
        model = User
        fields = ("username", "organisatie", "first_name", "last_name", "email")


class GebruikerChangeForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """What an administrator may change directly: the name and address only.
    Organisation, roles and password each have their own page and service."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")


class OrganisatieWijzigenForm(ChoicesWithoutGuessingMixin, forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Nieuwe organisatie"), queryset=Organisatie.objects.filter(actief=True)
    )


class RollenForm(ChoicesWithoutGuessingMixin, forms.Form):
    is_coordinator = forms.BooleanField(label=_("casuscoördinator"), required=False)
    is_reviewer = forms.BooleanField(label=_("reviewer"), required=False)
    is_active = forms.BooleanField(label=_("actief"), required=False)


class OrganisatiebeheerForm(ChoicesWithoutGuessingMixin, forms.Form):
    is_organisatiebeheerder = forms.BooleanField(
        label=_("organisatiebeheerder"),
        required=False,
        help_text=_(
            "Houdt het aanbod van de eigen organisatie in de wegwijzer bij. "
            "Geeft geen toegang tot casussen."
        ),
    )


class WachtwoordResetForm(ChoicesWithoutGuessingMixin, forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Voor de tweede beheerder die de aanvraag bevestigt."),
    )
    wachtwoord1 = forms.CharField(
        label=_("Nieuw wachtwoord"), strip=False, widget=forms.PasswordInput
    )
    wachtwoord2 = forms.CharField(
        label=_("Nieuw wachtwoord (herhaling)"), strip=False, widget=forms.PasswordInput
    )

    def clean(self):
        data = super().clean()
        if data.get("wachtwoord1") != data.get("wachtwoord2"):
            self.add_error("wachtwoord2", _("De wachtwoorden zijn niet gelijk."))
        return data
