"""Least privilege in the database (issue 22, finding 6): the audit trail refuses TRUNCATE,
and the application's own role can neither truncate nor alter the audit tables nor disable
their triggers. docker-compose runs the app under that role (README, "Databaserollen")."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from cases import audit
from cases.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
AUDIT_TABLES = ["cases_auditevent", "cases_fieldchange", "cases_processinglogline"]

postgres_only = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":", 1)[0] not in ("postgres", "postgresql"),
    reason="database roles and TRUNCATE triggers are PostgreSQL's",
)


def _refused(sql: str) -> str:
    """Run `sql` in a savepoint; the error it raised (the test fails when it succeeds)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError as exc:
        return str(exc)
    pytest.fail(f"not refused: {sql}")


@pytest.fixture
def audit_row(db):
    return audit.record("login", object_type="user", object_id="1")


@postgres_only
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_issue22_truncate_of_an_audit_table_is_refused_even_for_the_owner(db, audit_row, table):
    with connection.cursor() as cursor:
        cursor.execute("RESET hbel.allow_truncate")
        # The row's deferred foreign-key checks would refuse TRUNCATE for another reason.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    message = _refused(f"TRUNCATE {table} CASCADE")
    assert "TRUNCATE refused" in message
    assert AuditEvent.objects.filter(pk=audit_row.pk).exists()


@pytest.fixture
def app_role(db):
    """A role set up as the README prescribes for the application: not the owner, rights
    from `grant_app_role`. Created inside the test's transaction, so it is rolled back."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    name = f"hbel_test_app_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} NOLOGIN NOSUPERUSER")
    call_command("grant_app_role", name)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {name}")
    yield name
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@postgres_only
@pytest.mark.parametrize("table", AUDIT_TABLES)
def test_issue22_the_app_role_cannot_truncate_alter_or_unguard_the_audit_tables(
    audit_row, app_role, table
):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
        # Even with the flush switch of the test suite set, the role lacks the privilege.
        cursor.execute("SET hbel.allow_truncate = 'on'")
    assert "permission denied" in _refused(f"TRUNCATE {table}")
    assert "must be owner" in _refused(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    assert "must be owner" in _refused(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    assert "must be owner" in _refused(f"DROP TRIGGER {table}_append_only ON {table}")
    assert "must be owner" in _refused(f"ALTER TABLE {table} ADD COLUMN x integer")
    assert "must be owner" in _refused(f"DROP TABLE {table}")
    assert "permission denied" in _refused(f"UPDATE {table} SET id = id")  # noqa: S608
    assert "permission denied" in _refused(f"DELETE FROM {table}")  # noqa: S608
    assert AuditEvent.objects.filter(pk=audit_row.pk).exists()


@postgres_only
def test_the_app_role_writes_the_audit_trail_and_case_data(app_role, world):
    event = audit.record("login", object_type="user", object_id="2")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    case = world.own_case
    case.city = "Middendorp"
    case.save(update_fields=["city"])


@postgres_only
def test_grant_app_role_refuses_the_owner(db):
    from django.core.management.base import CommandError

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
    with pytest.raises(CommandError, match="eigenaar"):
        call_command("grant_app_role", owner)


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _db_user(url: str) -> str:
    return re.match(r"postgres(?:ql)?://([^:@/]+)", url).group(1)


def test_issue22_compose_runs_the_app_as_the_app_role_and_migrates_as_the_owner():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert _db_user(service["environment"]["DATABASE_URL"]) == "hbel_app", name
        assert "migrate" not in str(service.get("command", "")), name
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    migrate = services["migrate"]
    assert _db_user(migrate["environment"]["DATABASE_URL"]) == "hbel_owner"
    assert "grant_app_role hbel_app" in " ".join(migrate["command"])
    postgres = services["postgres"]
    assert postgres["environment"]["POSTGRES_USER"] not in ("hbel_app", "hbel_owner")
    assert "./docker/postgres/initdb:/docker-entrypoint-initdb.d:ro" in postgres["volumes"]
    script = (ROOT / "docker/postgres/initdb/10-hbel-roles.sh").read_text()
    assert "CREATE DATABASE hbel OWNER hbel_owner" in script
    assert "CREATE ROLE hbel_app" in script


@pytest.mark.skipif(shutil.which("docker-compose") is None, reason="docker-compose not installed")
def test_compose_file_is_valid():
    result = subprocess.run(  # noqa: S603
        ["docker-compose", "config", "-q"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
