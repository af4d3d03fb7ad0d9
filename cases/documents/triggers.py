"""Database triggers that make the rows of an issued-document table immutable (DESIGN.md
principle 5), on PostgreSQL and SQLite. One call in the kind's migration:

    from cases.documents.triggers import ImmutableDocument

    operations = [..., ImmutableDocument("handhaving_voornemen", name="voornemen",
                                         frozen=["inburgeraar_id", "zienswijze_until"])]

- kenmerk, dagtekening and snapshot (plus the kind's `frozen` columns) never change;
- once the PDF is stored (sha256 set) its file, hash and render time never change either;
- the made-known columns (REQ D-15) may be recorded later; DELETE stays possible (the
  retention purge removes whole cases, cases.retention).

The helper takes table and column names, not a model, so a migration keeps meaning what it
meant when it was written. Keep its SQL stable: applied migrations are not rerun, but a new
database runs every migration with the code of the day.
"""

from collections.abc import Sequence

from django.db import migrations

FROZEN = ("kenmerk", "dagtekening")
RENDERED = ("sha256", "pdf", "rendered_at")


def _names(table: str, name: str) -> tuple[str, str]:
    return f"{table}_immutable", f"hbel_{name}_immutable"


def install(schema_editor, table: str, *, name: str, frozen: Sequence[str] = ()) -> None:
    """Create the trigger on `table`; `name` names the function and the error ("issued
    <name> <id>: UPDATE refused")."""
    connection = schema_editor.connection
    trigger, function = _names(table, name)
    columns = [*FROZEN, *frozen]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)
            rendered = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in RENDERED)
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
                BEGIN
                    IF {changed} OR NEW.snapshot::text IS DISTINCT FROM OLD.snapshot::text
                       OR (OLD.sha256 <> '' AND ({rendered})) THEN
                        RAISE EXCEPTION 'issued {name} %: UPDATE refused', OLD.id
                            USING ERRCODE = 'insufficient_privilege';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                """
            )
            cursor.execute(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION {function}();"
            )
        elif connection.vendor == "sqlite":
            changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in [*columns, "snapshot"])
            rendered = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in RENDERED)
            cursor.execute(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE ON "
                f"{table} WHEN {changed} OR (OLD.sha256 <> '' AND ({rendered})) "
                f"BEGIN SELECT RAISE(ABORT, 'issued {name}: UPDATE refused'); END;"
            )


def uninstall(schema_editor, table: str, *, name: str) -> None:
    connection = schema_editor.connection
    trigger, function = _names(table, name)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table};")
            cursor.execute(f"DROP FUNCTION IF EXISTS {function}();")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger};")


def ImmutableDocument(table: str, *, name: str, frozen: Sequence[str] = ()):  # noqa: N802
    """The migration operation that installs (and on reverse removes) the triggers."""
    frozen = tuple(frozen)

    def forwards(apps, schema_editor):
        install(schema_editor, table, name=name, frozen=frozen)

    def backwards(apps, schema_editor):
        uninstall(schema_editor, table, name=name)

    return migrations.RunPython(forwards, backwards)
