"""The access review: an organisation administrator's periodic look at every case
their organisation has access to (``casusoverleg.toegangsreview``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisaties import Organisatie, TimeStampedModel


class Toegangsreview(TimeStampedModel):
    """One recorded review of an organisation's access: who did it, when, and how
    many grants were confirmed and revoked. Which grant was confirmed or revoked is
    in the audit trail (one row per grant, on its case), not here: this row names
    no case, so it is kept with the organisation, not with a case's data."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="toegangsreviews",
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    aantal_bevestigd = models.PositiveIntegerField(_("bevestigd"), default=0)
    aantal_ingetrokken = models.PositiveIntegerField(_("ingetrokken"), default=0)
    aantal_ongebruikt = models.PositiveIntegerField(_("ongebruikt bij de review"), default=0)

    class Meta:
        verbose_name = _("toegangsreview")
        verbose_name_plural = _("toegangsreviews")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisatie", "-created_at"])]

    audit_type = "toegangsreview"

    def __str__(self):
        return f"{self.organisatie} {self.created_at:%Y-%m-%d}"

    # As a row of Mijn taken (``casusoverleg.takenlijst``) and in the audit trail:
    # about an organisation, never a case.
    casus = None

    @property
    def public_id(self) -> str:
        return str(self.organisatie_id)
