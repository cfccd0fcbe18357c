"""In the database: an adopted advice's content never changes, and it never goes
back to draft (only on to withdrawn). Applies to SQLite and PostgreSQL."""

from django.db import migrations

CONTENT = [
    "doel", "geadresseerde", "geadresseerde_toelichting", "vraag", "moment_datum",
    "moment_fase", "conclusie", "onderbouwing", "aanbevelingen", "effect_strafzaak",
    "casus_id", "versie",
]
CHANGED = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in CONTENT)
FINAL = "('vastgesteld', 'ingetrokken')"

POSTGRES = f"""
CREATE OR REPLACE FUNCTION advies_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN {FINAL} AND (NEW.status NOT IN {FINAL} OR {CHANGED}) THEN
        RAISE EXCEPTION 'advies_advies: an adopted advice is immutable'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' AND OLD.status IN {FINAL} THEN
        RAISE EXCEPTION 'advies_advies: an adopted advice cannot be deleted';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER advies_advies_immutable BEFORE UPDATE ON advies_advies
    FOR EACH ROW EXECUTE FUNCTION advies_immutable();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS advies_advies_immutable ON advies_advies;
DROP FUNCTION IF EXISTS advies_immutable();
"""
SQLITE = f"""
CREATE TRIGGER advies_advies_immutable BEFORE UPDATE ON advies_advies
WHEN OLD.status IN {FINAL} AND (NEW.status NOT IN {FINAL} OR {CHANGED.replace("IS DISTINCT FROM", "IS NOT")})
BEGIN SELECT RAISE(ABORT, 'advies_advies: an adopted advice is immutable'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS advies_advies_immutable;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("advies", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
