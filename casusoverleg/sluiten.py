"""What closing a case cancels in the apps built on the core.

The core never imports those apps; each registers, in ``AppConfig.ready``, a
function ``functie(*, ctx, casus, reden)`` that cancels its open work on the case
(process tasks, a meeting's actions and agenda items) with ``reden``, a fixed
text naming why. ``casus_sluiten`` calls them all inside its own transaction, so
a handler that fails leaves the case open and nothing half-cancelled. A handler
decides nothing about who may: ``casus_sluiten`` has.

Reopening restores nobody's access, but the legal terms that still run come back:
each app may register ``functie(*, ctx, casus)`` with ``register_heropenen``, run by
``casus_heropenen`` in its transaction once the case is open again.

Each app may also register an overview, ``functie(*, casus) -> list[str]``: what
closing will cancel, in fixed words with counts (never content), shown on the
closing form so the coordinator knows before confirming.
"""

from collections.abc import Callable

#: Every handler, in the order of registration.
BIJ_SLUITEN: list[Callable] = []
BIJ_HEROPENEN: list[Callable] = []
OVERZICHT: list[Callable] = []


def register(functie):
    """Add a handler (idempotent, so a second ``ready()`` adds nothing)."""
    if functie not in BIJ_SLUITEN:
        BIJ_SLUITEN.append(functie)
    return functie


def register_heropenen(functie):
    """Add what reopening restores (idempotent)."""
    if functie not in BIJ_HEROPENEN:
        BIJ_HEROPENEN.append(functie)
    return functie


def register_overzicht(functie):
    """Add an overview of what closing cancels (idempotent)."""
    if functie not in OVERZICHT:
        OVERZICHT.append(functie)
    return functie


def overzicht(*, casus) -> list[str]:
    """What closing ``casus`` will cancel, as every app describes it."""
    return [regel for functie in OVERZICHT for regel in functie(casus=casus)]


def bij_sluiten(*, ctx, casus, reden: str) -> None:
    """Run every handler for ``casus``, in the caller's transaction."""
    for functie in BIJ_SLUITEN:
        functie(ctx=ctx, casus=casus, reden=reden)


def bij_heropenen(*, ctx, casus) -> None:
    """Run every reopening handler for ``casus``, in the caller's transaction."""
    for functie in BIJ_HEROPENEN:
        functie(ctx=ctx, casus=casus)
