"""Issue 13: axe on every app page, as every role reaches it (WCAG 2.1 AA, 0 violations).

On a small demo (seed_demo, every phase and every role), each role logs in and follows the
links of the pages it can reach, breadth first, without submitting anything. Every page kind
(URL name plus the names of its query parameters) is checked once, by the first role that
reaches it; the page must answer below 400 and pass axe. The admin (/beheer/) has its own
axe test (test_browser_admin.py); downloads and exports are no pages.
"""

from collections import deque
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import Resolver404, resolve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["consulent1", "teamleider", "administratie", "boete", "beleid", "beheerder"]
SKIP_PREFIXES = ("/beheer/", "/static/", "/media/", "/logout/", "/login/", "/mfa/")
SKIP_PARTS = (".pdf", ".csv", ".xlsx", ".json", ".zip", "download", "export")
MAX_PAGES_PER_ROLE = 70
# A few pages of one kind (different cases are in different states, so offer other links).
PER_KIND = 3


def _kind(path: str, query: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    params = sorted({name for name, _value in parse_qsl(query) if name != "page"})
    return f"{match.view_name}?{'&'.join(params)}"


def test_issue13_every_page_every_role_reaches_passes_axe(
    page, live_server, live_login, axe_check, settings
):
    from django.core.management import call_command

    from tests.factories import DEMO_PASSWORD

    settings.HBEL_DEMO = True
    call_command("seed_demo", cases=30, stdout=open("/dev/null", "w"))  # noqa: SIM115
    seen: set[str] = set()
    checked: list[str] = []
    for username in ROLES:
        page.context.clear_cookies()
        live_login(username, DEMO_PASSWORD)
        queue = deque([urlsplit(page.url).path or "/"])
        visited: set[str] = set()
        queued: dict[str, int] = {}
        pages = 0
        while queue and pages < MAX_PAGES_PER_ROLE:
            url = queue.popleft()
            parts = urlsplit(url)
            kind = _kind(parts.path, parts.query)
            if url in visited or kind is None:
                continue
            visited.add(url)
            response = page.goto(live_server.url + url)
            assert response is not None and response.status < 400, f"{username}: {url}"
            pages += 1
            if kind not in seen:
                seen.add(kind)
                axe_check(page, f"{username} {url}")
                checked.append(kind)
            for href in page.eval_on_selector_all(
                "main a[href], nav a[href]", "els => els.map(e => e.getAttribute('href'))"
            ):
                if not href or not href.startswith("/") or href.startswith(SKIP_PREFIXES):
                    continue
                if any(part in href.lower() for part in SKIP_PARTS):
                    continue
                link = href.split("#")[0]
                link_parts = urlsplit(link)
                link_kind = _kind(link_parts.path, link_parts.query)
                if link_kind is None or link in visited:
                    continue
                if link_kind not in seen or queued.get(link_kind, 0) < PER_KIND:
                    queued[link_kind] = queued.get(link_kind, 0) + 1
                    queue.append(link)
    # The crawl reached the main pages of every role, not just the start pages.
    names = {kind.split("?")[0] for kind in checked}
    assert {
        "cases:caseload",
        "cases:detail",
        "pip_plans:detail",
        "cases:deadline-dashboard",
        "privacy:audit-search",
    } <= names, sorted(names)
    # 53 page kinds on 2 December 2026; fewer means links went missing.
    assert len(set(checked)) >= 45, sorted(checked)
