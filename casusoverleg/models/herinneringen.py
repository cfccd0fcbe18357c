"""Reminders that were sent, so that none goes out twice (``casusoverleg.herinneringen``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisaties import TimeStampedModel


class Herinnering(TimeStampedModel):
    """A reminder that was sent: one row per kind and key, so none goes out twice."""

    soort = models.CharField(_("soort"), max_length=50)
    sleutel = models.CharField(_("sleutel"), max_length=200)
    ontvangers = models.PositiveIntegerField(_("ontvangers"), default=0)

    class Meta:
        verbose_name = _("verzonden herinnering")
        verbose_name_plural = _("verzonden herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel"], name="herinnering_eenmaal")
        ]

    def __str__(self):
        return f"{self.soort} {self.sleutel}"
