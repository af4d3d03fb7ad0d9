"""Issue 13 in Chromium: the consultant corrects a toets result entered in error, with a
reason; the old value stays in the history (axe on each page)."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake import services
from intake.constants import ToetsResult
from intake.models import Leerbaarheidstoets, ToetsCorrection
from tests.factories import DEMO_PASSWORD
from tests.intake.helpers import new_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("test-results")


def test_issue13_the_consultant_corrects_a_toets_result(
    page, live_server, live_login, axe_check, world
):
    today = timezone.localdate()
    case = new_case(world)
    services.toets_result_record(
        inburgeraar=case,
        taken_on=today - timedelta(days=10),
        result_on=today - timedelta(days=7),
        duo_result=ToetsResult.B1_FEASIBLE,
        score=Decimal("32.50"),
        required_score=Decimal("28.50"),
        by=world.consultant,
    )
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/leerbaarheidstoets/")
    page.get_by_role("link", name="Uitslag corrigeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitslag corrigeren")
    axe_check(page, "result correction form")
    page.get_by_label("B1-route niet haalbaar", exact=True).check()
    page.get_by_label("Behaalde score").fill("23,50")
    page.get_by_role("button", name="Opslaan").click()
    # Without a reason: refused, and what was typed stays.
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    expect(page.get_by_label("Behaalde score")).to_have_value("23,50")
    page.get_by_label("Reden van de correctie").fill("Score van het oefenexamen overgenomen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De uitslag is gecorrigeerd.")).to_be_visible()
    corrections = page.get_by_role("region", name="Correcties")
    expect(corrections).to_contain_text("Score van het oefenexamen overgenomen.")
    expect(corrections).to_contain_text("32,50 → 23,50")
    axe_check(page, "toets with a correction")
    page.screenshot(path=str(SHOTS / "toets-correction.png"), full_page=True)
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.score == Decimal("23.50") and toets.b1_reachable is False
    assert ToetsCorrection.objects.get(toets=toets).corrected_by == world.consultant


def test_issue13_the_consultant_corrects_a_sitting_recorded_by_mistake(
    page, live_server, live_login, axe_check, world
):
    from datetime import date, datetime, time

    from intake.constants import SessionStatus
    from tests.intake.factories import LeerbaarheidstoetsFactory, ToetsSessionFactory

    today = timezone.localdate()
    day = today - timedelta(days=3)
    case = new_case(world, linked_on=min(day, date(2026, 1, 12)))
    toets = LeerbaarheidstoetsFactory(inburgeraar=case, taken_on=day)
    start = timezone.make_aware(datetime.combine(day, time(9, 30)))
    session = ToetsSessionFactory(
        toets=toets, status=SessionStatus.TAKEN, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{case.public_id}/leerbaarheidstoets/")
    page.get_by_role("link", name="Corrigeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afname corrigeren")
    axe_check(page, "sitting correction form")
    page.get_by_label("Niet verschenen", exact=True).check()
    page.get_by_label("Reden van de correctie").fill("Verkeerde afname aangeklikt.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De afname is gecorrigeerd")).to_be_visible()
    expect(page.get_by_role("region", name="Correcties")).to_contain_text("Afgenomen → Niet")
    axe_check(page, "toets with a corrected sitting")
    session.refresh_from_db()
    assert session.status == SessionStatus.NO_SHOW
    toets.refresh_from_db()
    assert toets.taken_on is None
