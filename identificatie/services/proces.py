"""Writes of the identification process. Each service checks need to know and the
task rules itself (viewflow's transition permissions are informational only),
then drives the flow through its activations under the flow's lock."""

import datetime

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from casusoverleg.audit import Actie, AuditContext, Doel, audit_object
from casusoverleg.models import Casus, Casustaak, Deelname
from casusoverleg.permissions import may_contribute, may_coordinate
from casusoverleg.services import (
    casustaak_afronden,
    casustaak_maken,
    casustaken_vervallen,
    termijn_zetten,
    termijnen_annuleren,
    wijziging_record,
)
from casusoverleg.termijnen import instelling
from casusoverleg.weergave import datum

from ..flows import (
    TERMIJN_COORDINATIE_DAGEN,
    IdentificatieFlow,
    ronde_termijn_beeindigen,
    taak_refusal,
)
from ..models import Beoordeling, BeoordelingAddendum, IdentificatieProces, IndicatorLijst, Taak
from .taken import taak_check_owner, taak_complete

OPEN_STATUSSEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]

BEOORDELING_FIELDS = [
    "oordeel",
    "feiten",
    "professioneel_oordeel",
    "onderbouwing",
    "behoeften",
    "risico_veiligheid",
    "risico_vlucht",
    "risico_herhaling",
    "achtergehouden",
    "achtergehouden_reden",
    "achtergehouden_grondslag",
    "strafzaak",
    "strafzaak_toelichting",
]


def _flow():
    return IdentificatieFlow


def actief_proces(casus: Casus) -> IdentificatieProces | None:
    return casus.processen.filter(status=PROCESS.NEW).order_by("-created").first()


@transaction.atomic
def proces_start(
    *,
    ctx: AuditContext,
    casus: Casus,
    organisaties,
    deadline: datetime.date,
    aftekenen_vereist: bool = False,
):
    """Start the identification process: one assessment task per chosen organisation,
    each of which must take part in the case. With ``aftekenen_vereist`` every
    discipline with a view signs the advice off before it can be adopted."""
    user = ctx.user
    if not may_coordinate(user, casus):
        raise PermissionDenied
    Casus.objects.select_for_update().get(pk=casus.pk)
    if actief_proces(casus):
        raise ValidationError(_("Voor deze casus loopt al een identificatieproces."))
    organisaties = list(organisaties)
    errors = {}
    if not organisaties:
        errors["organisaties"] = _("Kies ten minste één organisatie.")
    deelnemend = set(
        Deelname.objects.actief().filter(casus=casus).values_list("organisatie_id", flat=True)
    )
    if any(o.pk not in deelnemend for o in organisaties):
        errors["organisaties"] = _("Kies alleen organisaties die aan de casus deelnemen.")
    if deadline <= timezone.localdate():
        errors["deadline"] = _("De deadline moet in de toekomst liggen.")
    lijst = IndicatorLijst.objects.actueel()
    if lijst is None:
        errors["organisaties"] = _("Er is geen gepubliceerde indicatorenlijst.")
    if errors:
        raise ValidationError(errors)
    proces = _flow().start.run(
        casus=casus, organisaties=organisaties, deadline=deadline, gestart_door=user, lijst=lijst
    )
    termijn_zetten(
        casus=casus,
        soort=IdentificatieProces.TERMIJNSOORT,
        sleutel=proces.public_id,
        start=timezone.localdate(),
        einde=deadline,
        ctx=ctx,
    )
    if aftekenen_vereist:
        proces.aftekenen_vereist = True
        proces.save(update_fields=["aftekenen_vereist"])
    if casus.status == Casus.Status.OPEN:
        casus.status = Casus.Status.IN_BEHANDELING
        casus.save(update_fields=["status", "updated_at"])
    wijziging_record(casus=casus, door=user, onderwerp=_("Identificatieproces gestart"))
    audit_object(ctx, Actie.AANMAKEN, proces, organisaties=[o.pk for o in organisaties])
    return proces


