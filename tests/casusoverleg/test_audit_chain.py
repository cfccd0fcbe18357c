"""The audit trail's hash chain, ``audit_verify``, and the database refusing changes."""

import datetime
import os
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, models, transaction
from django.db.models.deletion import Collector
from django.db.utils import DatabaseError
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casusoverleg import audit_chain
from casusoverleg.audit import AuditContext, audit_chain_verify, audit_log, audit_log_many
from casusoverleg.models import AppendOnlyError, AuditEvent
from tests.conftest import AUDIT_TABLE, audit_trigger_switch

ON_POSTGRESQL = "postgres" in os.environ.get("DATABASE_URL", "")
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="PostgreSQL's triggers, roles and connections (make test-services)"
)
APP_ROLE_SQL = Path(__file__).resolve().parents[2] / "deploy" / "app_role.sql"


@pytest.fixture
def ctx(coordinator):
    return AuditContext.system(coordinator)


@pytest.fixture
def five(ctx):
    return [audit_log(ctx, actie="lezen", object_type="casus", object_id=f"c{i}") for i in range(5)]


@contextmanager
def triggers_lifted():
    """What an attacker who owns the table does; inside the test's transaction."""
    suspend, restore = audit_trigger_switch(connection)
    with connection.cursor() as cursor:
        for sql in suspend:
            cursor.execute(sql)
        yield cursor
        for sql in restore:
            cursor.execute(sql)


def verify_fails(match):
    with pytest.raises(CommandError, match=match) as excinfo:
        call_command("audit_verify", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return str(excinfo.value)


def test_each_row_is_chained_to_the_one_before(five):
    rows = list(AuditEvent.objects.order_by("volgnummer"))
    assert [r.volgnummer for r in rows] == list(range(1, len(rows) + 1))
    assert [r.pk for r in rows[-5:]] == [e.pk for e in five]
    assert rows[0].vorige_hash == audit_chain.GENESIS_HASH
    for before, row in zip(rows, rows[1:], strict=False):
        assert row.vorige_hash == before.hash
    assert all(len(r.hash) == 64 and int(r.hash, 16) >= 0 for r in rows)
    assert len({r.hash for r in rows}) == len(rows)
    assert audit_chain_verify().valid


def test_audit_log_many_chains_its_rows_with_one_insert(ctx, five):
    with CaptureQueriesContext(connection) as queries:
        audit_log_many(
            ctx, [{"actie": "lezen", "object_type": "casus", "object_id": i} for i in range(4)]
        )
    assert sum(q["sql"].lstrip().upper().startswith("INSERT") for q in queries) == 1
    numbers = AuditEvent.objects.order_by("volgnummer").values_list("volgnummer", flat=True)
    assert list(numbers) == list(range(1, five[-1].volgnummer + 5))
    assert audit_chain_verify().valid


@pytest.mark.parametrize(
    "ip",
    ["2001:DB8:0:0:0:0:0:1", "::ffff:192.0.2.1", "fe80::1", "::1", "192.0.2.44", None],
)
def test_the_chain_verifies_from_what_the_database_returns(coordinator, ip):
    ctx = AuditContext(
        user=coordinator, doel="casusoverleg", ip=ip, user_agent="Zoë’s browser 🙂 — ü\u00a0ß"
    )
    event = audit_log(
        ctx,
        actie="zoeken",
        object_type="casus",
        object_id="ĳ-123",
        casus_public_id="pub-ü",
        detail={
            "nested": {"b": [1, 2, {"ç": None}], "a": (3, 4)},
            1: "an int key",
            "half": 0.5,
            "true": True,
            "text": "Ünïcødé ✓ \n tab\t",
        },
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.ip is None) == (ip is None)
    assert audit_chain_verify().valid, audit_chain_verify().first_break


def test_microseconds_and_time_zones_count_in_the_hash(ctx):
    event = audit_log(ctx, actie="lezen", object_type="casus")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.op == event.op and stored.op.microsecond == event.op.microsecond
    amsterdam = stored.op.astimezone(datetime.timezone(datetime.timedelta(hours=1)))
    assert audit_chain.canonical_time(amsterdam) == audit_chain.canonical_time(stored.op)
    stored.op += datetime.timedelta(microseconds=1)
    assert (
        audit_chain.event_hash(stored, volgnummer=stored.volgnummer, vorige_hash=stored.vorige_hash)
        != stored.hash
    )


def test_audit_verify_prints_the_head_of_a_valid_chain(five, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    head = AuditEvent.objects.order_by("volgnummer").last()
    assert f"Audit chain valid: {AuditEvent.objects.count()} rows" in out
    assert f"last volgnummer: {head.volgnummer}" in out and f"last hash: {head.hash}" in out


def test_audit_verify_exits_non_zero_on_a_broken_chain(five):
    from django.core.management import ManagementUtility

    with triggers_lifted() as cursor:
        cursor.execute(f"DELETE FROM {AUDIT_TABLE} WHERE id = %s", [five[2].pk])  # noqa: S608
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "audit_verify"]).execute()
    assert exit_.value.code == 1


