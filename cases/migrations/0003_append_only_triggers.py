"""Append-only audit trail, enforced by the database (PostgreSQL and SQLite).

UPDATE and DELETE on the audit event, field history and processing log tables are refused by
triggers. On SQLite a row in `hbel_append_only_guard` lifts the DELETE guard; only the test
suite's flush between transactional tests uses it (PostgreSQL flushes with TRUNCATE, which
row triggers do not see).
"""

from django.db import migrations

TABLES = ["cases_auditevent", "cases_fieldchange", "cases_processinglogline"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """
                CREATE OR REPLACE FUNCTION hbel_append_only() RETURNS trigger AS $$
                BEGIN
                    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$ LANGUAGE plpgsql;
                """
            )
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION hbel_append_only();"
                )
        elif connection.vendor == "sqlite":
            cursor.execute("CREATE TABLE IF NOT EXISTS hbel_append_only_guard (allowed INTEGER)")
            for table in TABLES:
                cursor.execute(
                    f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: UPDATE refused'); END;"
                )
                cursor.execute(
                    f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                    "WHEN NOT EXISTS (SELECT 1 FROM hbel_append_only_guard) "
                    f"BEGIN SELECT RAISE(ABORT, 'append-only table {table}: DELETE refused'); END;"
                )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
            cursor.execute("DROP FUNCTION IF EXISTS hbel_append_only();")
        elif connection.vendor == "sqlite":
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;")
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete;")
            cursor.execute("DROP TABLE IF EXISTS hbel_append_only_guard;")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_security")]

    operations = [migrations.RunPython(forwards, backwards)]
