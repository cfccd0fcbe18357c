"""In the database: the stored PDF and its hashes are written once and never change.

Recreates the trigger of 0002 with the hash columns (a column may go from empty
to set, at adoption, and never again), and refuses every UPDATE of a stored PDF.
Deletion is refused by the models, as in 0002 (a DELETE trigger would also stop
the test database's flush on SQLite).
"""

from django.db import migrations

CONTENT = [
    "doel", "geadresseerde", "geadresseerde_toelichting", "vraag", "moment_datum",
    "moment_fase", "conclusie", "onderbouwing", "aanbevelingen", "effect_strafzaak",
    "casus_id", "versie",
]
ONCE = ["pdf_sha256", "inhoud_sha256"]
FINAL = "('vastgesteld', 'ingetrokken')"


def _changed(distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in CONTENT)


def _rewritten(distinct):
    return " OR ".join(f"(OLD.{c} <> '' AND NEW.{c} {distinct} OLD.{c})" for c in ONCE)


POSTGRES = f"""
CREATE OR REPLACE FUNCTION advies_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN {FINAL} AND (NEW.status NOT IN {FINAL} OR {_changed("IS DISTINCT FROM")}) THEN
        RAISE EXCEPTION 'advies_advies: an adopted advice is immutable'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF {_rewritten("IS DISTINCT FROM")} THEN
        RAISE EXCEPTION 'advies_advies: the stored document is immutable'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION advies_pdf_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'advies_adviespdf: a stored PDF is immutable'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS advies_adviespdf_immutable ON advies_adviespdf;
CREATE TRIGGER advies_adviespdf_immutable BEFORE UPDATE ON advies_adviespdf
    FOR EACH ROW EXECUTE FUNCTION advies_pdf_immutable();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS advies_adviespdf_immutable ON advies_adviespdf;
DROP FUNCTION IF EXISTS advies_pdf_immutable();
"""
SQLITE = [
    "DROP TRIGGER IF EXISTS advies_advies_immutable;",
    f"""
CREATE TRIGGER advies_advies_immutable BEFORE UPDATE ON advies_advies
WHEN (OLD.status IN {FINAL} AND (NEW.status NOT IN {FINAL} OR {_changed("IS NOT")}))
    OR {_rewritten("IS NOT")}
BEGIN SELECT RAISE(ABORT, 'advies_advies: an adopted advice is immutable'); END;
""",
    "DROP TRIGGER IF EXISTS advies_adviespdf_immutable;",
    """
CREATE TRIGGER advies_adviespdf_immutable BEFORE UPDATE ON advies_adviespdf
BEGIN SELECT RAISE(ABORT, 'advies_adviespdf: a stored PDF is immutable'); END;
""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS advies_adviespdf_immutable;"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    # The advice trigger keeps its extra conditions; they only refuse rewrites.
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("advies", "0003_add_pdf_and_sign_off")]

    operations = [migrations.RunPython(forwards, backwards)]
