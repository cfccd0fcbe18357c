"""The audit trail (NEN 7513): who did what with which case data, when, and why.

Rows are append-only. The model and its querysets refuse updates and deletes;
triggers refuse them in the database too (UPDATE, DELETE and TRUNCATE on
PostgreSQL, UPDATE and DELETE on SQLite), so neither a bug nor an ORM path that
skips the queryset can rewrite history. Each row carries a consecutive
``volgnummer`` and a SHA-256 over its content and the previous row's hash
(``casusoverleg/audit_chain.py``): what the application's database role cannot
change, ``manage.py audit_verify`` shows was not changed by anyone else either.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    # ``_update`` is what ``Model.save()`` on an existing row and ``bulk_update``
    # reach through the base manager; it is refused too.
    def _update(self, values):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def _raw_delete(self, using):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    class Actie(models.TextChoices):
        LEZEN = "lezen", _("Lezen")
        DOEL_OPGEGEVEN = "doel_opgegeven", _("Doel van gebruik opgegeven")
        AANMAKEN = "aanmaken", _("Aanmaken")
        WIJZIGEN = "wijzigen", _("Wijzigen")
        VERWIJDEREN = "verwijderen", _("Verwijderen")
        EXPORTEREN = "exporteren", _("Exporteren")
        AFDRUKKEN = "afdrukken", _("Afdrukken")
        ZOEKEN = "zoeken", _("Zoeken")
        TOEGANG_VERLEEND = "toegang_verleend", _("Toegang verleend")
        TOEGANG_INGETROKKEN = "toegang_ingetrokken", _("Toegang ingetrokken")
        INLOGGEN = "inloggen", _("Inloggen")
        INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
        UITLOGGEN = "uitloggen", _("Uitloggen")
        GEBLOKKEERD = "geblokkeerd", _("Tijdelijk geblokkeerd")
        WACHTWOORD_WIJZIGEN = "wachtwoord_wijzigen", _("Wachtwoord wijzigen")
        WACHTWOORDHERSTEL_AANVRAGEN = (
            "wachtwoordherstel_aanvragen",
            _("Wachtwoordherstel aanvragen"),
        )
        WACHTWOORDHERSTEL = "wachtwoordherstel", _("Wachtwoord hersteld")
        MFA_INGESCHREVEN = "mfa_ingeschreven", _("Tweede factor ingesteld")
        MFA_GEBRUIKT = "mfa_gebruikt", _("Tweede factor gebruikt")
        MFA_VERWIJDERD = "mfa_verwijderd", _("Tweede factor verwijderd")

    class Uitkomst(models.TextChoices):
        TOEGESTAAN = "toegestaan", _("Toegestaan")
        GEWEIGERD = "geweigerd", _("Geweigerd")

    class Doel(models.TextChoices):
        CASUSOVERLEG = "casusoverleg", _("Casusoverleg en hulpverlening")
        COORDINATIE = "coordinatie", _("Coördinatie van de casus")
        MELDING = "melding", _("Melding aan CoMensha")
        VERANTWOORDING = "verantwoording", _("Verantwoording en toezicht")
        EVALUATIE = "evaluatie", _("Evaluatie van de pilot (geanonimiseerde cijfers)")
        BEHEER = "beheer", _("Functioneel beheer")
        TOEGANG = "toegang", _("Toegang tot de applicatie")

    class Gebruiksdoel(models.TextChoices):
        """Why a user opens a case, as they state it once per session
        (``casusoverleg.gebruiksdoel``); ``doel`` above is the kind of work a page
        serves, set by the page."""

        COORDINATIE = "coordinatie", _("Coördinatie van de casus")
        OVERLEG = "overleggen", _("Een overleg voorbereiden of voeren")
        BEOORDELING = "beoordelen", _("Beoordeling van signalen en indicatoren")
        ADVIES = "adviseren", _("Het multidisciplinaire advies")
        OPVOLGING = "opvolgen", _("Opvolging van een actiepunt of behoefte")
        REGISTRATIE = "registreren", _("Registratie door CoMensha")
        ANDERS = "anders", _("Anders")

    op = models.DateTimeField(_("tijdstip (UTC)"), default=timezone.now, db_index=True)
    actie = models.CharField(_("actie"), max_length=30, choices=Actie.choices)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    gebruikersnaam = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisatie = models.ForeignKey(
        "casusoverleg.Organisatie",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    rol = models.CharField(_("rol"), max_length=100, blank=True)
    doel = models.CharField(_("soort werk"), max_length=30, choices=Doel.choices)
    gebruiksdoel = models.CharField(
        _("opgegeven doel"), max_length=20, choices=Gebruiksdoel.choices, blank=True
    )
    gebruiksdoel_toelichting = models.CharField(
        _("toelichting op het doel"), max_length=200, blank=True
    )
    object_type = models.CharField(_("soort gegeven"), max_length=50)
    object_id = models.CharField(_("kenmerk"), max_length=64, blank=True)
    casus_public_id = models.CharField(_("casus"), max_length=64, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    volgnummer = models.PositiveBigIntegerField(_("volgnummer"), unique=True)
    vorige_hash = models.CharField(_("hash van de vorige regel"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["-op", "-pk"]
        # Django's own paths (related managers, Model.save on an existing row)
        # use the base manager: it must refuse changes as ``objects`` does.
        base_manager_name = "objects"
        indexes = [models.Index(fields=["gebruiker", "op"])]

    def __str__(self):
        return f"{self.op:%Y-%m-%d %H:%M:%S} {self.gebruikersnaam} {self.actie} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