def test_audit_verify_names_a_row_whose_content_changed(five):
    with triggers_lifted() as cursor:
        cursor.execute(
            f"UPDATE {AUDIT_TABLE} SET object_id = 'ander' WHERE id = %s",  # noqa: S608
            [five[1].pk],
        )
    v = five[1].volgnummer
    message = verify_fails(f"row volgnummer {v} ")
    assert f"id {five[1].pk}" in message and "content changed" in message
    assert f"Rows 1-{v - 1} are intact" in message


def test_audit_verify_names_a_row_whose_detail_changed(five):
    with triggers_lifted() as cursor:
        cursor.execute(
            f"UPDATE {AUDIT_TABLE} SET detail = %s WHERE id = %s",  # noqa: S608
            ['{"ander": 1}', five[3].pk],
        )
    assert "content changed" in verify_fails(f"row volgnummer {five[3].volgnummer} ")


def test_audit_verify_names_the_gap_where_a_row_was_deleted(five):
    with triggers_lifted() as cursor:
        cursor.execute(f"DELETE FROM {AUDIT_TABLE} WHERE id = %s", [five[1].pk])  # noqa: S608
    v = five[1].volgnummer
    message = verify_fails(f"row volgnummer {v + 1} ")
    assert f"row missing: expected volgnummer {v}, found {v + 1}" in message


def test_audit_verify_finds_reordered_rows(five):
    with triggers_lifted() as cursor:
        second, third = five[1].volgnummer, five[2].volgnummer
        for old, new in ((second, 1000), (third, second), (1000, third)):
            cursor.execute(
                f"UPDATE {AUDIT_TABLE} SET volgnummer = %s WHERE volgnummer = %s",  # noqa: S608
                [new, old],
            )
    message = verify_fails(f"row volgnummer {second} ")
    assert f"id {five[2].pk}" in message and "chain link broken" in message


def test_audit_verify_finds_a_forged_row_inserted_with_a_wrong_link(ctx, five):
    forged = AuditEvent(actie="lezen", uitkomst="toegestaan", doel="beheer", object_type="casus")
    audit_chain.link([forged], after_volgnummer=five[-1].volgnummer, after_hash="f" * 64)
    forged.save()
    message = verify_fails(f"row volgnummer {forged.volgnummer} ")
    assert "chain link broken" in message


def test_a_deleted_tail_is_found_through_a_recorded_anchor(five):
    head = AuditEvent.objects.get(pk=five[-1].pk)
    v = head.volgnummer
    call_command("audit_verify", anchor=[(v, head.hash)], stdout=open(os.devnull, "w"))  # noqa: SIM115
    with triggers_lifted() as cursor:
        cursor.execute(f"DELETE FROM {AUDIT_TABLE} WHERE volgnummer >= %s", [v - 1])  # noqa: S608
    # What is left is a valid, shorter chain: only the anchor shows the loss.
    assert audit_chain_verify().valid
    with pytest.raises(CommandError, match=f"row volgnummer {v} is missing"):
        call_command("audit_verify", f"--anchor={v}:{head.hash}")


