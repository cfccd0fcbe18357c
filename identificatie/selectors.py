"""Reads of the identification process, all narrowed by casusoverleg.permissions."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from casusoverleg import permissions
from casusoverleg.models import Behoefte, Casus, Termijn
from casusoverleg.permissions import (
    beoordelingen_for_user,
)
from casusoverleg.termijnen import instelling
from casusoverleg.weergave import datum

from .flows import STAPPEN, taak_refusal
from .models import Beoordeling, Indicator, Melding, Signaal, Taak

OPEN = [STATUS.NEW, STATUS.ASSIGNED]
#: Task states in which the process waits at a node (a join waits as STARTED).
WACHTEND = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR]


def taken_for_user(*, user):
    """Open tasks of the user's organisation on cases the user takes part in."""
    return permissions.taken_for_user(Taak.objects.filter(task__status__in=OPEN), user=user)


def inbox(*, user):
    """Mijn taken: the user's own tasks and the organisation's unclaimed ones, with
    everything the list shows in one query."""
    mine_or_open = taken_for_user(user=user).filter(
        Q(task__owner=user) | Q(task__owner__isnull=True)
    )
    return (
        permissions.taken_zonder_eigen_werk(mine_or_open, user=user)
        .select_related("task", "casus", "organisatie")
        .order_by("deadline", "pk")
    )


def beoordelingen_zichtbaar(*, user, proces):
    """Assessments the user may read (``casusoverleg.permissions.beoordelingen_for_user``)."""
    qs = Beoordeling.objects.filter(proces=proces).select_related(
        "organisatie", "ingediend_door__organisatie"
    )
    return beoordelingen_for_user(qs, user=user, proces=proces)


def may_see_withheld(*, user, proces) -> bool:
    """Withheld information is for the coordinator only (the access module's rule)."""
    return permissions.may_see_withheld(user, proces)


def stappen(proces) -> list[dict]:
    """The step indicator of ``proces`` (or of a case without one, when None): each
    step of ``flows.STAPPEN`` with its state, "klaar", "huidig" or "open".

    The current step is the first at which the process waits; every step before it
    is done, every one after it open (after a review sends the advice back, the
    review is open again). A finished process is done throughout; a cancelled one
    has no current step, only the steps done before it stopped.
    """
    staat = ["open"] * len(STAPPEN)
    if proces is not None:
        taken = [
            (STAPPEN.index(node), status)
            for node, status in proces.task_set.values_list("flow_task", "status")
            if node in STAPPEN
        ]
        # Where it stopped, if cancelled; where it waits, if running; past the end, if done.
        stop = [STATUS.CANCELED] if proces.status == PROCESS.CANCELED else WACHTEND
        grens = min((i for i, s in taken if s in stop), default=len(STAPPEN))
        staat[:grens] = ["klaar"] * grens
        if proces.status == PROCESS.NEW and grens < len(STAPPEN):
            staat[grens] = "huidig"
    return [{"titel": node.task_title, "staat": s} for node, s in zip(STAPPEN, staat, strict=True)]


def wachtend_op(*, user, casus):
    """Wie wacht op wie: the open tasks of ``casus`` with the organisation (and the
    person who took it) that owes each, and by when; for everyone who may see the
    case (``casussen_for_user``), as the process page shows them. Who owes what,
    never what they wrote."""
    return (
        Taak.objects.filter(
            casus=casus,
            casus__in=permissions.casussen_for_user(user=user).values("pk"),
            task__status__in=OPEN,
        )
        .select_related("task", "task__owner", "organisatie")
        .order_by("deadline", "organisatie__naam", "pk")
    )


def volgende_taak(*, user, casus) -> Taak | None:
    """The next thing ``casus`` waits for from ``user``: the first of their tasks in
    Mijn taken (``inbox``) on this case that the step's node lets them carry out
    (``flows.taak_refusal``), or None."""
    for taak in inbox(user=user).filter(casus=casus):
        if taak_refusal(user, taak) is None:
            return taak
    return None


def indicatoren_uit_signalen(*, user, proces) -> dict[int, list[str]]:
    """The indicators of the case's signals that ``user`` may see, as the indicators
    of ``proces``'s list: {indicator pk: ["<date> (<organisation>)", ...]}.

    An assessment starts from what was entered once. Only signals visible to the
    user count (``casusoverleg.permissions.signalen_for_user``), so a signal they
    may not see never shows through its indicators. A signal recorded against an
    older list version carries over by indicator code. Dates and organisations
    only, never who recorded it."""
    signalen = permissions.signalen_for_user(
        Signaal.objects.filter(casus=proces.casus_id), user=user
    )
    herkomst: dict[str, list[str]] = {}
    rows = (
        Signaal.indicatoren.through.objects.filter(signaal__in=signalen)
        .order_by("signaal__waargenomen_op", "signaal__pk")
        .values_list("indicator__code", "signaal__waargenomen_op", "signaal__organisatie__naam")
    )
    for code, op, organisatie in rows:
        bron = f"{datum(op)} ({organisatie})"
        if bron not in herkomst.setdefault(code, []):
            herkomst[code].append(bron)
    if not herkomst:
        return {}
    return {
        pk: herkomst[code]
        for pk, code in Indicator.objects.filter(
            groep__lijst=proces.indicatorlijst_id, code__in=herkomst
        ).values_list("pk", "code")
    }


