"""Issue 22, findings 3 and 4: no BSN existence oracle, and a double submit that neither
answers 500 nor writes a BSN to the application's or PostgreSQL's log (REQ C-07)."""

import logging
import os
import threading
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, connections
from django.db.models.signals import post_save
from django.urls import reverse

from cases.bsn import bsn_key
from cases.models import AuditEvent, Inburgeraar
from tests.conftest import MfaClient
from tests.factories import make_bsn
from tests.plugins import log_scan_findings

pytestmark = pytest.mark.django_db

OLD_ORACLE = "Er bestaat al een Inburgeraar met eenzelfde BSN"


def _form_data(world, **overrides):
    data = {
        "bsn": make_bsn(881_001),
        "given_names": "Yara",
        "surname": "Dubbel",
        "date_of_birth": "1990-02-28",
        "doelgroep": "asielstatushouder",
        "gemeente": world.noorddorp.pk,
        "linked_on": "2026-01-31",
        "registered_on": "2026-02-28",
        "housed_on": "2026-02-28",
    }
    data.update(overrides)
    return data


# --- finding 3: no oracle ----------------------------------------------------------------


def test_bsn_of_a_case_outside_scope_is_not_revealed_and_is_routed_and_audited(client, world):
    """REQ C-07, issue 22 finding 3: the answer for a BSN held outside the user's scope does
    not say that it exists; the attempt is audited on that case and the beheerder is told."""
    client.force_login(world.consultant)
    response = client.post(reverse("cases:create"), _form_data(world, bsn=world.zuid_case.bsn))
    assert response.status_code == 200
    page = response.content.decode()
    assert OLD_ORACLE not in page
    assert "bestaat al" not in page and "al een dossier" not in page
    assert "functioneel beheerder" in page
    assert 'value="Yara"' in page  # nothing typed is lost
    assert world.zuid_case.bsn not in page.replace(f'value="{world.zuid_case.bsn}"', "")
    event = AuditEvent.objects.get(action="case_bsn_taken")
    assert event.actor == world.consultant
    assert event.inburgeraar_id == world.zuid_case.pk
    assert event.result == AuditEvent.Result.DENIED
    assert not Inburgeraar.objects.filter(surname="Dubbel").exists()
    [message] = mail.outbox
    assert message.to == [world.beheerder.email]
    assert world.zuid_case.bsn not in message.body and world.zuid_case.surname not in message.body


def test_changing_a_bsn_to_one_held_outside_scope_answers_the_same(client, world):
    client.force_login(world.consultant)
    case = world.own_case
    data = _form_data(world, bsn=world.zuid_case.bsn, surname=case.surname)
    response = client.post(reverse("cases:edit", kwargs={"public_id": case.public_id}), data)
    assert response.status_code == 200
    assert OLD_ORACLE not in response.content.decode()
    assert "functioneel beheerder" in response.content.decode()
    case.refresh_from_db()
    assert case.bsn != world.zuid_case.bsn
    assert AuditEvent.objects.filter(action="case_bsn_taken", actor=world.consultant).exists()


def test_bsn_of_a_case_in_scope_is_named_as_a_duplicate(client, world):
    client.force_login(world.consultant)
    response = client.post(reverse("cases:create"), _form_data(world, bsn=world.own_case.bsn))
    assert response.status_code == 200
    assert "Er is al een dossier met dit BSN" in response.content.decode()
    assert not AuditEvent.objects.filter(action="case_bsn_taken").exists()


def test_the_unique_key_is_a_keyed_hash_not_the_bsn(world):
    """Issue 22 finding 4: what the database's unique index holds is not the BSN."""
    case = world.own_case
    assert case.bsn_hash == bsn_key(case.bsn)
    assert case.bsn not in case.bsn_hash
    assert not Inburgeraar._meta.get_field("bsn").unique


# --- finding 4: the double-submit race ----------------------------------------------------


