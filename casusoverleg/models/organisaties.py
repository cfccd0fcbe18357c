"""The core: organisations and their users.

Cases, participation, the audit trail and meetings are added here by later
work; every model has created/updated timestamps through ``TimeStampedModel``.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        abstract = True


class Discipline(models.TextChoices):
    POLITIE = "politie", _("Politie")
    KMAR = "kmar", _("Koninklijke Marechaussee")
    INSPECTIE_SZW = "inspectie_szw", _("Nederlandse Arbeidsinspectie (Inspectie SZW)")
    OM = "om", _("Openbaar Ministerie")
    ZORG = "zorg", _("Zorg")
    JEUGDZORG = "jeugdzorg", _("Jeugdzorg")
    NIDOS = "nidos", _("Nidos")
    ADVOCATUUR = "advocatuur", _("Advocatuur")
    COMENSHA = "comensha", _("CoMensha")
    GEMEENTE = "gemeente", _("Gemeente")
    SLACHTOFFERHULP = "slachtofferhulp", _("Slachtofferhulp Nederland")
    IND = "ind", _("IND")
    PROJECTGROEP = "projectgroep", _("Projectgroep identificatie")
    BEHEER = "beheer", _("Functioneel beheer")


#: Disciplines that never see case content, whatever they are granted.
DISCIPLINES_WITHOUT_CASE_ACCESS = frozenset({Discipline.PROJECTGROEP, Discipline.BEHEER})


class Organisatie(TimeStampedModel):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    discipline = models.CharField(_("discipline"), max_length=32, choices=Discipline.choices)
    actief = models.BooleanField(_("actief"), default=True)
    # The group through which the organisation's case permissions reach its members.
    groep = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, editable=False, related_name="organisatie"
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def save(self, *args, **kwargs):
        # Every organisation has its own permission group from the start, so that
        # granting a case to an organisation reaches exactly its members.
        super().save(*args, **kwargs)
        if self.groep_id is None:
            self.groep = Group.objects.create(name=f"organisatie-{self.pk}")
            super().save(update_fields=["groep"])

    @property
    def may_access_cases(self) -> bool:
        return self.actief and self.discipline not in DISCIPLINES_WITHOUT_CASE_ACCESS


class User(AbstractUser):
    """A professional; belongs to exactly one organisation.

    Roles are flags, since one person can hold several: a coordinator opens and
    leads cases, a reviewer gives the second opinion on an advice, an
    organisation administrator keeps the organisation's offers in the wegwijzer, and staff
    (``is_staff``) are functional administrators with the Django admin.
    """

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="medewerkers",
    )
    is_coordinator = models.BooleanField(
        _("casuscoördinator"),
        default=False,
        help_text=_("Mag casussen openen, organisaties uitnodigen en overleggen voorzitten."),
    )
    is_reviewer = models.BooleanField(
        _("reviewer"),
        default=False,
        help_text=_("Mag als tweede persoon een advies beoordelen (vier ogen)."),
    )
    # Set only by ``casusoverleg.services.gebruiker_organisatiebeheerder_change``,
    # which functional management calls (audited); it gives no case access.
    is_organisatiebeheerder = models.BooleanField(
        _("organisatiebeheerder"),
        default=False,
        help_text=_("Mag het aanbod van de eigen organisatie in de wegwijzer bijhouden."),
    )
    # Set only by ``casusoverleg.services.gebruiker_taal_change`` (the language
    # switch); activated at every login, so the choice follows the user to
    # another browser (``casusoverleg.inloggen.taal_bij_inloggen``).
    taal = models.CharField(
        _("taal"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de schermen; de gebruiker kiest die zelf onderaan elke pagina."),
    )

    REQUIRED_FIELDS = ["email", "organisatie"]
    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    # Organisation membership (the user's auth Group, through which the
    # organisation's cases reach them) is set only by the services in
    # casusoverleg.services.gebruikers, never here: a save() that grants access
    # is a save() the admin, a form or a shell can trigger unaudited.

    @property
    def discipline(self) -> str:
        return self.organisatie.discipline

    @property
    def roles(self) -> list[str]:
        """Human-readable roles, for the audit trail and the navigation."""
        roles = []
        if self.is_coordinator:
            roles.append("coordinator")
        if self.is_reviewer:
            roles.append("reviewer")
        if self.is_organisatiebeheerder:
            roles.append("organisatiebeheerder")
        if self.is_staff:
            roles.append("beheerder")
        return roles or ["medewerker"]
