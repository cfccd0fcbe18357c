"""The reflection period (bedenktijd) of a foreign possible victim: when it was
offered and started, its planned end, and what the person decided. Its running
clock is a ``casusoverleg`` term (``Termijn`` of kind ``bedenktijd``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casusoverleg.models import Casus, TimeStampedModel
from casusoverleg.models.casus import new_public_id


class Bedenktijd(TimeStampedModel):
    """One reflection period of one case: up to three months (the length is a
    setting, ``TERMIJNEN["bedenktijd"]["dagen"]``) to decide whether to report or
    cooperate with the criminal investigation (Vreemdelingencirculaire B8.3)."""

    class Uitkomst(models.TextChoices):
        AANGIFTE = (
            "aangifte_gedaan",
            _("Aangifte gedaan of meegewerkt aan het strafrechtelijk onderzoek"),
        )
        GEEN_AANGIFTE = "geen_aangifte", _("Besloten geen aangifte te doen")
        VERTROKKEN = "vertrokken", _("Vertrokken of niet meer bereikbaar")
        ANDERS = "anders", _("Anders (toelichten)")

    audit_type = "bedenktijd"

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="bedenktijden")
    start = models.DateField(_("begin van de bedenktijd"))
    einde = models.DateField(_("geplande einddatum"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices, blank=True)
    uitkomst_op = models.DateField(_("datum uitkomst"), null=True, blank=True)
    uitkomst_toelichting = models.TextField(_("toelichting"), blank=True)
    uitkomst_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bedenktijd")
        verbose_name_plural = _("bedenktijden")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=models.F("start")), name="bedenktijd_einde_na_start"
            ),
            models.CheckConstraint(
                condition=Q(uitkomst="") | Q(uitkomst_op__isnull=False),
                name="bedenktijd_uitkomst_heeft_datum",
            ),
            models.UniqueConstraint(
                fields=["casus"], condition=Q(uitkomst=""), name="bedenktijd_een_lopend"
            ),
        ]

    def __str__(self):
        return f"Bedenktijd {self.casus.nummer}"

    @property
    def lopend(self) -> bool:
        return not self.uitkomst