def _postgres_log_file() -> Path | None:
    """PostgreSQL's log file: pg_current_logfile() with the logging collector, else the
    stderr log of a Debian cluster (/var/log/postgresql/postgresql-<version>-<name>.log)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_logfile(), current_setting('data_directory')")
        current, data_directory = cursor.fetchone()
    candidates = []
    if current:
        path = Path(current)
        candidates.append(path if path.is_absolute() else Path(data_directory) / path)
    data = Path(data_directory)  # e.g. /var/lib/postgresql/15/main
    candidates.append(
        Path("/var/log/postgresql") / f"postgresql-{data.parent.name}-{data.name}.log"
    )
    for path in candidates:
        if path.is_file() and os.access(path, os.R_OK):
            return path
    return None


def _wait_until_a_backend_waits_for_a_lock(deadline_s: float = 20) -> None:
    """Block until another backend waits on a lock (the second submit reached the point
    where it must wait for the first): a condition, polled, not a timed sleep."""
    pause = threading.Event()
    waited = 0.0
    while waited < deadline_s:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE NOT l.granted AND a.datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
        pause.wait(0.02)
        waited += 0.02
    raise AssertionError("the second submit never waited for the first")


@pytest.mark.django_db(transaction=True)
def test_double_submit_gives_a_form_error_and_no_bsn_in_any_log(world, caplog):
    """Issue 22 finding 4 (acceptance: the log-scan test drives the double-submit race).

    The first submit is held inside its transaction right after its INSERT; the second
    submit runs until it has to wait for the first; then the first commits. The second must
    answer with a form error (not a 500), and neither the application's log nor PostgreSQL's
    log file may hold the BSN (no `Key (bsn)=(…)`, no failed INSERT statement)."""
    if connection.vendor != "postgresql":
        pytest.skip("the race and the database log are PostgreSQL's")
    log_file = _postgres_log_file()
    if log_file is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL's log file cannot be read")
        pytest.skip("PostgreSQL's log file cannot be read here")
    start = log_file.stat().st_size
    marker = f"hbel-log-scan-{uuid.uuid4()}"
    with connection.cursor() as cursor:  # proves we read the file the server writes to
        cursor.execute(f"DO $$ BEGIN RAISE LOG '{marker}'; END $$")  # noqa: S608

    bsn = make_bsn(881_777)
    data = _form_data(world, bsn=bsn)
    inserted, release = threading.Event(), threading.Event()
    first_thread = {}

    def hold_first(sender, instance, created, **kwargs):
        if created and instance.bsn == bsn and threading.get_ident() == first_thread.get("id"):
            inserted.set()
            release.wait(30)

    responses: dict[str, object] = {}

    def submit(name):
        if name == "first":
            first_thread["id"] = threading.get_ident()
        try:
            client = MfaClient(raise_request_exception=False)
            client.force_login(world.consultant)
            responses[name] = client.post(reverse("cases:create"), data)
        finally:
            connections.close_all()

    post_save.connect(hold_first, sender=Inburgeraar, dispatch_uid="hold-first-submit")
    caplog.set_level(logging.DEBUG)
    try:
        first = threading.Thread(target=submit, args=("first",))
        first.start()
        assert inserted.wait(30), "the first submit never inserted"
        second = threading.Thread(target=submit, args=("second",))
        second.start()
        _wait_until_a_backend_waits_for_a_lock()
        release.set()
        first.join(60)
        second.join(60)
    finally:
        release.set()
        post_save.disconnect(dispatch_uid="hold-first-submit", sender=Inburgeraar)

    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 200, "the double submit must be a form error"
    assert "Er is al een dossier met dit BSN" in responses["second"].content.decode()
    assert Inburgeraar.objects.filter(bsn_hash=bsn_key(bsn)).count() == 1

    app_log = [
        f"{r.name}: {r.getMessage()} {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
        for r in caplog.records
    ]
    assert not log_scan_findings(app_log)
    assert not [line for line in app_log if bsn in line]

    with log_file.open(encoding="utf-8", errors="replace") as handle:
        handle.seek(start)
        db_log = handle.read()
    # Other runs may share the server: read the lines of this test's database where the
    # log's line prefix names it (Debian's default, '%m [%p] %q%u@%d ').
    tag = f"@{connection.settings_dict['NAME']} "
    ours = [line for line in db_log.splitlines() if tag in line]
    if ours:
        db_log = "\n".join(ours)
    assert marker in db_log
    assert bsn not in db_log, "BSN in PostgreSQL's log"
    assert "Key (bsn" not in db_log
