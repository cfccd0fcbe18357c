"""The multidisciplinary advice on victimhood: its content and its versions.

An adopted version is immutable, in the model and in the database (migration
0002); a correction is a new version that supersedes it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from casusoverleg.models import Casus, Organisatie, TimeStampedModel
from casusoverleg.models.casus import new_public_id
from identificatie.models import Beoordeling, IdentificatieProces


class ImmutableError(Exception):
    """Raised on any attempt to change an adopted advice."""


#: Fields of an advice's content; none may change once it is adopted.
INHOUD = [
    "doel",
    "geadresseerde",
    "geadresseerde_toelichting",
    "vraag",
    "moment_datum",
    "moment_fase",
    "conclusie",
    "onderbouwing",
    "aanbevelingen",
    "effect_strafzaak",
]


class Advies(TimeStampedModel):
    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        IN_REVIEW = "in_review", _("Ter beoordeling")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    #: The colour of each status's badge (``casusoverleg.weergave.status``).
    badge_varianten = {
        Status.CONCEPT: "neutral",
        Status.IN_REVIEW: "warning",
        Status.VASTGESTELD: "success",
        Status.INGETROKKEN: "danger",
    }

    class Geadresseerde(models.TextChoices):
        IND = "ind", _("IND")
        OM = "om", _("Openbaar Ministerie")
        ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
        GEMEENTE = "gemeente", _("Gemeente")
        ANDERS = "anders", _("Anders")

    class Conclusie(models.TextChoices):
        AANNEMELIJK = "aannemelijk", _("Slachtofferschap aannemelijk")
        AANWIJZINGEN = "aanwijzingen", _("Aanwijzingen aanwezig")
        ONVOLDOENDE = "onvoldoende", _("Onvoldoende aanwijzingen")
        GEEN_OORDEEL = "geen_oordeel", _("Geen oordeel mogelijk")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="adviezen")
    proces = models.ForeignKey(
        IdentificatieProces,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adviezen",
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    vervangt = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="vervangen_door"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True
    )

    doel = models.TextField(_("doel van het advies"))
    geadresseerde = models.CharField(
        _("geadresseerde"), max_length=20, choices=Geadresseerde.choices
    )
    geadresseerde_toelichting = models.CharField(
        _("geadresseerde (toelichting)"), max_length=200, blank=True
    )
    vraag = models.TextField(_("vraag"))
    moment_datum = models.DateField(_("datum"))
    moment_fase = models.CharField(
        _("procedurele fase"),
        max_length=200,
        help_text=_("Bijvoorbeeld: bedenktijd, aangifte, B8-aanvraag."),
    )
    conclusie = models.CharField(_("conclusie"), max_length=20, choices=Conclusie.choices)
    onderbouwing = models.TextField(_("onderbouwing"))
    aanbevelingen = models.TextField(_("aanbevelingen"), blank=True)
    effect_strafzaak = models.TextField(
        _("effect op de strafzaak"),
        blank=True,
        help_text=_("Schaadt dit advies de medewerking aan het strafproces?"),
    )

    # Who started this version; everyone who saved or submitted it is in ``bewerkers``.
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    bewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("bewerkers"), blank=True, related_name="+"
    )
    review_opmerkingen = models.TextField(_("opmerkingen reviewer"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    ingetrokken_reden = models.TextField(_("reden intrekking"), blank=True)
    # Set once, in the same UPDATE that adopts the version (advies.services._adopt);
    # the model guard and the trigger (migration 0004) refuse any later change.
    pdf_sha256 = models.CharField(_("SHA-256 van de pdf"), max_length=64, blank=True)
    inhoud_sha256 = models.CharField(_("SHA-256 van de inhoud"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["casus", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "versie"], name="advies_versie_uniek"),
            models.CheckConstraint(
                condition=~Q(status="vastgesteld") | Q(beoordeeld_door__isnull=False),
                name="advies_vastgesteld_na_review",
            ),
            models.CheckConstraint(
                condition=Q(beoordeeld_door__isnull=True)
                | ~Q(beoordeeld_door=models.F("opgesteld_door")),
                name="advies_vier_ogen",
            ),
        ]

    def __str__(self):
        return f"Advies {self.casus.nummer} v{self.versie}"

    @property
    def vastgesteld(self) -> bool:
        return self.status in (self.Status.VASTGESTELD, self.Status.INGETROKKEN)

    @property
    def vervanger(self) -> "Advies | None":
        """The adopted version that supersedes this one, or None: a correction
        still in draft or review supersedes nothing yet. Select or prefetch
        ``vervangen_door`` to read this on a list without a query per row."""
        try:
            nieuw = self.vervangen_door
        except Advies.DoesNotExist:
            return None
        return nieuw if nieuw.vastgesteld_op else None

    @property
    def geldend(self) -> bool:
        """The adopted version that holds: adopted, not withdrawn, not superseded."""
        return self.status == self.Status.VASTGESTELD and self.vervanger is None

    def save(self, *args, **kwargs):
        final = (self.Status.VASTGESTELD, self.Status.INGETROKKEN)
        if self.pk:
            stored = (
                Advies.objects.filter(pk=self.pk)
                .values("status", "pdf_sha256", "inhoud_sha256", *INHOUD)
                .first()
            )
            if (
                stored
                and stored["status"] in final
                and (self.status not in final or any(stored[f] != getattr(self, f) for f in INHOUD))
            ):
                raise ImmutableError("An adopted advice cannot be changed.")
            if stored and any(
                stored[f] and stored[f] != getattr(self, f) for f in ("pdf_sha256", "inhoud_sha256")
            ):
                raise ImmutableError("The stored document of an advice cannot be replaced.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.vastgesteld:
            raise ImmutableError("An adopted advice cannot be deleted.")
        return super().delete(*args, **kwargs)


class AdviesPdf(models.Model):
    """The adopted version's PDF, stored once, in the database: it is written in
    the transaction that adopts the advice, so a failed adoption leaves no file
    behind, and it never changes afterwards (model guard and trigger)."""

    advies = models.OneToOneField(Advies, on_delete=models.PROTECT, related_name="pdf")
    inhoud = models.BinaryField(_("pdf"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("pdf van een advies")
        verbose_name_plural = _("pdf's van adviezen")

    def __str__(self):
        return f"PDF {self.advies_id} {self.sha256[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("The stored PDF of an advice cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("The stored PDF of an advice cannot be deleted.")


class AdviesStandpunt(TimeStampedModel):
    """A discipline's view in an advice: the summary is the drafter's, the
    conclusion is the discipline's own, kept as submitted."""

    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="standpunten")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    beoordeling = models.ForeignKey(
        Beoordeling, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oordeel = models.CharField(
        _("oordeel (zoals ingediend)"), max_length=20, choices=Beoordeling.Oordeel.choices
    )
    samenvatting = models.TextField(_("samenvatting"), blank=True)
    afwijkend = models.BooleanField(_("afwijkend standpunt"), default=False)
    toelichting_afwijking = models.TextField(_("toelichting afwijkend standpunt"), blank=True)

    class Meta:
        verbose_name = _("standpunt")
        verbose_name_plural = _("standpunten")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["advies", "organisatie"], name="standpunt_een_per_organisatie"
            ),
        ]

    def __str__(self):
        return f"{self.organisatie}: {self.get_oordeel_display()}"

    def save(self, *args, **kwargs):
        if (
            self.advies_id
            and Advies.objects.filter(
                pk=self.advies_id, status__in=[Advies.Status.VASTGESTELD, Advies.Status.INGETROKKEN]
            ).exists()
        ):
            raise ImmutableError("The views of an adopted advice cannot be changed.")
        super().save(*args, **kwargs)


