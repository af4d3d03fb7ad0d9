"""Issue 13, item 1 in Chromium: every role logs in through the real login and MFA forms and
lands on a page with content it may see (never "Geen toegang"), axe-clean, screenshotted."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from cases.constants import Phase
from cases.deadlines.services import deadlines_recompute
from intake.constants import ConversationStatus
from tests.factories import DEMO_PASSWORD, InburgeraarFactory
from tests.intake.factories import BredeIntakeFactory, IntakeConversationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# role → (path of the start page, its heading, a text only its content has)
LANDING = {
    "consultant": ("/vandaag/", "Vandaag", "Intakegesprekken deze week"),
    "teamleider": ("/termijnen/dashboard/", None, "Noorddorp"),
    "administratie": ("/pip/duo-registraties/", "PIP's registreren bij DUO", None),
    "boeteambtenaar": ("/termijnen/rekenhulp/", "Rekenhulp termijnen", "Doelgroep"),
    "beleid": ("/overzicht/", "Overzicht per gemeente en fase", "Noorddorp"),
    "beheerder": ("/privacy/", None, None),
}


@pytest.mark.parametrize("who", list(LANDING))
def test_every_role_logs_in_and_lands_on_a_page_with_content(
    page, live_server, live_login, axe_check, world, who
):
    path, heading, text = LANDING[who]
    if who == "consultant":
        overdue = InburgeraarFactory(
            gemeente=world.noorddorp,
            consultant=world.consultant,
            phase=Phase.GEKOPPELD,
            given_names="Ayşe",
            surname="Çelik",
            linked_on=world.own_case.linked_on - timedelta(days=200),
        )
        from django.utils import timezone

        IntakeConversationFactory(
            intake=BredeIntakeFactory(inburgeraar=overdue),
            status=ConversationStatus.PLANNED,
            scheduled_on=timezone.localdate() + timedelta(days=2),
        )
        deadlines_recompute()
    live_login(getattr(world, who).username, DEMO_PASSWORD)
    assert page.url == live_server.url + path
    expect(page.get_by_text("Geen toegang")).to_have_count(0)
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_be_visible()
    if heading:
        expect(h1).to_have_text(heading)
    if text:
        expect(page.get_by_role("main").get_by_text(text).first).to_be_visible()
    if who == "consultant":
        section = page.get_by_role("region", name="Intakegesprekken deze week")
        expect(section.get_by_role("link", name="Ayşe Çelik")).to_be_visible()
    axe_check(page, f"start page {who}")
    page.screenshot(path=f"test-results/start-{who}.png", full_page=True)
