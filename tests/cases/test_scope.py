"""DESIGN principle 3: `Inburgeraar.objects.visible_to(user)` per role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cases.constants import Role
from cases.models import Inburgeraar
from cases.scope import scope_filter
from tests.factories import InburgeraarFactory, UserFactory, WaarnemingFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Inburgeraar.objects.visible_to(user).values_list("pk", flat=True))


def test_consultant_sees_only_own_caseload(world):
    assert visible(world.consultant) == {world.own_case.pk}
    assert visible(world.other_consultant) == {world.zuid_case.pk}


def test_teamleider_sees_every_case_of_the_team_municipalities(world):
    assert visible(world.teamleider) == {world.own_case.pk, world.colleague_case.pk}
    assert visible(world.teamleider_zuid) == {world.zuid_case.pk}


def test_administratie_sees_the_team_municipalities(world):
    assert visible(world.administratie) == {world.own_case.pk, world.colleague_case.pk}


def test_teamleider_without_team_sees_nothing(world):
    loner = UserFactory(role=Role.TEAMLEIDER, team=None)
    assert visible(loner) == set()


def test_beleid_beheerder_and_boeteambtenaar_see_no_personal_data(world):
    # Beleid: aggregates only. Boeteambtenaar: only cases with an enforcement file, of which
    # there are none yet. Functioneel beheerder: catalogues, no cases.
    assert visible(world.beleid) == set()
    assert visible(world.beheerder) == set()
    assert visible(world.boeteambtenaar) == set()


def test_anonymous_and_inactive_users_see_nothing(world):
    assert visible(AnonymousUser()) == set()
    world.consultant.is_active = False
    world.consultant.save()
    refreshed = type(world.consultant).objects.get(pk=world.consultant.pk)
    assert visible(refreshed) == set()


def test_user_without_role_sees_nothing(world):
    assert visible(UserFactory(team=world.team_noord)) == set()


def test_roles_combine_as_a_union(world):
    both = UserFactory(team=world.team_zuid, role=Role.CONSULTANT)
    both.groups.add(*type(world.teamleider).objects.get(pk=world.teamleider.pk).groups.all())
    own = InburgeraarFactory(gemeente=world.noorddorp, consultant=both)
    both = type(both).objects.get(pk=both.pk)
    assert visible(both) == {own.pk, world.zuid_case.pk}


@pytest.mark.parametrize(
    ("start_offset", "end_offset", "expected"),
    [
        (0, 0, True),  # a one-day substitution, today
        (-10, -1, False),  # ended yesterday
        (1, 10, False),  # starts tomorrow
        (-5, 0, True),  # ends today (inclusive)
        (0, 5, True),  # starts today
    ],
)
def test_waarneming_for_the_whole_caseload_counts_on_its_dates(
    world, start_offset, end_offset, expected
):
    today = timezone.localdate()
    WaarnemingFactory(
        consultant=world.colleague,
        substitute=world.consultant,
        starts_on=today + timedelta(days=start_offset),
        ends_on=today + timedelta(days=end_offset),
    )
    assert (world.colleague_case.pk in visible(world.consultant)) is expected
    # The substitute gets the colleague's cases, never those of anyone else.
    assert world.zuid_case.pk not in visible(world.consultant)


def test_waarneming_for_one_case_shares_only_that_case(world):
    today = timezone.localdate()
    second = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.colleague)
    WaarnemingFactory(
        consultant=world.colleague,
        substitute=world.consultant,
        inburgeraar=world.colleague_case,
        starts_on=today,
        ends_on=today,
    )
    assert visible(world.consultant) == {world.own_case.pk, world.colleague_case.pk}
    assert second.pk not in visible(world.consultant)


def test_scope_takes_the_clock_as_a_parameter(world):
    today = timezone.localdate()
    WaarnemingFactory(
        consultant=world.colleague,
        substitute=world.consultant,
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=40),
    )
    later = scope_filter(world.consultant, today=today + timedelta(days=35))
    assert set(Inburgeraar.objects.filter(later).values_list("pk", flat=True)) == {
        world.own_case.pk,
        world.colleague_case.pk,
    }