class AdviesAftekening(TimeStampedModel):
    """A discipline's sign-off on the version under review, when the process asks
    for it: one per organisation, by a member who takes part in the case."""

    class Oordeel(models.TextChoices):
        AKKOORD = "akkoord", _("Akkoord")
        MINDERHEID = "akkoord_met_minderheidsstandpunt", _("Akkoord met minderheidsstandpunt")
        NIET_AKKOORD = "niet_akkoord", _("Niet akkoord")

    #: Sign-offs that must say why.
    TOELICHTING_VERPLICHT = (Oordeel.MINDERHEID, Oordeel.NIET_AKKOORD)

    advies = models.ForeignKey(Advies, on_delete=models.CASCADE, related_name="aftekeningen")
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    oordeel = models.CharField(_("aftekening"), max_length=40, choices=Oordeel.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("afgetekend op"))

    class Meta:
        verbose_name = _("aftekening")
        verbose_name_plural = _("aftekeningen")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["advies", "organisatie"], name="aftekening_een_per_organisatie"
            ),
        ]

    def __str__(self):
        return f"{self.organisatie}: {self.get_oordeel_display()}"

    def _guard(self):
        if (
            self.advies_id
            and Advies.objects.filter(
                pk=self.advies_id, status__in=[Advies.Status.VASTGESTELD, Advies.Status.INGETROKKEN]
            ).exists()
        ):
            raise ImmutableError("The sign-offs of an adopted advice cannot be changed.")

    def save(self, *args, **kwargs):
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)


