"""Participation in a case, and the object-permission tables it fills.

A ``Deelname`` is what gives an organisation (or one lawyer personally) access to
a case; ``casusoverleg.services`` grants and revokes the matching rows in
guardian's direct-foreign-key tables, and nothing else writes them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .casus import Casus
from .organisaties import Organisatie, TimeStampedModel


class DeelnameQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(beeindigd_op__isnull=True)


class Deelname(TimeStampedModel):
    """An organisation (or one lawyer, as the person's own counsel) taking part in a case.

    Rows are never deleted: ending a participation sets ``beeindigd_op``, so the
    case keeps a record of who took part when. Object permissions follow the
    active rows and are granted and revoked only in ``casusoverleg.services``.
    """

    class Rol(models.TextChoices):
        COORDINATOR = "coordinator", _("Coördinator")
        DEELNEMER = "deelnemer", _("Deelnemer")
        WAARNEMER = "waarnemer", _("Waarnemer")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="deelnames")
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="deelnames",
    )
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persoonlijke_deelnames",
        help_text=_("Alleen voor een advocaat: de raadsman of -vrouw van de persoon zelf."),
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.DEELNEMER)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = DeelnameQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "organisatie"],
                condition=Q(persoon__isnull=True, beeindigd_op__isnull=True),
                name="deelname_organisatie_eenmaal_actief",
            ),
            models.UniqueConstraint(
                fields=["casus", "persoon"],
                condition=Q(persoon__isnull=False, beeindigd_op__isnull=True),
                name="deelname_persoon_eenmaal_actief",
            ),
        ]

    def __str__(self):
        wie = self.persoon or self.organisatie
        return f"{wie} ({self.get_rol_display()})"

    @property
    def actief(self) -> bool:
        return self.beeindigd_op is None


class CasusUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table: a permission of one user on one case."""

    content_object = models.ForeignKey(Casus, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("casusrecht van een persoon")
        verbose_name_plural = _("casusrechten van personen")


class CasusGroupObjectPermission(GroupObjectPermissionBase):
    """Guardian's direct foreign-key table: a permission of an organisation on one case."""

    content_object = models.ForeignKey(Casus, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("casusrecht van een organisatie")
        verbose_name_plural = _("casusrechten van organisaties")
