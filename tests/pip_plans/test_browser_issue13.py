"""Issue 13 in Chromium, with an axe check on every page added: a team lead approves a
beschikking (four eyes), and a wrong beschikking is withdrawn and replaced (both PDFs stay
downloadable, the old one marked withdrawn, the term unchanged, Wi 11 lid 3)."""

import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from pip_plans import services
from pip_plans.constants import VersionStatus
from pip_plans.facts import pip_facts
from pip_plans.models import Beschikking, PipVersion
from tests.factories import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("test-results")


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    return Path(info.value.path()).read_bytes()


def _text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).replace(
        "\n", " "
    )


def test_issue13_a_team_lead_approves_a_beschikking(
    page, live_server, live_login, axe_check, draft, pip_case, world
):
    gemeente = pip_case.gemeente
    gemeente.beschikking_four_eyes = True
    gemeente.save()
    base = f"{live_server.url}/inburgeraars/{pip_case.public_id}/pip/versies/1/"

    # The consultant establishes: it waits for approval, no beschikking yet.
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(base + "vaststellen/")
    expect(page.get_by_text("keurt de teamleider of een andere gemandateerde")).to_be_visible()
    axe_check(page, "establish under four eyes")
    page.get_by_role("button", name="PIP vaststellen en ter goedkeuring aanbieden").click()
    expect(page.get_by_role("status").first).to_contain_text("ter goedkeuring aangeboden")
    expect(page.get_by_text("wacht op goedkeuring door de teamleider")).to_be_visible()
    axe_check(page, "version awaiting approval")
    page.get_by_role("link", name="Voorbeeld beschikking").click()
    expect(page.get_by_text("Goedgekeurd door: [volgt bij goedkeuring]")).to_be_visible()
    expect(page.get_by_role("heading", name="Data van de brief")).to_be_visible()
    axe_check(page, "preview awaiting approval")
    assert not Beschikking.objects.exists()

    # The team lead finds it in the approval queue and approves it.
    page.context.clear_cookies()
    live_login(world.teamleider.username, DEMO_PASSWORD)
    page.get_by_role("link", name="Goedkeuren", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschikkingen goedkeuren")
    expect(page.get_by_text("1 beschikking wacht op goedkeuring")).to_be_visible()
    axe_check(page, "approval queue")
    page.screenshot(path=str(SHOTS / "approval-queue.png"), full_page=True)
    page.get_by_role("link", name=f"Beoordelen {pip_case.sort_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschikking goedkeuren")
    axe_check(page, "approve form")
    page.screenshot(path=str(SHOTS / "approve-form.png"), full_page=True)
    page.get_by_role("button", name="Goedkeuren en beschikking maken").click()
    expect(page.get_by_role("status").first).to_contain_text("is goedgekeurd en vastgesteld")
    axe_check(page, "approved version")
    text = _text(_download(page, "Beschikking downloaden (PDF)"))
    today = timezone.localdate()
    assert f"Goedgekeurd door {world.teamleider} op" in text
    version = PipVersion.objects.get(pip__inburgeraar=pip_case, number=1)
    assert version.status == VersionStatus.ESTABLISHED
    assert (version.approved_by, version.established_by) == (world.teamleider, world.consultant)
    assert version.beschikking.dagtekening == today

    # The queue is empty now.
    page.get_by_role("link", name="Goedkeuren", exact=True).first.click()
    expect(page.get_by_text("Er wachten geen beschikkingen op goedkeuring.")).to_be_visible()
    axe_check(page, "approval queue, empty")


def test_issue13_withdraw_and_replace_a_beschikking(
    page, live_server, live_login, axe_check, draft, pip_case, world
):
    today = timezone.localdate()
    old = services.pip_establish(version=draft, by=world.consultant, on=today, render=False)
    term_before = pip_facts([pip_case.pk])[pip_case.pk]["term_last_day"]
    base = f"{live_server.url}/inburgeraars/{pip_case.public_id}/pip/"

    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(base + "versies/1/")
    first = _download(page, "Beschikking downloaden (PDF)")
    page.get_by_role("link", name="Herroepen en vervangen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beschikking herroepen en vervangen")
    axe_check(page, "withdraw and replace form")
    page.get_by_role("button", name="Vervangende versie maken").click()  # empty: refused
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    page.get_by_label("Wat is er onjuist aan de beschikking?").fill(
        "Verkeerde intensiteit in de brief."
    )
    page.get_by_role("button", name="Vervangende versie maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIP versie 2")
    replaces = page.get_by_text(f"vervangt de beschikking van versie 1 ({old.kenmerk})")
    expect(replaces).to_be_visible()
    axe_check(page, "replacing draft")
    page.get_by_role("link", name="Vaststellen").click()
    page.get_by_role("button", name="PIP vaststellen en beschikking maken").click()
    expect(page.get_by_role("status").first).to_contain_text("Versie 2 van het PIP")
    second = _download(page, "Beschikking downloaden (PDF)")
    assert f"met kenmerk {old.kenmerk}" in _text(second)

    # The old one stays downloadable, unchanged, and is marked withdrawn.
    page.goto(base)
    expect(page.get_by_text("Herroepen", exact=True)).to_be_visible()
    axe_check(page, "PIP overview with a withdrawn beschikking")
    page.goto(base + "versies/1/")
    expect(page.get_by_text("Deze beschikking is herroepen.")).to_be_visible()
    axe_check(page, "withdrawn version")
    page.screenshot(path=str(SHOTS / "beschikking-withdrawn.png"), full_page=True)
    assert _download(page, "Herroepen beschikking downloaden (PDF)") == first
    old.refresh_from_db()
    assert old.is_withdrawn and old.replaced_by.version.number == 2
    # Wi 11 lid 3: the term does not restart.
    assert pip_facts([pip_case.pk])[pip_case.pk]["term_last_day"] == term_before