class AdviesVerzending(TimeStampedModel):
    """One sending of an adopted version to an addressee, as the coordinator
    records it: when, how, to whom, by whom. Appended, never changed."""

    class Kanaal(models.TextChoices):
        BEVEILIGDE_EMAIL = "beveiligde_email", _("Beveiligde e-mail")
        BEVEILIGD_PLATFORM = "beveiligd_platform", _("Beveiligd platform (zoals Zivver)")
        POST = "post", _("Post")
        OVERHANDIGD = "overhandigd", _("Persoonlijk overhandigd")
        ANDERS = "anders", _("Anders")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    advies = models.ForeignKey(Advies, on_delete=models.PROTECT, related_name="verzendingen")
    geadresseerde = models.CharField(
        _("geadresseerde"), max_length=20, choices=Advies.Geadresseerde.choices
    )
    geadresseerde_toelichting = models.CharField(
        _("geadresseerde (toelichting)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld de afdeling of unit."),
    )
    verzonden_op = models.DateField(_("verzonden op"))
    kanaal = models.CharField(_("kanaal"), max_length=30, choices=Kanaal.choices)
    toelichting = models.TextField(
        _("toelichting"), blank=True, help_text=_("Verplicht bij kanaal 'Anders'.")
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("verzending van een advies")
        verbose_name_plural = _("verzendingen van adviezen")
        ordering = ["advies", "verzonden_op", "pk"]

    def __str__(self):
        return f"{self.advies} → {self.geadresseerde} ({self.verzonden_op})"


class AdviesBesluit(TimeStampedModel):
    """The addressee's decision on an advice it was sent, as the coordinator
    records it; it ends the decision term of that addressee. One per addressee."""

    class Uitkomst(models.TextChoices):
        CONFORM = "conform", _("Besluit volgt het advies")
        DEELS = "deels", _("Besluit volgt het advies gedeeltelijk")
        AFWIJKEND = "afwijkend", _("Besluit wijkt af van het advies")
        ANDERS = "anders", _("Anders")

    advies = models.ForeignKey(Advies, on_delete=models.PROTECT, related_name="besluiten")
    geadresseerde = models.CharField(
        _("geadresseerde"), max_length=20, choices=Advies.Geadresseerde.choices
    )
    besluit_op = models.DateField(_("datum besluit"))
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("besluit op een advies")
        verbose_name_plural = _("besluiten op adviezen")
        ordering = ["advies", "besluit_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["advies", "geadresseerde"], name="advies_besluit_een_per_geadresseerde"
            ),
        ]

    def __str__(self):
        return f"{self.advies} ← {self.geadresseerde} ({self.besluit_op})"


class CorrectieProces(Process):
    """The correction of an adopted advice, as a process (advies.flows.CorrectieFlow):
    its draft and its four-eyes review are tasks in the same inbox."""

    casus = models.ForeignKey(
        Casus, verbose_name=_("casus"), on_delete=models.PROTECT, related_name="correcties"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    advies = models.OneToOneField(
        Advies, verbose_name=_("correctie"), on_delete=models.PROTECT, related_name="correctie"
    )
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    review_akkoord = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("correctieproces")
        verbose_name_plural = _("correctieprocessen")

    def __str__(self):
        return f"Correctie {self.casus.nummer} v{self.advies.versie}"
