"""Reads of the meetings. Every case query starts from the access module."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from casusoverleg.models import Deelname
from casusoverleg.permissions import (
    COORDINATE,
    VIEW,
    actiepunten_for_update,
    casussen_for_user,
    ingediende_beoordelingen_for_user,
    may_coordinate_cases,
    withheld_casus_ids,
    zichtbare_genodigden,
    zorgtafels_for_user,
)
from identificatie.models import Beoordeling

from .models import Actiepunt, Notule, Zorgtafel

#: How the room names an invitee whose name and organisation the reader may not
#: see (``permissions.zichtbare_genodigden``): once, whatever their number.
GENODIGDE_VERBORGEN = gettext_lazy("Een deelnemer aan een ander agendapunt")


def agendapunt_inhoud(*, agendapunt) -> dict:
    """Everything shown of one item to those who may see its case: the open actions
    of earlier meetings (and their review here), minutes, addenda, decision, actions."""
    return agendapunten_inhoud(punten=[agendapunt])[agendapunt.pk]


def agendapunten_inhoud(*, punten) -> dict[int, dict]:
    """``agendapunt_inhoud`` for several items of one meeting at once, in three
    queries whatever their number (the meeting page): item pk -> content."""
    if not punten:
        return {}
    zorgtafel = punten[0].zorgtafel
    casus_ids = {p.casus_id for p in punten}
    punt_ids = [p.pk for p in punten]
    eerdere = list(
        Actiepunt.objects.filter(
            casus_id__in=casus_ids,
            agendapunt__zorgtafel__begint_op__lt=zorgtafel.begint_op,
        )
        .filter(Q(status__in=Actiepunt.OPEN_STATUSSEN) | Q(beoordeeld_in_id__in=punt_ids))
        .exclude(agendapunt__zorgtafel=zorgtafel)
        .select_related("eigenaar", "agendapunt__zorgtafel")
    )
    notulen = list(
        Notule.objects.filter(agendapunt_id__in=punt_ids).select_related("auteur__organisatie")
    )
    acties = list(Actiepunt.objects.filter(agendapunt_id__in=punt_ids).select_related("eigenaar"))
    inhoud = {}
    for punt in punten:
        eigen = [n for n in notulen if n.agendapunt_id == punt.pk]
        inhoud[punt.pk] = {
            "agendapunt": punt,
            "casus": punt.casus,
            "eerdere": [
                a
                for a in eerdere
                if a.casus_id == punt.casus_id
                and (a.status in Actiepunt.OPEN_STATUSSEN or a.beoordeeld_in_id == punt.pk)
            ],
            "notulen": [n for n in eigen if not n.addendum],
            "addenda": [n for n in eigen if n.addendum],
            "actiepunten": [a for a in acties if a.agendapunt_id == punt.pk],
        }
    return inhoud


def genodigden_voor(*, user, zorgtafel) -> tuple[list, bool]:
    """The meeting's active invitees whose name and organisation ``user`` may see
    (``zichtbare_genodigden``), and whether there are others: those are shown once
    as ``GENODIGDE_VERBORGEN``, never counted. Three queries at most, whatever
    the number of invitees."""
    zichtbaar = zichtbare_genodigden(user, zorgtafel)
    uitnodigingen = list(
        zorgtafel.uitnodigingen.filter(actief=True).select_related("user__organisatie")
    )
    getoond = [u for u in uitnodigingen if u.user_id in zichtbaar]
    return getoond, len(getoond) < len(uitnodigingen)


def actiepunt_eigenaren(*, casus_ids) -> dict[int, list]:
    """The organisations that may own an action of each case (its active
    participants), for the chair's forms of a whole meeting in one query."""
    per_casus = {casus_id: [] for casus_id in casus_ids}
    deelnames = (
        Deelname.objects.actief()
        .filter(casus_id__in=casus_ids)
        .select_related("organisatie")
        .order_by("organisatie__naam")
    )
    for deelname in deelnames:
        if deelname.organisatie not in per_casus[deelname.casus_id]:
            per_casus[deelname.casus_id].append(deelname.organisatie)
    return per_casus


