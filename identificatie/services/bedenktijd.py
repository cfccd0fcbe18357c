"""The reflection period (bedenktijd): recorded by someone who may change the case,
its clock run by the ``bedenktijd`` term (``identificatie.termijnen``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext, audit_log
from casusoverleg.models import Casus
from casusoverleg.permissions import CHANGE, user_can
from casusoverleg.services import (
    casustaken_gedaan,
    termijn_afronden,
    termijn_zetten,
    wijziging_record,
)
from casusoverleg.termijnen import regel
from casusoverleg.weergave import datum

from ..models import Bedenktijd

SOORT = "bedenktijd"
#: The coordinator's task once the period passed without a recorded outcome.
TAAK_UITKOMST = "bedenktijd_uitkomst"
#: How far back a start may be recorded (a period offered before the case was opened).
TERUG_DAGEN = 90


def _audit(ctx, bedenktijd, **detail):
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="bedenktijd",
        object_id=bedenktijd.public_id,
        casus=bedenktijd.casus,
        detail=detail,
    )


def nederlandse_nationaliteit(casus: Casus) -> bool:
    """The reflection period is for a victim without Dutch nationality: the one place
    this rule is read (the service, the page and the case page's section)."""
    return bool(casus.nationaliteit) and casus.nationaliteit.code == "NL"


def bedenktijd_lopend(casus: Casus) -> Bedenktijd | None:
    return Bedenktijd.objects.filter(casus=casus, uitkomst="").first()


def bedenktijd_herstellen(*, ctx: AuditContext, casus: Casus) -> None:
    """A reopened case (``casusoverleg.sluiten``): a period without an outcome runs
    as a term again, with its own dates (the daily run expires one already past)."""
    if (lopend := bedenktijd_lopend(casus)) is not None:
        termijn_zetten(casus=casus, soort=SOORT, start=lopend.start, einde=lopend.einde, ctx=ctx)


@transaction.atomic
def bedenktijd_start(
    *, ctx: AuditContext, casus: Casus, start: datetime.date, einde: datetime.date | None = None
) -> Bedenktijd:
    """Record that the person was given a reflection period from ``start``; its end
    is ``start`` plus the set length unless a shorter one was granted."""
    if not user_can(ctx.user, casus, CHANGE):
        raise PermissionDenied
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    vandaag = timezone.localdate()
    lengte = regel(SOORT).dagen
    errors = {}
    # Each reason the start is refused is said, none overwriting another.
    start_errors = []
    if bedenktijd_lopend(casus):
        start_errors.append(_("Er loopt al een bedenktijd; leg eerst de uitkomst daarvan vast."))
    if nederlandse_nationaliteit(casus):
        start_errors.append(
            _(
                "Bedenktijd is voor een slachtoffer zonder Nederlandse nationaliteit; deze "
                "persoon heeft de Nederlandse nationaliteit."
            )
        )
    if start > vandaag:
        start_errors.append(_("De bedenktijd kan niet in de toekomst beginnen."))
    elif start < vandaag - datetime.timedelta(days=TERUG_DAGEN):
        start_errors.append(
            _("Een begin van meer dan %(dagen)s dagen geleden kan niet.") % {"dagen": TERUG_DAGEN}
        )
    if start_errors:
        errors["start"] = start_errors
    maximum = start + datetime.timedelta(days=lengte)
    if einde is None:
        einde = maximum
    elif einde <= start:
        errors["einde"] = _("De einddatum moet na het begin liggen.")
    elif einde > maximum:
        errors["einde"] = _(
            "De bedenktijd duurt ten hoogste %(dagen)s dagen: uiterlijk %(datum)s."
        ) % {
            "dagen": lengte,
            "datum": datum(maximum),
        }
    if errors:
        raise ValidationError(errors)
    bedenktijd = Bedenktijd(casus=casus, start=start, einde=einde, vastgelegd_door=ctx.user)
    bedenktijd.full_clean()
    bedenktijd.save()
    termijn_zetten(casus=casus, soort=SOORT, start=start, einde=einde, ctx=ctx)
    wijziging_record(casus=casus, door=ctx.user, onderwerp=_("Bedenktijd"), velden=[_("begin")])
    _audit(ctx, bedenktijd, start=start.isoformat(), einde=einde.isoformat())
    return bedenktijd


@transaction.atomic
def bedenktijd_uitkomst(
    *, ctx: AuditContext, casus: Casus, uitkomst: str, op: datetime.date, toelichting: str = ""
) -> Bedenktijd:
    """Record what the person decided (or that they left), which ends the period."""
    if not user_can(ctx.user, casus, CHANGE):
        raise PermissionDenied
    bedenktijd = Bedenktijd.objects.select_for_update().filter(casus=casus, uitkomst="").first()
    if bedenktijd is None:
        raise ValidationError(_("Er loopt geen bedenktijd."))
    toelichting = (toelichting or "").strip()
    errors = {}
    if uitkomst not in Bedenktijd.Uitkomst.values:
        errors["uitkomst"] = _("Kies de uitkomst.")
    elif uitkomst == Bedenktijd.Uitkomst.ANDERS and not toelichting:
        errors["toelichting"] = _("Licht de uitkomst toe.")
    if op > timezone.localdate():
        errors["op"] = _("De datum kan niet in de toekomst liggen.")
    elif op < bedenktijd.start:
        errors["op"] = _("De datum kan niet voor het begin van de bedenktijd liggen.")
    if errors:
        raise ValidationError(errors)
    bedenktijd.uitkomst = uitkomst
    bedenktijd.uitkomst_op = op
    bedenktijd.uitkomst_toelichting = toelichting
    bedenktijd.uitkomst_door = ctx.user
    bedenktijd.full_clean()
    bedenktijd.save()
    label = bedenktijd.get_uitkomst_display()
    termijn_afronden(casus=casus, soort=SOORT, reden=label, ctx=ctx)
    casustaken_gedaan(ctx=ctx, casus=casus, soort=TAAK_UITKOMST, toelichting=label)
    wijziging_record(casus=casus, door=ctx.user, onderwerp=_("Bedenktijd"), velden=[_("uitkomst")])
    _audit(ctx, bedenktijd, uitkomst=uitkomst)
    return bedenktijd
