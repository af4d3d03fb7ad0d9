"""No personal data in logs or URLs (issue 3, item 8).

The whole suite's log output is scanned at the end of the run (tests/plugins.py, "log scan");
the tests here prove that scanner catches what it must, and crawl the app as each role.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from cases.models import Inburgeraar
from tests.factories import HouseholdFactory, InburgeraarFactory
from tests.plugins import log_scan_findings
from tests.sensitive import remember_text

pytestmark = pytest.mark.django_db

ROLES = ["consultant", "teamleider", "administratie", "boeteambtenaar", "beleid", "beheerder"]


def test_the_log_scanner_finds_a_bsn_and_a_health_text():
    health = remember_text("Gezondheid: testnotitie over slapeloosheid (scanner-proef)")
    assert log_scan_findings(["hbel: zoek op 123456782"])
    assert log_scan_findings([f"hbel: notitie {health}"])
    # Trace ids and other hex strings are not BSNs.
    assert not log_scan_findings(["trace 3f2a9c1d-1234-5678-9abc-def012345678 ok"])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "form" and attrs.get("action"):
            self.urls.append(attrs["action"])


def _crawl(client, limit=120):
    seen: list[str] = []
    queue = ["/"]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response.url)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for link in parser.urls:
            absolute = urljoin(url, link)
            parsed = urlparse(absolute)
            if parsed.netloc not in ("", "testserver"):
                continue
            path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if path.startswith(("/static/", "/logout/", "/beheer/logout")) or "mailto:" in link:
                continue
            if path not in seen:
                queue.append(path)
    return seen


@pytest.mark.parametrize("role", ROLES)
def test_crawling_as_each_role_finds_no_bsn_in_any_url(client, world, role):
    household = HouseholdFactory(gemeente=world.noorddorp)
    for _ in range(3):
        InburgeraarFactory(
            gemeente=world.noorddorp, consultant=world.consultant, household=household
        )
    client.force_login(getattr(world, role))
    urls = _crawl(client)
    assert len(urls) > 1
    bsns = set(Inburgeraar.objects.values_list("bsn", flat=True))
    for url in urls:
        for bsn in bsns:
            assert bsn not in url, f"BSN in URL {url}"
        assert not re.search(r"(?<![0-9a-fA-F])\d{9}(?![0-9a-fA-F])", url), url
