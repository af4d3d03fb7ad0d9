"""The audit trail refuses TRUNCATE too (issue 22, finding 6; PostgreSQL only).

Migration 0003 refuses UPDATE and DELETE row by row; TRUNCATE fires no row triggers. A
statement trigger BEFORE TRUNCATE refuses it on the audit event, field history and
processing log tables, also for the tables' owner. The session setting
`hbel.allow_truncate = on` lifts it: only the test suite's flush between transactional tests
sets it (tests/conftest.py), as the guard table does on SQLite. The application's own role
(README, "Databaserollen") has no TRUNCATE privilege and does not own the tables, so it can
neither truncate them nor disable a trigger, whatever it sets.
"""

from django.db import migrations

TABLES = ["cases_auditevent", "cases_fieldchange", "cases_processinglogline"]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE OR REPLACE FUNCTION hbel_append_only_truncate() RETURNS trigger AS $$
            BEGIN
                IF coalesce(current_setting('hbel.allow_truncate', true), '') = 'on' THEN
                    RETURN NULL;
                END IF;
                RAISE EXCEPTION 'append-only table %: TRUNCATE refused', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        for table in TABLES:
            cursor.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION hbel_append_only_truncate();"
            )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
        cursor.execute("DROP FUNCTION IF EXISTS hbel_append_only_truncate();")


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_asylum_permit_duo_doelgroep")]

    operations = [migrations.RunPython(forwards, backwards)]
