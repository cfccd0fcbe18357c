"""Zorgtafels: case conferences about several cases, run live.

A meeting has an ordered agenda of cases (``Agendapunt``). Its invitees
(``Uitnodiging``) follow from the participants of those cases plus extra
invitees per item; every attendee sees an item's content only while they may see
its case. Minutes (``Notule``), the decision and the actions (``Actiepunt``) of an
item belong to that item's case. Closing the meeting locks its minutes; later
corrections are addenda.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casusoverleg.models import Casus, Organisatie, TimeStampedModel, new_public_id
from casusoverleg.weergave import datumtijd


class Zorgtafel(TimeStampedModel):
    class Type(models.TextChoices):
        MINDERJARIGEN = "minderjarigen", _("Zorgtafel minderjarigen")
        IDENTIFICATIE = "identificatie_advies", _("Identificatie-advies")
        OVERIG = "overig", _("Overig overleg")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        GESTART = "gestart", _("Bezig")
        GESLOTEN = "gesloten", _("Gesloten")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    #: The colour of each status's badge (``casusoverleg.weergave.status``).
    badge_varianten = {
        Status.GEPLAND: "active",
        Status.GESTART: "warning",
        Status.GESLOTEN: "success",
        Status.GEANNULEERD: "inactive",
    }

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    type = models.CharField(_("soort overleg"), max_length=30, choices=Type.choices)
    begint_op = models.DateTimeField(_("begint op"), db_index=True)
    duur_minuten = models.PositiveSmallIntegerField(
        _("duur (minuten)"),
        default=90,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    videolink = models.URLField(_("videolink"), blank=True)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        related_name="voorgezeten_zorgtafels",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND, db_index=True
    )
    huidig_agendapunt = models.ForeignKey(
        "Agendapunt", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    # The iCalendar SEQUENCE: raised on every change that sends a new invitation.
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("zorgtafel")
        verbose_name_plural = _("zorgtafels")
        ordering = ["-begint_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(plaats="") | ~Q(videolink=""), name="zorgtafel_plaats_of_videolink"
            ),
            models.CheckConstraint(
                condition=Q(duur_minuten__gte=15) & Q(duur_minuten__lte=480),
                name="zorgtafel_duur_redelijk",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {datumtijd(self.begint_op)}"

    @property
    def eindigt_op(self) -> datetime.datetime:
        return self.begint_op + datetime.timedelta(minutes=self.duur_minuten)

    @property
    def is_gesloten(self) -> bool:
        return self.status == self.Status.GESLOTEN

    @property
    def is_bezig(self) -> bool:
        return self.status == self.Status.GESTART

    @property
    def is_afgelopen(self) -> bool:
        """Closed or cancelled: the room has no live connection any more."""
        return self.status in (self.Status.GESLOTEN, self.Status.GEANNULEERD)

    @property
    def ics_uid(self) -> str:
        return f"zorgtafel-{self.public_id}@casusoverleg"

    def is_voorzitter(self, user) -> bool:
        return user.pk in (self.voorzitter_id, self.aangemaakt_door_id)


class Agendapunt(TimeStampedModel):
    """One case on a meeting's agenda, with its recorded decision."""

    class Uitkomst(models.TextChoices):
        VERVOLG = "vervolg", _("Vervolgafspraken gemaakt")
        ADVIES_OPSTELLEN = "advies_opstellen", _("Advies opstellen")
        AANHOUDEN = "aanhouden", _("Aanhouden: meer informatie nodig")
        AFGEROND = "afgerond", _("Afgerond: geen verdere bespreking nodig")

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    zorgtafel = models.ForeignKey(Zorgtafel, on_delete=models.CASCADE, related_name="agendapunten")
    casus = models.ForeignKey(
        Casus, verbose_name=_("casus"), on_delete=models.PROTECT, related_name="agendapunten"
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    besluit = models.TextField(_("besluit"), blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=Uitkomst.choices, blank=True)
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besluit_op = models.DateTimeField(_("besluit vastgelegd op"), null=True, blank=True)
    extra_genodigden = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extra genodigden"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["zorgtafel", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["zorgtafel", "casus"], name="agendapunt_casus_eenmaal")
        ]

    def __str__(self):
        return f"{self.zorgtafel} #{self.volgorde}: {self.casus}"


