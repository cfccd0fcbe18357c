"""Signalling on the case page, without the core knowing about this app's models."""

from django import template

from ..models import Melding, Signaal

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
