"""REQ D-15 (Algemene termijnenwet art. 3 lid 3): the equated days are dated catalogue data.

The decrees 2023–2025 and 2026–2028 are seeded by migration; the functioneel beheerder keeps
them in the admin; the calendar, the rules and the beschikking use them; a coming year that
no decree covers is a warning on the dashboard and in the admin, not a silent gap.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cases import calendar as atw
from cases.deadlines.engine import Facts, evaluate
from cases.deadlines.selectors import coverage_warning
from cases.models import EquatedDay, EquatedDayDecree
from pip_plans.term import objection_last_day

pytestmark = pytest.mark.django_db


def test_D15_the_migration_seeds_both_decrees_with_their_ten_days():
    assert list(EquatedDayDecree.objects.values_list("first_year", "last_year")) == [
        (2023, 2025),
        (2026, 2028),
    ]
    assert sorted(atw.equated_days()) == [
        date(2023, 4, 28),
        date(2023, 5, 19),
        date(2024, 5, 10),
        date(2024, 12, 27),
        date(2025, 5, 30),
        date(2026, 1, 2),
        date(2026, 5, 15),
        date(2027, 5, 7),
        date(2028, 4, 28),
        date(2028, 5, 26),
    ]


def test_D15_bezwaar_examples_of_the_issue_from_the_database_calendar():
    assert objection_last_day(date(2025, 11, 21)) == date(2026, 1, 5)
    assert objection_last_day(date(2027, 3, 26)) == date(2027, 5, 10)
    # The days before: Thursday 6 May 2027 is Hemelvaartsdag and Wednesday 5 May is 5 mei, so
    # both run on over the equated Friday to Monday 10 May; Tuesday 4 May is ordinary.
    assert objection_last_day(date(2027, 3, 25)) == date(2027, 5, 10)
    assert objection_last_day(date(2027, 3, 24)) == date(2027, 5, 10)
    assert objection_last_day(date(2027, 3, 23)) == date(2027, 5, 4)
    # The day after (Saturday 27 March 2027): Saturday 8 May → Monday 10 May.
    assert objection_last_day(date(2027, 3, 27)) == date(2027, 5, 10)


def test_D15_a_day_added_in_the_catalogue_counts_at_once():
    decree = EquatedDayDecree.objects.get(first_year=2026)
    assert objection_last_day(date(2026, 9, 30)) == date(2026, 11, 11)  # a Wednesday
    EquatedDay.objects.create(decree=decree, day=date(2026, 11, 11), description="test")
    assert objection_last_day(date(2026, 9, 30)) == date(2026, 11, 12)
    EquatedDay.objects.filter(day=date(2026, 11, 11)).delete()
    assert objection_last_day(date(2026, 9, 30)) == date(2026, 11, 11)


def test_D05_a_pip_term_that_lands_on_an_equated_day_moves_to_the_next_working_day():
    facts = Facts(
        doelgroep="asielstatushouder",
        registered_on=date(2026, 1, 5),
        duo_notified_on=date(2026, 3, 6),  # Friday: + 10 weeks = Friday 15 May (equated)
    )
    pip = next(e for e in evaluate(facts, date(2026, 3, 10)) if e.code == "pip_vastgesteld")
    assert pip.due == date(2026, 5, 18)
    assert "gelijkgestelde dag" in pip.detail


def test_D15_a_changed_catalogue_changes_the_rules_fingerprint():
    from cases.deadlines.engine import rules_fingerprint, tracked_facts

    before = rules_fingerprint(tracked_facts())
    EquatedDay.objects.create(
        decree=EquatedDayDecree.objects.get(first_year=2026), day=date(2026, 12, 31)
    )
    assert rules_fingerprint(tracked_facts()) != before


@pytest.mark.parametrize(
    ("today", "uncovered"),
    [
        (date(2026, 12, 1), []),
        (date(2028, 1, 1), [2029]),  # the coming twelve months reach 1 January 2029
        (date(2027, 12, 31), []),  # + 12 months = 31 December 2028: still covered
        (date(2029, 3, 1), [2029, 2030]),
    ],
)
def test_D15_years_no_decree_covers_in_the_coming_twelve_months(today, uncovered):
    assert atw.uncovered_years(today) == uncovered
    assert (coverage_warning(today) is None) == (not uncovered)


def test_D15_the_warning_names_the_years_in_dutch():
    text = coverage_warning(date(2028, 1, 1))
    assert "Voor 2029 is nog geen besluit met gelijkgestelde dagen" in text


@time_machine.travel("2028-03-01 09:00 +01:00", tick=False)
def test_D15_dashboard_and_admin_warn_when_no_decree_covers_the_next_twelve_months(client, world):
    client.force_login(world.teamleider)
    body = client.get(reverse("cases:deadline-dashboard")).content.decode()
    assert "Voor 2029 is nog geen besluit met gelijkgestelde dagen" in body
    client.force_login(world.beheerder)
    for url in ("/beheer/", "/beheer/cases/equateddaydecree/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "Voor 2029 is nog geen besluit met gelijkgestelde dagen" in response.content.decode()


@time_machine.travel("2026-12-01 09:00 +01:00", tick=False)
def test_D15_no_warning_while_the_decrees_cover_the_coming_year(client, world):
    client.force_login(world.teamleider)
    body = client.get(reverse("cases:deadline-dashboard")).content.decode()
    assert "nog geen besluit met gelijkgestelde dagen" not in body


def test_D15_the_beheerder_adds_a_decree_with_its_days_and_a_day_outside_its_years_is_refused(
    client, world
):
    client.force_login(world.beheerder)
    url = "/beheer/cases/equateddaydecree/add/"
    data = {
        "title": "Besluit gelijkstelling dagen 2029, 2030 en 2031",
        "first_year": "2029",
        "last_year": "2031",
        "reference": "",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-day": "2029-05-11",
        "days-0-description": "de vrijdag na Hemelvaartsdag",
        "days-1-day": "2032-01-02",
        "days-1-description": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Deze dag valt buiten de jaren van het besluit (2029–2031)." in response.content.decode()
    assert not EquatedDayDecree.objects.filter(first_year=2029).exists()
    data["days-1-day"] = ""
    response = client.post(url, data)
    assert response.status_code == 302
    assert date(2029, 5, 11) in atw.equated_days()
    assert atw.uncovered_years(date(2028, 6, 1)) == []


def test_issue12_the_data_migration_recomputes_stale_stored_deadlines(make_case):
    """cases 0015: a due date stored under the old rules is recomputed. A gezinsmigrant's PIP
    (D-05) counted from the later BRP-inschrijving (1 May 2026) is due 10 weeks after DUO's
    notice (13 April 2026)."""
    import importlib

    from django.apps import apps

    from cases.models import Deadline, Inburgeraar

    case = make_case(
        doelgroep="gezinsmigrant",
        linked_on=None,
        duo_notified_on=date(2026, 2, 2),
        registered_on=date(2026, 2, 20),
    )
    Deadline.objects.update_or_create(
        inburgeraar=case,
        code="pip_vastgesteld",
        defaults={
            "requirement": "D-05",
            "due": date(2026, 5, 1),  # stored under the old rule
            "state": "open",
            "computed_on": date(2026, 3, 1),
        },
    )
    Inburgeraar.objects.filter(pk=case.pk).update(deadline_fingerprint="stale")
    migration = importlib.import_module("cases.migrations.0015_recompute_deadlines_issue12")
    migration.recompute(apps, None)
    assert Inburgeraar.objects.get(pk=case.pk).deadline_fingerprint not in ("", "stale")
    assert Deadline.objects.get(inburgeraar=case, code="pip_vastgesteld").due == date(2026, 4, 13)
