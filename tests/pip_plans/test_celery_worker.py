"""The beschikking PDF rendered by a real Celery worker on a real Redis broker (REQ P-03;
DESIGN.md principle 7). Needs REDIS_URL (CI sets it; locally e.g. redis://127.0.0.1:6379/7).

A separate Celery app with its own queue and a Redis result backend is used, so the test
waits for the task's real result (no sleeps) and cannot pick up other tasks on the broker.
"""

import os
import uuid
from datetime import date
from pathlib import Path

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from pip_plans import services
from pip_plans.models import Beschikking

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("REDIS_URL is not set; CI runs the Celery worker test on Redis.")
        pytest.skip("REDIS_URL not set: the worker test needs a real Redis broker")
    return url


@pytest.fixture
def worker_app(redis_url):
    import pip_plans.tasks  # noqa: F401  registers the shared task

    app = Celery("hbel-test-worker", broker=redis_url, backend=redis_url, set_as_current=False)
    app.conf.update(
        task_default_queue=f"hbel-test-pip-{uuid.uuid4().hex[:8]}",
        task_always_eager=False,
        result_expires=300,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    app.finalize()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield app


def test_a_real_worker_renders_the_pdf_once_even_when_the_task_runs_twice(
    worker_app, draft, settings
):
    day = date(2026, 3, 2)
    beschikking = services.pip_establish(
        version=draft, by=draft.created_by, on=day, today=day, render=False
    )
    task = "pip_plans.render_beschikking_pdf"
    first = worker_app.send_task(task, args=[beschikking.pk]).get(timeout=120)
    second = worker_app.send_task(task, args=[beschikking.pk]).get(timeout=120)
    beschikking = Beschikking.objects.get(pk=beschikking.pk)
    assert first == second == beschikking.sha256
    assert len(beschikking.sha256) == 64
    stored = list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    assert stored == [Path(beschikking.pdf.path)]
    assert worker_app.send_task(task, args=[10**9]).get(timeout=120) == "gone"