def _beoordeling_errors(data, organisatie):
    errors = {}
    if (data.get("achtergehouden") or "").strip():
        if not (data.get("achtergehouden_reden") or "").strip():
            errors["achtergehouden_reden"] = _("Geef de reden om informatie achter te houden.")
        if not (data.get("achtergehouden_grondslag") or "").strip():
            errors["achtergehouden_grondslag"] = _("Noem de wettelijke grondslag.")
    if organisatie.discipline in ("politie", "om", "kmar") and not data.get("strafzaak"):
        errors["strafzaak"] = _("Geef aan of een advies gevolgen heeft voor de strafzaak.")
    return errors


def _apply(beoordeling, data, indicatoren, lijst):
    if any(i.groep.lijst_id != lijst.pk for i in indicatoren):
        raise ValidationError({"indicatoren": _("Kies indicatoren uit de lijst van dit proces.")})
    for name in BEOORDELING_FIELDS:
        if name in data:
            setattr(beoordeling, name, data[name] if data[name] is not None else "")
    beoordeling.full_clean()
    beoordeling.save()
    beoordeling.indicatoren.set(indicatoren)


@transaction.atomic
def beoordeling_save(*, ctx: AuditContext, taak: Taak, data: dict, indicatoren: list):
    """Submit the organisation's assessment from its task; this completes the task."""
    taak_check_owner(ctx.user, taak)
    proces = taak.proces.coerced
    errors = _beoordeling_errors(data, taak.organisatie)
    if errors:
        raise ValidationError(errors)
    beoordeling, _created = Beoordeling.objects.get_or_create(
        proces=proces,
        organisatie=taak.organisatie,
        defaults={k: data.get(k) or "" for k in BEOORDELING_FIELDS},
    )
    beoordeling.ingediend_op = timezone.now()
    beoordeling.ingediend_door = ctx.user
    _apply(beoordeling, data, indicatoren, proces.indicatorlijst)
    taak_complete(taak, ctx.user)
    wijziging_record(casus=proces.casus, door=ctx.user, onderwerp=_("Beoordeling ingediend"))
    audit_object(
        ctx,
        Actie.AANMAKEN,
        proces,
        object_type="beoordeling",
        object_id=str(beoordeling.pk),
        oordeel=beoordeling.oordeel,
    )
    return beoordeling


@transaction.atomic
def beoordeling_update(*, ctx: AuditContext, beoordeling: Beoordeling, data: dict, indicatoren):
    """Change a submitted assessment while the round is open; afterwards only addenda."""
    proces = IdentificatieProces.objects.select_for_update().get(pk=beoordeling.proces_id)
    if proces.ronde_gesloten:
        raise ValidationError(_("De ronde is gesloten; voeg een addendum toe."))
    if ctx.user.organisatie_id != beoordeling.organisatie_id or not may_contribute(
        ctx.user, proces.casus
    ):
        raise PermissionDenied
    errors = _beoordeling_errors(data, beoordeling.organisatie)
    if errors:
        raise ValidationError(errors)
    _apply(beoordeling, data, indicatoren, proces.indicatorlijst)
    audit_object(
        ctx, Actie.WIJZIGEN, proces, object_type="beoordeling", object_id=str(beoordeling.pk)
    )
    return beoordeling


@transaction.atomic
def beoordeling_late_submit(*, ctx: AuditContext, proces: IdentificatieProces, data, indicatoren):
    """An invited organisation's assessment after the round closed: it still
    attaches to the case, marked as late."""
    proces = IdentificatieProces.objects.select_for_update().get(pk=proces.pk)
    user = ctx.user
    if not proces.ronde_gesloten:
        raise ValidationError(_("De ronde is nog open; dien de beoordeling in via uw taak."))
    if not proces.uitgenodigd.filter(pk=user.organisatie_id).exists() or not may_contribute(
        user, proces.casus
    ):
        raise PermissionDenied
    if Beoordeling.objects.filter(
        proces=proces, organisatie=user.organisatie, ingediend_op__isnull=False
    ).exists():
        raise ValidationError(_("Uw organisatie heeft al een beoordeling ingediend."))
    errors = _beoordeling_errors(data, user.organisatie)
    if errors:
        raise ValidationError(errors)
    beoordeling, _created = Beoordeling.objects.get_or_create(
        proces=proces,
        organisatie=user.organisatie,
        defaults={k: data.get(k) or "" for k in BEOORDELING_FIELDS},
    )
    beoordeling.te_laat = True
    beoordeling.ingediend_op = timezone.now()
    beoordeling.ingediend_door = user
    _apply(beoordeling, data, indicatoren, proces.indicatorlijst)
    wijziging_record(casus=proces.casus, door=user, onderwerp=_("Late beoordeling ingediend"))
    audit_object(
        ctx,
        Actie.AANMAKEN,
        proces,
        object_type="beoordeling",
        object_id=str(beoordeling.pk),
        te_laat=True,
    )
    return beoordeling


