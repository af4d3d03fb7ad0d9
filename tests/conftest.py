import random
import zlib
from datetime import date

import factory.random
import pytest
from django.db import connection
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.constants import Phase, Role
from tests.factories import (
    ConsultantFactory,
    GemeenteFactory,
    InburgeraarFactory,
    PipVersionFactory,
    TeamFactory,
    UserFactory,
)

pytest_plugins = ["tests.plugins"]


class MfaClient(Client):
    """A test client whose force_login is a complete login: password and a verified TOTP
    device in the session, as after the real MFA step. Tests of the MFA step itself use
    `client.password_only_login` or the real login form."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def password_only_login(self, user):
        super().force_login(user)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests log in through the real form often; the production hasher is slow on purpose."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def seed_random(key: str) -> None:
    """Seed `random` (the factories' names and dates) and factory_boy's Faker from `key`."""
    seed = zlib.crc32(key.encode())
    random.seed(seed)
    factory.random.reseed_random(seed)


@pytest.fixture(autouse=True)
def _seeded_random(request):
    """The same random data for a test whatever ran before it, in whichever xdist worker."""
    seed_random(request.node.nodeid)


@pytest.fixture
def client():
    return MfaClient()


@pytest.fixture(autouse=True)
def _sqlite_flush_guard(request):
    """Let the flush after a transactional test empty the append-only tables.

    SQLite deletes rows, which its triggers refuse unless the guard table holds a row
    (migration cases 0003). PostgreSQL flushes with TRUNCATE, which the statement triggers of
    migration cases 0008 refuse unless the session sets `hbel.allow_truncate` (issue 22).
    The database fixture is set up first, so this teardown runs before its flush.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET hbel.allow_truncate")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET hbel.allow_truncate = 'on'")
        return
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM hbel_append_only_guard")
    yield
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO hbel_append_only_guard (allowed) VALUES (1)")


@pytest.fixture(autouse=True)
def _catalogue(request):
    """The leerroute catalogue seeded by migration (learning_routes 0002). A transactional
    test's flush empties it for the tests after it, so it is seeded again (idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    import importlib

    from django.apps import apps

    seed = importlib.import_module("learning_routes.migrations.0002_seed_catalogue").seed
    seed(apps, None)
    # REQ D-15: the equated days of the Atw (cases 0009), likewise seeded by migration.
    importlib.import_module("cases.migrations.0009_seed_equated_days").seed(apps, None)


def install_seeded_equated_days() -> None:
    """The equated days the migration seeds (cases 0009), without a database (REQ D-15)."""
    import importlib

    from cases import calendar as atw

    decrees = importlib.import_module("cases.migrations.0009_seed_equated_days").DECREES
    atw.install(
        {day: f"gelijkgestelde dag ({text})" for *_, days in decrees for day, text in days},
        tuple((first, last) for _title, first, last, _days in decrees),
    )


def pytest_collection(session):
    """Test modules that compute dates while being collected count with the seeded days."""
    install_seeded_equated_days()


@pytest.fixture(autouse=True)
def _atw_calendar_fresh(request):
    """REQ D-15: each test counts with the equated days as its own database holds them; a test
    without a database (pure rules) with the decrees the migration seeds (cases 0009)."""
    from cases import calendar as atw

    atw.reload()
    if request.node.get_closest_marker("django_db") is None:
        install_seeded_equated_days()
    yield
    atw.reload()


class World:
    """See `world`."""


@pytest.fixture
def world(db):
    """Two teams over three municipalities, with a user for every role.

    Team Noord serves Noorddorp and Middendorp; team Zuid serves Zuiddorp.
    """
    return build_world()


def build_world() -> World:
    """The rows of `world`, for a fixture of a wider scope (tests/cases/test_access_matrix.py)."""
    w = World()
    w.noorddorp = GemeenteFactory(name="Noorddorp", cbs_code="9001")
    w.middendorp = GemeenteFactory(name="Middendorp", cbs_code="9002")
    w.zuiddorp = GemeenteFactory(name="Zuiddorp", cbs_code="9003")
    w.team_noord = TeamFactory(name="Team Noord", gemeenten=[w.noorddorp, w.middendorp])
    w.team_zuid = TeamFactory(name="Team Zuid", gemeenten=[w.zuiddorp])
    w.consultant = ConsultantFactory(username="consulent_a", team=w.team_noord)
    w.colleague = ConsultantFactory(username="consulent_b", team=w.team_noord)
    w.other_consultant = ConsultantFactory(username="consulent_zuid", team=w.team_zuid)
    w.teamleider = UserFactory(username="tl_noord", team=w.team_noord, role=Role.TEAMLEIDER)
    w.teamleider_zuid = UserFactory(username="tl_zuid", team=w.team_zuid, role=Role.TEAMLEIDER)
    w.administratie = UserFactory(
        username="admin_noord", team=w.team_noord, role=Role.ADMINISTRATIE
    )
    w.boeteambtenaar = UserFactory(
        username="boete_noord", team=w.team_noord, role=Role.BOETEAMBTENAAR
    )
    w.beleid = UserFactory(username="beleid", role=Role.BELEID)
    w.beheerder = UserFactory(username="beheerder", role=Role.FUNCTIONEEL_BEHEERDER)
    w.own_case = InburgeraarFactory(gemeente=w.noorddorp, consultant=w.consultant)
    w.colleague_case = InburgeraarFactory(gemeente=w.middendorp, consultant=w.colleague)
    w.zuid_case = InburgeraarFactory(gemeente=w.zuiddorp, consultant=w.other_consultant)
    return w


@pytest.fixture
def pip_case(world):
    """An asielstatushouder of the consultant in phase PIP, with an address, whose brede
    intake and leerbaarheidstoets are done."""
    from tests.intake.factories import intake_and_toets_done

    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.PIP,
        given_names="Yara",
        surname="Haddad",
        street="Lindenlaan 12",
        postal_code="1271 AB",
        city="Huizen",
        date_of_birth=date(1990, 5, 17),
        linked_on=date(2025, 9, 1),
        registered_on=date(2025, 10, 15),
        housed_on=date(2025, 10, 15),
        duo_notified_on=date(2025, 9, 20),
    )
    intake_and_toets_done(case, on=date(2025, 11, 20))  # REQ P-02
    return case


@pytest.fixture
def draft(pip_case):
    """A complete first draft (all four themes filled in)."""
    from pip_plans.services import pip_draft_start

    version = pip_draft_start(inburgeraar=pip_case, by=pip_case.consultant)
    complete = PipVersionFactory.build(pip=version.pip, on=date(2026, 3, 2))
    for field in (
        "route",
        "provider",
        "target_level",
        "intensity",
        "pvt",
        "pvt_notes",
        "map",
        "map_notes",
        "participation_instruments",
        "ontzorgen",
        "ontzorgen_decision_reference",
        "motivation",
    ):
        setattr(version, field, getattr(complete, field))
    version.save()
    return version
