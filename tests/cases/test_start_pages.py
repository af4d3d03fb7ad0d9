"""Issue 13, item 1: every role starts on a page with its own work, never on a 403; the
consultant's *Vandaag* lists signals, this week's appointments and drafts in fixed queries."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import Phase
from cases.deadlines.services import deadlines_recompute
from cases.models import AuditEvent
from intake.constants import ConversationStatus
from tests.factories import InburgeraarFactory
from tests.intake.factories import (
    BredeIntakeFactory,
    DeviceFactory,
    IntakeConversationFactory,
    ToetsbegeleiderFactory,
    ToetsSessionFactory,
)
from tests.intake.helpers import werkcentrum

pytestmark = pytest.mark.django_db

START = {
    "consultant": "cases:today",
    "teamleider": "cases:deadline-dashboard",
    "administratie": "pip_plans:duo-worklist",
    "boeteambtenaar": "cases:deadline-calculator",
    "beleid": "cases:overview",
    "beheerder": "privacy:audit-search",
}


@pytest.mark.parametrize("who", sorted(START))
def test_every_role_starts_on_its_own_page_never_a_403(client, world, who):
    """Issue 13, item 1: "/" and the login redirect lead each role to a page it may open."""
    client.force_login(getattr(world, who))
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302
    assert response.url == reverse(START[who])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<h1" in page.content.decode()


def test_login_redirects_to_the_start_page_not_the_caseload(client, world, settings):
    """Beleid used to land on the caseload's 403 after every login (issue 13)."""
    settings.HBEL_MFA_REQUIRED = False
    settings.HBEL_DEMO = True
    from tests.factories import DEMO_PASSWORD

    response = client.post(
        reverse("login"), {"username": world.beleid.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("cases:home")
    assert client.get(response.url).url == reverse("cases:overview")


def test_a_user_with_two_roles_starts_on_the_first(client, world):
    from django.contrib.auth.models import Group

    world.teamleider.groups.add(Group.objects.get(name="integratieconsulent"))
    client.force_login(world.teamleider)
    assert client.get(reverse("cases:home")).url == reverse("cases:today")


def _appointments(world, n, today):
    device = DeviceFactory(location=werkcentrum())
    begeleider = ToetsbegeleiderFactory(trained_on=today - timedelta(days=400))
    for i in range(n):
        case = InburgeraarFactory(
            gemeente=world.noorddorp, consultant=world.consultant, history=False
        )
        IntakeConversationFactory(
            intake=BredeIntakeFactory(inburgeraar=case),
            status=ConversationStatus.PLANNED,
            scheduled_on=today + timedelta(days=i % 7),
        )
        ToetsSessionFactory(
            toets__inburgeraar=case,
            device=device,
            toetsbegeleider=begeleider,
            location=device.location,
            starts_at=timezone.make_aware(datetime.combine(today, time(8)))
            + timedelta(days=i % 7, minutes=50 * i),
        )


def test_today_lists_this_weeks_appointments_of_own_cases_only(client, world):
    today = timezone.localdate()
    _appointments(world, 2, today)
    theirs = BredeIntakeFactory(inburgeraar=world.zuid_case)
    IntakeConversationFactory(
        intake=theirs, status=ConversationStatus.PLANNED, scheduled_on=today + timedelta(days=1)
    )
    later = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    IntakeConversationFactory(
        intake=BredeIntakeFactory(inburgeraar=later),
        status=ConversationStatus.PLANNED,
        scheduled_on=today + timedelta(days=8),
    )
    client.force_login(world.consultant)
    response = client.get(reverse("cases:today"))
    assert response.status_code == 200
    sections = {s["key"]: s for s in response.context["sections"]}
    assert len(sections["gesprekken"]["rows"]) == 2
    assert len(sections["toetsen"]["rows"]) == 2
    names = {row.inburgeraar.pk for row in sections["gesprekken"]["rows"]}
    assert world.zuid_case.pk not in names and later.pk not in names
    # The page shows names: audited, one processing line per person on it.
    event = AuditEvent.objects.filter(action="today_viewed", actor=world.consultant).get()
    assert event is not None


def test_today_lists_open_notices_and_pip_drafts(client, world, draft):
    """REQ D / M-01 signals and REQ P-04 drafts of the consultant's own cases."""
    overdue = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.GEKOPPELD,
        linked_on=timezone.localdate() - timedelta(days=200),
    )
    deadlines_recompute()
    client.force_login(world.consultant)
    sections = {s["key"]: s for s in client.get(reverse("cases:today")).context["sections"]}
    assert overdue.pk in {row.inburgeraar.pk for row in sections["meldingen"]["rows"]}
    assert [row.inburgeraar.pk for row in sections["pip-concepten"]["rows"]] == [
        draft.pip.inburgeraar_id
    ]


def test_today_is_the_consultants_page(client, world):
    client.force_login(world.beleid)
    assert client.get(reverse("cases:today")).status_code == 403


def _today_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:today"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_today_query_count_is_fixed_for_2_and_40_appointments(client, world):
    """DESIGN principle 6: a query per section, whatever the caseload."""
    today = timezone.localdate()
    client.force_login(world.consultant)
    _today_queries(client)  # warm-up
    _appointments(world, 2, today)
    small = _today_queries(client)
    _appointments(world, 40, today)
    large = _today_queries(client)
    assert small == large