def collegas_voor_taak(*, user, taak) -> list:
    """The colleagues ``user`` can hand ``taak`` to: active members of the task's
    organisation, other than its holder, whom the step's node lets take it
    (``flows.taak_refusal``), by name."""
    kandidaten = (
        get_user_model()
        .objects.filter(is_active=True, organisatie_id=taak.organisatie_id)
        .exclude(pk__in=[user.pk, taak.task.owner_id or user.pk])
        .select_related("organisatie")
        .order_by("first_name", "last_name", "username")
    )
    return [c for c in kandidaten if taak_refusal(c, taak) is None]


def wachtende_casussen(*, user):
    """Cases waiting on the user's organisation: those with an open task of it
    (``taken_for_user``), the earliest deadline first."""
    eerste = (
        taken_for_user(user=user)
        .filter(casus=OuterRef("pk"))
        .order_by("deadline")
        .values("deadline")[:1]
    )
    return (
        permissions.casussen_for_user(user=user)
        .filter(pk__in=taken_for_user(user=user).values("casus"))
        .annotate(eerste_deadline=Subquery(eerste))
        .order_by("eerste_deadline", "pk")
    )


def meldingen_te_maken(*, user):
    """The cases ``user`` coordinates, not closed, that are not yet reported to
    CoMensha (every possible victim is reported): without a report, or one still
    "te melden". A report decided against ("niet gemeld", with its reason) is not
    waiting."""
    if not permissions.may_coordinate_cases(user):
        return Casus.objects.none()
    return (
        permissions.casussen_for_user(user=user, perm=permissions.COORDINATE)
        .exclude(status=Casus.Status.GESLOTEN)
        .filter(Q(melding__isnull=True) | Q(melding__status=Melding.Status.TE_MELDEN))
        .order_by("created_at", "pk")
    )


def melding_deadline(melding: Melding) -> datetime.date | None:
    """The last day of the report's running term (``comensha_melding``), as
    ``meldingen_in_te_dienen`` annotates it; for a report without one (made before
    terms existed) its length counted from the report's creation."""
    einde = getattr(melding, "termijn_einde", None)
    if einde is not None:
        return einde
    dagen = instelling("comensha_melding", "dagen")
    if dagen is None:
        return None
    return timezone.localdate(melding.created_at) + datetime.timedelta(days=dagen)


def meldingen_in_te_dienen(*, user):
    """The reports still "te melden" that ``user`` may submit
    (``meldingen_to_submit_for_user``: the coordinator's cases, and the signalling
    organisation's on cases it sees), open cases only, oldest first."""
    return (
        permissions.meldingen_to_submit_for_user(Melding.objects.all(), user=user)
        .filter(status=Melding.Status.TE_MELDEN)
        .exclude(casus__status=Casus.Status.GESLOTEN)
        .annotate(
            termijn_einde=Subquery(
                Termijn.objects.filter(casus=OuterRef("casus"), soort="comensha_melding")
                .lopend()
                .values("einde")[:1]
            )
        )
        .select_related("casus")
        .order_by("created_at", "pk")
    )


def meldingen_te_registreren(*, user):
    """CoMensha: the submitted reports still waiting for a registration number,
    oldest first."""
    return (
        permissions.meldingen_for_user(Melding.objects.all(), user=user)
        .filter(status=Melding.Status.INGEDIEND)
        .select_related("casus", "meldende_organisatie")
        .order_by("gemeld_op", "pk")
    )


def meldingen_ontvangen(*, user):
    """CoMensha: the reports received, newest first (``meldingen_for_user``)."""
    return (
        permissions.meldingen_for_user(Melding.objects.all(), user=user)
        .select_related("casus", "meldende_organisatie")
        .order_by("-gemeld_op", "-pk")
    )


#: The key of a need carried forward from an assessment (``Behoefte.bron_id``).
BRON_BEOORDELING = "beoordeling:%s"


def beoordelingen_met_behoeften(*, user, casus) -> list[Beoordeling]:
    """The submitted assessments of ``casus`` (all its processes) that ``user`` may
    read (``beoordelingen_of_casus_for_user``) and that name needs, oldest first;
    a fixed number of queries, whatever the number of processes."""
    if not permissions.user_can(user, casus):
        return []
    leesbaar = permissions.beoordelingen_of_casus_for_user(
        Beoordeling.objects.select_related("organisatie"), user=user, casus=casus
    )
    return [
        beoordeling
        for beoordeling in leesbaar.filter(ingediend_op__isnull=False)
        .exclude(behoeften="")
        .order_by("ingediend_op", "pk")
        if beoordeling.behoeften.strip()
    ]


def behoefte_voorstellen(*, user, casus) -> list[Beoordeling]:
    """Needs named in assessments, proposed as the case's needs: those of
    ``beoordelingen_met_behoeften`` not yet taken over (no need of the case has
    the assessment as its source)."""
    overgenomen = set(
        Behoefte.objects.filter(casus=casus).exclude(bron_id="").values_list("bron_id", flat=True)
    )
    return [
        beoordeling
        for beoordeling in beoordelingen_met_behoeften(user=user, casus=casus)
        if BRON_BEOORDELING % beoordeling.pk not in overgenomen
    ]
