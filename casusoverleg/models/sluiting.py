"""The closings and reopenings of a case: a history, never overwritten."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .casus import Casus
from .organisaties import TimeStampedModel


class Sluitreden(models.TextChoices):
    """Why a case is closed; ``OVERIG`` needs an explanation."""

    ADVIES_OPGEVOLGD = "advies_opgevolgd", _("Advies gegeven en opgevolgd")
    GEEN_SLACHTOFFER = "geen_slachtoffer", _("Geen slachtoffer")
    VERTROKKEN = "vertrokken", _("Persoon vertrokken of onvindbaar")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen")
    SAMENGEVOEGD = "samengevoegd", _("Samengevoegd met andere casus")
    OVERIG = "overig", _("Overig")


class Sluiting(TimeStampedModel):
    """One closing or reopening of a case, by whom, when and why.

    A closing records its reason from the list (``Sluitreden``), an optional
    explanation (required for "overig"), the status it ended and the retention
    date it set; a reopening its reason in ``toelichting``. Written only by
    ``casus_sluiten`` and ``casus_heropenen``.
    """

    class Soort(models.TextChoices):
        GESLOTEN = "gesloten", _("Gesloten")
        HEROPEND = "heropend", _("Heropend")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="sluitingen")
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    reden = models.CharField(_("reden"), max_length=30, choices=Sluitreden.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vorige_status = models.CharField(
        _("status ervoor"), max_length=20, choices=Casus.Status.choices, blank=True
    )
    bewaren_tot = models.DateField(_("bewaren tot"), null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("sluiting of heropening")
        verbose_name_plural = _("sluitingen en heropeningen")
        ordering = ["-op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="gesloten") | ~Q(reden=""),
                name="sluiting_heeft_reden",
            ),
            models.CheckConstraint(
                condition=~Q(soort="heropend") | ~Q(toelichting=""),
                name="heropening_heeft_reden",
            ),
            models.CheckConstraint(
                condition=~Q(reden="overig") | ~Q(toelichting=""),
                name="sluiting_overig_heeft_toelichting",
            ),
        ]

    def __str__(self):
        return f"{self.casus} {self.get_soort_display()} {self.op:%Y-%m-%d}"
