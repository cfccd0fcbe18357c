"""Reads of the advice, narrowed by casusoverleg.permissions."""

from collections import Counter

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casusoverleg import permissions
from casusoverleg.models import Termijn
from casusoverleg.permissions import VIEW, casussen_for_user
from identificatie.flows import taak_refusal
from identificatie.models import Taak
from identificatie.selectors import taken_for_user

from . import termijnen as termijnen_advies
from .models import Advies, AdviesVerzending


def open_correctie_taak(*, user, advies: Advies):
    """The open task of the correction ``advies`` is, if the user may carry it out
    (``taak_refusal``: their organisation's, on a case they take part in, the
    node's role, four eyes), else None: no link that leads to a refusal."""
    if advies.vervangt_id is None or advies.vastgesteld:
        return None
    taak = taken_for_user(user=user).filter(proces__correctieproces__advies=advies).first()
    return taak if taak is not None and taak_refusal(user, taak) is None else None


#: How many corrections deep ``aftekenen_open`` follows a correction back to the
#: process that asked for sign-off (``services.aftekenen_vereist`` follows all).
CORRECTIES_DIEP = 6


def _aftekenen_vereist_q() -> Q:
    """``services.aftekenen_vereist`` as a query: the advice's own process, or that
    of the version its correction (of a correction…) replaces. Only a first version
    has a process; a correction has none."""
    q = Q()
    pad = ""
    for _ in range(CORRECTIES_DIEP + 1):
        q |= Q(**{f"{pad}proces__aftekenen_vereist": True})
        pad += "vervangt__"
    return q


def aftekenen_open(*, user):
    """The advices under review that the user's organisation must still sign off:
    sign-off asked, a view of the organisation in it, not signed yet, on a case the
    user may see (``services.aftekening_refusal`` as a query). Each carries the
    deadline of its open review task (``review_deadline``); one query."""
    review_deadline = (
        Taak.objects.filter(
            Q(proces_id=OuterRef("proces_id")) | Q(proces__correctieproces__advies=OuterRef("pk")),
            task__status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        .order_by("deadline")
        .values("deadline")[:1]
    )
    return (
        Advies.objects.filter(
            _aftekenen_vereist_q(),
            status=Advies.Status.IN_REVIEW,
            standpunten__organisatie=user.organisatie_id,
            casus__in=casussen_for_user(user=user, perm=VIEW),
        )
        .exclude(aftekeningen__organisatie=user.organisatie_id)
        .annotate(review_deadline=Subquery(review_deadline))
        .select_related("casus")
        .order_by("review_deadline", "pk")
    )


def aftekenstatus(advies: Advies) -> list[dict]:
    """Per organisation with a view in the advice: its sign-off, or None when it has
    not signed yet (two queries)."""
    getekend = {
        a.organisatie_id: a for a in advies.aftekeningen.select_related("door__organisatie")
    }
    return [
        {"organisatie": s.organisatie, "aftekening": getekend.get(s.organisatie_id)}
        for s in advies.standpunten.select_related("organisatie").order_by("organisatie__naam")
    ]


def adviezen_ter_beoordeling(*, user):
    """The advices in review (awaiting the four-eyes review or the disciplines'
    sign-off) on cases ``user`` coordinates, oldest first, with how many
    organisations have signed off."""
    if not permissions.may_coordinate_cases(user):
        return Advies.objects.none()
    return (
        Advies.objects.filter(
            status=Advies.Status.IN_REVIEW,
            casus__in=permissions.casussen_for_user(user=user, perm=permissions.COORDINATE),
        )
        .select_related("casus", "proces")
        .annotate(aantal_aftekeningen=Count("aftekeningen"))
        .order_by("updated_at", "pk")
    )


# After adoption: for the advice page, the case page and the figures -------------------


def verzendingen(advies: Advies):
    """The sendings of one version, in order (one query)."""
    return advies.verzendingen.select_related("door__organisatie").order_by("verzonden_op", "pk")


def verzendingen_statistiek(*, van=None, tot=None) -> list[dict]:
    """The first sending of each advice to each addressee, for the project group's
    figures: addressee, channel, sending date and the days from adoption to
    sending. No case, no person, no text: the statistics module counts these (and
    suppresses small cells). ``van``/``tot`` bound the sending date (inclusive)."""
    qs = AdviesVerzending.objects.all()
    if van is not None:
        qs = qs.filter(verzonden_op__gte=van)
    if tot is not None:
        qs = qs.filter(verzonden_op__lte=tot)
    rijen = {}
    for v in qs.order_by("verzonden_op", "pk").values(
        "advies_id", "geadresseerde", "kanaal", "verzonden_op", "advies__vastgesteld_op"
    ):
        sleutel = (v["advies_id"], v["geadresseerde"])
        if sleutel in rijen:
            continue
        rijen[sleutel] = {
            "geadresseerde": v["geadresseerde"],
            "kanaal": v["kanaal"],
            "verzonden_op": v["verzonden_op"],
            "dagen_na_vaststelling": (
                v["verzonden_op"] - timezone.localdate(v["advies__vastgesteld_op"])
            ).days,
        }
    return list(rijen.values())


def verzonden_per_geadresseerde(*, van=None, tot=None) -> Counter:
    """How many advices were sent to each addressee (first sendings only)."""
    return Counter(r["geadresseerde"] for r in verzendingen_statistiek(van=van, tot=tot))


#: Days after adoption by which the coordinator should have sent the advice (the
#: deadline of the "Advies verzenden" task; a working week).
VERZENDEN_BINNEN_DAGEN = 7


def te_verzenden(*, user):
    """The adopted versions that hold and were never sent, on cases ``user``
    coordinates: the coordinator's task "Advies verzenden" (one query)."""
    if not permissions.may_coordinate_cases(user):
        return Advies.objects.none()
    return (
        Advies.objects.filter(
            status=Advies.Status.VASTGESTELD,
            casus__in=permissions.casussen_for_user(user=user, perm=permissions.COORDINATE),
            verzendingen__isnull=True,
        )
        .exclude(vervangen_door__vastgesteld_op__isnull=False)
        .select_related("casus")
        .order_by("vastgesteld_op", "pk")
    )


def besluiten_open(*, user) -> list[tuple]:
    """The addressees' decisions still to record, on cases ``user`` coordinates: one
    ``(termijn, advies, geadresseerde)`` per running decision term (two queries). The
    term ends when the decision is recorded or the version is superseded."""
    if not permissions.may_coordinate_cases(user):
        return []
    termijnen = list(
        Termijn.objects.lopend()
        .filter(
            soort=termijnen_advies.SOORT,
            casus__in=permissions.casussen_for_user(user=user, perm=permissions.COORDINATE),
        )
        .select_related("casus")
    )
    adviezen = {
        a.public_id: a
        for a in Advies.objects.filter(
            public_id__in={t.sleutel.split(":", 1)[0] for t in termijnen}
        )
    }
    rijen = []
    for termijn in termijnen:
        public_id, geadresseerde = termijn.sleutel.split(":", 1)
        if (advies := adviezen.get(public_id)) is not None:
            rijen.append((termijn, advies, geadresseerde))
    return rijen
