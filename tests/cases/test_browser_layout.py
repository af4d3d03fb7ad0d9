"""Issue 13, item 7 in Chromium: hyphenation instead of mid-word breaks, navigation that
wraps in line, select labels that fit, readable chart labels, and a caseload that works on a
390 px phone as stacked rows, sorted the Dutch way. Screenshots under test-results/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Phase
from cases.deadlines.services import deadlines_scan
from tests.factories import DEMO_PASSWORD, InburgeraarFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _cases(world):
    today = timezone.localdate()
    for i, (given, surname) in enumerate(
        [("Ayşe", "Çelik"), ("Daniel", "Bakker"), ("Yonas", "Tesfamariam-Ghebremedhin")]
    ):
        InburgeraarFactory(
            gemeente=world.noorddorp,
            consultant=world.consultant,
            doelgroep="asielstatushouder",
            phase=Phase.GEKOPPELD,
            given_names=given,
            surname=surname,
            linked_on=today - timedelta(days=20 + 30 * i),
        )
    deadlines_scan(today=today - timedelta(days=5))
    deadlines_scan(today=today)


def test_caseload_on_a_390px_phone_is_stacked_rows(page, live_server, live_login, axe_check, world):
    _cases(world)
    page.set_viewport_size(PHONE)
    live_login(world.consultant.username, DEMO_PASSWORD)
    page.get_by_role("link", name="Naar mijn caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    # Nothing sticks out sideways: no horizontal scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Stacked: each cell starts under the name, at the same left edge, with its column name.
    row = page.get_by_role("row", name="Çelik").first
    name = row.get_by_role("rowheader")
    doelgroep = row.locator("td[data-label='Doelgroep']")
    expect(doelgroep).to_have_text("Asielstatushouder")
    name_box, cell_box = name.bounding_box(), doelgroep.bounding_box()
    assert cell_box["y"] > name_box["y"] + name_box["height"] - 1
    assert abs(cell_box["x"] - name_box["x"]) < 2
    label = doelgroep.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"Doelgroep"'
    # "Asielstatushouder" on one line: no mid-word break.
    lines = doelgroep.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"
    )
    assert lines == 1
    # Dutch order: Bakker, Çelik (with the C), then the rest.
    names = page.get_by_role("rowheader").all_inner_texts()
    assert names.index(next(n for n in names if "Bakker" in n)) < names.index(
        next(n for n in names if "Çelik" in n)
    )
    assert "Çelik" not in names[-1]
    axe_check(page, "caseload at 390 px")
    page.screenshot(path="test-results/caseload-390.png", full_page=True)


def test_text_hyphenates_and_the_navigation_wraps_in_line(
    page, live_server, live_login, axe_check, world
):
    page.set_viewport_size(PHONE)
    live_login(world.teamleider.username, DEMO_PASSWORD)
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.body);"
        " return [document.documentElement.lang, s.hyphens, s.wordBreak]; }"
    )
    assert style == ["nl", "auto", "normal"]
    # Every wrapped row of the main menu starts at the same left edge.
    lefts = page.evaluate(
        """() => {
          const rows = {};
          for (const a of document.querySelectorAll('.hbel-nav__link')) {
            const b = a.getBoundingClientRect();
            const top = Math.round(b.top);
            rows[top] = Math.min(rows[top] ?? Infinity, Math.round(b.left));
          }
          return Object.values(rows);
        }"""
    )
    assert len(lefts) > 1, "the team lead's menu wraps on a phone"
    assert len(set(lefts)) == 1, lefts
    page.screenshot(path="test-results/navigation-390.png")


def test_selects_show_their_whole_label(page, live_server, live_login, axe_check, world):
    live_login(world.teamleider.username, DEMO_PASSWORD)
    page.goto(live_server.url + "/caseload/")
    cut = page.evaluate(
        """() => [...document.querySelectorAll('main select')].filter(s => {
             const probe = document.createElement('span');
             const cs = getComputedStyle(s);
             probe.style.font = cs.font;
             probe.style.position = 'absolute';
             probe.style.whiteSpace = 'nowrap';
             document.body.appendChild(probe);
             let widest = 0;
             for (const o of s.options) {
               probe.textContent = o.text;
               widest = Math.max(widest, probe.offsetWidth);
             }
             probe.remove();
             const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
             return widest > room + 1;
           }).map(s => s.name)"""
    )
    assert cut == []


def test_chart_labels_are_readable(page, live_server, live_login, axe_check, world):
    _cases(world)
    live_login(world.teamleider.username, DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.hbel-chart__label')].map(t =>
                 t.getBoundingClientRect().height)"""
        )
        assert sizes, "the dashboard has a chart"
        assert min(sizes) >= 11, (viewport, min(sizes))
    axe_check(page, "dashboard at 390 px")
    page.screenshot(path="test-results/dashboard-390.png", full_page=True)