def test_audit_verify_fails_when_a_trigger_is_gone(five):
    with triggers_lifted():
        with pytest.raises(CommandError, match="triggers .* are missing or disabled"):
            call_command("audit_verify", stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_every_column_of_an_audit_row_is_covered_by_its_hash():
    """A new column must join the chain's canonical form (a new CHAIN_VERSION, as old
    rows were hashed without it, or a later field, hashed only when set) or be named
    here with the reason it is left out."""
    chain_columns = {"id", "volgnummer", "vorige_hash", "hash"}
    columns = {field.attname for field in AuditEvent._meta.concrete_fields}
    assert columns - chain_columns == {*audit_chain.CONTENT_FIELDS, *audit_chain.LATER_FIELDS}


def test_a_stated_purpose_is_covered_by_the_hash_and_a_row_without_keeps_its_old_hash():
    """A row without a purpose hashes as before the column existed; changing a
    stated purpose afterwards breaks the chain."""
    event = AuditEvent(
        op=timezone.now(), actie="lezen", uitkomst="toegestaan", doel="casusoverleg",
        object_type="casus", detail={},
    )  # fmt: skip
    zonder = audit_chain.event_hash(event, volgnummer=1, vorige_hash=audit_chain.GENESIS_HASH)
    assert "gebruiksdoel" not in audit_chain.canonical_content(event)
    event.gebruiksdoel = "overleggen"
    met = audit_chain.event_hash(event, volgnummer=1, vorige_hash=audit_chain.GENESIS_HASH)
    event.gebruiksdoel = "adviseren"
    assert (
        len(
            {
                zonder,
                met,
                audit_chain.event_hash(event, volgnummer=1, vorige_hash=audit_chain.GENESIS_HASH),
            }
        )
        == 3
    )


def test_a_malformed_anchor_is_refused(five):
    with pytest.raises(CommandError, match="anchor"):
        call_command("audit_verify", "--anchor=5:xyz")


def _refused(action, by=(AppendOnlyError, DatabaseError)):
    with pytest.raises(by, match="append-only|cannot be"):
        with transaction.atomic():
            action()


def _orm_paths(event):
    """Every way through the ORM to change or delete a row that we found; those that
    skip the model's own guard are stopped by the database trigger."""
    plain = models.QuerySet(model=AuditEvent)
    return {  # refused by the model's guards (AppendOnlyError)
        "save": lambda: (setattr(event, "actie", "wijzigen"), event.save()),
        "save_base force_update": lambda: event.save_base(force_update=True),
        "Model.delete": lambda: event.delete(),
        "objects.update": lambda: AuditEvent.objects.filter(pk=event.pk).update(actie="x"),
        "objects.delete": lambda: AuditEvent.objects.all().delete(),
        "objects._update": lambda: AuditEvent.objects.filter(pk=event.pk)._update({}),
        "objects._raw_delete": lambda: AuditEvent.objects.all()._raw_delete("default"),
        "_base_manager.update": lambda: AuditEvent._base_manager.update(actie="x"),
        "_base_manager.delete": lambda: AuditEvent._base_manager.all().delete(),
        "bulk_update": lambda: AuditEvent.objects.bulk_update([event], ["actie"]),
        "update_or_create": lambda: AuditEvent.objects.update_or_create(
            pk=event.pk, defaults={"actie": "x"}
        ),
        # These bypass the Python guards entirely: only the trigger is left.
        "db: plain QuerySet.update": lambda: plain.filter(pk=event.pk).update(actie="x"),
        "db: plain QuerySet.delete": lambda: plain.filter(pk=event.pk).delete(),
        "db: plain QuerySet._raw_delete": lambda: plain.all()._raw_delete("default"),
        "db: Collector.delete": lambda: _collect_and_delete(event),
    }


def _collect_and_delete(event):
    collector = Collector(using="default")
    collector.collect([event])
    collector.delete()


def test_every_orm_path_to_change_or_delete_a_row_is_refused(five):
    event = AuditEvent.objects.get(pk=five[2].pk)
    count = AuditEvent.objects.count()
    for name, action in _orm_paths(event).items():
        by = DatabaseError if name.startswith("db: ") else AppendOnlyError
        try:
            _refused(action, by=by)
        except BaseException as error:
            raise AssertionError(f"{name} was not refused") from error
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.get(pk=event.pk).actie == "lezen"
    assert audit_chain_verify().valid


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {AUDIT_TABLE} SET actie = 'wijzigen'",  # noqa: S608
        f"UPDATE {AUDIT_TABLE} SET volgnummer = volgnummer + 100",  # noqa: S608
        f"DELETE FROM {AUDIT_TABLE} WHERE volgnummer = 1",  # noqa: S608
        f"DELETE FROM {AUDIT_TABLE}",  # noqa: S608
    ],
)
def test_the_database_refuses_update_and_delete_in_raw_sql(five, sql):
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.count() == count
    assert audit_chain_verify().valid


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_chain_is_valid_after_the_demo_data_load():
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    result = audit_chain_verify()
    assert result.valid, result.first_break
    assert result.rows == AuditEvent.objects.count() > 10


