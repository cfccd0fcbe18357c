"""Notifications: what the application tells a user, in the notification centre and
by e-mail (``casusoverleg.meldingen`` knows the kinds, ``casusoverleg.services.meldingen``
writes them).

A notice names a case only by its number and links to a page of the application;
never a name or anything else from the case, since it travels by e-mail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .casus import Casus, new_public_id
from .organisaties import TimeStampedModel


class Meldingsoort(models.TextChoices):
    TOEGEVOEGD = "toegevoegd_aan_casus", _("Toegevoegd aan een casus")
    VERWIJDERD = "verwijderd_uit_casus", _("Verwijderd uit een casus")
    NIEUWE_TAAK = "nieuwe_taak", _("Nieuwe taak")
    TAAK_OVERGEDRAGEN = "taak_overgedragen", _("Taak aan u overgedragen")
    TAAK_VERLOPEN = "taak_verlopen", _("Taak over de deadline")
    CONCEPT_TERUGGESTUURD = "concept_teruggestuurd", _("Conceptadvies teruggestuurd")
    AFTEKENEN_GEVRAAGD = "aftekenen_gevraagd", _("Aftekenen gevraagd")
    UITNODIGING = "zorgtafel_uitnodiging", _("Uitnodiging voor een overleg")
    ZORGTAFEL_GEWIJZIGD = "zorgtafel_gewijzigd", _("Overleg gewijzigd")
    ZORGTAFEL_GEANNULEERD = "zorgtafel_geannuleerd", _("Overleg geannuleerd")
    ACTIEPUNT_TOEGEWEZEN = "actiepunt_toegewezen", _("Actiepunt toegewezen")
    ACTIEPUNT_VERLOPEN = "actiepunt_verlopen", _("Actiepunt over de deadline")
    MELDING_ONTVANGEN = "melding_ontvangen", _("Melding aan CoMensha ontvangen")
    MELDING_TE_MAKEN = "melding_te_maken", _("Melding aan CoMensha te maken")
    MELDING_GEREGISTREERD = "melding_geregistreerd", _("Melding geregistreerd door CoMensha")
    TERMIJN_HERINNERING = "termijn_herinnering", _("Termijn loopt af")
    TERMIJN_VERLOPEN = "termijn_verlopen", _("Termijn verstreken")
    KOPPELVERZOEK = "koppelverzoek_ontvangen", _("Verzoek om casussen te koppelen")
    KOPPELVERZOEK_BEANTWOORD = "koppelverzoek_beantwoord", _("Verzoek om te koppelen beantwoord")
    DOORVERWIJZING = "doorverwijzing_ontvangen", _("Doorverwijzing ontvangen")
    DOORVERWIJZING_BEANTWOORD = "doorverwijzing_beantwoord", _("Doorverwijzing beantwoord")
    DOORVERWIJZING_OPEN = "doorverwijzing_open", _("Doorverwijzing niet beantwoord")
    DOORVERWIJZING_INGETROKKEN = "doorverwijzing_ingetrokken", _("Doorverwijzing ingetrokken")
    TOEGANGSREVIEW = "toegangsreview", _("Toegangsreview te doen")


class Frequentie(models.TextChoices):
    DIRECT = "direct", _("Direct per e-mail")
    DAGELIJKS = "dagelijks", _("Eén keer per dag, in een overzicht")
    UIT = "uit", _("Geen e-mail (alleen in Mijn meldingen)")


class Melding(TimeStampedModel):
    """One notice to one user. The centre is the record: a row is made whatever
    the user's preference; the preference decides only whether and when it is mailed."""

    # Not "melding": that is the report to CoMensha in the audit trail.
    audit_type = "gebruikersmelding"

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="ontvangen_meldingen",
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Meldingsoort.choices)
    casus = models.ForeignKey(
        Casus,
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # A path inside the application (never another site), opened through the centre.
    url = models.CharField(_("link"), max_length=200)
    # Fixed wording and at most the case number and a date (``casusoverleg.meldingen``).
    tekst = models.CharField(_("tekst"), max_length=300)
    # The meeting's date and time a meeting notice names, so that the notice reads in
    # the reader's language of the moment (``casusoverleg.meldingen.tekst``).
    wanneer = models.DateTimeField(_("wanneer"), null=True, blank=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding aan gebruiker")
        verbose_name_plural = _("meldingen aan gebruikers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["ontvanger", "gelezen_op"]),
            models.Index(fields=["ontvanger", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.soort} {self.public_id}"

    @property
    def ongelezen(self) -> bool:
        return self.gelezen_op is None


class MeldingVoorkeur(TimeStampedModel):
    """How a user wants one kind of notice mailed; without a row, the kind's default."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="meldingvoorkeuren",
    )
    soort = models.CharField(_("soort"), max_length=40, choices=Meldingsoort.choices)
    frequentie = models.CharField(_("e-mail"), max_length=20, choices=Frequentie.choices)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "soort"], name="meldingvoorkeur_eenmaal")
        ]

    def __str__(self):
        return f"{self.gebruiker_id} {self.soort}: {self.frequentie}"