def zorgtafels_lijst(*, user):
    """The user's meetings: coming (planned or running) and past, soonest first."""
    qs = zorgtafels_for_user(Zorgtafel.objects.all(), user=user).select_related(
        "voorzitter__organisatie"
    )
    komend = qs.filter(status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART]).order_by(
        "begint_op"
    )
    eerder = qs.filter(
        status__in=[Zorgtafel.Status.GESLOTEN, Zorgtafel.Status.GEANNULEERD]
    ).order_by("-begint_op")
    return komend, eerder


def eigen_actiepunten(*, user):
    """Actions owned by the user's organisation, in cases the user may see: the
    ones the user may update (``services.actiepunt_update``)."""
    return actiepunten_for_update(Actiepunt.objects.all(), user=user)


def open_actiepunten(*, user):
    """Open actions owned by the user's organisation in cases the user may see and,
    for a coordinator, every open action of the cases they coordinate, whoever
    owns it (they agreed it and must follow it up)."""
    wie = Q(eigenaar=user.organisatie_id, casus__in=casussen_for_user(user=user, perm=VIEW))
    if may_coordinate_cases(user):
        wie |= Q(casus__in=casussen_for_user(user=user, perm=COORDINATE))
    return (
        Actiepunt.objects.open()
        .filter(wie)
        .select_related("casus", "agendapunt__zorgtafel", "eigenaar")
        .order_by("deadline", "pk")
    )


def verlopen_onbeoordeeld(*, zorgtafel) -> list:
    """The overdue open actions of earlier meetings on this meeting's cases that
    have not been reviewed in it: the meeting cannot close while there are any.
    The same actions its items show for review (``agendapunten_inhoud``)."""
    return list(
        Actiepunt.objects.verlopen()
        .filter(
            casus__agendapunten__zorgtafel=zorgtafel,
            agendapunt__zorgtafel__begint_op__lt=zorgtafel.begint_op,
        )
        .exclude(agendapunt__zorgtafel=zorgtafel)
        .exclude(beoordeeld_in__zorgtafel=zorgtafel)
        .select_related("casus")
        .order_by("casus__nummer", "deadline", "pk")
    )


def voortgang(*, actiepunt) -> list:
    """An action's history, oldest first, with who wrote each entry."""
    return list(actiepunt.voortgang.select_related("door__organisatie").order_by("op", "pk"))


def ingediende_beoordelingen(*, user, casus_ids) -> tuple[dict[int, list], set[int]]:
    """The submitted assessments of each case's identification processes that
    ``user`` may read (the access module's rule), newest round first, and the cases
    whose withheld information the user reads; for a whole agenda in a fixed
    number of queries: case pk -> assessments, and the set of case pks."""
    per_casus = {casus_id: [] for casus_id in casus_ids}
    if not per_casus:
        return per_casus, set()
    beoordelingen = (
        ingediende_beoordelingen_for_user(Beoordeling.objects.all(), user=user, casus_ids=per_casus)
        .select_related("organisatie", "ingediend_door__organisatie", "proces")
        .prefetch_related("indicatoren", "addenda")
        .order_by("-proces__created", "organisatie__naam", "pk")
    )
    for beoordeling in beoordelingen:
        per_casus[beoordeling.proces.casus_id].append(beoordeling)
    return per_casus, withheld_casus_ids(user, per_casus)


def komende_zorgtafels(*, user):
    """The user's next meetings (invited, chairing or organised): planned or
    running ones that have not ended, soonest first."""
    sinds = timezone.now() - datetime.timedelta(hours=12)
    return (
        zorgtafels_for_user(Zorgtafel.objects.all(), user=user)
        .filter(
            status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART], begint_op__gte=sinds
        )
        .order_by("begint_op", "pk")
    )
