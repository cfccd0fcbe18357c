"""Named users, as in the demo: tests read as stories about people.

``coordinator`` and ``coordinator2`` work for the coordinating municipality;
``politie``, ``zorg``, ``jeugdzorg``, ``nidos``, ``advocaat`` and ``advocaat2``
(another firm), ``comensha``, ``projectgroep`` and ``beheerder`` each for their own
organisation (``beheerder2`` is a second administrator, for four eyes);
``buitenstaander`` works for an organisation that takes part in
nothing and should have no access to anything.
"""

from unittest import mock

import pytest
from django.db.backends.base.operations import BaseDatabaseOperations

from casusoverleg.models import Discipline
from tests.factories import OrganisatieFactory, UserFactory

AUDIT_TABLE = "casusoverleg_auditevent"


def audit_trigger_switch(connection):
    """Statements that take the audit table's triggers out of the way and put them
    back exactly as the migrations made them (read from the database itself)."""
    if connection.vendor == "postgresql":
        # Deferred foreign-key checks of rows inserted in this transaction are
        # "pending trigger events", which forbid ALTER TABLE: run them first.
        return (
            ["SET CONSTRAINTS ALL IMMEDIATE", f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER USER"],
            [f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER USER", "SET CONSTRAINTS ALL DEFERRED"],
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [AUDIT_TABLE],
        )
        triggers = cursor.fetchall()
    return [f'DROP TRIGGER "{name}"' for name, _sql in triggers], [sql for _name, sql in triggers]


_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _execute_sql_flush_past_audit_triggers(self, sql_list):
    if not any(AUDIT_TABLE in sql for sql in sql_list):
        return _execute_sql_flush(self, sql_list)
    suspend, restore = audit_trigger_switch(self.connection)
    return _execute_sql_flush(self, [*suspend, *sql_list, *restore])


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_triggers():
    """Transactional tests empty every table afterwards (``flush``: DELETE on SQLite,
    TRUNCATE on PostgreSQL), which the audit triggers refuse. Only here, in the test
    harness, does the flush lift them for its own transaction and restore them in
    it; production code has no such switch, and the application's database role
    could not use one (it neither owns the table nor may create triggers)."""
    with mock.patch.object(
        BaseDatabaseOperations, "execute_sql_flush", _execute_sql_flush_past_audit_triggers
    ):
        yield


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test starts with an empty cache (the lockout and throttles live there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _user(username, org_naam, discipline, **roles):
    org = OrganisatieFactory(naam=org_naam, discipline=discipline)
    return UserFactory(username=username, organisatie=org, **roles)


@pytest.fixture
def gemeente(db):
    return OrganisatieFactory(naam="Gemeente Voorbeeldstad", discipline=Discipline.GEMEENTE)


@pytest.fixture
def coordinator(gemeente):
    return UserFactory(username="coordinator", organisatie=gemeente, is_coordinator=True)


@pytest.fixture
def coordinator2(gemeente):
    return UserFactory(
        username="coordinator2", organisatie=gemeente, is_coordinator=True, is_reviewer=True
    )


@pytest.fixture
def politie(db):
    return _user("politie", "Politie Voorbeeld", Discipline.POLITIE)


@pytest.fixture
def zorg(db):
    return _user("zorg", "Zorgcentrum De Vuurtoren", Discipline.ZORG)


@pytest.fixture
def jeugdzorg(db):
    return _user("jeugdzorg", "Jeugdzorg Voorbeeld", Discipline.JEUGDZORG)


@pytest.fixture
def nidos(db):
    return _user("nidos", "Nidos Voorbeeld", Discipline.NIDOS)


@pytest.fixture
def advocaat(db):
    return _user("advocaat", "Advocatenkantoor Van Dijk", Discipline.ADVOCATUUR)


@pytest.fixture
def advocaat2(db):
    return _user("advocaat2", "Advocatenkantoor De Linde", Discipline.ADVOCATUUR)


@pytest.fixture
def comensha(db):
    return _user("comensha", "CoMensha", Discipline.COMENSHA)


@pytest.fixture
def projectgroep(db):
    return _user("projectgroep", "Projectgroep identificatie", Discipline.PROJECTGROEP)


@pytest.fixture
def beheergroep(db):
    """The functional administrators' permission group, as the demo sets it up."""
    from django.contrib.auth.models import Group, Permission

    from casusoverleg.demo.organisaties import BEHEER_GROUP, BEHEER_PERMISSIONS

    groep, _ = Group.objects.get_or_create(name=BEHEER_GROUP)
    groep.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model, actions in BEHEER_PERMISSIONS
        for action in actions
    )
    return groep


@pytest.fixture
def beheerder(beheergroep):
    return _user(
        "beheerder",
        "Functioneel beheer",
        Discipline.BEHEER,
        is_staff=True,
        beheergroepen=[beheergroep],
    )


@pytest.fixture
def beheerder2(beheerder, beheergroep):
    """A second administrator, for what needs four eyes."""
    return UserFactory(
        username="beheerder2",
        organisatie=beheerder.organisatie,
        is_staff=True,
        beheergroepen=[beheergroep],
    )


@pytest.fixture
def buitenstaander(db):
    return _user("buitenstaander", "Zorginstelling Elders", Discipline.ZORG)


@pytest.fixture
def login(client):
    """Log a user in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def indicatorlijst(db):
    """The published indicator list. A data migration loads it, but transactional
    tests empty every table, so load it again when it is gone."""
    from django.utils import timezone

    from identificatie import indicatoren
    from identificatie.models import Indicator, IndicatorGroep, IndicatorLijst

    lijst = IndicatorLijst.objects.actueel()
    if lijst is None:
        lijst = indicatoren.load(
            indicatoren.read(),
            IndicatorLijst=IndicatorLijst,
            IndicatorGroep=IndicatorGroep,
            Indicator=Indicator,
            gepubliceerd_op=timezone.now(),
        )
    return lijst
