"""Signalling and the identification process on the case page, without the core
knowing about this app's models."""

from django import template
from django.db.models import Prefetch

from casusoverleg.permissions import CHANGE, may_coordinate, may_read_advies, user_can

from .. import selectors
from ..models import Melding, Signaal, Taak

register = template.Library()


@register.inclusion_tag("identificatie/_casus_signalering.html", takes_context=True)
def casus_signalering(context, casus):
    melding = (
        Melding.objects.filter(casus=casus).only("status", "casus_id", "registratienummer").first()
    )
    return {
        "casus": casus,
        "melding": melding,
        "signalen": Signaal.objects.filter(casus=casus)
        .select_related("organisatie")
        .order_by("waargenomen_op", "pk"),
    }


@register.inclusion_tag("identificatie/_casus_identificatie.html", takes_context=True)
def casus_identificatie(context, casus):
    user = context["request"].user
    processen = list(
        casus.processen.order_by("-created").prefetch_related(
            Prefetch(
                "taken",
                queryset=Taak.objects.select_related("task", "organisatie").order_by(
                    "task__created", "pk"
                ),
            )
        )
    )
    # The advies app's relations, by name only: who supersedes a version, and its
    # sendings, for the list (two queries whatever the number of versions).
    adviezen = list(
        casus.adviezen.select_related("vervangen_door")
        .prefetch_related("verzendingen")
        .order_by("-versie")
    )
    for advies in adviezen:
        advies.leesbaar = may_read_advies(user, advies)
    return {
        "casus": casus,
        "processen": processen,
        "kan_starten": may_coordinate(user, casus)
        and not any(p.status == "NEW" for p in processen),
        "adviezen": adviezen,
    }


@register.inclusion_tag("identificatie/_casus_stand.html", takes_context=True)
def casus_stand(context, casus):
    """The top of the case page: where the identification process stands (its
    latest process), who still owes what, and what waits for this user."""
    user = context["request"].user
    proces = casus.processen.order_by("-created").first()
    taak = selectors.volgende_taak(user=user, casus=casus)
    melding = Melding.objects.filter(casus=casus).only("status", "casus_id").first()
    return {
        "casus": casus,
        "niet_gemeld": not casus.is_gesloten
        and (melding is None or melding.status == Melding.Status.TE_MELDEN),
        "proces": proces,
        "stappen": selectors.stappen(proces),
        "wachtend": selectors.wachtend_op(user=user, casus=casus),
        "taak": taak,
        "kan_starten": taak is None
        and may_coordinate(user, casus)
        and (proces is None or proces.status != "NEW"),
    }


@register.inclusion_tag("identificatie/_stappen.html")
def stappen(proces):
    """The step indicator of one process."""
    return {"stappen": selectors.stappen(proces)}


@register.inclusion_tag("identificatie/_behoefte_voorstellen.html", takes_context=True)
def behoefte_voorstellen(context, casus):
    """The needs section's "Voorgesteld uit beoordelingen": needs named in the
    assessments the user may read, not yet taken over; for those who may change
    the case only (they take them over)."""
    user = context["request"].user
    if not user_can(user, casus, CHANGE):
        return {"voorstellen": []}
    return {"casus": casus, "voorstellen": selectors.behoefte_voorstellen(user=user, casus=casus)}
