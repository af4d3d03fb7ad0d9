"""Access matrix generated from the URL resolver (issue 3).

1. Every URL pattern that takes an object id × every role × a case outside that role's scope,
   for GET and POST → 404, no row of any app changed, exactly one `denied` audit event.
2. Every URL pattern is behind login and MFA (short explicit allowlist), and every pattern
   that takes an object id is in the matrix above (so behind the scope).
"""

import copy
import functools
import re
import uuid

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from cases.models import AuditEvent, Inburgeraar
from tests.conftest import build_world, seed_random

pytestmark = pytest.mark.django_db

ROLES = ["consultant", "teamleider", "administratie", "boeteambtenaar", "beleid", "beheerder"]

# Reachable without a login: the login pages themselves, and logging out (which only ends a
# session and shows nothing).
ANONYMOUS_ALLOWED = {
    "login",
    "admin:login",
    "logout",
    "admin:logout",
    # The e-mailed link to set a password (issue 22): the token in it is the credential.
    "password_reset_confirm",
    "password_reset_complete",
}
# Reachable with a password-only session while MFA is required.
PASSWORD_ONLY_ALLOWED = {"login", "logout", "mfa-enrol", "mfa-verify"}
# Object-id patterns whose scope differs by design, with the reason.
SCOPE_EXCEPTIONS = {
    # The functioneel beheerder reaches every case in the privacy screens (supervision and
    # AVG requests); for every other role these patterns are in the matrix.
    ("beheerder", "privacy:access-log"),
    ("beheerder", "privacy:inzage"),
    # Issue 13: the functioneel beheerder reopens a case closed in error.
    ("beheerder", "privacy:reopen"),
}


@pytest.fixture(scope="module")
def _module_world(request, django_db_setup, django_db_blocker):
    """The world, built once for the ~860 cases of this module instead of once per case.

    Like `TestCase.setUpTestData`: the rows are made in an outer transaction that is rolled
    back when the module is done; each test runs in a savepoint inside it (the `db`
    fixture), so whatever a test writes is undone before the next. Every test here uses
    `db`, none `transactional_db` (a flush would not fit inside the outer transaction).
    """
    seed_random(request.node.nodeid)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db):
    # A copy per test, as Django's TestData gives each test of setUpTestData: a test that
    # changes an instance in memory (force_login sets last_login) leaves the next one alone.
    return copy.deepcopy(_module_world)


def _walk(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = ":".join(p for p in (namespace, ns) if p) or None
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern), entry


def _sample_path(route: str, public_id: str) -> str:
    """A concrete path for a route with converters or regex groups."""
    path = re.sub(r"<uuid:[^>]+>", public_id, route)
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<(?:str|slug|path):[^>]+>", "x", path)
    # Regex routes (the admin): pick the first alternative of each group.
    path = re.sub(r"\(\?P<app_label>([a-z_]+)[^)]*\)", r"\1", path)
    path = re.sub(r"\(\?P<[a-z_]+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path.lstrip("/")


ALL = list(_walk())
OBJECT_PATTERNS = [
    (name, route)
    for name, route, entry in ALL
    if isinstance(entry.pattern, RoutePattern) and "<uuid:public_id>" in route
]


def test_the_matrix_is_not_empty():
    names = {name for name, _ in OBJECT_PATTERNS}
    assert {"cases:detail", "cases:edit", "cases:phase", "cases:handover"} <= names
    assert {"privacy:access-log", "privacy:inzage"} <= names


# Every app that holds case data. A refused request must change no row in any of them.
WATCHED_APPS = (
    "cases",
    "intake",
    "pip_plans",
    "learning_routes",
    "participation",
    "finance",
    "enforcement",
)
# The refusal itself is recorded: exactly one `denied` audit event, asserted on its own.
NOT_WATCHED = {AuditEvent}


def _watched_models():
    return [
        model
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model not in NOT_WATCHED
    ]


def test_the_snapshot_watches_every_app():
    # get_app_config raises LookupError for a label that is not an installed app.
    watched = {model._meta.label for model in _watched_models()}
    assert {"cases.Inburgeraar", "pip_plans.PipVersion", "intake.BredeIntake"} <= watched
    assert {"learning_routes.Enrolment", "finance.Cost", "cases.StatusChange"} <= watched
    assert "cases.AuditEvent" not in watched


@functools.cache
def _snapshot_sql() -> str:
    """One statement that reads every row of every watched table as text: a query per model
    would be ~50 queries, twice in each of the ~860 tests. `CAST(... AS TEXT)` and `||` read
    the same on PostgreSQL and SQLite; NULL and '' stay apart."""
    qn = connection.ops.quote_name
    selects = []
    for model in _watched_models():
        row = " || '|' || ".join(
            f"CASE WHEN {qn(c)} IS NULL THEN 'N' ELSE 'V' || CAST({qn(c)} AS TEXT) END"
            for c in (field.column for field in model._meta.concrete_fields)
        )
        table = qn(model._meta.db_table)
        # Only the models' own names, quoted, reach this statement.
        selects.append(f"SELECT '{model._meta.label}', {row} FROM {table}")  # noqa: S608
    return " UNION ALL ".join(selects)


def _snapshot():
    """Every row of every watched table (soft-deleted rows too), by model label."""
    with connection.cursor() as cursor:
        cursor.execute(_snapshot_sql())
        rows = cursor.fetchall()
    snapshot = {model._meta.label: [] for model in _watched_models()}
    for label, row in sorted(rows):
        snapshot[label].append(row)
    return snapshot


def _changed(before, after):
    return sorted(label for label in before if before[label] != after.get(label))


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "route"), OBJECT_PATTERNS, ids=[n for n, _ in OBJECT_PATTERNS])
def test_object_url_outside_scope_is_404_unchanged_and_logged(
    client, world, name, route, role, method
):
    if (role, name) in SCOPE_EXCEPTIONS:
        pytest.skip("scope of this role covers every case here by design (see SCOPE_EXCEPTIONS)")
    # Team Zuid's case is outside the scope of every user of team Noord and of the roles
    # without personal data.
    case = world.zuid_case
    user = getattr(world, role)
    assert not Inburgeraar.objects.visible_to(user).filter(pk=case.pk).exists()
    client.force_login(user)
    before = _snapshot()
    denied = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()
    path = _sample_path(route, str(case.public_id))
    payload = {"to_phase": "brede_intake", "reason": "x", "to_consultant": world.consultant.pk}
    response = getattr(client, method)(path, payload)
    assert response.status_code == 404, f"{method.upper()} {name} as {role}"
    after = _snapshot()
    assert after == before, f"{method.upper()} {name} as {role} changed {_changed(before, after)}"
    assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count() == denied + 1


