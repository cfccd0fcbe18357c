"""Writes of the access review (``casusoverleg.toegangsreview``): revoking one
grant, and recording a review of an organisation's grants. Each asks the access
module who may, and leaves one audit row per grant on its case."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, audit_log, audit_log_many
from ..models import AuditEvent, Deelname, Organisatie, Toegangsreview
from ..permissions import may_review_toegang, may_revoke_toegang
from ..selectors import TOEGANGSREVIEW_AUDIT as AUDIT_TYPE
from ..selectors import toegangen
from .casus import deelname_end

#: The reason an access review gives for ending a participation (audit detail).
REDEN = "toegangsreview"


@transaction.atomic
def toegang_intrekken(*, ctx: AuditContext, deelname: Deelname) -> Deelname:
    """Revoke one grant in an access review: the participation ends through
    ``deelname_end``, so its object permissions go at once (the participant's next
    request is refused) and the participant is told, as when a coordinator ends it.
    Only a reviewer of its organisation may (``may_revoke_toegang``), never for the
    coordinating organisation's own participation."""
    deelname = (
        # ``of``: PostgreSQL locks no row on the nullable side of the outer join (persoon).
        Deelname.objects.select_for_update(of=("self",))
        .select_related("casus", "organisatie", "persoon")
        .get(pk=deelname.pk)
    )
    if not may_review_toegang(ctx.user, deelname.organisatie):
        raise PermissionDenied
    if not deelname.actief:
        raise ValidationError(_("Deze deelname is al beëindigd."))
    if not may_revoke_toegang(ctx.user, deelname):
        raise ValidationError(
            _("De toegang van de coördinerende organisatie kan niet worden ingetrokken.")
        )
    deelname_end(ctx=ctx, deelname=deelname, reden=REDEN)
    audit_log(
        ctx,
        actie=Actie.TOEGANG_INGETROKKEN,
        object_type=AUDIT_TYPE,
        object_id=str(deelname.organisatie_id),
        casus=deelname.casus,
        detail={"besluit": "intrekken", "deelname": deelname.pk},
    )
    return deelname


@transaction.atomic
def toegangsreview_vastleggen(*, ctx: AuditContext, organisatie: Organisatie) -> Toegangsreview:
    """Record a review of ``organisatie``'s access: every grant it still has is
    confirmed (one audit row on each case), and the grants revoked in this review
    (since the previous one) are counted. Only a reviewer of the organisation may
    (``may_review_toegang``); the next reminder falls due from now."""
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if not may_review_toegang(ctx.user, organisatie):
        raise PermissionDenied
    vorige = organisatie.toegangsreviews.values_list("created_at", flat=True).first()
    ingetrokken = AuditEvent.objects.filter(
        object_type=AUDIT_TYPE,
        actie=Actie.TOEGANG_INGETROKKEN,
        object_id=str(organisatie.pk),
    )
    if vorige is not None:
        ingetrokken = ingetrokken.filter(op__gt=vorige)
    grants = toegangen(organisatie=organisatie, user=ctx.user)
    deelnames = [toegang.deelname for toegang in grants]
    review = Toegangsreview(
        organisatie=organisatie,
        door=ctx.user,
        aantal_bevestigd=len(deelnames),
        aantal_ingetrokken=ingetrokken.count(),
        aantal_ongebruikt=sum(toegang.ongebruikt for toegang in grants),
    )
    review.full_clean()
    review.save()
    audit_log_many(
        ctx,
        [
            {
                "actie": Actie.AANMAKEN,
                "object_type": AUDIT_TYPE,
                "object_id": str(organisatie.pk),
                "detail": {
                    "review": review.pk,
                    "bevestigd": review.aantal_bevestigd,
                    "ingetrokken": review.aantal_ingetrokken,
                    "ongebruikt": review.aantal_ongebruikt,
                },
            },
            *(
                {
                    "actie": Actie.WIJZIGEN,
                    "object_type": AUDIT_TYPE,
                    "object_id": str(organisatie.pk),
                    "casus": deelname.casus,
                    "detail": {"besluit": "bevestigen", "deelname": deelname.pk},
                }
                for deelname in deelnames
            ),
        ],
    )
    return review
