import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casusoverleg.forms import KIES, ChoicesWithoutGuessingMixin, DateInput, ModelKeuzesField
from casusoverleg.models import Deelname, Organisatie, User
from casusoverleg.permissions import COORDINATE, casussen_for_user, voorzitters_for_user

from .models import Actiepunt, Agendapunt, Uitnodiging, Zorgtafel


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CasusChoiceField(ModelKeuzesField):
    def label_from_instance(self, obj):
        return f"{obj.nummer} · {obj.naam}"


class ZorgtafelForm(ChoicesWithoutGuessingMixin, forms.ModelForm):
    """Plan or change a meeting; the agenda's cases are chosen only when planning."""

    datum = forms.DateField(label=_("Datum"), widget=DateInput)
    tijd = forms.TimeField(label=_("Begintijd"), widget=TimeInput)
    videolink = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Alleen zichtbaar na inloggen, nooit in de uitnodiging per e-mail."),
    )
    casussen = CasusChoiceField(
        label=_("Casussen op de agenda"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In volgorde van casusnummer; de volgorde is daarna aan te passen."),
        error_messages={"required": _("Zet ten minste één casus op de agenda.")},
    )

    class Meta:
        model = Zorgtafel
        fields = ["type", "datum", "tijd", "duur_minuten", "plaats", "videolink", "voorzitter"]
        help_texts = {
            "plaats": _("Vul een plaats of een videolink in (of allebei)."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorzitter"].queryset = voorzitters_for_user(
            User.objects.all(), user=user
        ).order_by("first_name", "last_name")
        self.fields["voorzitter"].empty_label = None
        if self.instance.pk:
            del self.fields["casussen"]
            lokaal = timezone.localtime(self.instance.begint_op)
            self.initial.setdefault("datum", lokaal.date())
            self.initial.setdefault("tijd", lokaal.time().replace(second=0, microsecond=0))
        else:
            self.fields["casussen"].queryset = casussen_for_user(
                user=user, perm=COORDINATE
            ).order_by("nummer")
            self.initial.setdefault("voorzitter", user.pk)

    def clean(self):
        cleaned = super().clean()
        datum, tijd = cleaned.get("datum"), cleaned.get("tijd")
        if datum and tijd:
            begint_op = timezone.make_aware(datetime.datetime.combine(datum, tijd))
            gewijzigd = not self.instance.pk or {"datum", "tijd"} & set(self.changed_data)
            if begint_op < timezone.now() and gewijzigd:
                self.add_error("datum", _("Het overleg kan niet in het verleden worden gepland."))
            cleaned["begint_op"] = begint_op
            self.instance.begint_op = begint_op
        if not cleaned.get("plaats") and not cleaned.get("videolink"):
            self.add_error("plaats", _("Vul een plaats of een videolink in."))
        return cleaned

    def service_data(self) -> dict:
        keys = ["type", "begint_op", "duur_minuten", "plaats", "videolink", "voorzitter"]
        return {k: self.cleaned_data[k] for k in keys}


class AgendapuntForm(ChoicesWithoutGuessingMixin, forms.Form):
    casus = forms.ModelChoiceField(label=_("Casus toevoegen"), queryset=None)

    def __init__(self, *args, user, zorgtafel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casus"].queryset = (
            casussen_for_user(user=user, perm=COORDINATE)
            .exclude(agendapunten__zorgtafel=zorgtafel)
            .order_by("nummer")
        )
        self.fields["casus"].label_from_instance = lambda c: f"{c.nummer} · {c.naam}"


class GastForm(ChoicesWithoutGuessingMixin, forms.Form):
    user = forms.ModelChoiceField(
        label=_("Extra genodigde"),
        queryset=User.objects.none(),
        help_text=_(
            "Ziet de inhoud van dit agendapunt alleen als de persoon aan de casus deelneemt."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, is_superuser=False, organisatie__actief=True)
            .exclude(organisatie__discipline__in=["projectgroep", "beheer"])
            .select_related("organisatie")
            .order_by("organisatie__naam", "last_name")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.organisatie})"


class _NotuleTekstForm(ChoicesWithoutGuessingMixin, forms.Form):
    """The length limit is a setting (``NOTULE_MAX_TEKENS``), read per form; the
    service checks it again, with the limits on the number of entries."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tekst = self.fields["tekst"]
        tekst.max_length = settings.NOTULE_MAX_TEKENS
        tekst.validators = [v for v in tekst.validators if not isinstance(v, MaxLengthValidator)]
        tekst.validators.append(MaxLengthValidator(settings.NOTULE_MAX_TEKENS))
        tekst.widget.attrs["maxlength"] = str(settings.NOTULE_MAX_TEKENS)


class NotuleForm(_NotuleTekstForm):
    tekst = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf de notulen.")},
    )


class AddendumForm(_NotuleTekstForm):
    tekst = forms.CharField(
        label=_("Addendum"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Een aanvulling of correctie op de vastgelegde notulen."),
        error_messages={"required": _("Schrijf het addendum.")},
    )


class BesluitForm(ChoicesWithoutGuessingMixin, forms.Form):
    besluit = forms.CharField(
        label=_("Besluit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        error_messages={"required": _("Beschrijf het besluit.")},
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", KIES), *Agendapunt.Uitkomst.choices],
        error_messages={"required": _("Kies de uitkomst.")},
    )


class ActiepuntForm(ChoicesWithoutGuessingMixin, forms.Form):
    omschrijving = forms.CharField(
        label=_("Actie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2_000,
        error_messages={"required": _("Beschrijf de actie.")},
    )
    eigenaar = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Organisatie.objects.none(),
        error_messages={"required": _("Kies de organisatie die de actie uitvoert.")},
    )
    deadline = forms.DateField(
        label=_("Uiterlijk op"),
        widget=DateInput,
        error_messages={"required": _("Vul de datum in waarop de actie klaar is.")},
    )

    def __init__(self, *args, casus, organisaties=None, **kwargs):
        """``organisaties``: the case's participants when already read (the meeting
        page reads them for all items at once); the choices then cost no query."""
        super().__init__(*args, **kwargs)
        eigenaar = self.fields["eigenaar"]
        if organisaties is None:
            eigenaar.queryset = Organisatie.objects.filter(
                pk__in=Deelname.objects.actief().filter(casus=casus).values("organisatie_id")
            )
        else:
            eigenaar.queryset = Organisatie.objects.filter(pk__in=[o.pk for o in organisaties])
            eigenaar.choices = [("", eigenaar.empty_label)] + [(o.pk, str(o)) for o in organisaties]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("De deadline ligt in het verleden."))
        return deadline


class BeoordelingForm(ChoicesWithoutGuessingMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Stand van zaken"),
        choices=[
            (Actiepunt.Status.GEDAAN, _("Gedaan")),
            (Actiepunt.Status.NIET_GEDAAN, _("Niet gedaan")),
            (Actiepunt.Status.NIET_MOGELIJK, _("Niet mogelijk")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij niet gedaan en niet mogelijk."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") in Actiepunt.REDEN_VERPLICHT
            and not (cleaned.get("reden") or "").strip()
        ):
            self.add_error("reden", _("Geef de reden waarom het actiepunt niet is gedaan."))
        return cleaned


class GenodigdeForm(ChoicesWithoutGuessingMixin, forms.Form):
    """Which invitee of this meeting the chair records attendance for; anything else
    (not a number, unknown, another meeting's invitation) is a form error."""

    uitnodiging = forms.ModelChoiceField(
        queryset=Uitnodiging.objects.none(),
        error_messages={
            "required": _("Kies een genodigde van dit overleg."),
            "invalid_choice": _("Kies een genodigde van dit overleg."),
        },
    )

    def __init__(self, *args, zorgtafel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitnodiging"].queryset = zorgtafel.uitnodigingen.filter(actief=True)


class AanwezigheidForm(ChoicesWithoutGuessingMixin, forms.Form):
    aanwezigheid = forms.ChoiceField(
        label=_("Aanwezigheid"), choices=Uitnodiging.Aanwezigheid.choices
    )


class ActiepuntUpdateForm(ChoicesWithoutGuessingMixin, forms.Form):
    """The owner's report on an action: a progress note, done, or "kan niet" with
    the reason (the service checks it again)."""

    VOORTGANG = "voortgang"

    status = forms.ChoiceField(
        label=_("Wat meldt u?"),
        choices=[
            (VOORTGANG, _("Voortgang: het actiepunt blijft open")),
            (Actiepunt.Status.GEDAAN, _("Gedaan")),
            (Actiepunt.Status.NIET_MOGELIJK, _("Kan niet")),
        ],
        widget=forms.RadioSelect,
    )
    tekst = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[MaxLengthValidator(settings.NOTULE_MAX_TEKENS)],
        help_text=_("Verplicht bij voortgang en bij kan niet (de reden)."),
    )

    def clean(self):
        cleaned = super().clean()
        tekst = (cleaned.get("tekst") or "").strip()
        status = cleaned.get("status")
        if status == Actiepunt.Status.NIET_MOGELIJK and not tekst:
            self.add_error("tekst", _("Geef de reden waarom het actiepunt niet kan."))
        elif status == self.VOORTGANG and not tekst:
            self.add_error("tekst", _("Beschrijf de voortgang."))
        return cleaned

    @property
    def nieuwe_status(self) -> str:
        """The status for ``actiepunt_update``: empty for a progress note."""
        status = self.cleaned_data["status"]
        return "" if status == self.VOORTGANG else status
