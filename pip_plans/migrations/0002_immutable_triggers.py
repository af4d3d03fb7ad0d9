"""Established PIP versions and issued beschikkingen never change (REQ P-04, P-03; DESIGN.md
principle 5), enforced by the database on PostgreSQL and SQLite.

- `pip_plans_pipversion`: no UPDATE of a row whose status is 'vastgesteld'.
- `pip_plans_beschikking`: kenmerk, dates, version and snapshot never change; once the PDF is
  stored (sha256 set) its file, hash and render time never change either. Only the
  made-known fields (REQ D-15) may be recorded later.
DELETE stays possible: the retention purge removes whole cases (cases.retention).
"""

from django.db import migrations

from cases.documents import triggers

# The beschikking's trigger is the generic one of an issued document (cases.documents.triggers,
# which kenmerk, dagtekening, snapshot and the rendered PDF are frozen in) plus these columns;
# it creates the same trigger and function (hbel_beschikking_immutable) this migration always did.
BESCHIKKING_FROZEN = ["version_id", "planned_made_known_on", "objection_last_day"]


def forwards(apps, schema_editor):
    triggers.install(
        schema_editor, "pip_plans_beschikking", name="beschikking", frozen=BESCHIKKING_FROZEN
    )
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
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
        elif connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER pip_plans_pipversion_immutable BEFORE UPDATE ON "
                "pip_plans_pipversion WHEN OLD.status = 'vastgesteld' BEGIN "
                "SELECT RAISE(ABORT, 'established PIP version: UPDATE refused'); END;"
            )


def backwards(apps, schema_editor):
    triggers.uninstall(schema_editor, "pip_plans_beschikking", name="beschikking")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS pip_plans_pipversion_immutable ON pip_plans_pipversion;"
            )
            cursor.execute("DROP FUNCTION IF EXISTS hbel_pip_version_immutable();")
        elif connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS pip_plans_pipversion_immutable;")


class Migration(migrations.Migration):
    dependencies = [("pip_plans", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
