"""Deadline screens: case panel, caseload column and filters, inbox, dashboard, calculator.

Access per role (404 + denied audit event out of scope) and fixed query counts (REQ D, M-01).
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import Phase
from cases.deadlines.services import deadlines_recompute, deadlines_scan
from cases.models import AuditEvent, DeadlineNotice, DeadlineSnapshot, Inburgeraar
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def overdue_case(world, today):
    """D-01 overdue: linked 3 months ago, still in phase gekoppeld.

    The world's own random cases are closed so they do not add deadlines of their own.
    """
    Inburgeraar.objects.update(phase=Phase.AFGEROND)
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="asielstatushouder",
        phase=Phase.GEKOPPELD,
        linked_on=today - timedelta(days=92),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        surname="Verlopen",
        history=False,
    )


def test_case_page_shows_the_deadline_panel_with_the_reason(client, world, overdue_case, today):
    client.force_login(world.consultant)
    response = client.get(reverse("cases:detail", kwargs={"public_id": overdue_case.public_id}))
    body = response.content.decode()
    assert "Termijnen" in body
    assert "Brede intake gestart" in body
    assert "REQ D-01" not in body  # issue 13 item 6: no requirement codes on user pages
    assert "hbel-badge--overdue" in body
    assert "De brede intake start uiterlijk 2 maanden na de koppeling" in body
    assert "Gerekend vanaf koppeling op" in body
    assert "dagen geleden" in body
    panel = response.context["deadline_panel"]
    assert panel["overdue"] >= 1


def test_closed_case_page_says_no_deadlines_run(client, world, overdue_case):
    Inburgeraar.objects.filter(pk=overdue_case.pk).update(phase=Phase.BEEINDIGD)
    client.force_login(world.consultant)
    response = client.get(reverse("cases:detail", kwargs={"public_id": overdue_case.public_id}))
    assert "er lopen geen termijnen meer" in response.content.decode()


def test_caseload_shows_next_deadline_and_sorts_by_urgency(client, world, overdue_case, today):
    soon = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="gezinsmigrant",
        linked_on=None,
        registered_on=today - timedelta(days=55),
        duo_notified_on=today - timedelta(days=55),  # D-05 counts from DUO's notice
        surname="Binnenkort",
        history=False,
    )
    later = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="gezinsmigrant",
        linked_on=None,
        registered_on=today - timedelta(days=5),
        duo_notified_on=today - timedelta(days=5),
        surname="Later",
        history=False,
    )
    deadlines_recompute()
    client.force_login(world.consultant)
    response = client.get(reverse("cases:caseload"), {"sorteer": "termijn"})
    order = [
        c.pk for c in response.context["cases"] if c.pk in (overdue_case.pk, soon.pk, later.pk)
    ]
    assert order == [overdue_case.pk, soon.pk, later.pk]
    body = response.content.decode()
    assert "Eerstvolgende termijn" in body
    assert "hbel-badge--overdue" in body and "hbel-badge--due_soon" in body
    reverse_order = client.get(reverse("cases:caseload"), {"sorteer": "-termijn"}).context["cases"]
    picked = [c.pk for c in reverse_order if c.pk in (overdue_case.pk, soon.pk, later.pk)]
    assert picked == [later.pk, soon.pk, overdue_case.pk]


def test_caseload_deadline_filters_are_the_dashboards_drill_down(client, world, overdue_case):
    colleague_overdue = InburgeraarFactory(
        gemeente=world.middendorp,
        consultant=world.colleague,
        doelgroep="asielstatushouder",
        linked_on=overdue_case.linked_on,
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
        history=False,
    )
    deadlines_recompute()
    client.force_login(world.teamleider)

    def pks(**params):
        response = client.get(reverse("cases:caseload"), params)
        assert response.status_code == 200
        return {c.pk for c in response.context["cases"]}

    both = {overdue_case.pk, colleague_overdue.pk}
    assert pks(deadline="brede_intake_gestart", termijnstatus="overdue") == both
    assert pks(
        deadline="brede_intake_gestart", termijnstatus="overdue", consulent=world.consultant.pk
    ) == {overdue_case.pk}
    assert pks(termijnstatus="overdue", gemeente=world.middendorp.pk) == {colleague_overdue.pk}
    assert pks(deadline="brede_intake_gestart", termijnstatus="met") == set()
    # Unknown values are ignored, not errors.
    assert both <= pks(deadline="bestaat_niet", termijnstatus="kapot")
    body = client.get(
        reverse("cases:caseload"), {"deadline": "brede_intake_gestart", "termijnstatus": "overdue"}
    ).content.decode()
    assert "Termijn: Brede intake gestart" in body
    assert "U ziet dossiers waarvan de termijn" in body


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sorteer": "termijn"},
        {"deadline": "pip_vastgesteld", "termijnstatus": "overdue", "sorteer": "-termijn"},
        {"termijnstatus": "due_soon", "gemeente": "1"},
    ],
)
def test_caseload_with_deadlines_query_count_is_fixed_for_10_and_300_cases(
    client, world, today, params
):
    client.force_login(world.teamleider)
    InburgeraarFactory.create_batch(8, gemeente=world.noorddorp, consultant=world.consultant)
    # One overdue PIP (REQ D-05) whatever the random cases hold: an empty page runs fewer
    # queries (no prefetches), which is not what this test compares.
    InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="gezinsmigrant",
        registered_on=today - timedelta(days=180),
        duo_notified_on=today - timedelta(days=180),
        history=False,
    )
    deadlines_recompute()
    small = _queries(client, reverse("cases:caseload"), params)
    InburgeraarFactory.create_batch(290, gemeente=world.noorddorp, consultant=world.consultant)
    deadlines_recompute()
    large = _queries(client, reverse("cases:caseload"), params)
    assert small == large


# ---------------------------------------------------------------------------- notice inbox


def test_inbox_lists_own_notices_and_marks_them_handled(client, world, overdue_case):
    deadlines_recompute()
    others = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.colleague,
        linked_on=overdue_case.linked_on,
        history=False,
        surname="Collega",
    )
    deadlines_recompute()
    client.force_login(world.consultant)
    response = client.get(reverse("cases:notices"))
    notices = list(response.context["notices"])
    assert {n.inburgeraar_id for n in notices} == {overdue_case.pk}
    assert others.surname not in response.content.decode()
    notice = next(n for n in notices if n.code == "brede_intake_gestart")
    assert notice.current_state == "overdue"
    response = client.post(
        reverse("cases:notice-handle", kwargs={"pk": notice.pk}), {"next": "/meldingen/"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.handled_by == world.consultant
    still_open = client.get(reverse("cases:notices")).context["notices"]
    assert notice.pk not in {n.pk for n in still_open}
    handled = client.get(reverse("cases:notices"), {"status": "afgehandeld"})
    assert "Afgehandeld op" in handled.content.decode()


def test_inbox_handle_of_another_consultants_notice_is_404_and_logged(client, world, overdue_case):
    deadlines_recompute()
    notice = DeadlineNotice.objects.get(inburgeraar=overdue_case, code="brede_intake_gestart")
    client.force_login(world.colleague)
    denied = AuditEvent.objects.filter(result="denied").count()
    response = client.post(reverse("cases:notice-handle", kwargs={"pk": notice.pk}))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(result="denied").count() == denied + 1
    notice.refresh_from_db()
    assert notice.handled_at is None


def test_inbox_handle_ignores_an_offsite_next(client, world, overdue_case):
    deadlines_recompute()
    notice = DeadlineNotice.objects.get(inburgeraar=overdue_case, code="brede_intake_gestart")
    client.force_login(world.consultant)
    response = client.post(
        reverse("cases:notice-handle", kwargs={"pk": notice.pk}), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("cases:notices")


@pytest.mark.parametrize("who", ["teamleider", "beleid", "administratie"])
def test_inbox_is_for_consultants(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("cases:notices")).status_code == 403


def test_inbox_query_count_is_fixed(client, world, today):
    client.force_login(world.consultant)
    InburgeraarFactory.create_batch(
        10,
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=today - timedelta(days=90),
        registered_on=None,
        housed_on=None,
        history=False,
    )
    deadlines_recompute()
    small = _queries(client, reverse("cases:notices"))
    InburgeraarFactory.create_batch(
        290,
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=today - timedelta(days=90),
        registered_on=None,
        housed_on=None,
        history=False,
    )
    deadlines_recompute()
    assert DeadlineNotice.objects.count() >= 300
    assert _queries(client, reverse("cases:notices")) == small


# ---------------------------------------------------------------------------- dashboard


def test_dashboard_counts_per_consultant_rule_and_municipality(client, world, overdue_case, today):
    zuid = InburgeraarFactory(
        gemeente=world.zuiddorp,
        consultant=world.other_consultant,
        linked_on=overdue_case.linked_on,
        history=False,
    )
    deadlines_scan()
    client.force_login(world.teamleider)
    response = client.get(reverse("cases:deadline-dashboard"))
    assert response.status_code == 200
    data = response.context["data"]
    row = next(r for r in data.matrix if r["rule"].code == "brede_intake_gestart")
    cell = next(c for c in row["cells"] if c["consultant"] == world.consultant)
    assert cell["overdue"] >= 1
    assert world.other_consultant not in data.consultants  # other team
    assert [g["gemeente"].name for g in data.gemeenten] == ["Middendorp", "Noorddorp"]
    body = response.content.decode()
    expected_link = (
        "?deadline=brede_intake_gestart&amp;termijnstatus=overdue"
        f"&amp;consulent={world.consultant.pk}"
    )
    assert expected_link in body
    assert f"?gemeente={world.noorddorp.pk}&amp;termijnstatus=overdue" in body
    assert "<svg" in body and "Verloop over de laatste 90 dagen" in body
    assert zuid.surname not in body


@pytest.mark.parametrize("who", ["consultant", "beleid", "administratie", "beheerder"])
def test_dashboard_is_for_team_leads(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("cases:deadline-dashboard")).status_code == 403


def test_dashboard_query_count_is_fixed_for_10_and_300_cases(client, world, today):
    client.force_login(world.teamleider)
    InburgeraarFactory.create_batch(10, gemeente=world.noorddorp, consultant=world.consultant)
    deadlines_scan(today=today - timedelta(days=1))
    deadlines_scan()
    small = _queries(client, reverse("cases:deadline-dashboard"))
    InburgeraarFactory.create_batch(290, gemeente=world.middendorp, consultant=world.colleague)
    deadlines_scan()
    DeadlineSnapshot.objects.bulk_create(
        DeadlineSnapshot(day=today - timedelta(days=n), gemeente=world.middendorp, overdue=n)
        for n in range(2, 90)
    )
    assert _queries(client, reverse("cases:deadline-dashboard")) == small


# ---------------------------------------------------------------------------- calculator


def test_calculator_computes_every_rule_without_storing(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("cases:deadline-calculator"))
    assert response.status_code == 200
    assert response.context["evaluations"] is None
    response = client.get(
        reverse("cases:deadline-calculator"),
        {
            "today": "2026-04-01",
            "doelgroep": "asielstatushouder",
            "linked_on": "2026-01-12",
            "beschikking_made_known_on": "2026-03-24",
            "progress_talks": "2026-02-01\n15-03-2026",
        },
    )
    evaluations = {e.code: e for e in response.context["evaluations"]}
    assert len(evaluations) == 15
    assert evaluations["bezwaartermijn"].due == date(2026, 5, 6)
    assert evaluations["brede_intake_gestart"].state == "overdue"
    body = response.content.decode()
    assert "Bevrijdingsdag" in body
    assert not DeadlineNotice.objects.exists()


def test_calculator_rejects_bad_input_with_a_message(client, world):
    client.force_login(world.consultant)
    response = client.get(
        reverse("cases:deadline-calculator"),
        {"today": "2026-04-01", "linked_on": "31-02-2026", "progress_talks": "gisteren"},
    )
    assert response.context["evaluations"] is None
    errors = response.context["form"].errors
    assert "linked_on" in errors and "progress_talks" in errors
    assert "gisteren" in response.content.decode()


def test_navigation_by_role(client, world):
    client.force_login(world.consultant)
    labels = [i["label"] for i in client.get(reverse("cases:caseload")).context["nav_items"]]
    assert "Meldingen" in labels and "Termijnen" not in labels
    client.force_login(world.teamleider)
    labels = [i["label"] for i in client.get(reverse("cases:caseload")).context["nav_items"]]
    assert "Termijnen" in labels and "Meldingen" not in labels


@pytest.mark.parametrize(
    "model", ["deadline", "deadlinenotice", "deadlinesnapshot", "deadlinescan"]
)
def test_deadline_data_is_read_only_in_the_admin(client, world, overdue_case, model):
    from tests.factories import UserFactory

    deadlines_scan()
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse(f"admin:cases_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:cases_{model}_add")).status_code == 403