@transaction.atomic
def addendum_add(*, ctx: AuditContext, beoordeling: Beoordeling, tekst: str):
    if not beoordeling.proces.ronde_gesloten:
        raise ValidationError(_("Zolang de ronde open is, wijzigt u de beoordeling zelf."))
    if ctx.user.organisatie_id != beoordeling.organisatie_id or not may_contribute(
        ctx.user, beoordeling.proces.casus
    ):
        raise PermissionDenied
    if not (tekst or "").strip():
        raise ValidationError({"tekst": _("Schrijf het addendum.")})
    addendum = BeoordelingAddendum.objects.create(
        beoordeling=beoordeling, tekst=tekst.strip(), door=ctx.user
    )
    audit_object(
        ctx, Actie.AANMAKEN, beoordeling.proces, object_type="addendum", object_id=str(addendum.pk)
    )
    return addendum


def _open_beoordelingen(proces: IdentificatieProces):
    return list(
        Task.objects.filter(
            process=proces, flow_task=_flow().beoordelen, status__in=OPEN_STATUSSEN
        ).order_by("pk")
    )


def _ronde_sluiten(*, proces, open_taken, reden: str, wegens: str, door=None) -> None:
    """Close the round: record when, why and how, then finish each open assessment
    task through its activation, so the join moves the process on to the zorgtafel.
    A coordinator's early close and the deadline's close both come here; ``door``
    is the coordinator (who takes the unclaimed tasks) or None (the system, and the
    tasks keep whoever had claimed them)."""
    IdentificatieProces.objects.filter(pk=proces.pk).update(
        ronde_gesloten_op=timezone.now(), ronde_vervroegd_reden=reden, ronde_gesloten_wegens=wegens
    )
    markering = (
        "deadline_verstreken"
        if wegens == IdentificatieProces.Sluitwijze.DEADLINE
        else "vervroegd_gesloten"
    )
    for task in open_taken:
        with task.activation() as activation:
            if activation.task.status == STATUS.NEW:
                activation.assign(door)
            activation.task.data = {**activation.task.data, markering: True}
            activation.task.save()
            activation.start(None)
            activation.execute()
    ronde_termijn_beeindigen(proces, reden=reden)
    proces.refresh_from_db()


def _escalatie_afronden(ctx: AuditContext, proces: IdentificatieProces, toelichting: str) -> None:
    """The coordinator did what the passed deadline's task asked (closed the round,
    extended the deadline): the task is done, by them."""
    for taak in Casustaak.objects.filter(
        casus=proces.casus, soort=IdentificatieProces.ESCALATIESOORT
    ).open():
        casustaak_afronden(ctx=ctx, taak=taak, toelichting=toelichting)


