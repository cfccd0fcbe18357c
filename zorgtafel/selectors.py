"""Reads of the meetings. Every case query starts from the access module."""

from django.db.models import Q

from casusoverleg.permissions import VIEW, casussen_for_user, zorgtafels_for_user

from .models import Actiepunt, Notule, Zorgtafel


def agendapunt_inhoud(*, agendapunt) -> dict:
    """Everything shown of one item to those who may see its case: the open actions
    of earlier meetings (and their review here), minutes, addenda, decision, actions."""
    eerdere = (
        Actiepunt.objects.filter(
            casus_id=agendapunt.casus_id,
            agendapunt__zorgtafel__begint_op__lt=agendapunt.zorgtafel.begint_op,
        )
        .filter(Q(status__in=Actiepunt.OPEN_STATUSSEN) | Q(beoordeeld_in=agendapunt))
        .exclude(agendapunt__zorgtafel=agendapunt.zorgtafel)
        .select_related("eigenaar", "agendapunt__zorgtafel")
    )
    notulen = list(Notule.objects.filter(agendapunt=agendapunt).select_related("auteur"))
    return {
        "agendapunt": agendapunt,
        "casus": agendapunt.casus,
        "eerdere": list(eerdere),
        "notulen": [n for n in notulen if not n.addendum],
        "addenda": [n for n in notulen if n.addendum],
        "actiepunten": list(agendapunt.actiepunten.select_related("eigenaar")),
    }


def zorgtafels_lijst(*, user):
    """The user's meetings: coming (planned or running) and past, soonest first."""
    qs = zorgtafels_for_user(Zorgtafel.objects.all(), user=user).select_related("voorzitter")
    komend = qs.filter(status__in=[Zorgtafel.Status.GEPLAND, Zorgtafel.Status.GESTART]).order_by(
        "begint_op"
    )
    eerder = qs.filter(
        status__in=[Zorgtafel.Status.GESLOTEN, Zorgtafel.Status.GEANNULEERD]
    ).order_by("-begint_op")
    return komend, eerder


def open_actiepunten(*, user):
    """Open actions owned by the user's organisation, in cases the user may see."""
    return (
        Actiepunt.objects.open()
        .filter(eigenaar=user.organisatie, casus__in=casussen_for_user(user=user, perm=VIEW))
        .select_related("casus", "agendapunt__zorgtafel", "eigenaar")
        .order_by("deadline", "pk")
    )
