"""Issue 13, item 2: the dossier at a glance on the Dossier tab (phase, the next three
deadlines with their state, contact person, key dates, open tasks); the same tabs on every
case page."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import DeadlineState, Phase
from cases.deadlines.services import deadlines_recompute
from cases.navigation import case_tabs
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def _detail(client, case):
    return client.get(reverse("cases:detail", kwargs={"public_id": case.public_id}))


def test_summary_shows_the_next_three_running_deadlines_earliest_first(client, world):
    """REQ D-01 … D-04: a fresh asielstatushouder has several running deadlines; the summary
    shows three, by due date, each with its state."""
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.GEKOPPELD,
        doelgroep="asielstatushouder",
        linked_on=timezone.localdate() - timedelta(days=70),
    )
    client.force_login(world.consultant)
    response = _detail(client, case)
    rows = response.context["summary"]["next_deadlines"]
    assert 1 <= len(rows) <= 3
    dues = [row["ev"].due for row in rows]
    assert dues == sorted(dues)
    running = {DeadlineState.OPEN, DeadlineState.DUE_SOON, DeadlineState.OVERDUE}
    assert all(row["ev"].state in running for row in rows)
    # Every running deadline not shown is due no earlier than the last one shown.
    others = [
        r["ev"].due
        for r in response.context["deadline_panel"]["applicable"]
        if r["ev"].state in running and r["ev"].due and r not in rows
    ]
    assert all(due >= dues[-1] for due in others)
    html = response.content.decode()
    summary = html[html.index("In één oogopslag") : html.index("Alle termijnen")]
    assert str(rows[0]["ev"].rule.title) in summary
    assert "Contactpersoon" in summary and str(world.consultant) in summary
    assert "Kerndatums" in summary and "Gekoppeld door COA" in summary


def test_summary_lists_open_notices_and_the_pip_draft_as_tasks(client, world, draft):
    case = draft.pip.inburgeraar
    deadlines_recompute()  # the PIP case's deadlines are long overdue: notices
    client.force_login(world.consultant)
    summary = _detail(client, case).context["summary"]
    assert any("PIP-concept versie 1" in task["label"] for task in summary["tasks"])
    assert summary["notices"], "an overdue deadline raised a notice"


def test_the_explanation_is_on_demand(client, world):
    client.force_login(world.consultant)
    html = _detail(client, world.own_case).content.decode()
    assert re.search(r"<details[^>]*hbel-deadline__why", html)
    assert "Waarom deze termijn?" in html


def test_case_page_with_summary_has_a_fixed_number_of_queries(client, world, draft):
    """DESIGN principle 6: the summary adds a fixed number of queries, however many
    notices, tasks and deadlines the case has."""
    case = draft.pip.inburgeraar
    client.force_login(world.consultant)
    _detail(client, case)  # warm-up
    with CaptureQueriesContext(connection) as before:
        _detail(client, case)
    deadlines_recompute()  # the PIP case's deadlines are long overdue: notices
    with CaptureQueriesContext(connection) as after:
        response = _detail(client, case)
    assert len(response.context["summary"]["notices"]) >= 2
    assert len(before.captured_queries) == len(after.captured_queries)


@pytest.mark.parametrize("who", ["consultant", "teamleider", "administratie"])
def test_every_case_tab_shows_the_same_tabs(client, world, who):
    """Issue 13, item 2: the same case navigation on every case page (the kit's frame)."""
    user = getattr(world, who)
    client.force_login(user)
    case = world.own_case
    urls = [reverse("cases:detail", kwargs={"public_id": case.public_id})] + [
        reverse(tab.url_name, kwargs={"public_id": case.public_id}) for tab in case_tabs(user)
    ]
    navs = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        match = re.search(
            r'<nav class="hbel-subnav" aria-label="Onderdelen van het dossier">.*?</nav>',
            html,
            re.S,
        )
        assert match, f"no case tabs on {url}"
        navs.add(re.sub(r'\s+aria-current="page"', "", match.group(0)))
    assert len(navs) == 1