@transaction.atomic
def ronde_close(*, ctx: AuditContext, proces: IdentificatieProces, reden: str):
    """Close the assessment round early, with a recorded reason. Open assessment
    tasks are finished as "closed by the coordinator"; late assessments can still
    be submitted and attach to the case."""
    user = ctx.user
    if not may_coordinate(user, proces.casus):
        raise PermissionDenied
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden om de ronde eerder te sluiten.")})
    # The process's lock: the deadline's close may run at the same moment.
    proces = IdentificatieProces.objects.select_for_update().get(pk=proces.pk)
    open_taken = _open_beoordelingen(proces)
    if proces.ronde_gesloten or not open_taken:
        raise ValidationError(_("Er staan geen beoordelingen meer open."))
    _escalatie_afronden(ctx, proces, _("Ronde gesloten."))
    _ronde_sluiten(
        proces=proces,
        open_taken=open_taken,
        reden=reden.strip(),
        wegens=IdentificatieProces.Sluitwijze.COORDINATOR,
        door=user,
    )
    wijziging_record(
        casus=proces.casus, door=user, onderwerp=_("Beoordelingsronde eerder gesloten")
    )
    audit_object(ctx, Actie.WIJZIGEN, proces, ronde="gesloten", open_taken=len(open_taken))
    return proces


def ontbrekende_organisaties(proces: IdentificatieProces) -> list[str]:
    """The names of the invited organisations whose assessment is still open."""
    return list(
        Taak.objects.filter(
            proces=proces,
            task__flow_task=_flow().beoordelen,
            task__status__in=OPEN_STATUSSEN,
        )
        .order_by("organisatie__naam")
        .values_list("organisatie__naam", flat=True)
    )


@transaction.atomic
def ronde_sluiten_na_deadline(
    *, proces: IdentificatieProces, vandaag: datetime.date
) -> IdentificatieProces | None:
    """The deadline passed: close the round as the coordinator's early close does,
    with "Deadline verstreken" and the organisations that had not submitted as the
    reason (names of organisations only, never content). Their open tasks finish
    marked "deadline_verstreken"; they can still submit late, marked late.

    The system acts, not a person. Idempotent: a round already closed, a cancelled
    or finished process, or a deadline not yet passed changes nothing (returns
    None); two runs at once queue on the process's lock and the second finds the
    round closed."""
    proces = IdentificatieProces.objects.select_for_update().get(pk=proces.pk)
    if proces.status != PROCESS.NEW or proces.ronde_gesloten or proces.deadline >= vandaag:
        return None
    open_taken = _open_beoordelingen(proces)
    if not open_taken:
        return None
    ontbrekend = ontbrekende_organisaties(proces)
    reden = _("Deadline verstreken. Geen beoordeling van: %(organisaties)s.") % {
        "organisaties": ", ".join(ontbrekend)
    }
    _ronde_sluiten(
        proces=proces,
        open_taken=open_taken,
        reden=reden,
        wegens=IdentificatieProces.Sluitwijze.DEADLINE,
    )
    audit_object(
        AuditContext.system(doel=Doel.COORDINATIE),
        Actie.WIJZIGEN,
        proces,
        ronde="gesloten",
        wegens="deadline",
        open_taken=len(open_taken),
    )
    return proces


#: What the deadline's expiry does (``settings.TERMIJNEN["beoordelingsdeadline"]
#: ["bij_verlopen"]``): "sluiten" closes the round, "escaleren" asks the coordinator.
#: Closing is the default: a round nobody closes keeps the case waiting on a
#: coordinator's memory, which is what the issue is against, and nothing is lost
#: by it (a late assessment still attaches to the case, marked late, and the
#: coordinator sees who was missing in the reason).
BIJ_VERLOPEN = ("sluiten", "escaleren")
BIJ_VERLOPEN_STANDAARD = "sluiten"


def bij_verlopen_instelling() -> str:
    waarde = instelling(IdentificatieProces.TERMIJNSOORT, "bij_verlopen", BIJ_VERLOPEN_STANDAARD)
    if waarde not in BIJ_VERLOPEN:
        raise ImproperlyConfigured(
            f'TERMIJNEN["beoordelingsdeadline"]["bij_verlopen"] = {waarde!r}: '
            f"kies uit {', '.join(BIJ_VERLOPEN)}"
        )
    return waarde


