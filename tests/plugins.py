"""Shared pytest plugin: CI preflight checks, Playwright/Chromium set-up and axe-core checks.

Loaded from ``tests/conftest.py`` with ``pytest_plugins = ["tests.plugins"]``.

- Under ``CI=true`` the run stops at once unless PostgreSQL, Redis and Chromium are really
  there (DESIGN.md principle 7: real parts in tests).
- Browser tests drive the system Chromium (Debian package ``chromium``), never a downloaded
  Playwright build. Without Chromium they are skipped locally and fail under CI.
- Every test that uses ``page`` (or another browser fixture) gets the ``browser`` marker,
  so ``pytest -m "not browser"`` runs everything else.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable

import pytest

BROWSER_FIXTURES = frozenset({"page", "context", "new_context", "browser", "live_login"})
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = "Chromium is not installed (apt-get install chromium); browser tests skipped"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _allow_async_unsafe() -> None:
    # Playwright's sync API keeps an event loop in the main thread; Django then refuses ORM
    # calls from the test body (and from fixtures after it) unless this is set.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


# --------------------------------------------------------------------------- CI preflight


def _check_postgres(url: str) -> str | None:
    import environ

    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:
        return f"DATABASE_URL cannot be parsed: {exc}"
    if "postgresql" not in config.get("ENGINE", ""):
        return f"DATABASE_URL must point to PostgreSQL in CI, got engine {config.get('ENGINE')!r}"
    try:
        import psycopg

        # The maintenance database: the test database does not exist yet.
        with psycopg.connect(
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=5,
        ) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:
        return f"PostgreSQL at {config.get('HOST')}:{config.get('PORT')} is not reachable: {exc}"
    return None


def _check_redis(url: str) -> str | None:
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        try:
            if not client.ping():
                return f"Redis at {url} did not answer PING"
        finally:
            client.close()
    except Exception as exc:
        return f"Redis at {url} is not reachable: {exc}"
    return None


def ci_preflight_problems() -> list[str]:
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        problems.append("DATABASE_URL is not set (CI runs the tests on PostgreSQL)")
    else:
        problem = _check_postgres(database_url)
        if problem:
            problems.append(problem)
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        problems.append("REDIS_URL is not set (CI runs Celery on a real Redis broker)")
    else:
        problem = _check_redis(redis_url)
        if problem:
            problems.append(problem)
    if shutil.which("chromium") is None:
        problems.append("chromium is not on PATH (apt-get install chromium)")
    return problems


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    # Our fixtures override pytest-playwright's only when this module is registered after it,
    # as it is through `pytest_plugins` in tests/conftest.py. `-p tests.plugins` registers it
    # before the entry-point plugins, and Playwright would look for its own browser download.
    names = [name for name, _ in config.pluginmanager.list_name_plugin()]
    ours = next((n for n in names if n.endswith("tests.plugins")), None)
    if "playwright" in names and ours and names.index(ours) < names.index("playwright"):
        raise pytest.UsageError(
            "tests.plugins was loaded before pytest-playwright (e.g. with -p); load it from "
            'tests/conftest.py with pytest_plugins = ["tests.plugins"] instead.'
        )


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    logging.getLogger().addHandler(_LOG_CAPTURE)
    # Under pytest-xdist the controller checks once, before it starts any worker (its own
    # `pytest_sessionstart` is trylast); the workers need not repeat it.
    if not _in_ci() or _is_xdist_worker(session.config):
        return
    problems = ci_preflight_problems()
    if problems:
        pytest.exit(
            "CI=true but the test environment is incomplete:\n  - " + "\n  - ".join(problems),
            returncode=1,
        )


# --------------------------------------------------------------------------- markers


@pytest.hookimpl(tryfirst=True)  # before -m deselection
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_marker = pytest.mark.browser
    for item in items:
        uses_browser = BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if uses_browser and item.get_closest_marker("browser") is None:
            item.add_marker(browser_marker)
    if any(item.get_closest_marker("browser") for item in items):
        _allow_async_unsafe()


# --------------------------------------------------------------------------- Playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium headless, hardened for containers and CI."""
    executable = shutil.which("chromium")
    if executable is None:
        if _in_ci():
            pytest.fail("Chromium is not installed (apt-get install chromium); CI needs it.")
        pytest.skip(NO_CHROMIUM)
    _allow_async_unsafe()
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "headless": browser_type_launch_args.get("headless", True),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


