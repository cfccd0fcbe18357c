"""The figures' section of the start page (``casusoverleg.startpagina``)."""

from django.utils.translation import gettext_lazy

from casusoverleg.permissions import may_read_statistiek
from casusoverleg.startpagina import Sectie

SECTIES = (
    Sectie(
        sleutel="statistiek",
        titel=gettext_lazy("Cijfers van de pilot"),
        voor=may_read_statistiek,
        tekst=gettext_lazy(
            "Aantallen, doorlooptijden en uitkomsten van de pilot, zonder ooit een persoon "
            "te tonen: kleine aantallen zijn onderdrukt."
        ),
        alles_url="statistiek:dashboard",
        # Below the work: for a coordinator, what waits comes first.
        volgorde=95,
    ),
)
