"""`pip_facts` for the deadline engine (REQ D-06, D-07, D-08, D-12, D-13, D-15)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import Phase
from learning_routes.models import LearningRoute, Provider
from pip_plans import services
from pip_plans.constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    RevisionReason,
    Theme,
)
from pip_plans.facts import pip_facts
from tests.factories import InburgeraarFactory, PipVersionFactory, issue_beschikking

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


def _establish(version, on):
    return services.pip_establish(
        version=version, by=version.created_by, on=on, today=on, render=False
    )


def test_a_case_without_a_pip_gets_empty_facts(pip_case):
    facts = pip_facts([pip_case.pk])
    assert facts[pip_case.pk]["pip_established_on"] is None
    assert facts[pip_case.pk]["progress_talks"] == ()
    assert facts[pip_case.pk]["term_extension_months"] == 0
    assert pip_facts([]) == {}


def test_a_draft_alone_establishes_nothing(draft, pip_case):
    assert pip_facts([pip_case.pk])[pip_case.pk]["pip_established_on"] is None


def test_facts_after_establishing_revising_talks_extension_and_made_known(draft, pip_case):
    first = _establish(draft, DAY)
    services.beschikking_record_made_known(
        beschikking=first,
        made_known_on=date(2026, 3, 3),
        how="post",
        by=pip_case.consultant,
        today=date(2026, 3, 3),
    )
    facts = pip_facts([pip_case.pk])[pip_case.pk]
    assert facts["pip_established_on"] == DAY  # REQ D-06
    assert facts["beschikking_made_known_on"] == date(2026, 3, 3)  # REQ D-15
    assert facts["route"] == "b1"
    assert facts["term_first_day"] == date(2026, 3, 3)
    assert facts["term_last_day"] == date(2029, 3, 2)

    # REQ P-06 / D-08: talks; the second asks for a revision.
    for held_on, revise in [(date(2026, 8, 31), False), (date(2027, 2, 15), True)]:
        services.progress_talk_record(
            pip=draft.pip,
            held_on=held_on,
            attendees=[Attendee.INBURGERAAR, Attendee.CONSULTANT],
            findings="Voortgang besproken.",
            revision_needed=revise,
            revision_reason="Schakelen naar de Z-route." if revise else "",
            by=pip_case.consultant,
            today=held_on,
        )
    revision = draft.pip.versions.get(status="concept")
    services.pip_version_update(
        version=revision,
        theme=Theme.INBURGERING,
        data={
            "route": LearningRoute.objects.get(code="z"),
            "provider": Provider.objects.get(name="IVIO"),
            "target_level": "zo_hoog_mogelijk",
        },
        by=pip_case.consultant,
        today=date(2027, 3, 1),
    )
    services.pip_version_update(
        version=revision,
        theme=Theme.PARTICIPATIE,
        data={"z_route_hours": 800},
        by=pip_case.consultant,
        today=date(2027, 3, 1),
    )
    services.pip_version_update(
        version=revision,
        theme=Theme.ONTZORGEN,
        data={
            "ontzorgen_starts_on": date(2026, 4, 1),
            "ontzorgen_extended_until": date(2027, 6, 30),
            "ontzorgen_extension_reason": "Budgetbeheer loopt nog.",
        },
        by=pip_case.consultant,
        today=date(2027, 3, 1),
    )
    assert revision.reason == RevisionReason.PROGRESS_TALK
    _establish(revision, date(2027, 3, 1))

    # REQ D-07: a request and DUO's grant of six months.
    extension = services.term_extension_record_request(
        pip=draft.pip,
        initiative=ExtensionInitiative.REQUEST,
        ground=ExtensionGround.EFFORT,
        requested_on=date(2028, 10, 1),
        by=pip_case.consultant,
        today=date(2028, 10, 1),
    )
    pending = pip_facts([pip_case.pk])[pip_case.pk]
    assert pending["term_extension_pending"] is True
    assert pending["term_extension_requested_on"] == date(2028, 10, 1)
    services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.GRANTED,
        decided_on=date(2028, 11, 20),
        months=6,
        by=pip_case.consultant,
        today=date(2028, 11, 20),
    )

    facts = pip_facts([pip_case.pk])[pip_case.pk]
    # The revision does not restart the term (REQ D-06).
    assert facts["pip_established_on"] == DAY
    assert facts["pip_latest_established_on"] == date(2027, 3, 1)
    assert facts["progress_talks"] == (date(2026, 8, 31), date(2027, 2, 15))
    assert facts["route"] == "z"
    assert facts["z_route_hours"] == 800
    assert facts["ontzorgen_extended_until"] == date(2027, 6, 30)  # REQ D-12
    assert facts["term_extension_months"] == 6
    assert facts["term_ends_on"] is None
    assert facts["term_extension_pending"] is False
    assert facts["term_last_day"] == date(2029, 9, 2)
    # The latest beschikking has not been made known yet.
    assert facts["beschikking_made_known_on"] is None


def test_a_date_stated_by_duo_is_exposed(draft, pip_case):
    _establish(draft, DAY)
    extension = services.term_extension_record_request(
        pip=draft.pip,
        initiative=ExtensionInitiative.OWN_ACCORD,
        ground=ExtensionGround.NOT_TO_BLAME,
        by=pip_case.consultant,
        today=DAY,
    )
    services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.GRANTED,
        decided_on=DAY,
        months=9,
        new_last_day=date(2029, 12, 14),
        by=pip_case.consultant,
        today=DAY,
    )
    facts = pip_facts([pip_case.pk])[pip_case.pk]
    assert facts["term_extension_months"] == 9
    assert facts["term_ends_on"] == date(2029, 12, 14)
    assert facts["term_last_day"] == date(2029, 12, 14)


def test_leap_day_facts(draft, pip_case):
    _establish(draft, date(2024, 2, 29))
    facts = pip_facts([pip_case.pk])[pip_case.pk]
    assert facts["term_first_day"] == date(2024, 3, 1)
    assert facts["term_last_day"] == date(2027, 2, 28)


def _cases_with_pips(world, n):
    ids = []
    for i in range(n):
        case = InburgeraarFactory(
            gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.INBURGERINGSTERMIJN
        )
        version = PipVersionFactory(pip__inburgeraar=case, on=DAY)
        issue_beschikking(version, on=DAY, made_known_on=DAY if i % 2 else None)
        services.progress_talk_record(
            pip=version.pip,
            held_on=date(2026, 6, 1),
            attendees=[Attendee.CONSULTANT],
            findings="x",
            by=world.consultant,
            today=date(2026, 6, 1),
        )
        ids.append(case.pk)
    return ids


def test_pip_facts_uses_a_constant_number_of_queries(world):
    few = _cases_with_pips(world, 3)
    many = few + _cases_with_pips(world, 27)
    with CaptureQueriesContext(connection) as small:
        facts_few = pip_facts(few)
    with CaptureQueriesContext(connection) as large:
        facts_many = pip_facts(many)
    # Versions, extensions, talks, every beschikking made known, third-party requests.
    assert len(small.captured_queries) == len(large.captured_queries) == 5
    assert len(facts_few) == 3 and len(facts_many) == 30
    assert all(f["pip_established_on"] == DAY for f in facts_many.values())
    assert sum(1 for f in facts_many.values() if f["beschikking_made_known_on"]) == 1 + 13
