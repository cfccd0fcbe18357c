"""On PostgreSQL, refuse UPDATE and DELETE of audit rows in the database itself.

SQLite (the embedded development default) relies on the model's guard only:
its test runner empties tables with DELETE, which such a trigger would refuse.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION casusoverleg_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'casusoverleg_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER casusoverleg_auditevent_append_only
    BEFORE UPDATE OR DELETE ON casusoverleg_auditevent
    FOR EACH ROW EXECUTE FUNCTION casusoverleg_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS casusoverleg_auditevent_append_only ON casusoverleg_auditevent;
DROP FUNCTION IF EXISTS casusoverleg_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("casusoverleg", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
