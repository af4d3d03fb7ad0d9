"""Headers and hygiene (issue 3): CSP, HSTS, framing, sniffing, referrer, no-store, and
`check --deploy --fail-level WARNING` with production values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_security_headers_on_a_case_page(client, world):
    client.force_login(world.consultant)
    response = client.get(
        reverse("cases:detail", kwargs={"public_id": world.own_case.public_id}), secure=True
    )
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"].startswith("no-store")
    assert "camera=()" in response["Permissions-Policy"]


def test_login_page_is_not_cached_either(client):
    assert client.get(reverse("login"))["Cache-Control"].startswith("no-store")


def test_no_inline_scripts_in_our_templates():
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        assert "<script>" not in text and "onclick=" not in text, template
        assert " style=" not in text, template


def _production_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "HBEL_DEMO",
            "SECRET_KEY",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "q8Zr3-pV1xN9!mK2@wL7#tB5$yF4%hJ6^sD0&gA8*cE3(uR1)oI9_eW2+nM5",
            "ALLOWED_HOSTS": "inburgering.hbel.example",
            "DJANGO_SETTINGS_MODULE": "hbel.settings",
        }
    )
    env.update(extra)
    return env


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_issue22_demo_mode_with_debug_off_fails_the_deploy_check():
    # Finding 12: a stray HBEL_DEMO in production must not pass as a demo (MFA off).
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", env=_production_env(HBEL_DEMO="true")
    )
    assert result.returncode != 0, result.stdout + result.stderr
    assert "cases.E001" in result.stderr
    assert "HBEL_DEMO staat aan terwijl DEBUG uit staat" in result.stderr


def test_issue22_demo_mode_with_debug_off_keeps_mfa_on():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.HBEL_MFA_REQUIRED)",
        env=_production_env(HBEL_DEMO="true"),
    )
    # Even a command that skips checks (or a web process that never runs them) keeps MFA.
    assert result.stdout.strip().splitlines()[-1] == "True", result.stdout + result.stderr


def test_the_demo_itself_still_switches_mfa_off():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.HBEL_MFA_REQUIRED)",
        env=_production_env(HBEL_DEMO="true", DEBUG="true"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_our_stylesheets_have_balanced_braces():
    # A merge once cut a rule in half and silently disabled everything after it.
    for sheet in (ROOT / "static" / "css").glob("*.css"):
        depth = 0
        for char in sheet.read_text():
            depth += char == "{"
            depth -= char == "}"
            assert depth >= 0, sheet
        assert depth == 0, sheet
