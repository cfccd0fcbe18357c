"""Signalling and the identification process on the case page, without the core
knowing about this app's models."""

from django import template
from django.db.models import Prefetch

from casusoverleg.permissions import COORDINATE, casussen_for_user

from ..models import Melding, Signaal, Taak

register = template.Library()


@register.inclusion_tag("identificatie/_casus_signalering.html", takes_context=True)
def casus_signalering(context, casus):
    melding = Melding.objects.filter(casus=casus).only("status", "casus_id").first()
    return {
        "casus": casus,
        "niet_gemeld": melding is None or melding.status == Melding.Status.TE_MELDEN,
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
    kan_coordineren = casussen_for_user(user=user, perm=COORDINATE).filter(pk=casus.pk).exists()
    return {
        "casus": casus,
        "processen": processen,
        "kan_starten": user.is_coordinator
        and not any(p.status == "NEW" for p in processen)
        and kan_coordineren,
        "kan_coordineren": kan_coordineren,
        "adviezen": casus.adviezen.order_by("-versie"),
    }