class Uitnodiging(TimeStampedModel):
    """One person invited to a meeting, and their attendance.

    Rows are kept when someone is no longer invited (``actief`` off), so a
    cancellation can be sent and the attendance record survives.
    """

    class Aanwezigheid(models.TextChoices):
        ONBEKEND = "onbekend", _("Nog niet bekend")
        AANWEZIG = "aanwezig", _("Aanwezig")
        AFGEMELD = "afgemeld", _("Afgemeld")
        AFWEZIG = "afwezig", _("Afwezig")

    badge_varianten_aanwezigheid = {
        Aanwezigheid.ONBEKEND: "neutral",
        Aanwezigheid.AANWEZIG: "success",
        Aanwezigheid.AFGEMELD: "inactive",
        Aanwezigheid.AFWEZIG: "warning",
    }

    zorgtafel = models.ForeignKey(Zorgtafel, on_delete=models.CASCADE, related_name="uitnodigingen")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genodigde"),
        on_delete=models.PROTECT,
        related_name="zorgtafel_uitnodigingen",
    )
    actief = models.BooleanField(_("uitgenodigd"), default=True)
    aanwezigheid = models.CharField(
        _("aanwezigheid"),
        max_length=20,
        choices=Aanwezigheid.choices,
        default=Aanwezigheid.ONBEKEND,
    )
    vertrouwelijkheid_bevestigd_op = models.DateTimeField(
        _("geheimhouding bevestigd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["zorgtafel", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["zorgtafel", "user"], name="uitnodiging_eenmaal")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_aanwezigheid_display()})"


class Notule(TimeStampedModel):
    """One minute entry of an agenda item; an addendum when written after closing."""

    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="notulen")
    tekst = models.TextField(_("notulen"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT
    )
    addendum = models.BooleanField(_("addendum"), default=False)

    class Meta:
        verbose_name = _("notule")
        verbose_name_plural = _("notulen")
        ordering = ["agendapunt", "created_at", "pk"]

    def __str__(self):
        soort = "addendum" if self.addendum else "notule"
        return f"{soort} {self.pk} bij {self.agendapunt_id}"


class ActiepuntQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Actiepunt.OPEN_STATUSSEN)

    def verlopen(self, on: datetime.date | None = None):
        return self.open().filter(deadline__lt=on or timezone.localdate())


class Actiepunt(TimeStampedModel):
    """An action agreed at a meeting, owned by one organisation taking part in the case.

    A later meeting reviews it: done, not done (it stays open), or not possible;
    the last two need a reason.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEDAAN = "gedaan", _("Gedaan")
        NIET_GEDAAN = "niet_gedaan", _("Niet gedaan")
        NIET_MOGELIJK = "niet_mogelijk", _("Niet mogelijk")

    badge_varianten = {
        Status.OPEN: "neutral",
        Status.GEDAAN: "success",
        Status.NIET_GEDAAN: "warning",
        Status.NIET_MOGELIJK: "danger",
    }

    OPEN_STATUSSEN = (Status.OPEN, Status.NIET_GEDAAN)
    REDEN_VERPLICHT = (Status.NIET_GEDAAN, Status.NIET_MOGELIJK)

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.PROTECT, related_name="actiepunten")
    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="actiepunten")
    omschrijving = models.TextField(_("actie"))
    eigenaar = models.ForeignKey(
        Organisatie,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="actiepunten",
        help_text=_("De organisatie die de actie uitvoert; zij neemt deel aan de casus."),
    )
    deadline = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    reden = models.TextField(_("reden"), blank=True)
    beoordeeld_in = models.ForeignKey(
        Agendapunt, on_delete=models.PROTECT, null=True, blank=True, related_name="beoordelingen"
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)

    objects = ActiepuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["eigenaar", "status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "gedaan"]) | ~Q(reden=""),
                name="actiepunt_reden_verplicht",
            )
        ]

    def __str__(self):
        return f"actiepunt {self.public_id[:8]} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSSEN

    @property
    def is_verlopen(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()


class ActiepuntVoortgang(TimeStampedModel):
    """One entry in an action's history, written by a member of its owner: a
    progress note, or the note with which it was marked done or not possible."""

    actiepunt = models.ForeignKey(Actiepunt, on_delete=models.CASCADE, related_name="voortgang")
    tekst = models.TextField(_("voortgang"), blank=True)
    status = models.CharField(
        _("status daarna"), max_length=20, choices=Actiepunt.Status.choices, blank=True
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    badge_varianten = Actiepunt.badge_varianten

    class Meta:
        verbose_name = _("voortgang van een actiepunt")
        verbose_name_plural = _("voortgang van actiepunten")
        ordering = ["actiepunt", "op", "pk"]

    def __str__(self):
        return f"voortgang {self.pk} bij {self.actiepunt_id}"
