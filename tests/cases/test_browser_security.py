"""Browser: enrol MFA, log in with a TOTP code, view a case, see that view in the access log."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_secret(secret_text: str) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


def test_enrol_mfa_view_a_case_and_find_that_view_in_the_access_log(
    page, live_server, live_login, axe_check, world
):
    consultant = world.consultant
    case = world.own_case
    page.goto(live_server.url + "/login/")
    page.get_by_label("Gebruikersnaam", exact=True).fill(consultant.username)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Password alone leads to enrolment.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    axe_check(page, "MFA enrolment")
    secret = page.locator(".hbel-secret").inner_text()
    page.get_by_role("textbox", name="Code").fill(_code_from_secret(secret))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw back-upcodes")
    expect(page.locator(".hbel-backup-codes li")).to_have_count(10)
    axe_check(page, "backup codes")
    page.get_by_role("link", name="Verder naar de applicatie").click()

    # Issue 13, item 1: the consultant's start page is Vandaag; the caseload is in the menu.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Mijn caseload"
    ).click()
    page.get_by_role("link", name=case.sort_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.full_name)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_label("Gebruikersnaam", exact=True)).to_be_visible()

    # Log in again: now a TOTP code is asked for, not a new enrolment.
    page.get_by_label("Gebruikersnaam", exact=True).fill(consultant.username)
    page.get_by_label("Wachtwoord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie")
    axe_check(page, "MFA verification")
    page.get_by_role("button", name="Uitloggen").click()

    # The team lead opens the case's access log and sees the consultant's view.
    live_login(world.teamleider.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")
    page.get_by_role("link", name="Wie heeft dit bekeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft dit dossier bekeken")
    row = (
        page.get_by_role("row")
        .filter(has_text="Dossier bekeken")  # the Dutch label, never the code (issue 11)
        .filter(has_text=consultant.get_full_name())
    )
    expect(row.first).to_be_visible()
    axe_check(page, "access log")
    page.screenshot(path="test-results/access-log.png", full_page=True)


def test_privacy_officer_searches_the_audit_log(page, live_server, live_login, axe_check, world):
    live_login(world.beheerder.username, DEMO_PASSWORD)
    page.goto(live_server.url + "/privacy/")
    axe_check(page, "audit search")
    page.get_by_label("Handeling").select_option("login")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_be_visible()
    # The Dutch label and a readable object, never the raw code (issue 11).
    expect(page.get_by_role("row").filter(has_text="Ingelogd").first).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Medewerker beheerder").first).to_be_visible()
    assert "login" not in page.locator("table tbody").inner_text()
    axe_check(page, "audit search results")
    page.screenshot(path="test-results/audit-search.png", full_page=True)
    page.get_by_role("link", name="Dossier zoeken op BSN").click()
    page.get_by_label("BSN").fill(world.zuid_case.bsn)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft dit dossier bekeken")
    axe_check(page, "privacy access log")
