"""What the idle warning's script needs from the settings (base.html), and the
purpose of use stated in this session (the case pages' navigation)."""

from django import template
from django.conf import settings

from .. import gebruiksdoel
from ..middleware import duur_tekst

register = template.Library()


@register.simple_tag
def sessie_tijden() -> dict:
    """The idle limit and the warning's lead, in seconds and as the dialog says them."""
    idle = settings.SESSION_COOKIE_AGE
    waarschuwing = min(settings.SESSION_WARNING_SECONDS, idle)
    return {
        "idle": idle,
        "waarschuwing": waarschuwing,
        "idle_tekst": duur_tekst(idle),
        "waarschuwing_tekst": duur_tekst(waarschuwing),
    }


@register.simple_tag(takes_context=True)
def gebruiksdoel_van(context, casus) -> str:
    """The purpose of use stated for ``casus`` in this session, in words ("" if none)."""
    gekozen = gebruiksdoel.opgegeven(context["request"], casus.public_id)
    return gebruiksdoel.label(gekozen) if gekozen else ""
