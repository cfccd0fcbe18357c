"""The indicator list: a new draft version, and publishing it (then frozen)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casusoverleg.audit import Actie, AuditContext, audit_log

from .. import indicatoren
from ..models import Indicator, IndicatorGroep, IndicatorLijst

#: Organisations that report a possible victim on a legal task, without consent.


# The indicator list ------------------------------------------------------------------


def _as_data(lijst: IndicatorLijst) -> dict:
    return {
        "versie": lijst.versie,
        "titel": lijst.titel,
        "noodinstructie": lijst.noodinstructie,
        "bronnen": lijst.bronnen,
        "groepen": [
            {
                "code": g.code,
                "titel": g.titel,
                "indicatoren": [
                    {
                        k: getattr(i, k)
                        for k in ("code", "tekst", "toelichting", "instructie", "urgentie")
                    }
                    for i in g.indicatoren.all()
                ],
            }
            for g in lijst.groepen.prefetch_related("indicatoren")
        ],
    }


@transaction.atomic
def indicatorlijst_copy(*, ctx: AuditContext, bron: IndicatorLijst, versie: str):
    """A draft copy of ``bron`` under a new version number, to edit and then publish."""
    if not ctx.user.is_staff:
        raise PermissionDenied
    max_length = IndicatorLijst._meta.get_field("versie").max_length
    if len(versie) > max_length:
        raise ValidationError(
            {"versie": _("Een versie is ten hoogste %(n)d tekens lang.") % {"n": max_length}}
        )
    if IndicatorLijst.objects.filter(versie=versie).exists():
        raise ValidationError({"versie": _("Deze versie bestaat al.")})
    data = {**_as_data(bron), "versie": versie}
    lijst = indicatoren.load(
        data, IndicatorLijst=IndicatorLijst, IndicatorGroep=IndicatorGroep, Indicator=Indicator
    )
    audit_log(ctx, actie=Actie.AANMAKEN, object_type="indicatorenlijst", object_id=versie)
    return lijst


@transaction.atomic
def indicatorlijst_publish(*, ctx: AuditContext, lijst: IndicatorLijst) -> IndicatorLijst:
    """Publish a draft: it becomes the list in use and can never change again."""
    if not ctx.user.is_staff:
        raise PermissionDenied
    lijst = IndicatorLijst.objects.select_for_update().get(pk=lijst.pk)
    if lijst.gepubliceerd:
        raise ValidationError(_("Deze versie is al gepubliceerd."))
    errors = indicatoren.problems(_as_data(lijst))
    if errors:
        raise ValidationError(
            _("De lijst is niet compleet: %(fouten)s") % {"fouten": "; ".join(errors)}
        )
    IndicatorLijst.objects.filter(pk=lijst.pk).update(
        gepubliceerd_op=timezone.now(), gepubliceerd_door=ctx.user
    )
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="indicatorenlijst",
        object_id=lijst.versie,
        detail={"gepubliceerd": True},
    )
    lijst.refresh_from_db()
    return lijst
