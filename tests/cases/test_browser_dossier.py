"""Issue 13, item 2 in Chromium: the dossier summary shows the next deadlines with their
state; the explanation of a deadline opens on demand; axe-clean; screenshotted."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Phase
from tests.factories import DEMO_PASSWORD, InburgeraarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dossier_summary_shows_the_next_deadlines(
    page, live_server, live_login, axe_check, world
):
    """REQ D-01 / D-02: a case linked 70 days ago: the brede intake and the warme overdracht
    are the first deadlines, both overdue, shown at the top with their state."""
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.GEKOPPELD,
        doelgroep="asielstatushouder",
        given_names="Ayşe",
        surname="Çelik",
        linked_on=timezone.localdate() - timedelta(days=70),
    )
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")
    summary = page.get_by_role("region", name="In één oogopslag")
    expect(summary).to_be_visible()
    deadlines = summary.get_by_role("list").first.get_by_role("listitem")
    expect(deadlines).to_have_count(3)
    expect(deadlines.first).to_contain_text("Brede intake gestart")
    expect(deadlines.first).to_contain_text("Verlopen")
    expect(summary).to_contain_text("Contactpersoon")
    expect(summary).to_contain_text(str(world.consultant))
    # The summary sits above the full table; its link jumps to the deadline's row.
    box_summary = summary.bounding_box()
    box_table = page.get_by_role("region", name="Alle termijnen").bounding_box()
    assert box_summary["y"] < box_table["y"]
    deadlines.first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#termijn-brede_intake_gestart$"))
    # The explanation is there on demand.
    row = page.locator("#termijn-brede_intake_gestart")
    explanation = row.locator(".hbel-deadline__explanation")
    expect(explanation).to_be_hidden()
    row.get_by_text("Waarom deze termijn?").click()
    expect(explanation).to_be_visible()
    axe_check(page, "case page with the summary")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")
    page.screenshot(path="test-results/dossier-summary.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path="test-results/dossier-summary-390.png", full_page=True)
    axe_check(page, "case page at 390 px")
    # The whole page is now far shorter than the 5,200 px of issue 13.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate("document.documentElement.scrollHeight") < 5200, height