def _format_violations(violations: list[dict], context_label: str) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {context_label}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [", ".join(map(str, node.get("target", []))) for node in nodes[:3]]
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation.get('help')}"
        )
        lines.append(f"    targets: {'; '.join(targets) or '-'}{more}")
        if violation.get("helpUrl"):
            lines.append(f"    see: {violation['helpUrl']}")
    return "\n".join(lines)


@pytest.fixture
def axe_check() -> Callable:
    """Return ``check(page, context_label)``: fail the test on any WCAG 2.0/2.1 A/AA issue."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "resultTypes": ["violations"],
    }

    def check(page, context_label: str = "page"):
        results = axe.run(page, options=options)
        violations = results.response.get("violations", [])
        if violations:
            url = page.url if len(page.url) <= 120 else page.url[:117] + "..."
            pytest.fail(_format_violations(violations, f"{context_label} ({url})"), pytrace=False)
        return results

    return check


@pytest.fixture
def live_login(page, live_server) -> Callable:
    """Return ``login(username, password)`` that signs in through the real login form and,
    when MFA is required, the real code form with a TOTP code of the user's authenticator
    (one is registered for the user when it has none)."""

    def login(username: str, password: str):
        ensure_authenticator(username)
        page.goto(live_server.url + "/login/")
        page.get_by_label("Gebruikersnaam", exact=True).fill(username)
        page.get_by_label("Wachtwoord", exact=True).fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "/mfa/" in page.url:
            page.get_by_role("textbox", name="Code").fill(current_totp(username))
            with page.expect_navigation():
                page.get_by_role("button", name="Inloggen").click()
            page.wait_for_load_state()
        return page

    return login


def ensure_authenticator(username: str):
    """The user's confirmed TOTP device, registered when the user has none."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_totp(username: str) -> str:
    """A valid TOTP code for the user's confirmed authenticator."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = ensure_authenticator(username)
    # A code is accepted once per time step; let a second login in the same step through.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


# --------------------------------------------------------------------------- log scan
# Issue 3, item 8: all log output of the test run is captured and, at the end, searched for
# BSNs (every number the factories made, and any 9-digit number that passes the elfproef) and
# for special-category texts the tests registered (tests/sensitive.py). A hit fails the run.


class _LogCapture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001  a broken record must not break the run
            text = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]!r}"
        self.messages.append(f"{record.name}: {text}")


_LOG_CAPTURE = _LogCapture()
_NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")


def log_scan_findings(messages: list[str]) -> list[str]:
    from cases.validators import is_valid_bsn
    from tests.sensitive import BSNS, TEXTS

    findings = []
    for message in messages:
        for number in _NINE_DIGITS.findall(message):
            if number in BSNS or is_valid_bsn(number):
                findings.append(f"BSN-like number in log: {message[:200]}")
        for text in TEXTS:
            if text in message:
                findings.append(f"special-category text in log: {message[:200]}")
    return findings


# Under pytest-xdist each worker captures and scans its own log records (the BSNs its
# factories made are known only there) and hands the result to the controller in
# `workeroutput`; the controller adds them up, prints the total and fails the run.
_WORKER_SCANS = pytest.StashKey[list[dict]]()


def _record_worker_scan(config: pytest.Config, scan: dict) -> None:
    config.stash.setdefault(_WORKER_SCANS, []).append(scan)


@pytest.hookimpl(optionalhook=True)  # an xdist hook; without xdist it is never called
def pytest_testnodedown(node, error) -> None:
    output = getattr(node, "workeroutput", None) or {}
    scan = output.get("log_scan")
    if scan is None:
        # A worker that died took its records with it: the scan is incomplete, so it fails.
        worker = getattr(node, "gateway", None)
        worker_id = getattr(worker, "id", "?")
        scan = {"searched": 0, "findings": [f"worker {worker_id} ended without a log scan"]}
    _record_worker_scan(node.config, scan)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    findings = log_scan_findings(_LOG_CAPTURE.messages)
    searched = len(_LOG_CAPTURE.messages)
    if _is_xdist_worker(config):
        config.workeroutput["log_scan"] = {"searched": searched, "findings": findings}
        return
    for scan in config.stash.get(_WORKER_SCANS, []):
        searched += scan["searched"]
        findings.extend(scan["findings"])
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"log scan: {searched} log records searched, {len(findings)} with personal data"
        )
        for finding in findings[:20]:
            reporter.write_line(f"  {finding}", red=True)
    if findings:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
