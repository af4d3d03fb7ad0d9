"""Issue 12 in Chromium, with an axe check on every page visited.

- The phase form refuses PIP → inburgeringstermijn: the option is not offered and the page
  says that only establishing the PIP starts the term (REQ D-06, C-04).
- Waiting for a third party's information is recorded on the PIP page, and its receipt; the
  PIP deadline follows (REQ D-05 lid 2, Besluit inburgering 2021 art. 5.3 lid 2).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Phase
from cases.models import Deadline, Inburgeraar
from pip_plans.models import ThirdPartyRequest
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_D06_the_phase_form_offers_no_way_into_the_term_without_a_pip(
    page, live_server, live_login, axe_check, pip_case, world
):
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{pip_case.public_id}/fase/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fase wijzigen")
    expect(page.get_by_role("note")).to_contain_text(
        "De inburgeringstermijn begint met het vaststellen van het PIP"
    )
    expect(page.get_by_role("radio", name="Inburgeringstermijn")).to_have_count(0)
    expect(page.get_by_role("radio", name="Beëindigd")).to_have_count(1)
    axe_check(page, "phase form in phase PIP")
    # Forcing the value into the form is refused as well, and nothing changes.
    page.evaluate(
        """() => { const r = document.querySelector('input[name=to_phase]');
        r.value = 'inburgeringstermijn'; r.checked = true; }"""
    )
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.locator(".utrecht-form-field-error-message").first).to_be_visible()
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.PIP


def test_D05_a_third_party_wait_is_recorded_on_the_pip_page_and_moves_the_deadline(
    page, live_server, live_login, axe_check, pip_case, world
):
    today = timezone.localdate()
    # DUO's notice a week ago: the PIP is due in 9 weeks, so a request now counts.
    Inburgeraar.objects.filter(pk=pip_case.pk).update(
        duo_notified_on=today - timedelta(days=7), registered_on=today - timedelta(days=30)
    )
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{pip_case.public_id}/pip/")
    expect(page.get_by_role("heading", name="Informatie van derden")).to_be_visible()
    page.get_by_role("link", name="Verzoek om informatie vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informatie van een derde gevraagd")
    axe_check(page, "third party request form")
    page.get_by_label("Gevraagd aan").fill("Huisarts")
    page.get_by_label("Welke informatie").fill("Medische beperkingen voor de route")
    page.get_by_label("Gevraagd op").fill(today.isoformat())
    page.get_by_role("button", name="Verzoek vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het verzoek om informatie")
    expect(page.get_by_text("Nog niet ontvangen.")).to_be_visible()
    axe_check(page, "PIP page with a third party request")
    asked = ThirdPartyRequest.objects.get(inburgeraar=pip_case)
    page.get_by_role("link", name="Ontvangst vastleggen").click()
    axe_check(page, "third party received form")
    page.get_by_label("Ontvangen op").fill(today.isoformat())
    page.get_by_role("button", name="Ontvangst vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("De ontvangst is vastgelegd")
    asked.refresh_from_db()
    assert asked.received_on == today
    # Received today: due the later of the 10 weeks and 2 weeks after receipt (Atw applies).
    deadline = Deadline.objects.get(inburgeraar=pip_case, code="pip_vastgesteld")
    assert deadline.due >= today - timedelta(days=7) + timedelta(weeks=10)
