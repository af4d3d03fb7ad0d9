"""Security baseline: MFA, lockout, sessions (issue 3; BIO / OWASP ASVS L2)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import AuditEvent
from tests.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_login(client, user, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


# --- MFA -----------------------------------------------------------------------------------


def test_password_only_session_is_sent_to_enrolment_then_verification(client, world):
    user = world.consultant
    response = _password_login(client, user)
    assert response.status_code == 302
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa-enrol"))

    # Enrolment shows a QR code and the secret; a wrong code is refused.
    page = client.get(reverse("mfa-enrol"))
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("mfa-enrol"), {"token": "000000"}).status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    device.throttle_reset()  # a failed code makes the next try wait (brute-force throttling)

    response = client.post(reverse("mfa-enrol"), {"token": _code(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("cases:caseload")).status_code == 200
    assert AuditEvent.objects.filter(actor=user, action="mfa_enrolled").exists()


def test_enrolment_is_refused_once_a_device_exists(client, world):
    # A stolen password must not be enough to add an authenticator of one's own.
    user = world.consultant
    TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    _password_login(client, user)
    response = client.get(reverse("mfa-enrol"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa-verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_verification_with_totp_and_single_use_backup_code(client, world):
    user = world.consultant
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    _password_login(client, user)
    assert client.get(reverse("cases:caseload")).url.startswith(reverse("mfa-verify"))
    response = client.post(reverse("mfa-verify"), {"token": "123456"})
    assert response.status_code == 200
    assert AuditEvent.objects.filter(actor=user, action="mfa_failed").count() == 1
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        reverse("mfa-verify"), {"token": _code(device), "next": reverse("cases:caseload")}
    )
    assert response.status_code == 302
    assert response.url == reverse("cases:caseload")
    assert client.get(reverse("cases:caseload")).status_code == 200

    # A backup code works once.
    from cases.account_views import _new_backup_codes

    code = _new_backup_codes(user)[0]
    client.post(reverse("logout"))
    _password_login(client, user)
    assert client.post(reverse("mfa-verify"), {"token": code}).status_code == 302
    client.post(reverse("logout"))
    _password_login(client, user)
    assert client.post(reverse("mfa-verify"), {"token": code}).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()


def test_next_parameter_cannot_redirect_off_site(client, world):
    user = world.consultant
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    _password_login(client, user)
    response = client.post(
        reverse("mfa-verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == reverse("cases:home")


def test_demo_mode_without_mfa_shows_the_banner(client, world, settings):
    settings.HBEL_MFA_REQUIRED = False
    settings.HBEL_DEMO = True
    client.password_only_login(world.consultant)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert "Demo-omgeving" in response.content.decode()


def test_production_default_has_mfa_on_and_no_banner(client, world, settings):
    from django.conf import settings as live

    assert live.HBEL_MFA_REQUIRED is True  # tests run with production defaults
    client.force_login(world.consultant)
    assert "Demo-omgeving" not in client.get(reverse("cases:caseload")).content.decode()


def test_admin_is_behind_mfa_too(client, world):
    client.password_only_login(world.beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa-enrol"))
    client.force_login(world.beheerder)
    assert client.get("/beheer/").status_code == 200


# --- lockout -------------------------------------------------------------------------------


def test_lockout_after_five_failures_is_logged(client, world):
    user = world.consultant
    for _ in range(4):
        response = _password_login(client, user, password="verkeerd-wachtwoord")
        assert response.status_code == 200
    # The fifth failure locks user name + address.
    response = _password_login(client, user, password="verkeerd-wachtwoord")
    assert response.status_code == 429
    # Now even the right password is refused.
    response = _password_login(client, user)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed", actor=user).count() >= 5
    assert AuditEvent.objects.filter(action="login_locked", actor=user).exists()


def test_lockout_is_per_user_and_address(client, world):
    for _ in range(5):
        _password_login(client, world.consultant, password="verkeerd-wachtwoord")
    # Another user from the same address can still log in.
    assert _password_login(client, world.colleague).status_code == 302
    # The same user from another address can too.
    other = type(client)(REMOTE_ADDR="10.9.8.7")
    assert _password_login(other, world.consultant).status_code == 302


def test_login_and_logout_are_logged(client, world):
    _password_login(client, world.consultant)
    client.post(reverse("logout"))
    actions = set(
        AuditEvent.objects.filter(actor=world.consultant).values_list("action", flat=True)
    )
    assert {"login", "logout"} <= actions


def test_failed_login_does_not_store_what_was_typed(client, world):
    client.post(reverse("login"), {"username": "123456782", "password": "x"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.actor is None
    assert "123456782" not in f"{event.object_id}{event.object_type}{event.purpose}"


# --- sessions ------------------------------------------------------------------------------


def test_session_key_rotates_at_login(client, world):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _password_login(client, world.consultant)
    assert client.session.session_key != before


def test_issue22_session_key_rotates_at_the_mfa_step(client, world):
    # Finding 9: the key of the password-only session must not survive the second factor.
    user = world.consultant
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    _password_login(client, user)
    before = client.session.session_key
    response = client.post(reverse("mfa-verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.get(reverse("cases:caseload")).status_code == 200
    # The password-only cookie does not open the verified session.
    replay = type(client)()
    replay.cookies["hbel_sessionid"] = before
    assert replay.get(reverse("cases:caseload")).status_code == 302


def test_issue22_session_key_rotates_at_mfa_enrolment(client, world):
    user = world.consultant
    _password_login(client, user)
    client.get(reverse("mfa-enrol"))
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("mfa-enrol"), {"token": _code(device)}).status_code == 200
    assert client.session.session_key != before
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_idle_timeout_is_30_minutes_and_sliding(client, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(world.consultant)
        assert client.get(reverse("cases:caseload")).status_code == 200
        clock.move_to(start + timedelta(minutes=29))
        assert client.get(reverse("cases:caseload")).status_code == 200
        # Sliding: 29 minutes after the last request is still fine.
        clock.move_to(start + timedelta(minutes=58))
        assert client.get(reverse("cases:caseload")).status_code == 200
        # 31 minutes idle: the session is gone.
        clock.move_to(start + timedelta(minutes=89))
        response = client.get(reverse("cases:caseload"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_absolute_timeout_is_12_hours(client, world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(world.consultant)
        moment = start
        # Active every 20 minutes for almost 12 hours: still logged in.
        while moment < start + timedelta(hours=11, minutes=50):
            moment += timedelta(minutes=20)
            clock.move_to(moment)
            assert client.get(reverse("cases:caseload")).status_code == 200
        clock.move_to(start + timedelta(hours=12, minutes=1))
        response = client.get(reverse("cases:caseload"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_logout_invalidates_the_old_cookie_server_side(client, world):
    client.force_login(world.consultant)
    cookie = client.cookies["hbel_sessionid"].value
    client.post(reverse("logout"))
    replay = type(client)()
    replay.cookies["hbel_sessionid"] = cookie
    response = replay.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_session_cookie_flags(client, world, settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_SECURE is True  # DEBUG is off in tests, as in production
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    _password_login(client, world.consultant)
    morsel = client.cookies["hbel_sessionid"]
    assert morsel["httponly"] and morsel["secure"]
    assert re.fullmatch(r"lax", morsel["samesite"], re.IGNORECASE)
