"""Every audit row has its place in the chain; the database refuses to change it.

PostgreSQL refuses UPDATE, DELETE and TRUNCATE for every role, the owner included
(the owner can still drop the triggers: the application runs as a role that does
not own the table and has only INSERT and SELECT on it, see README). SQLite
refuses UPDATE and DELETE (it has no TRUNCATE; ``DELETE FROM`` fires the trigger).

SQLite rebuilds a table for most schema changes and its triggers go with the old
one: a later migration that alters this table must create them again
(tests/casusoverleg/test_audit_chain.py fails if it does not).
"""

from django.db import migrations, models

POSTGRESQL_CREATE = [
    """
    CREATE OR REPLACE FUNCTION casusoverleg_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'casusoverleg_auditevent is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER casusoverleg_auditevent_append_only
        BEFORE UPDATE OR DELETE ON casusoverleg_auditevent
        FOR EACH ROW EXECUTE FUNCTION casusoverleg_audit_append_only()
    """,
    """
    CREATE TRIGGER casusoverleg_auditevent_no_truncate
        BEFORE TRUNCATE ON casusoverleg_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION casusoverleg_audit_append_only()
    """,
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS casusoverleg_auditevent_no_truncate ON casusoverleg_auditevent",
    "DROP TRIGGER IF EXISTS casusoverleg_auditevent_append_only ON casusoverleg_auditevent",
    "DROP FUNCTION IF EXISTS casusoverleg_audit_append_only()",
]

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER casusoverleg_auditevent_no_{op.lower()}
        BEFORE {op} ON casusoverleg_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'casusoverleg_auditevent is append-only: {op} refused');
    END
    """
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS casusoverleg_auditevent_no_{op}" for op in ("update", "delete")
]

STATEMENTS = {
    "postgresql": (POSTGRESQL_CREATE, POSTGRESQL_DROP),
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
}


def create_triggers(apps, schema_editor):
    create, _drop = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for sql in create:
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    _create, drop = STATEMENTS.get(schema_editor.connection.vendor, ([], []))
    for sql in drop:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("casusoverleg", "0010_audit_chain_existing_rows")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="volgnummer",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="volgnummer"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
