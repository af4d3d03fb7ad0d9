"""Browser tests of the PIP screens in Chromium, with an axe check on every page visited.

Main flow (issue 6): a consultant drafts a PIP, previews it, establishes it and downloads the
PDF; then records a progress talk that asks for a revision and establishes version 2; both
PDFs stay downloadable and unchanged.
"""

import hashlib
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from cases.constants import Phase
from cases.models import Inburgeraar
from pip_plans.models import Beschikking, DuoRegistration, PipVersion
from tests.factories import DEMO_PASSWORD, InburgeraarFactory, PipVersionFactory, issue_beschikking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("test-results")


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    download = info.value
    assert download.suggested_filename.startswith("beschikking-PIP-")
    return Path(download.path()).read_bytes()


def _text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).replace(
        "\n", " "
    )


def _save_theme(page, axe_check=None, label=""):
    if axe_check:
        axe_check(page, f"theme form {label}")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("opgeslagen")


def test_consultant_drafts_previews_establishes_downloads_and_revises(
    page, live_server, live_login, axe_check, pip_case, world
):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/inburgeraars/{pip_case.public_id}/")
    page.get_by_role("link", name="PIP", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan inburgering en participatie")
    axe_check(page, "PIP overview, empty")

    page.get_by_role("link", name="PIP opstellen").click()
    axe_check(page, "start draft")
    page.get_by_role("button", name="Concept maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIP versie 1")
    expect(page.get_by_text("Nog in te vullen voordat u kunt vaststellen:")).to_be_visible()
    axe_check(page, "draft version 1")

    # Theme 1: inburgering.
    page.get_by_role("link", name="Inburgering wijzigen").click()
    page.get_by_label("Leerroute", exact=True).select_option(label="B1-route")
    page.get_by_label("Taalaanbieder", exact=True).select_option(label="Fairfield")
    page.get_by_label("Beoogd taalniveau", exact=True).select_option("B1")
    page.get_by_label("Intensiteit", exact=True).fill("3 dagdelen per week, 12 lesuren")
    _save_theme(page, axe_check, "inburgering")
    # Theme 2: participatie.
    page.get_by_role("link", name="Participatie wijzigen").click()
    page.get_by_label("Neemt deel aan het PVT", exact=True).check()
    page.get_by_label("Volgt de MAP", exact=True).check()
    page.get_by_label("Participatie-instrumenten", exact=True).fill("Zicht op Bewegen; taalmaatje")
    _save_theme(page, axe_check, "participatie")
    # Theme 3: ontzorgen.
    page.get_by_role("link", name="Ontzorgen wijzigen").click()
    page.get_by_label("Ja, financieel ontzorgen (artikel 56a Participatiewet)", exact=True).check()
    page.get_by_label("Kenmerk beschikking artikel 56a Participatiewet", exact=True).fill(
        "PW56A-2026-0042"
    )
    _save_theme(page, axe_check, "ontzorgen")
    # Theme 4 (begeleiding) starts with the consultant and two talks a year; the reasons:
    page.get_by_role("link", name="Motivering wijzigen").click()
    page.get_by_label("Motivering", exact=True).fill(
        "Uit de leerbaarheidstoets blijkt dat B1 haalbaar is."
    )
    _save_theme(page, axe_check, "motivering")
    expect(page.get_by_text("Alle thema's zijn ingevuld.")).to_be_visible()
    axe_check(page, "complete draft")

    # Preview, then establish.
    page.get_by_role("link", name="Voorbeeld beschikking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld van de beschikking")
    expect(page.locator(".bs-letter")).to_contain_text("Fairfield")
    expect(page.locator(".bs-letter")).to_contain_text("Geachte Yara Haddad,")
    axe_check(page, "preview")
    page.screenshot(path=str(SHOTS / "pip-preview.png"), full_page=True)
    page.get_by_role("link", name="Vaststellen").click()
    axe_check(page, "establish")
    page.get_by_role("button", name="PIP vaststellen en beschikking maken").click()
    expect(page.get_by_role("status").first).to_contain_text("is vastgesteld")
    axe_check(page, "established version 1")
    first = _download(page, "Beschikking downloaden (PDF)")
    assert first.startswith(b"%PDF")
    text = _text(first)
    assert "Yara Haddad" in text and "B1-route" in text and "Fairfield" in text
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.INBURGERINGSTERMIJN

    # A progress talk asks for a revision: version 2 starts as a draft.
    page.get_by_role("link", name="PIP", exact=True).first.click()
    axe_check(page, "PIP overview, established")
    page.get_by_role("link", name="Voortgangsgesprek vastleggen").click()
    axe_check(page, "progress talk form")
    page.get_by_label("Datum van het gesprek").fill(timezone.localdate().isoformat())
    page.get_by_label("Inburgeraar", exact=True).check()
    page.get_by_label("Integratieconsulent", exact=True).check()
    page.get_by_label("Taalaanbieder", exact=True).check()
    page.get_by_label("Bevindingen").fill("Goede voortgang; meer lesuren helpen bij spreken.")
    page.get_by_label("Het PIP moet worden herzien", exact=True).check()
    page.get_by_label("Wat moet er in het PIP veranderen?", exact=True).fill(
        "Intensiteit naar 4 dagdelen."
    )
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIP versie 2")
    expect(page.get_by_role("status").first).to_contain_text("nieuwe conceptversie")
    axe_check(page, "draft version 2")
    page.get_by_role("link", name="Inburgering wijzigen").click()
    page.get_by_label("Intensiteit", exact=True).fill("4 dagdelen per week, 16 lesuren")
    _save_theme(page)
    page.get_by_role("link", name="Vaststellen").click()
    page.get_by_role("button", name="PIP vaststellen en beschikking maken").click()
    expect(page.get_by_role("status").first).to_contain_text("Versie 2 van het PIP")
    second = _download(page, "Beschikking downloaden (PDF)")
    second_text = _text(second)
    assert "Wijziging van uw plan inburgering en participatie (versie 2)" in second_text
    assert "4 dagdelen per week, 16 lesuren" in second_text

    # Both PDFs stay downloadable, and version 1 is byte for byte what it was.
    page.get_by_role("link", name="PIP", exact=True).first.click()
    axe_check(page, "PIP overview with two versions")
    page.screenshot(path=str(SHOTS / "pip-overview.png"), full_page=True)
    links = page.get_by_role("link", name="PDF PIP-")
    expect(links).to_have_count(2)
    with page.expect_download() as info:
        links.nth(1).click()  # version 1 (newest first)
    assert Path(info.value.path()).read_bytes() == first
    with page.expect_download() as info:
        links.nth(0).click()
    assert Path(info.value.path()).read_bytes() == second
    stored = {b.version.number: b.sha256 for b in Beschikking.objects.select_related("version")}
    assert stored == {
        1: hashlib.sha256(first).hexdigest(),
        2: hashlib.sha256(second).hexdigest(),
    }
    assert PipVersion.objects.get(pip__inburgeraar=pip_case, number=1).intensity == (
        "3 dagdelen per week, 12 lesuren"
    )
    # REQ C-07: no BSN in any URL the browser asked for.
    for bsn in Inburgeraar.objects.values_list("bsn", flat=True):
        assert not any(bsn in url for url in requested)


def test_administratie_registers_pips_with_duo_from_the_worklist(
    page, live_server, live_login, axe_check, world
):
    today = timezone.localdate()
    cases = []
    for surname in ("Aziz", "Tekle"):
        case = InburgeraarFactory(
            gemeente=world.noorddorp,
            consultant=world.consultant,
            phase=Phase.INBURGERINGSTERMIJN,
            surname=surname,
        )
        issue_beschikking(PipVersionFactory(pip__inburgeraar=case), on=today)
        cases.append(case)
    live_login(world.administratie.username, DEMO_PASSWORD)
    page.get_by_role("link", name="DUO-registraties").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIP's registreren bij DUO")
    expect(page.get_by_text("2 registraties")).to_be_visible()
    axe_check(page, "DUO worklist")
    page.get_by_role("button", name=f"Geregistreerd {cases[0].sort_name}").click()
    expect(page.get_by_role("status").first).to_contain_text("als geregistreerd bij DUO")
    expect(page.get_by_text("1 registratie", exact=True)).to_be_visible()
    axe_check(page, "DUO worklist after registering")
    page.get_by_role("link", name="Afgehandeld").click()
    expect(page.get_by_role("link", name=cases[0].sort_name)).to_be_visible()
    axe_check(page, "DUO worklist done")
    page.screenshot(path=str(SHOTS / "duo-worklist.png"), full_page=True)
    task = DuoRegistration.objects.get(version__pip__inburgeraar=cases[0])
    assert (task.done_on, task.done_by) == (today, world.administratie)