@transaction.atomic
def ronde_escaleren(*, proces: IdentificatieProces, vandaag: datetime.date):
    """The deadline passed with assessments open: a task for the coordinating
    organisation, "decide on the round: close it or extend the deadline" (its
    members who see the case are told). One per deadline: run twice, made once;
    extended and passed again, a new one. None when there is nothing to decide."""
    proces = IdentificatieProces.objects.select_for_update().get(pk=proces.pk)
    if proces.status != PROCESS.NEW or proces.ronde_gesloten or proces.deadline >= vandaag:
        return None
    if not _open_beoordelingen(proces):
        return None
    casus = proces.casus
    return casustaak_maken(
        casus=casus,
        soort=IdentificatieProces.ESCALATIESOORT,
        organisatie=casus.coordinerende_organisatie,
        deadline=vandaag + datetime.timedelta(days=TERMIJN_COORDINATIE_DAGEN),
        sleutel=f"{proces.public_id}:{proces.deadline.isoformat()}",
    )


def beoordelingsdeadline_verlopen(*, proces: IdentificatieProces, vandaag: datetime.date):
    """The term's expiry (``Regel.bij_verlopen``): close or escalate, as set."""
    if bij_verlopen_instelling() == "escaleren":
        return ronde_escaleren(proces=proces, vandaag=vandaag)
    return ronde_sluiten_na_deadline(proces=proces, vandaag=vandaag)


@transaction.atomic
def deadline_verlengen(*, ctx: AuditContext, proces: IdentificatieProces, deadline):
    """The coordinator gives the disciplines more time: a later deadline for the
    round and its open assessment tasks; the term moves with it (or, passed,
    runs again to the new date, with its reminders), and a task to decide on the
    passed deadline is done."""
    user = ctx.user
    if not may_coordinate(user, proces.casus):
        raise PermissionDenied
    proces = IdentificatieProces.objects.select_for_update().get(pk=proces.pk)
    if proces.status != PROCESS.NEW or proces.ronde_gesloten:
        raise ValidationError(_("De beoordelingsronde is gesloten."))
    if deadline is None:
        raise ValidationError({"deadline": _("Kies de nieuwe deadline.")})
    if deadline <= timezone.localdate():
        raise ValidationError({"deadline": _("De deadline moet in de toekomst liggen.")})
    if deadline <= proces.deadline:
        raise ValidationError(
            {"deadline": _("Kies een datum na de huidige deadline; eerder sluiten kan ook.")}
        )
    vorige = proces.deadline
    proces.deadline = deadline
    proces.save(update_fields=["deadline"])
    Taak.objects.filter(
        proces=proces, task__flow_task=_flow().beoordelen, task__status__in=OPEN_STATUSSEN
    ).update(deadline=deadline)
    termijn_zetten(
        casus=proces.casus,
        soort=IdentificatieProces.TERMIJNSOORT,
        sleutel=proces.public_id,
        start=min(timezone.localdate(proces.created), timezone.localdate()),
        einde=deadline,
        ctx=ctx,
    )
    _escalatie_afronden(
        ctx,
        proces,
        _("Deadline verlengd tot %(datum)s.") % {"datum": datum(deadline)},
    )
    wijziging_record(
        casus=proces.casus,
        door=user,
        onderwerp=_("Deadline beoordelingen verlengd"),
        velden=[str(IdentificatieProces._meta.get_field("deadline").verbose_name)],
    )
    audit_object(
        ctx,
        Actie.WIJZIGEN,
        proces,
        deadline=deadline.isoformat(),
        vorige_deadline=vorige.isoformat(),
    )
    return proces


@transaction.atomic
def zorgtafel_uitkomst_record(*, ctx: AuditContext, taak: Taak, uitkomst: str):
    """Record the zorgtafel's outcome on the case; completes the conference step.
    The meeting's decision on the case calls this (casusoverleg zorgtafel)."""
    taak_check_owner(ctx.user, taak)
    if not (uitkomst or "").strip():
        raise ValidationError({"uitkomst": _("Beschrijf de uitkomst van de zorgtafel.")})
    IdentificatieProces.objects.filter(pk=taak.proces_id).update(
        zorgtafel_uitkomst=uitkomst.strip()
    )
    taak_complete(taak, ctx.user)
    wijziging_record(casus=taak.casus, door=ctx.user, onderwerp=_("Uitkomst zorgtafel vastgelegd"))
    audit_object(ctx, Actie.WIJZIGEN, taak.proces.coerced, stap="zorgtafel")


