"""Signalling: the national indicator list, signals, and the report to CoMensha."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from casusoverleg.models import Casus, Organisatie, TimeStampedModel
from casusoverleg.models.casus import Uitbuitingsvorm, new_public_id
from casusoverleg.weergave import datum


class PublishedError(Exception):
    """Raised on any attempt to change a published indicator list."""


class IndicatorLijstQuerySet(models.QuerySet):
    def gepubliceerd(self):
        return self.filter(gepubliceerd_op__isnull=False)

    def actueel(self):
        """The version in use: the most recently published one."""
        return self.gepubliceerd().order_by("-gepubliceerd_op", "-pk").first()


class IndicatorLijst(TimeStampedModel):
    """One version of the national indicator list. Published versions are frozen;
    every signal keeps the version it was recorded with."""

    versie = models.CharField(_("versie"), max_length=20, unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    noodinstructie = models.TextField(_("noodinstructie"))
    bronnen = models.JSONField(_("bronnen"), default=list, blank=True)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = IndicatorLijstQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicatorenlijst")
        verbose_name_plural = _("indicatorenlijsten")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.titel} {self.versie}"

    @property
    def gepubliceerd(self) -> bool:
        return self.gepubliceerd_op is not None

    def _was_published(self) -> bool:
        return (
            self.pk is not None
            and IndicatorLijst.objects.filter(pk=self.pk, gepubliceerd_op__isnull=False).exists()
        )

    def save(self, *args, **kwargs):
        if self._was_published():
            raise PublishedError("A published indicator list cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._was_published():
            raise PublishedError("A published indicator list cannot be deleted.")
        return super().delete(*args, **kwargs)


class FrozenWhenPublished(models.Model):
    """Groups and indicators of a published list refuse changes and deletes."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._frozen():
            raise PublishedError("A published indicator list cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._frozen():
            raise PublishedError("A published indicator list cannot be changed.")
        return super().delete(*args, **kwargs)

    def _lijst_id(self):
        raise NotImplementedError

    def _frozen(self) -> bool:
        lijst_id = self._lijst_id()
        return (
            lijst_id is not None
            and IndicatorLijst.objects.filter(pk=lijst_id, gepubliceerd_op__isnull=False).exists()
        )


class IndicatorGroep(FrozenWhenPublished):
    lijst = models.ForeignKey(IndicatorLijst, on_delete=models.CASCADE, related_name="groepen")
    code = models.SlugField(_("code"), max_length=40)
    titel = models.CharField(_("titel"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("indicatorgroep")
        verbose_name_plural = _("indicatorgroepen")
        ordering = ["lijst", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["lijst", "code"], name="indicatorgroep_code_uniek")
        ]

    def __str__(self):
        return self.titel

    def _lijst_id(self):
        return self.lijst_id


class Indicator(FrozenWhenPublished):
    class Urgentie(models.TextChoices):
        ACUUT = "acuut", _("Acuut")
        HOOG = "hoog", _("Hoog")
        NORMAAL = "normaal", _("Normaal")

    groep = models.ForeignKey(IndicatorGroep, on_delete=models.CASCADE, related_name="indicatoren")
    code = models.CharField(_("code"), max_length=20)
    tekst = models.CharField(_("indicator"), max_length=300)
    toelichting = models.TextField(_("toelichting"))
    instructie = models.TextField(_("handelingsinstructie"))
    urgentie = models.CharField(
        _("urgentie"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["groep__volgorde", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(instructie=""), name="indicator_heeft_instructie")
        ]

    def __str__(self):
        return f"{self.code} {self.tekst}"

    def _lijst_id(self):
        if self.groep_id is None:
            return None
        return (
            IndicatorGroep.objects.filter(pk=self.groep_id)
            .values_list("lijst_id", flat=True)
            .first()
        )


class Signaal(TimeStampedModel):
    """Signs of trafficking seen by a professional, recorded against one list version.

    Until it is attached to a case, a signal is visible to the recording
    organisation (a lawyer's only to the recording lawyer, unless shared);
    afterwards it is case data, seen by the case's participants.
    """

    class Status(models.TextChoices):
        NIEUW = "nieuw", _("Wacht op vervolg")
        GEKOPPELD = "gekoppeld", _("Gekoppeld aan casus")
        AFGESLOTEN = "afgesloten", _("Afgesloten zonder vervolg")

    #: The colour of each status's badge (``casusoverleg.weergave.status``).
    badge_varianten = {
        Status.NIEUW: "warning",
        Status.GEKOPPELD: "success",
        Status.AFGESLOTEN: "inactive",
    }

    class Urgentie(models.TextChoices):
        ACUUT = "acuut", _("Acuut gevaar")
        HOOG = "hoog", _("Snel handelen")
        NORMAAL = "normaal", _("Geen acuut gevaar")

    class Grondslag(models.TextChoices):
        WETTELIJKE_TAAK = "wettelijke_taak", _("Wettelijke taak (zonder toestemming)")
        TOESTEMMING = "toestemming", _("Toestemming")
        ANONIEM = "anoniem", _("Geen toestemming: anonieme melding")

    class ToestemmingDoor(models.TextChoices):
        PERSOON = "persoon", _("De persoon zelf (16 jaar of ouder)")
        OUDER = "ouder", _("Ouder of voogd (jonger dan 16)")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    lijst = models.ForeignKey(
        IndicatorLijst,
        verbose_name=_("indicatorenlijst"),
        on_delete=models.PROTECT,
        related_name="signalen",
    )
    indicatoren = models.ManyToManyField(
        Indicator, verbose_name=_("indicatoren"), related_name="signalen", blank=True
    )
    waargenomen_op = models.DateField(_("waargenomen op"))
    plaats = models.CharField(_("waar"), max_length=200)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        related_name="signalen",
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="signalen",
    )
    observatie = models.TextField(_("observatie"), blank=True)
    urgentie = models.CharField(
        _("urgentie"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    grondslag = models.CharField(
        _("grondslag voor delen"), max_length=20, choices=Grondslag.choices
    )
    toestemming_door = models.CharField(
        _("toestemming gegeven door"), max_length=10, choices=ToestemmingDoor.choices, blank=True
    )
    # The person's minimal data; empty for an anonymous report.
    naam = models.CharField(_("naam of alias"), max_length=200, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    geschatte_leeftijd = models.PositiveSmallIntegerField(
        _("geschatte leeftijd"), null=True, blank=True
    )
    geslacht = models.CharField(
        _("geslacht"),
        max_length=10,
        choices=Casus.Geslacht.choices,
        default=Casus.Geslacht.ONBEKEND,
    )
    nationaliteit = CountryField(_("nationaliteit"), blank=True)
    vorm = models.CharField(
        _("vermoedelijke vorm van uitbuiting"),
        max_length=20,
        choices=Uitbuitingsvorm.choices,
        blank=True,
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True
    )
    casus = models.ForeignKey(
        Casus,
        verbose_name=_("casus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
    )
    reden_afsluiten = models.TextField(_("reden geen vervolg"), blank=True)
    # A lawyer's signal not attached to a case is privileged: only the recording
    # lawyer sees it until they share it with their firm (set by ``signaal_share``).
    gedeeld_op = models.DateTimeField(_("gedeeld met de organisatie op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The keyed hash of name and exact date of birth (``casusoverleg.persoonssleutel``),
    # empty without both: finds a case or signal of the same person elsewhere.
    persoonssleutel = models.CharField(
        _("persoonssleutel"), max_length=64, blank=True, db_index=True, editable=False
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="gekoppeld") | Q(casus__isnull=False),
                name="signaal_gekoppeld_heeft_casus",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgesloten") | ~Q(reden_afsluiten=""),
                name="signaal_afgesloten_heeft_reden",
            ),
            models.CheckConstraint(
                condition=~Q(grondslag="anoniem") | (Q(naam="") & Q(geboortedatum__isnull=True)),
                name="signaal_anoniem_zonder_persoonsgegevens",
            ),
        ]

    def __str__(self):
        return f"Signaal {datum(self.waargenomen_op)} ({self.organisatie})"


class Melding(TimeStampedModel):
    """The report of a possible victim to CoMensha, one per case.

    Holds only what CoMensha registers; no name, no date of birth. Its life: "te
    melden" (a draft on the case, CoMensha does not see it) → "ingediend" (submitted
    in the application by the coordinator or the signalling organisation: in
    CoMensha's inbox at once) → "geregistreerd" (CoMensha entered its registration
    number, which comes back on the case). Or "niet gemeld": a recorded exception,
    a reason from the list with its legal basis.
    """

    class Status(models.TextChoices):
        TE_MELDEN = "te_melden", _("Te melden")
        INGEDIEND = "ingediend", _("Ingediend bij CoMensha")
        GEREGISTREERD = "geregistreerd", _("Geregistreerd door CoMensha")
        NIET_GEMELD = "niet_gemeld", _("Niet gemeld (uitzondering)")

    badge_varianten = {
        Status.TE_MELDEN: "warning",
        Status.INGEDIEND: "info",
        Status.GEREGISTREERD: "success",
        Status.NIET_GEMELD: "inactive",
    }

    #: The statuses in which the report is CoMensha's: submitted, or registered.
    BIJ_COMENSHA = (Status.INGEDIEND, Status.GEREGISTREERD)

    #: The statuses that let an advice be adopted: reported, or a recorded exception.
    AFGEHANDELD = (Status.INGEDIEND, Status.GEREGISTREERD, Status.NIET_GEMELD)

    class RedenNietGemeld(models.TextChoices):
        GEEN_TOESTEMMING = (
            "geen_toestemming",
            _("Geen toestemming en geen wettelijke grondslag om persoonsgegevens te delen"),
        )
        AL_GEMELD = "al_gemeld", _("Al door een andere organisatie gemeld")
        GEEN_SLACHTOFFER = "geen_slachtoffer", _("Na onderzoek geen mogelijk slachtoffer")
        OVERIG = "overig", _("Andere wettelijke reden")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.OneToOneField(Casus, on_delete=models.PROTECT, related_name="melding")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TE_MELDEN, db_index=True
    )
    # Submitted (or, for an exception, decided) on this day by this user.
    gemeld_op = models.DateField(_("ingediend op"), null=True, blank=True)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registratienummer = models.CharField(
        _("registratienummer CoMensha"), max_length=100, blank=True
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)
    # Empty for reports registered before registration happened in the application.
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reden_niet_gemeld = models.CharField(
        _("reden niet gemeld"), max_length=30, choices=RedenNietGemeld.choices, blank=True
    )
    toelichting_niet_gemeld = models.TextField(_("wettelijke grondslag en toelichting"), blank=True)

    # What CoMensha registers, pre-filled from the signal and the case.
    vormen = models.JSONField(_("vormen van uitbuiting"), default=list)
    herkomstland = CountryField(_("land van herkomst"), blank=True)
    leeftijd = models.PositiveSmallIntegerField(_("leeftijd"), null=True, blank=True)
    geslacht = models.CharField(
        _("geslacht"),
        max_length=10,
        choices=Casus.Geslacht.choices,
        default=Casus.Geslacht.ONBEKEND,
    )
    meldende_organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("meldende organisatie"),
        on_delete=models.PROTECT,
        related_name="meldingen",
    )
    datum_signaal = models.DateField(_("datum signaal"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding aan CoMensha")
        verbose_name_plural = _("meldingen aan CoMensha")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["ingediend", "geregistreerd"])
                | (Q(gemeld_op__isnull=False) & Q(gemeld_door__isnull=False)),
                name="melding_ingediend_compleet",
            ),
            models.CheckConstraint(
                condition=~Q(status="geregistreerd")
                | (~Q(registratienummer="") & Q(geregistreerd_op__isnull=False)),
                name="melding_geregistreerd_compleet",
            ),
            models.CheckConstraint(
                condition=~Q(status="niet_gemeld") | ~Q(reden_niet_gemeld=""),
                name="melding_niet_gemeld_heeft_reden",
            ),
            models.UniqueConstraint(
                fields=["registratienummer"],
                condition=~Q(registratienummer=""),
                name="melding_registratienummer_uniek",
            ),
        ]

    def __str__(self):
        return f"Melding {self.casus.nummer}"

    @property
    def bij_comensha(self) -> bool:
        return self.status in self.BIJ_COMENSHA
