"""The deadline scan in a real Celery worker on the real Redis broker (REQ D, issue 4).

- the scan run twice by a worker creates no duplicate notice;
- a worker killed (SIGKILL) halfway through the scan, then the scan retried: no duplicate
  notice, nothing missing, and the day is only marked done by the run that finished.

Redis: REDIS_URL, or redis://127.0.0.1:6379/5 locally. Each test uses its own queue.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.db import connection

import cases.tasks  # noqa: F401  registers the shared tasks on every app
from cases.constants import Phase
from cases.models import Deadline, DeadlineNotice, DeadlineScan, Inburgeraar
from tests.factories import InburgeraarFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

TODAY = date(2026, 3, 2)
ROOT = Path(__file__).resolve().parents[2]


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"


@pytest.fixture
def redis_url():
    import redis

    url = _redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is required in CI: {error}")
        pytest.skip(f"Redis not reachable at {url}: {error}")
    return url


@pytest.fixture
def queue(redis_url):
    name = f"hbel-test-{uuid.uuid4().hex[:12]}"
    yield name
    _forget_queue(redis_url, name)


def _forget_queue(url: str, name: str) -> None:
    """Remove what a killed worker left in Redis for this queue (unacked message, list)."""
    import redis

    client = redis.Redis.from_url(url)
    client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
    for tag, payload in client.hgetall("unacked").items():
        if name.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def _app(redis_url: str, queue: str) -> Celery:
    app = Celery("hbel-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=redis_url,
        result_backend=redis_url,
        task_always_eager=False,
        task_default_queue=queue,
        worker_hijack_root_logger=False,
        result_expires=300,
    )
    return app


def _cases(world, n: int) -> list[Inburgeraar]:
    """Cases with D-01, D-02 and D-03 overdue on TODAY: three notices each."""
    Inburgeraar.objects.update(phase=Phase.AFGEROND)  # the world's own cases stay out
    return InburgeraarFactory.create_batch(
        n,
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="asielstatushouder",
        phase=Phase.GEKOPPELD,
        linked_on=TODAY - timedelta(days=100),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        history=False,
    )


def _assert_complete_without_duplicates(cases):
    notices = list(DeadlineNotice.objects.values_list("inburgeraar_id", "code", "due", "kind"))
    assert len(notices) == len(set(notices)) == 3 * len(cases)
    assert {(pk, code) for pk, code, _due, _kind in notices} == {
        (c.pk, code)
        for c in cases
        for code in ("brede_intake_gestart", "warme_overdracht_coa", "leerbaarheidstoets_afgenomen")
    }
    assert Deadline.objects.count() == 15 * len(cases)


def test_scan_run_twice_by_a_real_worker_creates_no_duplicate_notice(world, redis_url, queue):
    cases = _cases(world, 12)
    app = _app(redis_url, queue)
    with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False):
        first = app.send_task(
            "cases.tasks.deadlines_scan", kwargs={"today": TODAY.isoformat()}, queue=queue
        ).get(timeout=120)
        second = app.send_task(
            "cases.tasks.deadlines_scan", kwargs={"today": TODAY.isoformat()}, queue=queue
        ).get(timeout=120)
    assert first["notices_created"] == 36
    assert second == {**second, "notices_created": 0, "deadlines_written": 0}
    _assert_complete_without_duplicates(cases)
    assert DeadlineScan.objects.get(day=TODAY).finished_at is not None


def _wait_for(condition, what: str, timeout: float = 90.0, diagnose=None):
    """Poll a condition (a worker in another process); fail clearly when it never holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}" + (f": {diagnose()}" if diagnose else ""))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the worker runs in another process and is held by a row lock",
)
def test_worker_killed_halfway_then_retried_leaves_no_duplicate_and_nothing_missing(
    world, redis_url, queue, tmp_path
):
    import psycopg

    cases = _cases(world, 30)
    log = tmp_path / "worker.log"
    db = connection.settings_dict
    dsn = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": db["NAME"],
    }
    app_name = f"hbel-killed-{queue[-12:]}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
            f"?application_name={app_name}"
        ),
        "REDIS_URL": redis_url,
        "DEADLINES_SCAN_CHUNK_SIZE": "10",
        "CONN_MAX_AGE": "0",
    }
    # Hold the 11th case (the first of the second chunk): chunk 1 commits, chunk 2 waits.
    blocker = psycopg.connect(**dsn)
    # A second session to watch: pg_stat_activity is a snapshot per transaction.
    monitor = psycopg.connect(**dsn, autocommit=True)
    blocker.execute(
        "SELECT id FROM cases_inburgeraar WHERE id = %s FOR UPDATE",
        [sorted(c.pk for c in cases)[10]],
    )
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hbel",
            "worker",
            "-Q",
            queue,
            "-P",
            "solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "INFO",
            "--logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        app = _app(redis_url, queue)
        app.send_task(
            "cases.tasks.deadlines_scan", kwargs={"today": TODAY.isoformat()}, queue=queue
        )

        def worker_is_blocked():
            if worker.poll() is not None:
                pytest.fail(f"worker exited early: {log.read_text()[-2000:]}")
            row = monitor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                "AND wait_event_type = 'Lock'",
                [app_name],
            ).fetchone()
            return row[0] > 0

        def diagnose():
            rows = monitor.execute(
                "SELECT application_name, state, wait_event_type, left(query, 80) "
                "FROM pg_stat_activity WHERE datname = current_database()"
            ).fetchall()
            worker.kill()
            return f"sessions={rows} worker log={log.read_text()[-6000:]}"

        _wait_for(worker_is_blocked, "the worker to block on the second chunk", diagnose=diagnose)
        assert DeadlineNotice.objects.count() == 30  # the first chunk (10 cases) is committed
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        blocker.rollback()  # release the lock: the dead worker's transaction cannot commit
    blocker.close()
    # The orphaned server process ends when it finds its client gone. Watched from the
    # autocommit session: in `blocker`'s new transaction pg_stat_activity would stay a snapshot.
    _wait_for(
        lambda: (
            monitor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app_name]
            ).fetchone()[0]
            == 0
        ),
        "the killed worker's database session to end",
    )
    monitor.close()
    assert DeadlineNotice.objects.count() == 30
    assert DeadlineScan.objects.get(day=TODAY).finished_at is None  # not done: redo

    # The retry (the redelivered task, or the next night's run) in a fresh worker.
    app = _app(redis_url, queue)
    with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False):
        result = app.send_task(
            "cases.tasks.deadlines_scan", kwargs={"today": TODAY.isoformat()}, queue=queue
        ).get(timeout=120)
    assert result["notices_created"] == 60  # 20 cases never committed, 3 notices each
    _assert_complete_without_duplicates(cases)
    assert DeadlineScan.objects.get(day=TODAY).finished_at is not None