@transaction.atomic
def proces_cancel(*, ctx: AuditContext, proces: IdentificatieProces, reden: str):
    """Cancel the process with a reason; open tasks are cancelled."""
    user = ctx.user
    if not may_coordinate(user, proces.casus):
        raise PermissionDenied
    if proces.status != PROCESS.NEW:
        raise ValidationError(_("Dit proces is al afgerond of geannuleerd."))
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef de reden van de annulering.")})
    proces = IdentificatieProces.objects.get(pk=proces.pk)
    proces.geannuleerd_reden = reden.strip()
    _flow().instance.cancel(proces)  # saves the process, reason included
    termijnen_annuleren(
        casus=proces.casus,
        soort=IdentificatieProces.TERMIJNSOORT,
        sleutel=proces.public_id,
        reden=proces.geannuleerd_reden,
        ctx=ctx,
    )
    casustaken_vervallen(
        casus=proces.casus,
        soort=IdentificatieProces.ESCALATIESOORT,
        reden=proces.geannuleerd_reden,
        ctx=ctx,
    )
    proces.refresh_from_db()
    wijziging_record(casus=proces.casus, door=user, onderwerp=_("Identificatieproces geannuleerd"))
    audit_object(ctx, Actie.WIJZIGEN, proces, status="geannuleerd")
    return proces


@transaction.atomic
def zorgtafelstap_complete(*, ctx: AuditContext, casus: Casus, besluit: str) -> bool:
    """The conference step completes from the meeting's decision on the case.

    Called by casusoverleg's ``besluit_record``. When the case's
    process waits at its zorgtafel step and the person recording the decision may
    take that step, it is done with the decision as its outcome. Returns whether
    a step was completed; otherwise a coordinator records the outcome in the task.
    """
    flow = _flow()
    proces = actief_proces(casus)
    if proces is None:
        return False
    taak = (
        Taak.objects.filter(
            proces=proces,
            task__flow_task=flow.zorgtafel,
            task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .select_related("task", "casus", "proces", "organisatie")
        .first()
    )
    if taak is None or taak_refusal(ctx.user, taak):
        return False
    if taak.task.owner_id is None:
        with taak.task.activation() as activation:
            if activation.task.status == STATUS.NEW and activation.task.owner_id is None:
                activation.assign(ctx.user)
    if taak.task.owner_id != ctx.user.pk:
        return False
    zorgtafel_uitkomst_record(ctx=ctx, taak=taak, uitkomst=besluit)
    return True


def processen_annuleren_bij_sluiten(*, ctx: AuditContext, casus: Casus, reden: str) -> None:
    """Closing a case (``casusoverleg.sluiten``): every running identification
    process of the case is cancelled with ``reden``, and its open tasks with it
    (viewflow's cancel, under the flow's lock). No rule of its own:
    ``casus_sluiten`` decided who may, and this runs in its transaction."""
    flow = _flow()
    for proces in IdentificatieProces.objects.filter(casus=casus, status=PROCESS.NEW):
        proces.geannuleerd_reden = reden
        flow.instance.cancel(proces)  # saves the process, reason included
        wijziging_record(casus=casus, door=ctx.user, onderwerp=_("Identificatieproces geannuleerd"))
        audit_object(ctx, Actie.WIJZIGEN, proces, status="geannuleerd", reden="casus_gesloten")


def open_processtaken_overzicht(*, casus: Casus) -> list[str]:
    """What closing ``casus`` cancels here, for the closing form (counts only)."""
    aantal = Task.objects.filter(
        process__in=IdentificatieProces.objects.filter(casus=casus, status=PROCESS.NEW),
        status__in=OPEN_STATUSSEN,
    ).count()
    if not aantal:
        return []
    return [
        ngettext(
            "wordt het lopende identificatieproces geannuleerd, met %(aantal)s open taak;",
            "wordt het lopende identificatieproces geannuleerd, met %(aantal)s open taken;",
            aantal,
        )
        % {"aantal": aantal}
    ]