@postgresql_only
@pytest.mark.services
@pytest.mark.usefixtures("five")
def test_postgresql_refuses_truncate_even_for_the_owner():
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError, match="append-only: TRUNCATE refused"):
        with transaction.atomic(), connection.cursor() as cursor:
            # Not refused for pending foreign-key checks, but by the trigger.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {AUDIT_TABLE}")
    assert AuditEvent.objects.count() == count > 0


def _app_role_sql(role):
    return APP_ROLE_SQL.read_text().replace("casusoverleg_app", role)


@postgresql_only
@pytest.mark.services
def test_the_application_role_can_only_append_to_the_audit_trail(ctx, five):
    """deploy/app_role.sql, as the README tells operators to run it."""
    role = f"casusoverleg_app_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        # Roles are transactional: the test's rollback removes it again.
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
        cursor.execute(_app_role_sql(role))
        cursor.execute(f"SET LOCAL ROLE {role}")
        # Refused for want of privilege, not for pending foreign-key checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == role

    audit_log(ctx, actie="lezen", object_type="casus", object_id="as-app")
    audit_log_many(ctx, [{"actie": "lezen", "object_type": "casus"}] * 2)
    count = AuditEvent.objects.count()
    assert AuditEvent.objects.filter(object_id="as-app").exists()
    assert audit_chain_verify().valid

    for sql in (
        f"UPDATE {AUDIT_TABLE} SET actie = 'wijzigen'",  # noqa: S608
        f"DELETE FROM {AUDIT_TABLE}",  # noqa: S608
        f"TRUNCATE {AUDIT_TABLE}",
        f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER USER",
        f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER casusoverleg_auditevent_append_only",
        f"DROP TRIGGER casusoverleg_auditevent_no_truncate ON {AUDIT_TABLE}",
        f"DROP TABLE {AUDIT_TABLE}",
        f"CREATE TRIGGER t BEFORE INSERT ON {AUDIT_TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION casusoverleg_audit_append_only()",
    ):
        with pytest.raises(DatabaseError, match="permission denied|must be owner"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")
    assert AuditEvent.objects.count() == count


@postgresql_only
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_leave_one_unbroken_chain(coordinator):
    threads, per_thread = 6, 15
    errors = []
    before = AuditEvent.objects.count()
    start = threading.Barrier(threads)

    def write(n):
        try:
            ctx = AuditContext.system(coordinator)
            start.wait()
            for i in range(per_thread):
                if i % 3:
                    audit_log(ctx, actie="lezen", object_type="casus", object_id=f"{n}-{i}")
                else:
                    with transaction.atomic():
                        audit_log_many(ctx, [{"actie": "lezen", "object_type": "casus"}] * 2)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=write, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    result = audit_chain_verify()
    assert result.valid, result.first_break
    assert result.rows == AuditEvent.objects.count() == before + threads * per_thread * 4 // 3


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_existing_rows_in_the_order_they_were_written():
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    before = [("casusoverleg", "0008_mfa_herstelcodes")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("casusoverleg", "AuditEvent")
        now = timezone.now()
        fields = {"actie": "lezen", "uitkomst": "toegestaan", "doel": "beheer"}
        # Ids and times in different orders: the chain follows the time.
        old.objects.create(
            op=now, object_type="tweede", ip="2001:DB8::1", detail={"ü": [1]}, **fields
        )
        old.objects.create(op=now - datetime.timedelta(seconds=1), object_type="eerste", **fields)
        old.objects.create(op=now, object_type="derde", **fields)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    order = AuditEvent.objects.order_by("volgnummer").values_list("object_type", flat=True)
    assert list(order) == ["eerste", "tweede", "derde"]
    result = audit_chain_verify()
    assert result.valid and result.rows == 3
    _refused(lambda: AuditEvent._base_manager.update(actie="x"))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {AUDIT_TABLE}")  # noqa: S608
