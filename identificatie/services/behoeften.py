"""Needs named in assessments, carried forward into the case's needs."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from casusoverleg.audit import AuditContext
from casusoverleg.models import Behoefte, Casus, Deelname
from casusoverleg.services import behoefte_add
from casusoverleg.weergave import datum

from .. import selectors
from ..models import Beoordeling


@transaction.atomic
def behoefte_overnemen(*, ctx: AuditContext, casus: Casus, beoordeling: Beoordeling) -> Behoefte:
    """Take the needs an assessment names over as a need of the case ("Overig",
    open, the text as its explanation, the assessment as its source), for whoever
    may change the case (``behoefte_add``) and only from a submitted assessment of
    this case they may read (``selectors.beoordelingen_met_behoeften``); once per
    assessment (``behoefte_add`` refuses a second). Its owner is the assessing
    organisation while it takes part, else the coordinating one; the soort and
    owner are then checked on the need's own form."""
    leesbaar = selectors.beoordelingen_met_behoeften(user=ctx.user, casus=casus)
    if beoordeling.pk not in {b.pk for b in leesbaar}:
        raise PermissionDenied
    neemt_deel = (
        Deelname.objects.actief().filter(casus=casus, organisatie=beoordeling.organisatie).exists()
    )
    return behoefte_add(
        ctx=ctx,
        casus=casus,
        data={
            "type": Behoefte.Type.OVERIG,
            "eigenaar": beoordeling.organisatie if neemt_deel else casus.coordinerende_organisatie,
            "status": Behoefte.Status.OPEN,
            "toelichting": beoordeling.behoeften.strip(),
        },
        bron=_("Beoordeling van %(organisatie)s, %(datum)s")
        % {"organisatie": beoordeling.organisatie, "datum": datum(beoordeling.ingediend_op)},
        bron_id=selectors.BRON_BEOORDELING % beoordeling.pk,
    )
