"""Writes for minors (``casusoverleg.minderjarigen`` holds the rules): the guardian
and what happens at 18, recorded by the coordinator; and the terms and tasks that
follow from a case's data, kept in step whenever the case or its participants
change (``minderjarige_bijwerken``, connected to ``casus_changed`` and
``deelnames_changed`` in ``CasusoverlegConfig.ready``)."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import minderjarigen as regels
from ..audit import Actie, AuditContext, audit_log
from ..models import Casus, Casustaak, Deelname, Discipline, Organisatie, Termijn
from ..models.casus import MEERDERJARIG, add_years
from ..permissions import may_coordinate
from ..termijnen import regel as termijnregel
from .casus import wijziging_record
from .casustaken import casustaak_maken, casustaken_vervallen
from .termijnen import termijn_zetten, termijnen_annuleren

MINDERJARIGHEID_FIELDS = [
    "voogd_organisatie",
    "voogd_naam",
    "achttien_uitkomst",
    "achttien_toelichting",
]

#: Disciplines that can hold a minor's guardianship: Nidos for an amv, a certified
#: youth-care institution for other minors.
VOOGD_DISCIPLINES = (Discipline.NIDOS, Discipline.JEUGDZORG)


def _taak_dagen() -> int:
    return settings.MINDERJARIGEN_TAAK_DAGEN


def _vandaag() -> datetime.date:
    return timezone.localdate()


def _gesloten(casus: Casus) -> bool:
    return casus.status == Casus.Status.GESLOTEN


def _deelnemer(casus: Casus, discipline: str) -> Organisatie | None:
    """The first organisation of ``discipline`` that takes part in ``casus`` now."""
    deelname = (
        Deelname.objects.actief()
        .filter(casus=casus, persoon__isnull=True, organisatie__discipline=discipline)
        .select_related("organisatie")
        .order_by("created_at", "pk")
        .first()
    )
    return deelname.organisatie if deelname else None


def nidos_neemt_deel(casus: Casus) -> bool:
    return _deelnemer(casus, Discipline.NIDOS) is not None


def afbakening_organisatie(casus: Casus) -> Organisatie | None:
    """The organisation that coordinates a minor's case in the case's municipality
    (the youth-care delineation), or None when none is agreed there."""
    if casus.gemeente_id is None:
        return None
    return casus.gemeente.coordinerende_organisatie_minderjarigen


# Keeping terms and tasks in step with the case ----------------------------------------


def minderjarige_bijwerken(*, casus: Casus, ctx: AuditContext | None = None, **_signal) -> None:
    """Decide again what a case's data asks of minors: the turning-18 term, the
    task to let Nidos take part, the task of the youth-care delineation. Runs
    inside the service's transaction that changed the case or its participants;
    doing it twice changes nothing."""
    casus = Casus.objects.select_related("gemeente").get(pk=casus.pk)
    achttien_bijwerken(casus=casus, ctx=ctx)
    amv_nidos_bijwerken(casus=casus, ctx=ctx)
    afbakening_bijwerken(casus=casus, ctx=ctx)


def achttien_bijwerken(*, casus: Casus, ctx: AuditContext | None = None) -> None:
    """The term of the 18th birthday: running while the person is a minor with an
    exact date of birth and the case is open, ending on the birthday; moved when
    the date of birth changes (the tasks of the old date lapse), cancelled when the
    date of birth is removed or the case closes."""
    vandaag = _vandaag()
    lopend = Termijn.objects.filter(casus=casus, soort=regels.ACHTTIEN).lopend().first()
    verjaardag = add_years(casus.geboortedatum, MEERDERJARIG) if casus.geboortedatum else None
    if verjaardag and verjaardag > vandaag and not _gesloten(casus):
        if lopend and lopend.einde != verjaardag:
            _achttien_taken_vervallen(casus, _("De geboortedatum is gewijzigd."), ctx)
        termijn_zetten(
            casus=casus,
            soort=regels.ACHTTIEN,
            start=lopend.start if lopend else vandaag,
            einde=verjaardag,
            ctx=ctx,
        )
        return
    if lopend is None:
        return
    if _gesloten(casus):
        reden = _("De casus is gesloten.")
    elif verjaardag == lopend.einde:
        return  # the birthday itself: the daily run ends the term and asks the outcome
    else:
        reden = _("De geboortedatum is gewijzigd.")
    termijnen_annuleren(casus=casus, soort=regels.ACHTTIEN, reden=reden, ctx=ctx)
    _achttien_taken_vervallen(casus, reden, ctx)


def _achttien_taken_vervallen(casus, reden, ctx) -> None:
    for soort in regels.ACHTTIEN_TAKEN:
        casustaken_vervallen(casus=casus, soort=soort, reden=reden, ctx=ctx)


def amv_nidos_bijwerken(*, casus: Casus, ctx: AuditContext | None = None) -> None:
    """While an amv case has no Nidos taking part, its coordinating organisation has
    a task to add Nidos; it lapses when Nidos takes part (or the case is no amv
    case, or closes) and a new one comes when Nidos leaves."""
    nodig = casus.amv and not _gesloten(casus) and not nidos_neemt_deel(casus)
    taken = Casustaak.objects.filter(casus=casus, soort=regels.AMV_NIDOS)
    open_taak = taken.open().exists()
    if nodig and not open_taak:
        casustaak_maken(
            casus=casus,
            soort=regels.AMV_NIDOS,
            organisatie=casus.coordinerende_organisatie,
            deadline=_vandaag() + datetime.timedelta(days=_taak_dagen()),
            # A new task each time Nidos is missing again (one per key, ever).
            sleutel=_volgende_sleutel(casus, regels.AMV_NIDOS),
            ctx=ctx,
        )
    elif open_taak and not nodig:
        if _gesloten(casus):
            reden = _("De casus is gesloten.")
        elif casus.amv:
            reden = _("Nidos neemt deel aan de casus.")
        else:
            reden = _("De casus is geen amv-casus meer.")
        casustaken_vervallen(casus=casus, soort=regels.AMV_NIDOS, reden=reden, ctx=ctx)


def afbakening_bijwerken(*, casus: Casus, ctx: AuditContext | None = None) -> None:
    """When the municipality's youth-care delineation names another organisation
    than the one coordinating a minor's case, that one has a task to hand over or
    to write down why not (once per municipality and organisation); it lapses when
    the municipality, the delineation or the coordinating organisation changes."""
    organisatie = afbakening_organisatie(casus)
    nodig = (
        organisatie is not None
        and bool(casus.is_minderjarig())
        and organisatie.pk != casus.coordinerende_organisatie_id
        and not _gesloten(casus)
    )
    sleutel = _afbakening_sleutel(casus.gemeente, organisatie) if nodig else None
    for taak in Casustaak.objects.filter(casus=casus, soort=regels.AFBAKENING).open():
        if taak.sleutel != sleutel:
            casustaken_vervallen(
                casus=casus,
                soort=regels.AFBAKENING,
                sleutel=taak.sleutel,
                reden=_("De afbakening geldt niet meer voor deze casus."),
                ctx=ctx,
            )
    if nodig:
        casustaak_maken(
            casus=casus,
            soort=regels.AFBAKENING,
            organisatie=casus.coordinerende_organisatie,
            deadline=_vandaag() + datetime.timedelta(days=_taak_dagen()),
            sleutel=sleutel,
            ctx=ctx,
        )


def _afbakening_sleutel(gemeente, organisatie) -> str:
    """One task per municipality and organisation, by their names (the same in every
    database, unlike their ids)."""
    return hashlib.sha256(f"{gemeente.naam}\n{organisatie.naam}".encode()).hexdigest()[:16]


def _volgende_sleutel(casus: Casus, soort: str) -> str:
    """The key of the next task of ``soort`` on ``casus`` ("1", "2", …). A term's
    reminder and its expiry each run once (``termijnen_bijwerken``), so a moved
    birthday gets new tasks while a second run makes none."""
    return str(Casustaak.objects.filter(casus=casus, soort=soort).count() + 1)


# The turning-18 term's callbacks (``casusoverleg.minderjarigen.register``) -----------


def _voogd_organisatie(casus: Casus) -> Organisatie | None:
    """Who acts for the guardian: the recorded guardian's organisation if it takes
    part, else Nidos taking part; None for a case without amv or guardian."""
    if casus.voogd_organisatie_id and (
        Deelname.objects.actief()
        .filter(casus=casus, organisatie_id=casus.voogd_organisatie_id, persoon__isnull=True)
        .exists()
    ):
        return casus.voogd_organisatie
    if casus.amv or casus.voogd_organisatie_id:
        return _deelnemer(casus, Discipline.NIDOS) or casus.coordinerende_organisatie
    return None


def achttien_herinnering(termijn: Termijn, dagen: int) -> None:
    """A reminder before the 18th birthday: at the first (100 days) the handover
    work that needs time, due by the next reminder; at the last (30 days) the review
    of who keeps access, due on the birthday. One task per kind and birthday."""
    casus = Casus.objects.select_related("coordinerende_organisatie", "voogd_organisatie").get(
        pk=termijn.casus_id
    )
    if _gesloten(casus):
        return
    herinneren = termijnregel(regels.ACHTTIEN).herinneren
    later = [d for d in herinneren if d < dagen]
    deadline = termijn.einde - datetime.timedelta(days=max(later, default=0))
    coordinerend = casus.coordinerende_organisatie
    taken = []
    if dagen == max(herinneren):
        taken.append((regels.CONTINUITEITSPLAN, coordinerend))
        if voogd := _voogd_organisatie(casus):
            taken.append((regels.VOOGD_MENTOR, voogd))
        taken.append((regels.OVERDRACHT, _deelnemer(casus, Discipline.JEUGDZORG) or coordinerend))
    if dagen == min(herinneren):
        taken.append((regels.TOEGANG, coordinerend))
    for soort, organisatie in taken:
        casustaak_maken(
            casus=casus,
            soort=soort,
            organisatie=organisatie,
            deadline=deadline,
            sleutel=_volgende_sleutel(casus, soort),
        )


def achttien_verlopen(termijn: Termijn, vandaag: datetime.date) -> None:
    """The person turned 18: unless the case records what happens now, the
    coordinating organisation gets a task to record it."""
    casus = Casus.objects.get(pk=termijn.casus_id)
    if casus.achttien_uitkomst or _gesloten(casus):
        return
    casustaak_maken(
        casus=casus,
        soort=regels.UITKOMST,
        organisatie=casus.coordinerende_organisatie,
        deadline=vandaag + datetime.timedelta(days=_taak_dagen()),
        sleutel=_volgende_sleutel(casus, regels.UITKOMST),
    )


# The coordinator's record ------------------------------------------------------------


@transaction.atomic
def casus_minderjarigheid_update(*, ctx: AuditContext, casus: Casus, data: dict) -> Casus:
    """Record the guardian and what happens to the case at 18 (coordinator only).

    For an amv case in which Nidos takes part, the guardian's organisation is
    required (Nidos knows who the guardian is); the guardian's own name is not, as
    one may not be assigned yet. Recording the outcome ends the task asking for it.
    """
    if not may_coordinate(ctx.user, casus):
        raise PermissionDenied
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    changed = []
    for name in MINDERJARIGHEID_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            if getattr(casus, name) != value:
                setattr(casus, name, value)
                changed.append(name)
    fouten = {}
    if casus.voogd_organisatie_id and casus.voogd_organisatie.discipline not in VOOGD_DISCIPLINES:
        fouten["voogd_organisatie"] = _("Kies Nidos of een jeugdzorgorganisatie als voogd.")
    elif casus.amv and not casus.voogd_organisatie_id and nidos_neemt_deel(casus):
        fouten["voogd_organisatie"] = _(
            "Leg vast welke organisatie de voogd is: dit is een amv-casus en Nidos neemt deel."
        )
    elif casus.voogd_naam and not casus.voogd_organisatie_id:
        fouten["voogd_organisatie"] = _("Kies ook de organisatie van de voogd.")
    if casus.achttien_uitkomst == Casus.Achttien.ANDERS and not casus.achttien_toelichting:
        fouten["achttien_toelichting"] = _("Schrijf op wat er met de casus gebeurt.")
    if casus.achttien_toelichting and not casus.achttien_uitkomst:
        fouten["achttien_uitkomst"] = _("Kies wat er met de casus gebeurt bij 18 jaar.")
    if fouten:
        raise ValidationError(fouten)
    casus.full_clean()
    if not changed:
        return casus
    casus.save(update_fields=[*changed, "updated_at"])
    audit_log(
        ctx,
        actie=Actie.WIJZIGEN,
        object_type="casus",
        object_id=casus.public_id,
        casus=casus,
        detail={"velden": changed},
    )
    wijziging_record(
        casus=casus,
        door=ctx.user,
        onderwerp=_("Minderjarigheid"),
        velden=[str(Casus._meta.get_field(name).verbose_name) for name in changed],
    )
    if casus.achttien_uitkomst:
        casustaken_vervallen(
            casus=casus,
            soort=regels.UITKOMST,
            reden=_("Vastgelegd wat er bij 18 jaar met de casus gebeurt."),
            ctx=ctx,
        )
    return casus
