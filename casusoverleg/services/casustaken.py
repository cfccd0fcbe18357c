"""Tasks on a case that are no process step (``Casustaak``): made by the apps'
services and the terms' reminders, done by the organisation they are for."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import Actie, AuditContext, audit_log
from ..casustaken import soort as casustaaksoort
from ..models import Casus, Casustaak, Meldingsoort, Organisatie
from ..permissions import may_do_casustaak
from .casus import wijziging_record
from .meldingen import melding_send, organisatie_leden

#: The longest a result may be.
TOELICHTING_MAX = 4000


def _audit(ctx, actie: str, taak: Casustaak, **detail) -> None:
    audit_log(
        ctx or AuditContext.system(),
        actie=actie,
        object_type="casustaak",
        object_id=taak.public_id,
        casus=taak.casus,
        detail={"soort": taak.soort, **detail},
    )


@transaction.atomic
def casustaak_maken(
    *,
    casus: Casus,
    soort: str,
    organisatie: Organisatie,
    deadline: datetime.date,
    sleutel: str = "",
    ctx: AuditContext | None = None,
) -> Casustaak:
    """The task of this kind and key on the case, made (and its organisation's
    members who see the case told) the first time; the same task afterwards."""
    casustaaksoort(soort)  # a kind nobody registered is a programming error
    taak, gemaakt = Casustaak.objects.get_or_create(
        casus=casus,
        soort=soort,
        sleutel=sleutel,
        defaults={"organisatie": organisatie, "deadline": deadline},
    )
    if gemaakt:
        _audit(ctx, Actie.AANMAKEN, taak, organisatie=organisatie.pk)
        melding_send(
            soort=Meldingsoort.NIEUWE_TAAK,
            ontvangers=organisatie_leden(organisatie.pk),
            casus=casus,
            url=reverse("casusoverleg:casustaak", args=[taak.public_id]),
        )
    return taak


@transaction.atomic
def casustaak_afronden(*, ctx: AuditContext, taak: Casustaak, toelichting: str = "") -> Casustaak:
    """A member of the task's organisation who sees the case marks it done, with
    what was done (required where the kind asks for a result)."""
    if not may_do_casustaak(ctx.user, taak):
        raise PermissionDenied
    taak = Casustaak.objects.select_for_update().select_related("casus").get(pk=taak.pk)
    if not taak.is_open:
        raise ValidationError(_("Deze taak is al afgehandeld."))
    toelichting = (toelichting or "").strip()
    if casustaaksoort(taak.soort).toelichting_verplicht and not toelichting:
        raise ValidationError({"toelichting": _("Schrijf op wat er is besloten of gedaan.")})
    if len(toelichting) > TOELICHTING_MAX:
        raise ValidationError(
            {
                "toelichting": _("Schrijf ten hoogste %(max)s tekens; dit zijn er %(aantal)s.")
                % {"max": TOELICHTING_MAX, "aantal": len(toelichting)}
            }
        )
    taak.status = Casustaak.Status.AFGEROND
    taak.toelichting = toelichting
    taak.afgehandeld_op = timezone.now()
    taak.afgehandeld_door = ctx.user
    taak.full_clean()
    taak.save()
    wijziging_record(
        casus=taak.casus,
        door=ctx.user,
        onderwerp=_("Taak afgerond"),
        velden=[str(casustaaksoort(taak.soort).titel)],
    )
    _audit(ctx, Actie.WIJZIGEN, taak, status=taak.status)
    return taak


@transaction.atomic
def casustaken_vervallen(
    *,
    casus: Casus,
    reden: str,
    soort: str | None = None,
    sleutel: str | None = None,
    ctx: AuditContext | None = None,
) -> int:
    """End the case's open tasks (all, of one kind, or one key) because their reason
    is gone: the case closed, Nidos took part. The reason is kept with each."""
    return _afhandelen(
        casus, soort, sleutel, Casustaak.Status.VERVALLEN, toelichting=reden, ctx=ctx
    )


@transaction.atomic
def casustaken_gedaan(
    *, ctx: AuditContext, casus: Casus, soort: str, toelichting: str, sleutel: str | None = None
) -> int:
    """Mark the case's open tasks of a kind done because ``ctx.user`` did what they
    ask another way (recorded the reflection period's outcome on its own form)."""
    return _afhandelen(
        casus, soort, sleutel, Casustaak.Status.AFGEROND, toelichting=toelichting, ctx=ctx
    )


def _afhandelen(casus, soort, sleutel, status, *, toelichting, ctx) -> int:
    qs = Casustaak.objects.filter(casus=casus).open()
    if soort is not None:
        qs = qs.filter(soort=soort)
    if sleutel is not None:
        qs = qs.filter(sleutel=sleutel)
    taken = list(qs.select_for_update().select_related("casus"))
    door = ctx.user if ctx is not None and status == Casustaak.Status.AFGEROND else None
    for taak in taken:
        taak.status = status
        taak.toelichting = toelichting
        taak.afgehandeld_op = timezone.now()
        taak.afgehandeld_door = door
        taak.save(
            update_fields=[
                "status",
                "toelichting",
                "afgehandeld_op",
                "afgehandeld_door",
                "updated_at",
            ]
        )
        _audit(ctx, Actie.WIJZIGEN, taak, status=taak.status)
    return len(taken)
