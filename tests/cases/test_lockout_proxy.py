"""Issue 22, finding 2: behind the prescribed TLS proxy the lockout (django-axes) and the
audit use the client's address from the trusted proxy's X-Forwarded-For, so an anonymous
client locks its own address, never a user name for everyone."""

import pytest
from django.test import override_settings
from django.urls import reverse

from cases.client_address import client_address
from cases.models import AuditEvent
from tests.conftest import MfaClient
from tests.factories import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the TLS proxy: every request reaches the app from here
ATTACKER = "198.51.100.66"
VICTIM = "203.0.113.7"


def _through_proxy(forwarded_for: str) -> MfaClient:
    """A client behind the proxy, which appended `forwarded_for` (what it saw)."""
    return MfaClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _login(client, user, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password})


@override_settings(HBEL_TRUSTED_PROXY_COUNT=1)
def test_lockout_behind_the_proxy_locks_the_attackers_address_not_the_user(world):
    attacker = _through_proxy(ATTACKER)
    for _ in range(5):
        _login(attacker, world.consultant, password="verkeerd-wachtwoord")
    # The attacker's address is locked for this user name, even with the right password …
    assert _login(attacker, world.consultant).status_code == 429
    # … the user behind the same proxy logs in as usual.
    assert _login(_through_proxy(VICTIM), world.consultant).status_code == 302


@override_settings(HBEL_TRUSTED_PROXY_COUNT=1)
def test_a_forged_forwarded_for_does_not_move_the_lockout_onto_the_victim(world):
    # The attacker sends the victim's address itself; the proxy appends the real one.
    attacker = _through_proxy(f"{VICTIM}, {ATTACKER}")
    for _ in range(5):
        _login(attacker, world.consultant, password="verkeerd-wachtwoord")
    assert _login(attacker, world.consultant).status_code == 429
    assert _login(_through_proxy(VICTIM), world.consultant).status_code == 302


@override_settings(HBEL_TRUSTED_PROXY_COUNT=1)
def test_the_audit_records_the_clients_address_behind_the_proxy(world):
    _login(_through_proxy(f"{VICTIM}, {ATTACKER}"), world.consultant, password="fout")
    event = AuditEvent.objects.get(action="login_failed")
    assert event.origin == ATTACKER


def test_without_trusted_proxies_the_header_is_ignored(world):
    # A client talking to the app directly cannot choose its address with the header.
    client = MfaClient(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=VICTIM)
    _login(client, world.consultant, password="fout")
    assert AuditEvent.objects.get(action="login_failed").origin == "192.0.2.10"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, PROXY),  # not through the proxy chain: the direct peer
        ("", PROXY),
        ("not-an-address", PROXY),
        (ATTACKER, ATTACKER),
        (f"1.2.3.4, {ATTACKER}", ATTACKER),
        ("2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_takes_the_entry_of_the_outermost_trusted_proxy(rf, header, expected):
    meta = {"REMOTE_ADDR": PROXY}
    if header is not None:
        meta["HTTP_X_FORWARDED_FOR"] = header
    with override_settings(HBEL_TRUSTED_PROXY_COUNT=1):
        assert client_address(rf.get("/", **meta)) == expected


def test_two_trusted_proxies_take_the_second_entry_from_the_right(rf):
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {VICTIM}, 10.0.0.9")
    with override_settings(HBEL_TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == VICTIM
