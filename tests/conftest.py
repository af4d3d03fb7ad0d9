import pytest

from cases.constants import Role
from tests.factories import (
    ConsultantFactory,
    GemeenteFactory,
    InburgeraarFactory,
    TeamFactory,
    UserFactory,
)

pytest_plugins = ["tests.plugins"]


@pytest.fixture
def world(db):
    """Two teams over three municipalities, with a user for every role.

    Team Noord serves Noorddorp and Middendorp; team Zuid serves Zuiddorp.
    """

    class World:
        pass

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
