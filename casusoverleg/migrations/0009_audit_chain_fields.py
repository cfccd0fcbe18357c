"""The audit trail's hash chain: a consecutive sequence number and the hashes.

The fields start empty (``volgnummer`` nullable); 0008 links the existing rows and
0009 makes the number required and sets the triggers. The PostgreSQL trigger of
0002 goes first, so 0008 may write the new columns of rows that already exist.
"""

from django.db import migrations, models

DROP_OLD_TRIGGER = """
DROP TRIGGER IF EXISTS casusoverleg_auditevent_append_only ON casusoverleg_auditevent;
DROP FUNCTION IF EXISTS casusoverleg_audit_append_only();
"""

OLD_TRIGGER = """
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


def drop_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_OLD_TRIGGER, params=None)


def restore_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("casusoverleg", "0008_mfa_herstelcodes")]

    operations = [
        migrations.RunPython(drop_old_trigger, restore_old_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="volgnummer",
            field=models.PositiveBigIntegerField(null=True, unique=True, verbose_name="volgnummer"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="vorige_hash",
            field=models.CharField(
                default="", max_length=64, verbose_name="hash van de vorige regel"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "base_manager_name": "objects",
                "ordering": ["-op", "-pk"],
                "verbose_name": "auditgebeurtenis",
                "verbose_name_plural": "audittrail",
            },
        ),
    ]
