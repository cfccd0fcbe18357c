"""Legal terms as timers: each kind of term's rule, in one place.

A rule (``Regel``) says what a term is called, how long it runs and when its
reminders go out (both from ``settings.TERMIJNEN[soort]``, so the lengths are
settings and never constants in code), who is told, and what happens at its
reminders and its end. The core knows the rules' shape; apps register theirs in
``AppConfig.ready`` (the core knows none of them), start and end terms through
``casusoverleg.services`` (``termijn_zetten``, ``termijn_afronden``) and leave the
rest to ``termijnen_bijwerken``, which ``manage.py herinneringen`` runs daily:
every reminder and every expiry happens once, however often it runs.

Callbacks run inside the transaction that records them, so a failure leaves the
term as it was, to be tried again on the next run:

- ``ontvangers(termijn) -> users`` who are told (only those the access module
  lets see the case; the notification service checks again when it sends);
- ``bij_herinnering(termijn, dagen)`` at each reminder, ``dagen`` before the end
  (e.g. create a ``Casustaak``); ``None`` to only tell;
- ``bij_verlopen(termijn, vandaag)`` the day after the last day (e.g. close an
  assessment round); ``None`` to only tell;
- ``url(termijn) -> str`` the page to act on it (default the case page).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from .models import Termijn


def instelling(soort: str, naam: str, standaard=None):
    """A setting of a kind of term: ``settings.TERMIJNEN[soort][naam]``."""
    return getattr(settings, "TERMIJNEN", {}).get(soort, {}).get(naam, standaard)


def _casuspagina(termijn: Termijn) -> str:
    return reverse("casusoverleg:casus-detail", args=[termijn.casus.public_id])


@dataclass(frozen=True)
class Regel:
    soort: str
    label: str  # lazy; shown on the case with the days left
    ontvangers: Callable
    bij_herinnering: Callable | None = None
    bij_verlopen: Callable | None = None
    url: Callable = field(default=_casuspagina)
    # What the term asks, shown under its label on the case (lazy, optional).
    uitleg: str = ""
    # A legal term runs through its last day and passes the day after; an event
    # such as a birthday happens on its day: such a term passes on ``einde`` itself.
    verloopt_op_einde: bool = False

    @property
    def dagen(self) -> int | None:
        """The term's length in days (``TERMIJNEN[soort]["dagen"]``), when it has one."""
        return instelling(self.soort, "dagen")

    @property
    def herinneren(self) -> tuple[int, ...]:
        """Days before the end at which a reminder goes out, largest first."""
        return tuple(sorted(set(instelling(self.soort, "herinneren", ())), reverse=True))


#: Every rule by kind.
REGELS: dict[str, Regel] = {}


def register(regel: Regel) -> Regel:
    """Add a kind of term (a second ``ready()`` replaces it with the same rule)."""
    REGELS[regel.soort] = regel
    return regel


def regel(soort: str) -> Regel:
    try:
        return REGELS[soort]
    except KeyError:
        raise LookupError(f"Geen regel voor termijn {soort!r} (registreer in ready())") from None
