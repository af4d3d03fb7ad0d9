"""Browser: administratie registers a leerroute in DLP; the consultant records a provider
report and an afschalen step and sees the new PIP draft (issue 7). Axe on every page."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from learning_routes import services as routes
from learning_routes.models import Enrolment
from pip_plans import services as pips
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = date(2026, 3, 2)


def test_dlp_registration_report_and_afschalen_lead_to_a_pip_draft(
    page, live_server, live_login, axe_check, world, draft, settings
):
    settings.HBEL_AFSCHALEN_HOURS = 100  # a short route keeps the test readable
    pips.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY)
    case = draft.pip.inburgeraar
    enrolment = Enrolment.objects.get(inburgeraar=case)

    # Administratie: the DLP worklist.
    live_login(world.administratie.username, DEMO_PASSWORD)
    page.get_by_role("link", name="DLP-werklijst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DLP-werklijst")
    axe_check(page, "DLP worklist")
    row = page.get_by_role("row").filter(has_text=case.sort_name)
    row.get_by_label(f"Datum aanmelding DLP voor {case.full_name}").fill(
        (DAY + timedelta(days=3)).isoformat()
    )
    row.get_by_role("button", name="Aangemeld in DLP").click()
    expect(page.get_by_role("status").first).to_contain_text("aangemeld in DLP")
    enrolment.refresh_from_db()
    assert enrolment.registered_by == world.administratie
    page.get_by_role("button", name="Uitloggen").click()

    # The provider reports the start (recorded here directly), then the consultant works.
    routes.enrolment_start(enrolment=enrolment, on=DAY + timedelta(days=10), by=world.consultant)
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")
    page.get_by_role("link", name="Leerroute").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerroute")
    axe_check(page, "case leerroute")
    page.get_by_role("link", name="Rapportage toevoegen").click()
    axe_check(page, "report form")
    page.get_by_label("Rapportdatum").fill((DAY + timedelta(days=100)).isoformat())
    page.get_by_label("Periode vanaf").fill((DAY + timedelta(days=10)).isoformat())
    page.get_by_label("Periode tot en met").fill((DAY + timedelta(days=95)).isoformat())
    page.get_by_label("Uren gepland in deze periode").fill("130")
    page.get_by_label("Uren aanwezig in deze periode").fill("120")
    page.get_by_label("Lezen").select_option("A2")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("rapportage is vastgelegd")
    expect(page.get_by_text("120 / 130")).to_be_visible()

    page.get_by_role("link", name="Afschalen naar A2").click()
    axe_check(page, "afschalen form")
    page.get_by_label("Grond").fill("B1 blijkt niet haalbaar ondanks volledige inzet.")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("nieuwe conceptversie van het PIP")
    axe_check(page, "leerroute after afschalen")

    # The new PIP draft is there.
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/")
    page.get_by_role("link", name="PIP", exact=True).click()
    expect(page.get_by_text("Afschalen van B1 naar A2").first).to_be_visible()
    axe_check(page, "PIP with the new draft")
    page.screenshot(path="test-results/pip-after-afschalen.png", full_page=True)
