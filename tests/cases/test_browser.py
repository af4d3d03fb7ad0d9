"""Browser tests of the case screens in Chromium, with an axe check on every page visited."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cases.constants import Phase
from cases.models import Inburgeraar
from tests.factories import DEMO_PASSWORD, InburgeraarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requested_urls(page):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_consultant_filters_opens_edits_and_changes_phase(
    page, live_server, live_login, axe_check, world, requested_urls
):
    case = world.own_case
    second = InburgeraarFactory(
        gemeente=world.middendorp, consultant=world.consultant, phase=Phase.PIP, surname="Zubair"
    )
    live_login(world.consultant.username, DEMO_PASSWORD)
    # Issue 13, item 1: the consultant starts on Vandaag; the caseload is one click away.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn caseload"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    axe_check(page, "caseload")

    # Filter on phase: only the PIP case remains.
    page.get_by_label("Fase").select_option(Phase.PIP.value)
    page.get_by_role("button", name="Filteren").click()
    expect(page).to_have_url(re.compile(r"fase=pip"))
    expect(page.get_by_role("link", name=second.sort_name)).to_be_visible()
    expect(page.get_by_role("link", name=case.sort_name)).to_have_count(0)
    axe_check(page, "caseload filtered")

    # Search the other case by BSN (POST), open it.
    page.get_by_role("link", name="Zoeken op BSN").click()
    axe_check(page, "BSN search")
    page.get_by_label("BSN").fill(case.bsn)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.full_name)
    axe_check(page, "case page")

    # Edit: a wrong key date is refused with a clear message, then a valid change is saved.
    page.get_by_role("link", name="Gegevens wijzigen").click()
    axe_check(page, "edit form")
    page.get_by_label("Gehuisvest op").fill((case.linked_on - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "huisvestingsdatum ligt vóór de koppelingsdatum"
    )
    axe_check(page, "edit form with errors")
    page.get_by_label("Gehuisvest op").fill(case.housed_on.isoformat() if case.housed_on else "")
    page.get_by_label("Telefoonnummer").fill("06 11112222")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")
    expect(page.get_by_text("06 11112222")).to_be_visible()

    # Change phase.
    page.get_by_role("link", name="Fase wijzigen").click()
    axe_check(page, "phase form")
    page.get_by_label("Brede intake").check()
    page.get_by_label("Toelichting").fill("Eerste intakegesprek gepland")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("status").first).to_contain_text("Brede intake")
    axe_check(page, "case page after phase change")
    page.screenshot(path="test-results/case-page.png", full_page=True)

    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE
    assert case.phone == "06 11112222"
    # REQ C-07: no BSN in any URL the browser requested.
    assert requested_urls
    for bsn in Inburgeraar.objects.values_list("bsn", flat=True):
        assert not any(bsn in url for url in requested_urls), "a BSN appeared in a URL"


def test_team_lead_filters_by_consultant_and_hands_over(
    page, live_server, live_login, axe_check, world
):
    live_login(world.teamleider.username, DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Dossiers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    page.get_by_label("Integratieconsulent").select_option(str(world.colleague.pk))
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("link", name=world.colleague_case.sort_name)).to_be_visible()
    expect(page.get_by_role("link", name=world.own_case.sort_name)).to_have_count(0)
    page.screenshot(path="test-results/caseload.png", full_page=True)
    page.get_by_role("link", name=world.colleague_case.sort_name).click()
    page.get_by_role("link", name="Overdragen").click()
    axe_check(page, "handover form")
    page.get_by_label("Nieuwe integratieconsulent").select_option(str(world.consultant.pk))
    page.get_by_label("Reden van de overdracht").fill("Herverdeling caseload")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.get_by_role("status").first).to_contain_text("overgedragen")
    world.colleague_case.refresh_from_db()
    assert world.colleague_case.consultant == world.consultant


def test_login_page_is_accessible(page, live_server, axe_check):
    page.goto(live_server.url + "/login/")
    axe_check(page, "login")
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    axe_check(page, "login with error")
