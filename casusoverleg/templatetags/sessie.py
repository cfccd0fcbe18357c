"""What the idle warning's script needs from the settings (base.html)."""

from django import template
from django.conf import settings

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
