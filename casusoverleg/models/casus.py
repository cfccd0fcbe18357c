"""Cases (casussen), what they hold, and who takes part in them."""

import calendar
import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from casusoverleg.geo import Herkomst, Provincie, herkomst

from .organisaties import Organisatie, TimeStampedModel

MEERDERJARIG = 18


def new_public_id() -> str:
    """An opaque, unguessable id for URLs: never the database id or case number."""
    return secrets.token_urlsafe(16)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def minor_cutoff(on: datetime.date) -> datetime.date:
    """Everyone born after this date is a minor on ``on``.

    The single rule behind both ``Casus.is_minderjarig`` and the list filter, so
    the page and the query can never disagree.
    """
    cutoff = add_years(on, -MEERDERJARIG)
    if (
        cutoff.month == 2
        and cutoff.day == 28
        and calendar.isleap(cutoff.year)
        and add_years(datetime.date(cutoff.year, 2, 29), MEERDERJARIG) <= on
    ):
        cutoff = datetime.date(cutoff.year, 2, 29)
    return cutoff


class Gemeente(TimeStampedModel):
    """A municipality, as a choice list kept by the functional administrators, with
    the youth-care delineation: which organisation coordinates a minor's case there.

    A case points at one of these rows, so matching a case to its delineation never
    depends on how someone typed a name."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    provincie = models.CharField(
        _("provincie"),
        max_length=20,
        choices=Provincie.choices,
        blank=True,
        help_text=_("Voor het aanbod in de regio van een casus (wegwijzer)."),
    )
    coordinerende_organisatie_minderjarigen = models.ForeignKey(
        Organisatie,
        verbose_name=_("coördinerende organisatie voor minderjarigen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemeenten_minderjarigen",
        help_text=_(
            "De organisatie die in deze gemeente de casus van een minderjarige coördineert "
            "(afbakening jeugdzorg). Leeg: niet afgesproken."
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class CasusQuerySet(models.QuerySet):
    def minderjarig(self, on: datetime.date | None = None):
        """Cases of a person who is (or, by estimated birth year, may be) a minor on ``on``."""
        on = on or timezone.localdate()
        return self.filter(
            Q(geboortedatum__gt=minor_cutoff(on))
            | Q(geboortedatum__isnull=True, geschat_geboortejaar__gte=on.year - MEERDERJARIG)
        )

    def meerderjarig(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(geboortedatum__lte=minor_cutoff(on))
            | Q(geboortedatum__isnull=True, geschat_geboortejaar__lt=on.year - MEERDERJARIG)
        )


class Casus(TimeStampedModel):
    """One possible victim and everything the participants record about them.

    Only participants see a case (need to know); its ``public_id`` is the only
    identifier in URLs, its ``nummer`` the only one in logs, mails and notices.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        ADVIES_GEGEVEN = "advies_gegeven", _("Advies gegeven")
        GESLOTEN = "gesloten", _("Gesloten")

    #: The colour of each status's badge (``casusoverleg.weergave.status``).
    badge_varianten = {
        Status.OPEN: "neutral",
        Status.IN_BEHANDELING: "active",
        Status.ADVIES_GEGEVEN: "success",
        Status.GESLOTEN: "inactive",
    }

    class Geslacht(models.TextChoices):
        VROUW = "vrouw", _("Vrouw")
        MAN = "man", _("Man")
        ANDERS = "anders", _("Anders / non-binair")
        ONBEKEND = "onbekend", _("Onbekend")

    nummer = models.CharField(_("casusnummer"), max_length=20, unique=True, editable=False)
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    coordinerende_organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("coördinerende organisatie"),
        on_delete=models.PROTECT,
        related_name="gecoordineerde_casussen",
    )
    # Empty while the coordinating organisation has not yet named a coordinator
    # (a case opened from a signal by another organisation).
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casuscoördinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gecoordineerde_casussen",
    )

    # The person (possible victim).
    naam = models.CharField(_("naam"), max_length=200)
    aliassen = models.TextField(
        _("aliassen"),
        blank=True,
        help_text=_("Andere namen die de persoon gebruikt, één per regel."),
    )
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True, db_index=True)
    geschat_geboortejaar = models.PositiveSmallIntegerField(
        _("geschat geboortejaar"),
        null=True,
        blank=True,
        help_text=_("Alleen invullen als de geboortedatum niet bekend is."),
    )
    geslacht = models.CharField(
        _("geslacht"), max_length=10, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    nationaliteit = CountryField(_("nationaliteit"), blank=True)
    talen = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Roemeens, Engels.")
    )
    veilig_contact = models.TextField(
        _("veilig contact"),
        blank=True,
        help_text=_("Hoe de persoon veilig te bereiken is, en hoe juist niet."),
    )
    datum_eerste_signaal = models.DateField(_("datum eerste signaal"), null=True, blank=True)
    # Set when the case is closed (closing date + BEWAARTERMIJN_JAREN), cleared when
    # it is reopened: the day from which the case may be destroyed. Set only by
    # casus_sluiten / casus_heropenen.
    bewaren_tot = models.DateField(_("bewaren tot"), null=True, blank=True, editable=False)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="casussen",
        help_text=_("De gemeente waar de persoon woont of verblijft."),
    )

    # Minors (casusoverleg.minderjarigen): an unaccompanied minor needs Nidos.
    amv = models.BooleanField(
        _("alleenstaande minderjarige vreemdeling (amv)"),
        default=False,
        help_text=_("Een amv heeft een voogd van Nidos; Nidos moet aan de casus deelnemen."),
    )
    voogd_organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie van de voogd"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voogdij_casussen",
    )
    voogd_naam = models.CharField(_("naam van de voogd"), max_length=200, blank=True)

    class Achttien(models.TextChoices):
        VOLWASSENENZORG = "volwassenenzorg", _("Gaat verder bij de volwassenenzorg")
        VOOGD_MENTOR = "voogd_mentor", _("De voogd blijft als mentor betrokken")
        OVERGEDRAGEN = "overgedragen", _("Overgedragen aan een andere organisatie")
        GESLOTEN = "gesloten", _("De casus wordt gesloten")
        ANDERS = "anders", _("Anders (zie toelichting)")

    achttien_uitkomst = models.CharField(
        _("wat er met de casus gebeurt bij 18 jaar"),
        max_length=20,
        choices=Achttien.choices,
        blank=True,
    )
    achttien_toelichting = models.TextField(_("toelichting bij 18 jaar"), blank=True)

    objects = CasusQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-created_at"]
        permissions = [("coordinate_casus", _("Casus coördineren"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(geboortedatum__isnull=True) | Q(geschat_geboortejaar__isnull=True),
                name="casus_geboortedatum_of_geschat_jaar",
            )
        ]

    def __str__(self):
        return self.nummer

    @property
    def is_gesloten(self) -> bool:
        return self.status == self.Status.GESLOTEN

    def leeftijd(self, on: datetime.date | None = None) -> int | None:
        """Age in whole years on ``on``; from an estimated birth year, an estimate."""
        on = on or timezone.localdate()
        if self.geboortedatum:
            years = on.year - self.geboortedatum.year
            if (on.month, on.day) < (self.geboortedatum.month, self.geboortedatum.day):
                years -= 1
            return years
        if self.geschat_geboortejaar:
            return on.year - self.geschat_geboortejaar
        return None

    def is_minderjarig(self, on: datetime.date | None = None) -> bool | None:
        """Minor on ``on``; None when nothing about the age is known.

        With only an estimated birth year the person counts as a minor until the end
        of the year they may turn 18: where age is uncertain and there is reason to
        believe the person is a child, they are presumed to be one (Directive
        2011/36/EU, art. 13(2)).
        """
        on = on or timezone.localdate()
        if self.geboortedatum:
            return self.geboortedatum > minor_cutoff(on)
        if self.geschat_geboortejaar:
            return self.geschat_geboortejaar >= on.year - MEERDERJARIG
        return None

    @property
    def minderjarig_nu(self) -> bool | None:
        return self.is_minderjarig()

    @property
    def minderjarig_bij_eerste_signaal(self) -> bool | None:
        if not self.datum_eerste_signaal:
            return None
        return self.is_minderjarig(self.datum_eerste_signaal)

    @property
    def achttiende_verjaardag(self) -> datetime.date | None:
        """The day a minor turns 18 (known only from an exact date of birth)."""
        if self.geboortedatum and self.minderjarig_nu:
            return add_years(self.geboortedatum, MEERDERJARIG)
        return None

    @property
    def herkomst(self) -> Herkomst:
        return herkomst(self.nationaliteit.code if self.nationaliteit else "")

    @property
    def vormen(self) -> list[str]:
        """The forms of exploitation as display labels (uses a prefetch when present)."""
        return [u.get_vorm_display() for u in self.uitbuitingsvormen.all()]


class Uitbuitingsvorm(models.TextChoices):
    SEKSUEEL = "seksueel", _("Seksuele uitbuiting")
    ARBEID = "arbeid", _("Arbeidsuitbuiting")
    CRIMINEEL = "crimineel", _("Criminele uitbuiting")
    BEDELARIJ = "bedelarij", _("Gedwongen bedelarij")
    ORGAANVERWIJDERING = "orgaanverwijdering", _("Orgaanverwijdering")
    OVERIG = "overig", _("Overig")


class CasusUitbuiting(models.Model):
    """One form of exploitation of a case; a case can have several."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="uitbuitingsvormen")
    vorm = models.CharField(
        _("vorm van uitbuiting"), max_length=20, choices=Uitbuitingsvorm.choices
    )

    class Meta:
        verbose_name = _("vorm van uitbuiting")
        verbose_name_plural = _("vormen van uitbuiting")
        constraints = [models.UniqueConstraint(fields=["casus", "vorm"], name="casus_vorm_uniek")]
        indexes = [models.Index(fields=["vorm", "casus"])]

    def __str__(self):
        return self.get_vorm_display()


class Behoefte(TimeStampedModel):
    """A need of the person (maatwerk), owned by one organisation."""

    class Type(models.TextChoices):
        OPVANG = "opvang", _("Opvang")
        MEDISCH = "medisch", _("Medisch")
        PSYCHOLOGISCH = "psychologisch", _("Psychologisch")
        JURIDISCH = "juridisch", _("Juridisch")
        PRAKTISCH = "praktisch", _("Praktisch")
        OPSPORING = "opsporing", _("Opsporing")
        BEJEGENING = "bejegening_strafproces", _("Bejegening in het strafproces")
        SCHADEVERGOEDING = "schadevergoeding", _("Begeleiding schadevergoeding")
        VERBLIJF = "verblijf", _("Verblijf")
        OVERIG = "overig", _("Overig")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        GEREGELD = "geregeld", _("Geregeld")
        NIET_MOGELIJK = "niet_mogelijk", _("Niet mogelijk")

    badge_varianten = {
        Status.OPEN: "neutral",
        Status.IN_BEHANDELING: "active",
        Status.GEREGELD: "success",
        Status.NIET_MOGELIJK: "danger",
    }

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="behoeften")
    type = models.CharField(_("soort behoefte"), max_length=30, choices=Type.choices)
    eigenaar = models.ForeignKey(
        Organisatie,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="behoeften",
        help_text=_("De organisatie die deze behoefte oppakt."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    reden_niet_mogelijk = models.TextField(_("reden niet mogelijk"), blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    # Where a need was carried forward from (an assessment that named it): a
    # description shown with the need, and the source's key, which another app
    # sets (the core knows no assessments). One need per source and case, so a
    # need taken over is never proposed or taken over again.
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    bron_id = models.CharField(_("kenmerk bron"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("behoefte")
        verbose_name_plural = _("behoeften")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["casus", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="niet_mogelijk") | ~Q(reden_niet_mogelijk=""),
                name="behoefte_niet_mogelijk_heeft_reden",
            ),
            models.UniqueConstraint(
                fields=["casus", "bron_id"],
                condition=~Q(bron_id=""),
                name="behoefte_eenmaal_per_bron",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} ({self.get_status_display()})"


class Volgnummer(models.Model):
    """The last case number handed out per year (NVM-2026-000123)."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("volgnummer")
        verbose_name_plural = _("volgnummers")

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"


class Wijziging(models.Model):
    """Change history of a case: who changed which fields when.

    Readable by the case's participants. Values stay in the case, with one
    exception: a correction of the person's identifying data keeps the previous
    value (``vorige_waarden``, GDPR art. 16: a correction can be traced), readable
    by the same participants and removed with the case. Special-category data
    (forms of exploitation, needs) is never copied here.
    """

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="wijzigingen")
    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=100)
    velden = models.JSONField(_("velden"), default=list)
    vorige_waarden = models.JSONField(_("vorige waarden"), default=dict, blank=True)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["-op", "-pk"]

    def __str__(self):
        return f"{self.casus} {self.onderwerp} {self.op:%Y-%m-%d %H:%M}"
