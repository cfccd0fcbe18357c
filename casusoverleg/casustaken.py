"""The kinds of task on a case that are no process step (``Casustaak``).

Each kind says what the task is called and what it asks, in fixed words (a task
shows in Mijn taken and its notice travels by e-mail: never a name or other case
content). Apps register theirs in ``AppConfig.ready``; they create tasks with
``casusoverleg.services.casustaak_maken`` and may end them with
``casustaken_vervallen`` when the reason for them is gone (Nidos took part, say).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Soort:
    soort: str
    titel: str  # lazy: "Continuïteitsplan voor de 18e verjaardag"
    uitleg: str = ""  # lazy: what to do, shown on the task's page
    # A result must be written down to complete it (an outcome, a decision).
    toelichting_verplicht: bool = False


#: Every kind by code.
SOORTEN: dict[str, Soort] = {}


def register(soort: Soort) -> Soort:
    SOORTEN[soort.soort] = soort
    return soort


def soort(code: str) -> Soort:
    try:
        return SOORTEN[code]
    except KeyError:
        raise LookupError(f"Geen soort casustaak {code!r}; registreer hem in ready().") from None


def titel(code: str) -> str:
    """A kind's title; its code when no app registered it (data of a removed kind)."""
    return str(SOORTEN[code].titel) if code in SOORTEN else code
