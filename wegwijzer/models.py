"""Offers (aanbod) of organisations and schemes (regelingen), with the target
groups they serve in the categories the NVM letter uses for a person: minor or
adult, gender, with children, origin, form of exploitation. None of it is case
data: a directory every professional may read."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casusoverleg.geo import Provincie
from casusoverleg.models import (
    Behoefte,
    Casus,
    Organisatie,
    TimeStampedModel,
    Uitbuitingsvorm,
    new_public_id,
)


class Hulpsoort(models.TextChoices):
    OPVANG = "opvang", _("Opvang")
    ZORG = "zorg", _("Zorg (medisch en psychisch)")
    JURIDISCH = "juridisch", _("Juridische hulp")
    INKOMEN = "inkomen", _("Inkomen en financiën")
    WERK = "werk", _("Werk")
    ONDERWIJS = "onderwijs", _("Onderwijs en taal")
    BEGELEIDING = "begeleiding", _("Praktische begeleiding")
    TERUGKEER = "terugkeer", _("Terugkeer")
    ANDERS = "anders", _("Anders")


#: Where an offer is: nationwide, or one province (as a case's municipality).
Regio = models.TextChoices(
    "Regio",
    [
        ("LANDELIJK", ("landelijk", _("Landelijk"))),
        *((p.name, (p.value, p.label)) for p in Provincie),
    ],
)


#: The target-group flags, in the order forms and pages show them.
DOELGROEP_FIELDS = [
    "voor_minderjarigen",
    "voor_meerderjarigen",
    "voor_vrouwen",
    "voor_mannen",
    "met_kinderen",
    "herkomst_nl",
    "herkomst_eu",
    "herkomst_buiten_eu",
    "uitbuitingsvormen",
]


class Doelgroep(models.Model):
    """Who an offer or scheme is for. Each flag says whether the group is served;
    ``uitbuitingsvormen`` lists the forms of exploitation served, empty for all."""

    # Not the word "minderjarigen" alone: that is a meeting type's stored code, and
    # pages never show a stored code (tests/test_url_walk.py).
    voor_minderjarigen = models.BooleanField(_("jonger dan 18"), default=False)
    voor_meerderjarigen = models.BooleanField(_("18 jaar en ouder"), default=True)
    voor_vrouwen = models.BooleanField(_("vrouwen"), default=True)
    voor_mannen = models.BooleanField(_("mannen"), default=True)
    met_kinderen = models.BooleanField(
        _("met kinderen"), default=False, help_text=_("Ook voor iemand met kinderen bij zich.")
    )
    herkomst_nl = models.BooleanField(_("Nederlanders"), default=True)
    herkomst_eu = models.BooleanField(_("EU-burgers"), default=True)
    herkomst_buiten_eu = models.BooleanField(_("van buiten de EU"), default=True)
    uitbuitingsvormen = models.JSONField(
        _("vormen van uitbuiting"),
        default=list,
        blank=True,
        help_text=_("Leeg: alle vormen van uitbuiting."),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        vormen = self.uitbuitingsvormen
        if not isinstance(vormen, list) or any(v not in Uitbuitingsvorm.values for v in vormen):
            raise ValidationError(
                {"uitbuitingsvormen": _("Kies vormen van uitbuiting uit de lijst.")}
            )
        self.uitbuitingsvormen = sorted(set(vormen))
        fouten = {}
        if not (self.voor_minderjarigen or self.voor_meerderjarigen):
            fouten["voor_meerderjarigen"] = _("Kies ten minste één leeftijdsgroep.")
        if not (self.voor_vrouwen or self.voor_mannen):
            fouten["voor_mannen"] = _("Kies vrouwen, mannen of beide.")
        if not (self.herkomst_nl or self.herkomst_eu or self.herkomst_buiten_eu):
            fouten["herkomst_buiten_eu"] = _("Kies ten minste één herkomst.")
        if fouten:
            raise ValidationError(fouten)

    @property
    def uitbuitingsvormen_labels(self) -> list[str]:
        return [str(Uitbuitingsvorm(v).label) for v in self.uitbuitingsvormen]

    @property
    def doelgroep_labels(self) -> list[str]:
        """The target groups in words, for the directory."""
        labels = []
        for naam in DOELGROEP_FIELDS[:-1]:
            if getattr(self, naam):
                labels.append(str(self._meta.get_field(naam).verbose_name))
        return labels


class Aanbod(Doelgroep, TimeStampedModel):
    """One offer of help by one organisation. Kept by that organisation's
    organisation administrators (``wegwijzer.services``); an inactive offer is
    hidden from the directory but kept."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="aanbod",
    )
    titel = models.CharField(_("titel"), max_length=200)
    soort = models.CharField(_("soort hulp"), max_length=20, choices=Hulpsoort.choices)
    omschrijving = models.TextField(_("omschrijving"))
    regio = models.CharField(_("regio"), max_length=20, choices=Regio.choices)
    capaciteit = models.CharField(
        _("capaciteit"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: 3 vrije opvangplekken, of: wachttijd ongeveer 2 weken."),
    )
    # Set by the service whenever the capacity note changes, never typed.
    capaciteit_bijgewerkt_op = models.DateField(
        _("capaciteit bijgewerkt op"), null=True, blank=True, editable=False
    )
    verwijzen = models.TextField(
        _("zo verwijst u"), help_text=_("Hoe een professional iemand aanmeldt.")
    )
    contact = models.CharField(
        _("contact"),
        max_length=300,
        help_text=_(
            "Telefoon of e-mailadres van de aanmeldbalie van de organisatie; "
            "nooit gegevens van een cliënt."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True, editable=False)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["titel"]
        indexes = [models.Index(fields=["actief", "soort", "regio"])]

    def __str__(self):
        return self.titel


class Regeling(Doelgroep, TimeStampedModel):
    """A scheme a person may claim (B8, the reflection period, Wmo, ...): who is
    entitled and where to apply. Kept by functional management in the admin."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    omschrijving = models.TextField(_("omschrijving"))
    voorwaarden = models.TextField(
        _("wie heeft recht"),
        help_text=_("De voorwaarden in gewone taal, naast de doelgroep hieronder."),
    )
    aanvragen = models.TextField(_("waar aanvragen"))
    soort = models.CharField(_("soort hulp"), max_length=20, choices=Hulpsoort.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Doorverwijzing(TimeStampedModel):
    """A warm referral of a case to another organisation: proposed by the case's
    side, not done until the receiving organisation accepts it. Until then the
    receiving organisation sees only the referral itself (case number, need,
    derived categories, urgency, motivation), never the case; accepting adds it as
    a participant through the core's access service (``wegwijzer.services``)."""

    audit_type = "doorverwijzing"

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        AANVAARD = "aanvaard", _("Aanvaard")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    class RedenSoort(models.TextChoices):
        """Why a referral was declined, in categories the project group can count
        (the free-text ``reden`` explains it to the sender, never to the figures)."""

        GEEN_PLEK = "geen_plek", _("Geen plek of capaciteit")
        DOELGROEP = "doelgroep", _("Valt buiten onze doelgroep")
        REGIO = "regio", _("Buiten onze regio")
        ANDERE_ORGANISATIE = "andere_organisatie", _("Een andere organisatie past beter")
        ANDERS = "anders", _("Anders")

    class Urgentie(models.TextChoices):
        NORMAAL = "normaal", _("Normaal")
        HOOG = "hoog", _("Hoog")
        SPOED = "spoed", _("Spoed")

    badge_varianten = {
        Status.VOORGESTELD: "active",
        Status.AANVAARD: "success",
        Status.AFGEWEZEN: "danger",
        Status.INGETROKKEN: "neutral",
    }

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(
        Casus, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="doorverwijzingen"
    )
    behoefte = models.ForeignKey(
        Behoefte,
        verbose_name=_("behoefte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doorverwijzingen",
    )
    aanbod = models.ForeignKey(
        Aanbod,
        verbose_name=_("aanbod"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doorverwijzingen",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("ontvangende organisatie"),
        on_delete=models.PROTECT,
        related_name="ontvangen_doorverwijzingen",
    )
    urgentie = models.CharField(
        _("urgentie"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    motivatie = models.TextField(_("motivatie"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.VOORGESTELD
    )
    reden = models.TextField(_("reden"), max_length=1000, blank=True)
    # Set only when declined (``doorverwijzing_beantwoorden``); blank otherwise.
    reden_soort = models.CharField(
        _("soort reden"), max_length=20, choices=RedenSoort.choices, blank=True, default=""
    )
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    herinnerd_op = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    geescaleerd_op = models.DateTimeField(_("geëscaleerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-gevraagd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "organisatie"],
                condition=models.Q(status="voorgesteld"),
                name="een_open_doorverwijzing_per_casus_en_organisatie",
            )
        ]

    def __str__(self):
        return f"{self.casus.nummer} → {self.organisatie}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.VOORGESTELD

    def clean(self):
        if self.behoefte_id and self.behoefte.casus_id != self.casus_id:
            raise ValidationError({"behoefte": _("Deze behoefte hoort niet bij deze casus.")})
        if self.aanbod_id and self.aanbod.organisatie_id != self.organisatie_id:
            raise ValidationError({"aanbod": _("Dit aanbod is van een andere organisatie.")})