def test_an_unknown_id_is_also_404_and_logged(client, world):
    client.force_login(world.teamleider)
    response = client.get(_sample_path("inburgeraars/<uuid:public_id>/", str(uuid.uuid4())))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count() == 1


@pytest.mark.parametrize(("name", "route", "entry"), ALL, ids=[str(n) for n, _, _ in ALL])
def test_every_view_is_behind_login_and_mfa(client, world, name, route, entry):
    path = _sample_path(route, str(world.own_case.public_id))
    anonymous = client.get(path)
    if name not in ANONYMOUS_ALLOWED:
        assert anonymous.status_code in (302, 404), f"{name} answers anonymous users"
        if anonymous.status_code == 302:
            assert "login" in anonymous.url, f"{name} does not send anonymous users to login"
    client.password_only_login(world.teamleider)
    password_only = client.get(path)
    if name not in PASSWORD_ONLY_ALLOWED | ANONYMOUS_ALLOWED:
        assert password_only.status_code == 302, f"{name} is reachable without MFA"
        assert "/mfa/" in password_only.url


# --- the admin (/beheer/, issue 22) ------------------------------------------------------

ADMIN = [
    (name, route)
    for name, route, _entry in ALL
    if name and name.startswith("admin:") and name not in ANONYMOUS_ALLOWED
]
# Admin URLs the functioneel beheerder must not reach either: setting someone's password,
# adding an authenticator (a key of the beheerder's choosing), the roles' permissions and the
# append-only or derived tables (issue 22, finding 1).
BEHEERDER_FORBIDDEN = {
    "admin:auth_user_password_change",
    "admin:otp_totp_totpdevice_add",
    "admin:otp_static_staticdevice_add",
    "admin:auth_group_add",
    "admin:auth_group_delete",
    "admin:cases_auditevent_add",
    "admin:cases_auditevent_delete",
    "admin:cases_statuschange_add",
    "admin:cases_timelineevent_add",
    "admin:cases_deadline_add",
}


def _admin_path(route: str, world) -> str:
    path = _sample_path(route, str(world.own_case.public_id))
    return re.sub(r"<[a-z_]+>", "1", path)


def test_the_admin_matrix_covers_the_admin():
    names = {name for name, _ in ADMIN}
    assert {"admin:index", "admin:cases_user_changelist", "admin:cases_inburgeraar_change"} <= names
    assert names >= BEHEERDER_FORBIDDEN


@pytest.mark.parametrize("role", [r for r in ROLES if r != "beheerder"])
def test_every_admin_url_is_403_and_logged_for_a_role_without_admin(client, world, role):
    user = getattr(world, role)
    client.force_login(user)
    for name, route in ADMIN:
        denied = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()
        for method in ("get", "post"):
            response = getattr(client, method)(_admin_path(route, world))
            assert response.status_code == 403, f"{method.upper()} {name} as {role}"
        assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count() == denied + 2


@pytest.mark.parametrize("name", sorted(BEHEERDER_FORBIDDEN))
def test_admin_urls_the_beheerder_must_not_reach_are_403_and_logged(client, world, name):
    route = dict(ADMIN)[name]
    client.force_login(world.beheerder)
    before = _snapshot()
    denied = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()
    for method in ("get", "post"):
        response = getattr(client, method)(_admin_path(route, world), {"password1": "x"})
        assert response.status_code == 403, f"{method.upper()} {name}"
    assert _snapshot() == before
    assert AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count() == denied + 2
