"""With the broker down, the web keeps working and the next scan catches up (REQ D, issue 4).

The broker is "stopped" by pointing Celery at a closed port (the shared Redis keeps running).
"""

import socket
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from cases.constants import Phase
from cases.deadlines.services import deadlines_scan
from cases.models import Deadline, DeadlineNotice, DeadlineScan, Inburgeraar
from cases.tasks import deadlines_scan as deadlines_scan_task
from hbel.celery import app as celery_app
from tests.factories import DEMO_PASSWORD, InburgeraarFactory
from tests.plugins import current_totp, ensure_authenticator

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker_down():
    conf = celery_app.conf
    saved = {
        key: conf[key]
        for key in (
            "broker_url",
            "task_always_eager",
            "broker_connection_retry",
            "broker_connection_max_retries",
            "broker_connection_timeout",
        )
    }
    conf.update(
        broker_url=f"redis://127.0.0.1:{_closed_port()}/0",
        task_always_eager=False,
        broker_connection_retry=False,
        broker_connection_max_retries=0,
        broker_connection_timeout=1,
    )
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield
    conf.update(saved)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_login_caseload_and_case_page_work_with_the_broker_down(
    client, world, broker_down, django_capture_on_commit_callbacks
):
    # The broker really is unreachable: queueing a task fails.
    with pytest.raises(OperationalError):
        deadlines_scan_task.apply_async(retry=False)

    Inburgeraar.objects.update(phase=Phase.AFGEROND)
    today = timezone.localdate()
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=today - timedelta(days=50),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        history=False,
    )
    ensure_authenticator(world.consultant.username)
    response = client.post(
        reverse("login"), {"username": world.consultant.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    # The MFA step (django-otp, database only) works without the broker as well.
    response = client.post(
        reverse("mfa-verify"), {"token": current_totp(world.consultant.username)}
    )
    assert response.status_code == 302
    assert client.get(reverse("cases:caseload")).status_code == 200
    url = reverse("cases:detail", kwargs={"public_id": case.public_id})
    response = client.get(url)
    assert response.status_code == 200
    assert "Brede intake gestart" in response.content.decode()
    # A change of a key date: the recompute runs in-process on commit, not via the broker.
    data = {
        "bsn": case.bsn,
        "given_names": case.given_names,
        "surname": case.surname,
        "date_of_birth": case.date_of_birth.isoformat(),
        "language": case.language,
        "interpreter_language": case.interpreter_language,
        "interpreter_needed": "on" if case.interpreter_needed else "",
        "doelgroep": case.doelgroep,
        "gemeente": case.gemeente_id,
        "linked_on": (today - timedelta(days=55)).isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cases:edit", kwargs={"public_id": case.public_id}), data)
    assert response.status_code == 302
    intake = Deadline.objects.get(inburgeraar=case, code="brede_intake_gestart")
    assert intake.state == "due_soon"
    assert client.get(reverse("cases:notices")).status_code == 200


def test_the_next_scan_catches_up_after_the_broker_was_down(world, broker_down):
    Inburgeraar.objects.update(phase=Phase.AFGEROND)
    today = timezone.localdate()
    # A koppeling whose D-01 deadline becomes due soon on one of the missed days.
    linked_on = next(
        linked
        for offset in range(-3, 4)
        if (linked := today + timedelta(days=12 + offset) - relativedelta(months=2))
        and today - timedelta(days=3)
        <= linked + relativedelta(months=2) - timedelta(days=14)
        < today
    )
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=linked_on,
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        history=False,
    )
    due = case.linked_on + relativedelta(months=2)  # REQ D-01
    deadlines_scan(today=today - timedelta(days=4))
    assert not DeadlineNotice.objects.filter(inburgeraar=case).exists()
    # Three nightly runs could not be queued; the broker is back and the next run catches up.
    result = deadlines_scan(today=today)
    assert result.days == [today - timedelta(days=n) for n in (3, 2, 1, 0)]
    notice = DeadlineNotice.objects.get(inburgeraar=case, code="brede_intake_gestart")
    assert notice.kind == "due_soon"
    # Raised on the missed day it became due soon, not on the day of the catch-up run.
    assert notice.raised_on == due - timedelta(days=14)
    assert today - timedelta(days=3) <= notice.raised_on < today
    assert DeadlineScan.objects.filter(finished_at__isnull=False).count() == 5
