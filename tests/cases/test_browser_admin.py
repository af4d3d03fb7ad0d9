"""Issue 13 item 6: the admin pages a functioneel beheerder uses are Dutch and axe-clean
(WCAG 2.1 A/AA): the index, the lists and forms of the catalogues, users and municipalities,
the equated days, and a list's filters and search."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import EquatedDayDecree, Gemeente
from finance.models import SpukNorm
from intake.models import Location, PassMark
from learning_routes.models import LearningRoute, Provider
from tests.factories import DEMO_PASSWORD
from tests.intake.factories import LocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The admin pages of the functioneel beheerder's daily work (catalogues, users, letterheads).
PAGES = [
    ("admin:index", None),
    ("admin:cases_user_changelist", None),
    ("admin:cases_user_change", "beheerder"),
    ("admin:cases_user_add", None),
    ("admin:cases_gemeente_changelist", None),
    ("admin:cases_gemeente_change", "gemeente"),
    ("admin:cases_team_changelist", None),
    ("admin:cases_equateddaydecree_changelist", None),
    ("admin:cases_equateddaydecree_change", "decree"),
    ("admin:cases_equateddaydecree_add", None),
    ("admin:intake_passmark_changelist", None),
    ("admin:intake_location_changelist", None),
    ("admin:intake_location_add", None),
    ("admin:learning_routes_provider_changelist", None),
    ("admin:learning_routes_contract_changelist", None),
    ("admin:learning_routes_contract_add", None),
    ("admin:finance_spuknorm_changelist", None),
    ("admin:finance_spuknorm_change", "spuknorm"),
    ("admin:intake_passmark_change", "passmark"),
    ("admin:intake_location_change", "location"),
    ("admin:intake_device_changelist", None),
    ("admin:intake_toetsbegeleider_changelist", None),
    ("admin:intake_lifedomain_changelist", None),
    ("admin:learning_routes_provider_change", "provider"),
    ("admin:learning_routes_learningroute_changelist", None),
    ("admin:learning_routes_learningroute_change", "route"),
    ("admin:auth_group_changelist", None),
    ("admin:otp_totp_totpdevice_changelist", None),
    ("admin:axes_accessattempt_changelist", None),
]


def test_the_beheerders_admin_pages_are_dutch_and_axe_clean(
    page, live_server, live_login, axe_check, world
):
    # The catalogues seeded by the data migrations are gone after an earlier transactional
    # test's flush (two workers): the decree and the location are made here when missing, the
    # other change forms are opened when their catalogue row is there.
    decree = EquatedDayDecree.objects.order_by("pk").first() or EquatedDayDecree.objects.create(
        title="Besluit gelijkstelling dagen 2026–2028", first_year=2026, last_year=2028
    )
    location = Location.objects.order_by("pk").first() or LocationFactory()
    objects = {
        "beheerder": world.beheerder,
        "gemeente": Gemeente.objects.order_by("pk").first(),
        "decree": decree,
        "spuknorm": SpukNorm.objects.order_by("pk").first(),
        "passmark": PassMark.objects.order_by("pk").first(),
        "location": location,
        "provider": Provider.objects.order_by("pk").first(),
        "route": LearningRoute.objects.order_by("pk").first(),
    }
    live_login(world.beheerder.username, DEMO_PASSWORD)
    failures = []
    for name, obj in PAGES:
        if obj and objects[obj] is None:
            continue
        url = reverse(name, args=[objects[obj].pk] if obj else None)
        response = page.goto(live_server.url + url)
        assert response.status == 200, (name, response.status)
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        try:
            axe_check(page, name)
        except pytest.fail.Exception as error:
            failures.append(str(error))
    # A list filtered and searched, as the beheerder looks a user up.
    page.goto(live_server.url + reverse("admin:cases_user_changelist") + "?q=consulent")
    expect(page.get_by_role("link", name="consulent_a")).to_be_visible()
    try:
        axe_check(page, "users searched")
    except pytest.fail.Exception as error:
        failures.append(str(error))
    assert not failures, "\n\n".join(failures)
