"""Browser tests of the deadline screens in Chromium, axe-checked on every page (REQ D, M-01)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Phase
from cases.deadlines.services import deadlines_scan
from cases.models import DeadlineNotice, Inburgeraar
from tests.factories import DEMO_PASSWORD, InburgeraarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def deadlines_world(world):
    """Overdue and due-soon deadlines for two consultants, with 11 days of chart history."""
    Inburgeraar.objects.update(phase=Phase.AFGEROND)
    today = timezone.localdate()

    def case(**kwargs):
        return InburgeraarFactory(
            doelgroep="asielstatushouder",
            phase=Phase.GEKOPPELD,
            registered_on=None,
            housed_on=None,
            duo_notified_on=None,
            history=False,
            **kwargs,
        )

    world.late = case(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=today - timedelta(days=70),
        given_names="Yara",
        surname="Aziz",
    )
    world.soon = case(
        gemeente=world.middendorp,
        consultant=world.colleague,
        linked_on=today - timedelta(days=52),
        surname="Tekle",
    )
    world.fresh = case(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        linked_on=today - timedelta(days=3),
        surname="Popal",
    )
    deadlines_scan(today=today - timedelta(days=10))
    deadlines_scan(today=today)
    return world


def test_team_lead_opens_dashboard_drills_down_to_an_overdue_case_and_sees_why(
    page, live_server, live_login, axe_check, deadlines_world
):
    w = deadlines_world
    live_login(w.teamleider.username, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Termijnen", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijnen van het team")
    expect(page.locator("svg.hbel-chart")).to_have_count(2)
    axe_check(page, "deadline dashboard")
    page.get_by_text("Toon de cijfers per dag als tabel").click()
    axe_check(page, "deadline dashboard with the table open")
    page.screenshot(path="test-results/deadline-dashboard.png", full_page=True)

    # The overdue count of D-01 for consultant A.
    matrix = page.get_by_role("table", name=re.compile("per termijn en integratieconsulent"))
    row = matrix.get_by_role("row", name=re.compile("Brede intake gestart"))
    row.get_by_role("link", name="1 verlopen").first.click()
    expect(page).to_have_url(re.compile(r"deadline=brede_intake_gestart.*termijnstatus=overdue"))
    expect(page.get_by_text("U ziet dossiers waarvan de termijn")).to_be_visible()
    expect(page.get_by_role("link", name=w.late.sort_name)).to_be_visible()
    expect(page.get_by_role("link", name=w.soon.sort_name)).to_have_count(0)
    expect(page.get_by_role("link", name=w.fresh.sort_name)).to_have_count(0)
    axe_check(page, "filtered caseload")

    page.get_by_role("link", name=w.late.sort_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w.late.full_name)
    panel = page.locator("#termijn-brede_intake_gestart")
    expect(panel).to_contain_text("Verlopen")
    expect(panel).to_contain_text("De brede intake start uiterlijk 2 maanden na de koppeling")
    expect(panel).to_contain_text("Gerekend vanaf koppeling op")
    expect(panel).to_contain_text("dagen geleden")
    expect(panel).not_to_contain_text("REQ D-01")  # issue 13 item 6: no codes for people
    axe_check(page, "case page with deadlines")
    page.screenshot(path="test-results/deadline-case-page.png", full_page=True)


def test_consultant_handles_a_notice_in_the_inbox(
    page, live_server, live_login, axe_check, deadlines_world
):
    w = deadlines_world
    live_login(w.consultant.username, DEMO_PASSWORD)
    page.get_by_role("link", name="Mijn caseload").first.click()  # the start page is Vandaag
    expect(
        page.get_by_role("columnheader", name=re.compile("Eerstvolgende termijn"))
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("Eerstvolgende termijn")).click()
    expect(page).to_have_url(re.compile(r"sorteer=termijn"))
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text(w.late.sort_name)
    axe_check(page, "caseload sorted by deadline")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Meldingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    axe_check(page, "notice inbox")
    page.screenshot(path="test-results/deadline-inbox.png", full_page=True)
    open_before = DeadlineNotice.objects.filter(handled_at__isnull=True, inburgeraar=w.late).count()
    page.get_by_role(
        "button", name=re.compile("Afgehandeld melding „verlopen” voor Brede intake gestart van")
    ).click()
    expect(page.get_by_role("status").first).to_contain_text("De melding is afgehandeld")
    assert (
        DeadlineNotice.objects.filter(handled_at__isnull=True, inburgeraar=w.late).count()
        == open_before - 1
    )
    page.get_by_role("link", name="Afgehandelde meldingen").click()
    expect(page.get_by_text(re.compile("Afgehandeld op"))).to_be_visible()
    axe_check(page, "handled notices")


def test_deadline_calculator(page, live_server, live_login, axe_check, world):
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.get_by_role("link", name="Rekenhulp termijnen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rekenhulp termijnen")
    axe_check(page, "calculator")
    page.get_by_label("Peildatum").fill("2026-04-01")
    page.get_by_label("Doelgroep").select_option("asielstatushouder")
    page.get_by_label("Gekoppeld door COA op").fill("2026-01-12")
    page.get_by_label("Beschikking bekendgemaakt op").fill("2026-03-24")
    page.get_by_role("button", name="Bereken termijnen").click()
    result = page.locator("#uitkomst")
    expect(result).to_contain_text("Termijnen op 1 april 2026")
    expect(page.locator("#uitkomst-bezwaartermijn")).to_contain_text("6 mei 2026")
    expect(page.locator("#uitkomst-bezwaartermijn")).to_contain_text("Bevrijdingsdag")
    expect(page.locator("#uitkomst-brede_intake_gestart")).to_contain_text("Verlopen")
    axe_check(page, "calculator with results")
    page.screenshot(path="test-results/deadline-calculator.png", full_page=True)
    # Bad input gets the form's error summary, not a crash.
    page.get_by_label("Voortgangsgesprekken", exact=True).fill("gisteren")
    page.get_by_role("button", name="Bereken termijnen").click()
    expect(
        page.get_by_role(
            "link", name=re.compile("Voortgangsgesprekken: Ongeldige datum: .*gisteren")
        )
    ).to_be_visible()
    axe_check(page, "calculator with errors")
