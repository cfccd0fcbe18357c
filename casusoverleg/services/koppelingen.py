"""Same person, several records: the request to link two cases of one person (ask,
accept, decline). The case's person keys are kept by the case's own services
(``persoonssleutels_bijwerken``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, audit_log
from ..koppelingen import mogelijke_dubbelen
from ..models import Casus, Koppelverzoek, Meldingsoort, User
from ..permissions import (
    koppelverzoek_ontvangers,
    may_answer_koppelverzoek,
    may_coordinate,
    may_see_mogelijke_dubbelen,
)
from .casus import wijziging_record
from .meldingen import melding_send


def _audit(ctx, verzoek, casus, actie, **detail):
    audit_log(
        ctx,
        actie=actie,
        object_type=Koppelverzoek.audit_type,
        object_id=verzoek.public_id,
        casus=casus,
        detail=detail or None,
    )


@transaction.atomic
def koppelverzoek_send(*, ctx: AuditContext, van_casus: Casus, casus: Casus) -> Koppelverzoek:
    """Ask the coordinating organisation of ``casus`` (an older case of possibly the
    same person) to link it to ``van_casus``. Only the coordinator of ``van_casus``
    may ask, and only about a case the match still proposes: one request per pair,
    so a declined pair is never asked about again. The recipients get a task and a
    notice with their own case number and nothing of ``van_casus``."""
    # The match is read here, not taken from the form: nobody can ask about a case
    # that is not a current, unanswered match of their own.
    if not may_see_mogelijke_dubbelen(ctx.user, van_casus):
        raise PermissionDenied
    if casus.pk not in {c.pk for c in mogelijke_dubbelen(van_casus)}:
        raise ValidationError(_("Voor deze casus kan geen koppelverzoek worden gedaan."))
    if casus.coordinerende_organisatie_id == van_casus.coordinerende_organisatie_id:
        raise ValidationError(
            _("Deze casus is van uw eigen organisatie; u hoeft niemand om koppelen te vragen.")
        )
    verzoek = Koppelverzoek(casus=casus, van_casus=van_casus, gevraagd_door=ctx.user)
    verzoek.full_clean()
    verzoek.save()
    _audit(ctx, verzoek, van_casus, Actie.AANMAKEN)
    _audit(ctx, verzoek, casus, Actie.AANMAKEN)
    melding_send(
        soort=Meldingsoort.KOPPELVERZOEK,
        ontvangers=list(koppelverzoek_ontvangers(User.objects, casus=casus)),
        url=reverse("casusoverleg:koppelverzoek", args=[verzoek.public_id]),
        casus=casus,
    )
    return verzoek


@transaction.atomic
def koppelverzoek_answer(
    *, ctx: AuditContext, verzoek: Koppelverzoek, akkoord: bool, reden: str = ""
) -> Koppelverzoek:
    """The coordinator of the case asked about accepts or declines (a reason is
    optional). Accepted, both cases record the link: each side's coordinators see the
    other's number and coordinating organisation, nobody gets access to the other's
    content. Declined, the pair stays recorded and is not proposed again."""
    verzoek = Koppelverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if not may_coordinate(ctx.user, verzoek.casus):
        raise PermissionDenied
    if not may_answer_koppelverzoek(ctx.user, verzoek):
        raise ValidationError(_("Dit verzoek is al beantwoord."))
    verzoek.status = Koppelverzoek.Status.GEKOPPELD if akkoord else Koppelverzoek.Status.AFGEWEZEN
    verzoek.beantwoord_door = ctx.user
    verzoek.beantwoord_op = timezone.now()
    verzoek.reden = (reden or "").strip()
    verzoek.full_clean()
    verzoek.save(
        update_fields=["status", "beantwoord_door", "beantwoord_op", "reden", "updated_at"]
    )
    for casus in (verzoek.casus, verzoek.van_casus):
        _audit(ctx, verzoek, casus, Actie.WIJZIGEN, status=verzoek.status)
        if akkoord:
            wijziging_record(
                casus=casus, door=ctx.user, onderwerp=_("Gekoppeld aan een andere casus")
            )
    # Whoever asked learns the answer on their own case's page (its number only).
    melding_send(
        soort=Meldingsoort.KOPPELVERZOEK_BEANTWOORD,
        ontvangers=list(koppelverzoek_ontvangers(User.objects, casus=verzoek.van_casus)),
        url=reverse("casusoverleg:casus-detail", args=[verzoek.van_casus.public_id]),
        casus=verzoek.van_casus,
    )
    return verzoek
