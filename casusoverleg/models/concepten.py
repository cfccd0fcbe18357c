"""Drafts: what a user typed in a long form and has not submitted yet.

A draft is its author's alone and holds the raw values of the form's own fields,
as posted (never the CSRF token); nothing in it is validated, and nothing of it
reaches the real models until the form itself is submitted. It is bound to the
case it is about (if any), so that it is dropped when its author can no longer
see that case (``casusoverleg.services.concepten``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .casus import Casus
from .organisaties import TimeStampedModel


class Concept(TimeStampedModel):
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="concepten",
    )
    # A stable key per form and object, e.g. "signaal:nieuw" or "beoordeling:<task id>";
    # public ids only, never a name.
    sleutel = models.CharField(_("formulier"), max_length=100)
    casus = models.ForeignKey(
        Casus,
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    gegevens = models.JSONField(_("ingevulde velden"), default=dict, blank=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepten")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="concept_uniek_per_formulier"
            )
        ]
        indexes = [models.Index(fields=["updated_at"])]

    def __str__(self):
        return f"{self.sleutel} ({self.gebruiker_id})"

    @property
    def bijgewerkt(self):
        return self.updated_at
