"""Fictional demo data of the core: organisations, accounts, cases, participants
and needs.

Every name, organisation and case here is invented. ``manage.py demo`` calls
``load()`` of each app's ``demo`` module in INSTALLED_APPS order, so this one
runs first; the apps above find the organisations, accounts and cases again
through ``demo_organisaties``, ``demo_users`` and ``demo_casus``.
"""

from casusoverleg import services
from casusoverleg.demo.casussen import CASUSSEN, casussen_create, casussen_sluiten
from casusoverleg.demo.organisaties import (
    COORDINERENDE_ORGANISATIE,
    DEELNEMERS,
    DEMO_PASSWORD,
    USERS,
    beheer_group_update,
    demo_casus,
    demo_organisaties,
    demo_users,
    gemeenten_update,
    organisaties_update,
    users_update,
)

__all__ = [
    "COORDINERENDE_ORGANISATIE",
    "DEELNEMERS",
    "DEMO_PASSWORD",
    "USERS",
    "demo_casus",
    "demo_organisaties",
    "demo_users",
    "load",
    "afronden",
]


def load() -> list[str]:
    """Load the organisations, accounts and cases; return the lines to report."""
    organisaties = organisaties_update()
    users = users_update(organisaties=organisaties, beheer=beheer_group_update())
    gemeenten_update(organisaties)
    nieuw = casussen_create(organisaties=organisaties, users=users)
    # What the daily ``manage.py herinneringen`` would do now: the tasks of a minor
    # turning 18 soon (Dawit Demo) are there to be seen at once.
    # Only that kind: the other demo states (a round past its deadline) stay as they
    # are until the command is run, and loading the demo twice changes nothing.
    services.termijnen_bijwerken(soorten=["achttien"])
    return [f"{nieuw} casussen aangemaakt, {len(CASUSSEN) - nieuw} bestonden al."]


def afronden() -> list[str]:
    """After every app's demo data: close the cases meant to be closed."""
    organisaties = demo_organisaties()
    gesloten = casussen_sluiten(organisaties=organisaties, users=demo_users())
    return [f"{gesloten} casussen gesloten."] if gesloten else []
