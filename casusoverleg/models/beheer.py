"""Functional management: what administrators do to user accounts that needs a
second administrator (four eyes)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisaties import TimeStampedModel


class WachtwoordResetQuerySet(models.QuerySet):
    def open(self):
        """Requests still waiting for a second administrator, not yet expired."""
        return self.filter(
            bevestigd_op__isnull=True, vervallen=False, verloopt_op__gt=timezone.now()
        )


class WachtwoordReset(TimeStampedModel):
    """An administrator's request to set a user's password. Only a second
    administrator's confirmation sets it (``casusoverleg.services.wachtwoordreset_confirm``).

    The new password is kept as a hash only, and only until the request ends."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="wachtwoordresets",
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reden = models.CharField(_("reden"), max_length=300)
    wachtwoord = models.CharField(_("wachtwoord (hash)"), max_length=128, editable=False)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # Set when a newer request for the same user replaces this one, or it is confirmed.
    vervallen = models.BooleanField(_("vervallen"), default=False)

    objects = WachtwoordResetQuerySet.as_manager()

    class Meta:
        verbose_name = _("wachtwoordreset")
        verbose_name_plural = _("wachtwoordresets")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.gebruiker.username} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return (
            self.bevestigd_op is None and not self.vervallen and self.verloopt_op > timezone.now()
        )
