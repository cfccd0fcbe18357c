"""Closing and reopening a case.

Closing ends the case's life: every participant's access ends (the coordinating
organisation keeps read access, nothing more), open work in the apps built on
the core is cancelled with the reason (``casusoverleg.sluiten``), and the
retention clock starts (``Casus.bewaren_tot``). Reopening restores nobody but the
coordinating organisation's coordinating rights. Both are kept as history
(``Sluiting``), audited and shown on the timeline.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from guardian.shortcuts import assign_perm, remove_perm

from .. import sluiten
from ..audit import Actie, AuditContext, audit_log
from ..models import Casus, Deelname, Sluiting, Sluitreden
from ..models.casus import add_years
from ..permissions import CHANGE, COORDINATE, ROL_PERMISSIONS, may_close, may_reopen
from ..signals import deelnames_changed
from .casus import deelname_add, deelname_end, wijziging_record
from .casustaken import casustaken_vervallen
from .termijnen import termijnen_annuleren


def _coordinerende_deelname(casus: Casus) -> Deelname | None:
    return (
        Deelname.objects.actief()
        .select_for_update()
        .filter(
            casus=casus,
            organisatie_id=casus.coordinerende_organisatie_id,
            persoon__isnull=True,
        )
        .first()
    )


def sluitreden_tekst(reden: str) -> str:
    """The fixed text open work is cancelled with: never the explanation, which
    is case content."""
    with override(settings.LANGUAGE_CODE):
        return _("Casus gesloten: %(reden)s") % {"reden": Sluitreden(reden).label}


@transaction.atomic
def casus_sluiten(
    *, ctx: AuditContext, casus: Casus, reden: str, toelichting: str = ""
) -> Sluiting:
    """Close a case, by its coordinator only (``may_close``), with a reason from the
    list (``Sluitreden``; "overig" needs an explanation).

    In one transaction: the registered handlers cancel open work with the reason
    (``casusoverleg.sluiten``), and so do the case's open ``Casustaak``s and
    running ``Termijn``s; every participation ends (audited, each participant
    told "verwijderd"), except that the coordinating organisation keeps read
    access and loses change and coordinate; the case becomes GESLOTEN and is kept
    until ``BEWAARTERMIJN_JAREN`` years from today. Anything failing leaves the
    case as it was.
    """
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if casus.is_gesloten:
        raise ValidationError(_("Deze casus is al gesloten."))
    if not may_close(ctx.user, casus):
        raise PermissionDenied
    toelichting = (toelichting or "").strip()
    if reden not in Sluitreden.values:
        raise ValidationError({"reden": _("Kies een reden uit de lijst.")})
    if reden == Sluitreden.OVERIG and not toelichting:
        raise ValidationError({"toelichting": _("Licht toe waarom de casus wordt gesloten.")})
    vandaag = timezone.localdate()
    sluiting = Sluiting(
        casus=casus,
        soort=Sluiting.Soort.GESLOTEN,
        reden=reden,
        toelichting=toelichting,
        vorige_status=casus.status,
        bewaren_tot=add_years(vandaag, settings.BEWAARTERMIJN_JAREN),
        door=ctx.user,
    )
    sluiting.full_clean()
    sluiting.save()

    tekst = sluitreden_tekst(reden)
    sluiten.bij_sluiten(ctx=ctx, casus=casus, reden=tekst)
    casustaken_vervallen(casus=casus, reden=tekst, ctx=ctx)
    termijnen_annuleren(casus=casus, reden=tekst, ctx=ctx)

    coordinerend = _coordinerende_deelname(casus)
    for deelname in (
        Deelname.objects.actief()
        # Only the participations: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer join to ``persoon``.
        .select_for_update(of=("self",))
        .filter(casus=casus)
        .select_related("casus", "organisatie", "persoon")
    ):
        if coordinerend is not None and deelname.pk == coordinerend.pk:
            continue
        deelname_end(ctx=ctx, deelname=deelname, reden="casus_gesloten")
    if coordinerend is not None:
        groep = coordinerend.organisatie.groep
        for perm in (CHANGE, COORDINATE):
            remove_perm(perm, groep, casus)
        audit_log(
            ctx,
            actie=Actie.TOEGANG_INGETROKKEN,
            object_type="deelname",
            object_id=str(coordinerend.pk),
            casus=casus,
            detail={"rechten": [CHANGE, COORDINATE], "reden": "casus_gesloten"},
        )

    vorige = casus.status
    casus.status = Casus.Status.GESLOTEN
    casus.bewaren_tot = sluiting.bewaren_tot
    casus.full_clean()
    casus.save(update_fields=["status", "bewaren_tot", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="casus",
        object_id=casus.public_id,
        casus=casus,
        detail={
            "status": {"voor": vorige, "na": casus.status},
            "reden": reden,
            "bewaren_tot": casus.bewaren_tot.isoformat(),
        },
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Casus gesloten"),
        velden=[str(Casus._meta.get_field("status").verbose_name)],
    )
    deelnames_changed.send(sender=Deelname, casus=casus, ctx=ctx)
    return sluiting


@transaction.atomic
def casus_heropenen(*, ctx: AuditContext, casus: Casus, reden: str) -> Sluiting:
    """Reopen a closed case, with a reason, by a coordinator of the coordinating
    organisation (``may_reopen``).

    Nobody's access comes back but the coordinating organisation's change and
    coordinate rights, so it can add participants again; the case takes back the
    status it had before closing, and its retention date is cleared. The apps
    start again the terms that still run (``casusoverleg.sluiten.bij_heropenen``).
    """
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if not casus.is_gesloten:
        raise ValidationError(_("Deze casus is niet gesloten."))
    if not may_reopen(ctx.user, casus):
        raise PermissionDenied
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef de reden om de casus te heropenen.")})
    laatste = casus.sluitingen.filter(soort=Sluiting.Soort.GESLOTEN).first()
    heropening = Sluiting(
        casus=casus, soort=Sluiting.Soort.HEROPEND, toelichting=reden, door=ctx.user
    )
    heropening.full_clean()
    heropening.save()

    coordinerend = _coordinerende_deelname(casus)
    if coordinerend is None:
        deelname_add(
            ctx=ctx,
            casus=casus,
            organisatie=casus.coordinerende_organisatie,
            rol=Deelname.Rol.COORDINATOR,
            _bootstrap=True,
        )
    else:
        for perm in ROL_PERMISSIONS[Deelname.Rol.COORDINATOR]:
            assign_perm(perm, coordinerend.organisatie.groep, casus)
        audit_log(
            ctx,
            actie=Actie.TOEGANG_VERLEEND,
            object_type="deelname",
            object_id=str(coordinerend.pk),
            casus=casus,
            detail={"rechten": [CHANGE, COORDINATE], "reden": "casus_heropend"},
        )

    vorige = casus.status
    casus.status = (laatste.vorige_status if laatste else "") or Casus.Status.OPEN
    casus.bewaren_tot = None
    casus.full_clean()
    casus.save(update_fields=["status", "bewaren_tot", "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="casus",
        object_id=casus.public_id,
        casus=casus,
        detail={"status": {"voor": vorige, "na": casus.status}, "heropend": True},
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Casus heropend"),
        velden=[str(Casus._meta.get_field("status").verbose_name)],
    )
    # The legal terms that still run come back (a reflection period, a report due).
    sluiten.bij_heropenen(ctx=ctx, casus=casus)
    deelnames_changed.send(sender=Deelname, casus=casus, ctx=ctx)
    return heropening
