"""Issue 13 in Chromium: closing asks for confirmation; the functioneel beheerder reopens a
case closed in error from its access log (axe on each page)."""

import pytest
from playwright.sync_api import expect

from cases.constants import Phase
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue13_close_with_confirmation_and_reopen_by_the_beheerder(
    page, live_server, live_login, axe_check, world
):
    case = world.own_case
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/fase/")
    page.get_by_role("radio", name="Verhuisd").check()
    page.get_by_label("Reden van afsluiten").select_option(
        label="Verhuisd naar een andere gemeente"
    )
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_text("Bevestig dat u het dossier wilt sluiten").first).to_be_visible()
    axe_check(page, "phase form asking for confirmation")
    page.get_by_label("Ik wil het dossier sluiten").check()
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("status").first).to_contain_text("De fase is gewijzigd")
    case.refresh_from_db()
    assert case.is_closed

    page.context.clear_cookies()
    live_login(world.beheerder.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/privacy/dossiers/{case.public_id}/")
    page.get_by_role("link", name="Dossier heropenen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier heropenen")
    axe_check(page, "reopen form")
    page.get_by_label("Waarom wordt het dossier heropend?").fill("Verkeerd dossier gesloten.")
    page.get_by_role("button", name="Dossier heropenen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het dossier is heropend")
    case.refresh_from_db()
    assert case.phase == Phase.GEKOPPELD and not case.is_closed
