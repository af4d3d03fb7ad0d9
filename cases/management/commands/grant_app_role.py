"""Give the application's database role exactly the rights it needs (issue 22, finding 6).

    python manage.py grant_app_role hbel_app

Run as the owner role, right after `migrate` (docker-compose's `migrate` service does both),
so every table a migration added is covered. The application role (README, "Databaserollen")
gets SELECT, INSERT, UPDATE and DELETE on the tables and the use of their sequences; on the
append-only audit tables only SELECT and INSERT. It owns nothing, so it can neither alter,
drop or truncate a table nor disable a trigger. PostgreSQL only.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from cases.models import AuditEvent, FieldChange, ProcessingLogLine

APPEND_ONLY = (AuditEvent, FieldChange, ProcessingLogLine)


def grant_app_role(role: str) -> None:
    if connection.vendor != "postgresql":
        raise CommandError("grant_app_role werkt alleen op PostgreSQL.")
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolname = current_user FROM pg_roles WHERE rolname = %s", [role]
        )
        row = cursor.fetchone()
        if row is None:
            raise CommandError(f"De databaserol {role!r} bestaat niet.")
        if row[0] or row[1]:
            raise CommandError(
                f"De databaserol {role!r} is superuser of de eigenaar die de migraties draait; "
                "de applicatie draait onder een eigen rol zonder eigendom."
            )
        cursor.execute("SELECT current_schema()")
        schema = qn(cursor.fetchone()[0])
        who = qn(role)
        cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {who}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who}"
        )
        cursor.execute(
            f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema} FROM {who}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {who}")
        for model in APPEND_ONLY:
            cursor.execute(f"REVOKE UPDATE, DELETE ON {qn(model._meta.db_table)} FROM {who}")


class Command(BaseCommand):
    help = "Geeft de databaserol van de applicatie alleen de rechten die zij nodig heeft."

    def add_arguments(self, parser):
        parser.add_argument("role", help="de rol waaronder web, worker en beat verbinden")

    def handle(self, *args, role, **options):
        grant_app_role(role)
        self.stdout.write(f"Rechten van {role} bijgewerkt.")
