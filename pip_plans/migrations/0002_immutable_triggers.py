"""Established PIP versions and issued beschikkingen never change (REQ P-04, P-03; DESIGN.md
principle 5), enforced by the database on PostgreSQL and SQLite.

- `pip_plans_pipversion`: no UPDATE of a row whose status is 'vastgesteld'.
- `pip_plans_beschikking`: kenmerk, dates, version and snapshot never change; once the PDF is
  stored (sha256 set) its file, hash and render time never change either. Only the
  made-known fields (REQ D-15) may be recorded later.
DELETE stays possible: the retention purge removes whole cases (cases.retention).
"""

from django.db import migrations

FROZEN = ["kenmerk", "dagtekening", "version_id", "planned_made_known_on", "objection_last_day"]
RENDERED = ["sha256", "pdf", "rendered_at"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            frozen = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FROZEN)
            rendered = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in RENDERED)
            cursor.execute(
                """
                CREATE OR REPLACE FUNCTION hbel_pip_version_immutable() RETURNS trigger AS $$
                BEGIN
                    IF OLD.status = 'vastgesteld' THEN
                        RAISE EXCEPTION 'established PIP version %: UPDATE refused', OLD.id
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                """
            )
            cursor.execute(
                "CREATE TRIGGER pip_plans_pipversion_immutable BEFORE UPDATE ON "
                "pip_plans_pipversion FOR EACH ROW EXECUTE FUNCTION hbel_pip_version_immutable();"
            )
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION hbel_beschikking_immutable() RETURNS trigger AS $$
                BEGIN
                    IF {frozen} OR NEW.snapshot::text IS DISTINCT FROM OLD.snapshot::text
                       OR (OLD.sha256 <> '' AND ({rendered})) THEN
                        RAISE EXCEPTION 'issued beschikking %: UPDATE refused', OLD.id
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                """
            )
            cursor.execute(
                "CREATE TRIGGER pip_plans_beschikking_immutable BEFORE UPDATE ON "
                "pip_plans_beschikking FOR EACH ROW EXECUTE FUNCTION hbel_beschikking_immutable();"
            )
        elif connection.vendor == "sqlite":
            frozen = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in [*FROZEN, "snapshot"])
            rendered = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in RENDERED)
            cursor.execute(
                "CREATE TRIGGER pip_plans_pipversion_immutable BEFORE UPDATE ON "
                "pip_plans_pipversion WHEN OLD.status = 'vastgesteld' BEGIN "
                "SELECT RAISE(ABORT, 'established PIP version: UPDATE refused'); END;"
            )
            cursor.execute(
                "CREATE TRIGGER pip_plans_beschikking_immutable BEFORE UPDATE ON "
                f"pip_plans_beschikking WHEN {frozen} OR (OLD.sha256 <> '' AND ({rendered})) "
                "BEGIN SELECT RAISE(ABORT, 'issued beschikking: UPDATE refused'); END;"
            )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS pip_plans_pipversion_immutable ON pip_plans_pipversion;"
            )
            cursor.execute(
                "DROP TRIGGER IF EXISTS pip_plans_beschikking_immutable ON pip_plans_beschikking;"
            )
            cursor.execute("DROP FUNCTION IF EXISTS hbel_pip_version_immutable();")
            cursor.execute("DROP FUNCTION IF EXISTS hbel_beschikking_immutable();")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS pip_plans_pipversion_immutable;")
            cursor.execute("DROP TRIGGER IF EXISTS pip_plans_beschikking_immutable;")


class Migration(migrations.Migration):
    dependencies = [("pip_plans", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
