"""The identification process: its process record, the disciplines' assessments,
and the task data our own inbox needs (viewflow's Task holds the workflow state)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process, Task

from casusoverleg.models import Casus, Organisatie, TimeStampedModel
from casusoverleg.models.casus import new_public_id

from .signalen import Indicator, IndicatorLijst


class IdentificatieProces(Process):
    """One identification process for one case: the assessment round, the
    zorgtafel's outcome and the advice that follows."""

    class Sluitwijze(models.TextChoices):
        """How the assessment round closed."""

        COMPLEET = "compleet", _("Alle beoordelingen ingediend")
        COORDINATOR = "coordinator", _("Eerder gesloten door de coördinator")
        DEADLINE = "deadline", _("Deadline verstreken")

    #: How the audit trail names it (``casusoverleg.audit.audit_object``).
    audit_type = "proces"
    #: The kind of term (``casusoverleg.termijnen``) the assessment deadline runs
    #: as, keyed by the process's public id; and the kind of task on the case
    #: (``casusoverleg.casustaken``) its expiry gives the coordinator to decide.
    TERMIJNSOORT = "beoordelingsdeadline"
    ESCALATIESOORT = "beoordelingsdeadline_verstreken"

    casus = models.ForeignKey(
        Casus, verbose_name=_("casus"), on_delete=models.PROTECT, related_name="processen"
    )
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uitgenodigd = models.ManyToManyField(
        Organisatie, verbose_name=_("uitgenodigde organisaties"), related_name="+"
    )
    indicatorlijst = models.ForeignKey(
        IndicatorLijst,
        verbose_name=_("indicatorenlijst"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(_("deadline beoordelingen"))
    ronde_gesloten_op = models.DateTimeField(_("ronde gesloten op"), null=True, blank=True)
    ronde_vervroegd_reden = models.TextField(_("reden vervroegd sluiten"), blank=True)
    ronde_gesloten_wegens = models.CharField(
        _("ronde gesloten wegens"), max_length=20, choices=Sluitwijze.choices, blank=True
    )
    zorgtafel_uitkomst = models.TextField(_("uitkomst zorgtafel"), blank=True)
    review_akkoord = models.BooleanField(default=False)
    aftekenen_vereist = models.BooleanField(
        _("aftekenen per discipline"),
        default=False,
        help_text=_(
            "Elke discipline met een standpunt tekent het advies af voordat het wordt vastgesteld."
        ),
    )
    geannuleerd_reden = models.TextField(_("reden annulering"), blank=True)

    class Meta:
        verbose_name = _("identificatieproces")
        verbose_name_plural = _("identificatieprocessen")

    def __str__(self):
        return f"Identificatie {self.casus.nummer}"

    @property
    def ronde_gesloten(self) -> bool:
        return self.ronde_gesloten_op is not None


class Taak(models.Model):
    """What our inbox needs about a viewflow task: for which organisation, on which
    case, by when, and, for a step that judges someone's work, who edited it (they
    may not take it: four eyes). The process is any of our flows' processes."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="taak")
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    proces = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="taken")
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="taken")
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="taken"
    )
    deadline = models.DateField(_("deadline"))
    bewerkers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("bewerkers"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        indexes = [models.Index(fields=["organisatie", "deadline"])]

    def __str__(self):
        return f"{self.task.flow_task} {self.casus.nummer}"

    @property
    def te_laat(self) -> bool:
        return self.deadline < timezone.localdate()


class Beoordeling(TimeStampedModel):
    """One discipline's assessment in one round. Facts and professional opinion are
    separate fields; withheld information is seen by the coordinator only."""

    class Oordeel(models.TextChoices):
        DUIDELIJK = "duidelijk", _("Duidelijke aanwijzingen")
        ENIGE = "enige", _("Enige aanwijzingen")
        GEEN = "geen", _("Geen aanwijzingen")
        ONBEKEND = "kan_niet", _("Kan niet beoordelen")

    class Strafzaak(models.TextChoices):
        NEE = "nee", _("Nee")
        JA = "ja", _("Ja")
        ONBEKEND = "onbekend", _("Nog niet te zeggen")

    proces = models.ForeignKey(
        IdentificatieProces, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    organisatie = models.ForeignKey(
        Organisatie, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    indicatoren = models.ManyToManyField(
        Indicator, verbose_name=_("waargenomen indicatoren"), blank=True, related_name="+"
    )
    oordeel = models.CharField(
        _("oordeel over slachtofferschap"), max_length=20, choices=Oordeel.choices
    )
    feiten = models.TextField(
        _("feiten"), help_text=_("Wat is vastgesteld, waargenomen of verklaard.")
    )
    professioneel_oordeel = models.TextField(
        _("professioneel oordeel"), help_text=_("Uw professionele duiding van die feiten.")
    )
    onderbouwing = models.TextField(_("onderbouwing"))
    behoeften = models.TextField(_("gesignaleerde behoeften"), blank=True)
    risico_veiligheid = models.TextField(_("risico voor de veiligheid"), blank=True)
    risico_vlucht = models.TextField(_("risico op vertrek of verdwijning"), blank=True)
    risico_herhaling = models.TextField(_("risico op hernieuwde uitbuiting"), blank=True)
    achtergehouden = models.TextField(
        _("achtergehouden informatie"),
        blank=True,
        help_text=_("Alleen zichtbaar voor de coördinator."),
    )
    achtergehouden_reden = models.TextField(_("reden om achter te houden"), blank=True)
    achtergehouden_grondslag = models.CharField(
        _("wettelijke grondslag"), max_length=200, blank=True
    )
    strafzaak = models.CharField(
        _("gevolgen van een advies voor de strafzaak"),
        max_length=10,
        choices=Strafzaak.choices,
        blank=True,
    )
    strafzaak_toelichting = models.TextField(_("toelichting strafzaak"), blank=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    te_laat = models.BooleanField(_("na sluiten van de ronde"), default=False)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["proces", "organisatie"], name="beoordeling_een_per_organisatie_per_ronde"
            ),
            models.CheckConstraint(
                condition=Q(achtergehouden="")
                | (~Q(achtergehouden_reden="") & ~Q(achtergehouden_grondslag="")),
                name="beoordeling_achtergehouden_met_reden_en_grondslag",
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} – {self.get_oordeel_display()}"

    @property
    def ingediend(self) -> bool:
        return self.ingediend_op is not None


class BeoordelingAddendum(TimeStampedModel):
    """A later addition to a submitted assessment, once the round is closed."""

    beoordeling = models.ForeignKey(Beoordeling, on_delete=models.PROTECT, related_name="addenda")
    tekst = models.TextField(_("addendum"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at"]

    def __str__(self):
        return f"Addendum {self.beoordeling}"
