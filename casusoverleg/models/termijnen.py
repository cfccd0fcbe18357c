"""Legal terms as timers (``Termijn``) and the tasks on a case that are no process step
(``Casustaak``). Their rules live in ``casusoverleg.termijnen`` and
``casusoverleg.casustaken``; they are written only by ``casusoverleg.services``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .casus import Casus, new_public_id
from .organisaties import Organisatie, TimeStampedModel


class TermijnQuerySet(models.QuerySet):
    def lopend(self):
        return self.filter(status=Termijn.Status.LOPEND)


class Termijn(TimeStampedModel):
    """One running (or ended) legal term on a case: the reflection period, the
    assessment deadline, the CoMensha reporting term, an addressee's decision term,
    the day a minor turns 18. ``soort`` names its rule (``casusoverleg.termijnen``),
    ``sleutel`` what it runs for when a case can have several of a kind (an advice
    and its addressee, say). At most one running term per case, kind and key."""

    class Status(models.TextChoices):
        LOPEND = "lopend", _("Loopt")
        AFGEROND = "afgerond", _("Afgerond")
        VERLOPEN = "verlopen", _("Verlopen")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    badge_varianten = {
        Status.LOPEND: "active",
        Status.AFGEROND: "success",
        Status.VERLOPEN: "warning",
        Status.GEANNULEERD: "inactive",
    }

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="termijnen")
    soort = models.CharField(_("soort"), max_length=40)
    sleutel = models.CharField(_("kenmerk"), max_length=100, blank=True)
    start = models.DateField(_("begin"))
    einde = models.DateField(_("einde"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LOPEND, db_index=True
    )
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)

    objects = TermijnQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["einde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "soort", "sleutel"],
                condition=Q(status="lopend"),
                name="termijn_een_lopend_per_soort",
            ),
            models.CheckConstraint(
                condition=Q(einde__gte=models.F("start")), name="termijn_einde_na_start"
            ),
        ]

    def __str__(self):
        return f"{self.soort} {self.casus_id} {self.einde}"

    @property
    def is_lopend(self) -> bool:
        return self.status == self.Status.LOPEND

    def dagen_over(self, vandaag=None) -> int:
        """Days until the end (0 on the last day, negative once past)."""
        return (self.einde - (vandaag or timezone.localdate())).days


class CasustaakQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Casustaak.Status.OPEN)


class Casustaak(TimeStampedModel):
    """Work on a case that is no step of a process: a handover before the 18th
    birthday, asking Nidos to take part, deciding on a round whose deadline passed.
    For one organisation (its members who see the case may do it), by a date. Its
    kind (``casusoverleg.casustaken``) says what to do; ``sleutel`` makes creating
    it idempotent (one task per case, kind and key, ever)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        AFGEROND = "afgerond", _("Afgerond")
        VERVALLEN = "vervallen", _("Vervallen")

    badge_varianten = {
        Status.OPEN: "active",
        Status.AFGEROND: "success",
        Status.VERVALLEN: "inactive",
    }

    audit_type = "casustaak"

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="casustaken")
    soort = models.CharField(_("soort"), max_length=50)
    sleutel = models.CharField(_("kenmerk"), max_length=100, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="casustaken",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CasustaakQuerySet.as_manager()

    class Meta:
        verbose_name = _("casustaak")
        verbose_name_plural = _("casustaken")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["organisatie", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["casus", "soort", "sleutel"], name="casustaak_eenmaal"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(afgehandeld_op__isnull=False),
                name="casustaak_afgehandeld_heeft_moment",
            ),
        ]

    def __str__(self):
        return f"{self.soort} {self.casus_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def te_laat(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()
