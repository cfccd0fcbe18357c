"""Same person, several records: the person keys of a case and the requests to link
two cases of one person (``casusoverleg.koppelingen`` finds them)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .casus import Casus, new_public_id
from .organisaties import TimeStampedModel


class Persoonssleutel(models.Model):
    """One keyed hash (``casusoverleg.persoonssleutel``) of a case's name or one of
    its aliases with the exact date of birth. Only the hash is stored: the table
    says which cases may be about one person, never who that person is."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="persoonssleutels")
    sleutel = models.CharField(_("persoonssleutel"), max_length=64, db_index=True)

    class Meta:
        verbose_name = _("persoonssleutel")
        verbose_name_plural = _("persoonssleutels")
        constraints = [
            models.UniqueConstraint(fields=["casus", "sleutel"], name="persoonssleutel_uniek")
        ]

    def __str__(self):
        return f"{self.casus} {self.sleutel[:8]}…"


class Koppelverzoek(TimeStampedModel):
    """The coordinator of a newer case asks the coordinating organisation of an older
    case of possibly the same person to link the two.

    ``casus`` is the case asked about (the recipient's own, the older one),
    ``van_casus`` the asker's (the newer one). One request per pair, whatever its
    answer: a declined pair is never proposed again. Linking gives neither side
    access to the other's content; both see the other's number and coordinating
    organisation, and which came first.
    """

    audit_type = "koppelverzoek"

    class Status(models.TextChoices):
        OPEN = "wacht_op_antwoord", _("Wacht op antwoord")
        GEKOPPELD = "gekoppeld", _("Gekoppeld")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    badge_varianten = {
        Status.OPEN: "warning",
        Status.GEKOPPELD: "success",
        Status.AFGEWEZEN: "inactive",
    }

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    casus = models.ForeignKey(
        Casus,
        verbose_name=_("casus"),
        on_delete=models.CASCADE,
        related_name="koppelverzoeken_ontvangen",
    )
    van_casus = models.ForeignKey(
        Casus,
        verbose_name=_("van casus"),
        on_delete=models.CASCADE,
        related_name="koppelverzoeken_verstuurd",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("koppelverzoek")
        verbose_name_plural = _("koppelverzoeken")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["casus", "van_casus"], name="koppelverzoek_eenmaal"),
            models.CheckConstraint(
                condition=~Q(casus=F("van_casus")), name="koppelverzoek_twee_casussen"
            ),
            models.CheckConstraint(
                condition=Q(status="wacht_op_antwoord") | Q(beantwoord_op__isnull=False),
                name="koppelverzoek_beantwoord_heeft_datum",
            ),
        ]

    def __str__(self):
        return f"Koppelverzoek {self.casus.nummer}"
