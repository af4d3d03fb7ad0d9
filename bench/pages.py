"""Pages through the full Django stack, each against the same SQL replayed raw (its floor).

A page is requested with the test client as a logged-in, MFA-verified user: every middleware,
the session, the audit and processing-log writes and the template run, as in production
(DEBUG off). Its queries are captured once; the floor replays exactly those statements, in
the same transactions on the same connection, fetching every row. Page and floor alternate, so
noise from the shared machine falls on both alike.
"""

import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


class VerifiedClient(Client):
    """A complete login: password plus a verified TOTP device in the session (as after MFA)."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@dataclass
class Page:
    """One page to measure: who looks at it (a key of the generated subjects) and the URL."""

    key: str
    label: str
    user: str
    url_name: str
    params: dict = field(default_factory=dict)
    must_contain: bytes = b""


def pages_for(subjects: dict) -> list[Page]:
    """The pages of issue 8. Apps that land later add theirs here (e.g. the dashboard)."""
    pages = [
        Page(
            "caseload",
            "Caseload of one consultant",
            subjects["consultant"],
            "cases:caseload",
            must_contain=b"hbel-table",
        ),
        Page(
            "teamlead_list",
            "Team lead's filtered case list",
            subjects["teamlead"],
            "cases:caseload",
            params=dict(subjects["teamlead_filter"]),
            must_contain=b"hbel-table",
        ),
        Page(
            "dashboard",
            "Team-lead deadline dashboard",
            subjects["teamlead"],
            "cases:deadline-dashboard",
            must_contain=b"<h1",
        ),
    ]
    return pages


def stats(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2)}


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def replay(statements: list[str]) -> int:
    """Run the captured SQL as it was sent, fetching all rows; returns the rows fetched.

    The capture includes the page's BEGIN/COMMIT (Django logs them), so replaying it on the
    autocommit connection reproduces its transactions as well.
    """
    connection.ensure_connection()
    raw = connection.connection
    rows = 0
    with raw.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
    return rows


def measure(page: Page, *, iterations: int, warmup: int = 5) -> dict:
    user = get_user_model().objects.get(username=page.user)
    client = VerifiedClient()
    client.force_login(user)
    url = reverse(page.url_name)

    def get():
        response = client.get(url, page.params)
        if response.status_code != 200 or page.must_contain not in response.content:
            raise RuntimeError(f"{page.key}: unexpected response {response.status_code}")
        return response

    for _ in range(warmup):
        get()
    with CaptureQueriesContext(connection) as captured:
        get()
    statements = [q["sql"] for q in captured.captured_queries]
    page_times, floor_times = [], []
    for _ in range(warmup):
        replay(statements)
    rows = 0
    for _ in range(iterations):
        t0 = time.perf_counter()
        get()
        page_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        rows = replay(statements)
        floor_times.append(time.perf_counter() - t0)
    page_stats, floor_stats = stats(page_times), stats(floor_times)
    return {
        "key": page.key,
        "label": page.label,
        "iterations": iterations,
        **page_stats,
        # Every round trip, as CaptureQueriesContext counts them (with BEGIN/COMMIT) …
        "queries": len(statements),
        # … and the SQL statements proper.
        "statements": sum(1 for sql in statements if not sql.startswith(TRANSACTION_CONTROL)),
        "floor_median_ms": floor_stats["median_ms"],
        "floor_p95_ms": floor_stats["p95_ms"],
        "floor_rows": rows,
        "ratio": round(page_stats["median_ms"] / floor_stats["median_ms"], 2),
        "sql": statements,
    }


def measure_all(subjects: dict, *, iterations: int) -> list[dict]:
    return [measure(page, iterations=iterations) for page in pages_for(subjects)]
