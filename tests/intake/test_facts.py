"""`intake_facts`: the deadline facts the intake owns (REQ D-01 … D-04), right at every step of
the intake and the toets, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake import services
from intake.constants import CoaPresence, ConversationStatus, SessionStatus
from intake.facts import FACT_KEYS, intake_facts
from tests.intake.factories import (
    BredeIntakeFactory,
    DeviceFactory,
    IntakeConversationFactory,
    LeerbaarheidstoetsFactory,
    ToetsbegeleiderFactory,
)
from tests.intake.helpers import LINKED, TODAY, at, new_case, record, werkcentrum

pytestmark = pytest.mark.django_db


def _facts(case):
    return intake_facts([case.pk])[case.pk]


def test_every_fact_is_none_before_anything_happened(world):
    case = new_case(world)
    assert _facts(case) == dict.fromkeys(FACT_KEYS)


def test_facts_at_each_step_of_intake_and_toets(world):
    """REQ D-01 … D-04: each recorded step shows up at once."""
    case = new_case(world)
    by = world.consultant
    # Invited, not yet held: the intake has not started (D-01 still open).
    record(
        case, by, TODAY + timedelta(days=3), ConversationStatus.PLANNED, invitation_sent_on=TODAY
    )
    assert _facts(case)["intake_started_on"] is None

    # A no-show does not start it either.
    first_try = LINKED + timedelta(days=10)
    record(case, by, first_try, ConversationStatus.NO_SHOW, invitation_sent_on=LINKED)
    assert _facts(case)["intake_started_on"] is None

    # D-01: the first conversation held; D-02 not yet (COA absent).
    held = LINKED + timedelta(days=40)
    record(case, by, held)
    facts = _facts(case)
    assert facts["intake_started_on"] == held and facts["coa_handover_on"] is None

    # A later conversation with COA online: D-02 met on that day; D-01 stays the first.
    with_coa = LINKED + timedelta(days=50)
    record(case, by, with_coa, coa_presence=CoaPresence.ONLINE)
    facts = _facts(case)
    assert (facts["intake_started_on"], facts["coa_handover_on"]) == (held, with_coa)

    # An earlier digital meeting with COA (D-02 alternative) wins: the earlier of the two.
    meeting = LINKED + timedelta(days=45)
    services.intake_update(
        inburgeraar=case, section="coa", data={"coa_meeting_on": meeting}, by=by, today=TODAY
    )
    assert _facts(case)["coa_handover_on"] == meeting

    # D-04: DUO sets the toets ready; D-03: it is taken.
    ready = LINKED + timedelta(days=20)
    services.toets_set_duo_ready(inburgeraar=case, duo_ready_on=ready, by=by, today=TODAY)
    assert _facts(case)["test_ready_on"] == ready
    device = DeviceFactory(location=werkcentrum())
    begeleider = ToetsbegeleiderFactory(trained_on=date(2025, 1, 1))
    session = services.toets_session_plan(
        inburgeraar=case,
        data={
            "starts_at": at(TODAY + timedelta(days=1), 9),
            "ends_at": at(TODAY + timedelta(days=1), 10, 30),
            "location": werkcentrum(),
            "device": device,
            "toetsbegeleider": begeleider,
        },
        by=by,
        today=TODAY,
    ).obj
    assert _facts(case)["test_taken_on"] is None
    services.toets_session_record(
        session=session, status=SessionStatus.TAKEN, by=by, today=TODAY + timedelta(days=1)
    )
    assert _facts(case)["test_taken_on"] == TODAY + timedelta(days=1)


def test_a_conversation_with_coa_in_person_is_the_warm_handover(world):
    case = new_case(world)
    day = LINKED + timedelta(days=33)
    record(case, world.consultant, day, coa_presence=CoaPresence.IN_PERSON)
    assert _facts(case)["coa_handover_on"] == day


def test_a_planned_conversation_with_coa_is_no_handover_yet(world):
    case = new_case(world)
    record(
        case,
        world.consultant,
        TODAY + timedelta(days=2),
        ConversationStatus.PLANNED,
        coa_presence=CoaPresence.IN_PERSON,
    )
    assert _facts(case)["coa_handover_on"] is None


def test_completed_without_the_person_started_on_the_first_missed_appointment(world):
    """REQ D-01 / I-09: the municipality started the intake; the person did not come."""
    case = new_case(world)
    days = [LINKED + timedelta(days=n) for n in (14, 28, 42)]
    for number, day in enumerate(days):
        record(
            case,
            world.consultant,
            day,
            ConversationStatus.NO_SHOW,
            invitation_sent_on=day - timedelta(days=7),
            warning_sent_on=day + timedelta(days=1) if number < 2 else None,
        )
    assert _facts(case)["intake_started_on"] is None
    services.intake_complete_without_person(
        inburgeraar=case, reason="Drie keer niet verschenen.", by=world.consultant, today=TODAY
    )
    assert _facts(case)["intake_started_on"] == days[0]


def test_unknown_and_duplicate_ids(world):
    case = new_case(world)
    facts = intake_facts([case.pk, case.pk, 987654321])
    assert list(facts) == [case.pk]


def _cases_with_history(world, n):
    """n cases with three conversations each; returns {id: day of the first conversation}."""
    ids = {}
    for i in range(n):
        case = new_case(world)
        intake = BredeIntakeFactory(inburgeraar=case, coa_meeting_on=LINKED + timedelta(days=40))
        for offset in (20, 30, 40):
            IntakeConversationFactory(
                intake=intake, scheduled_on=LINKED + timedelta(days=offset + i % 3)
            )
        LeerbaarheidstoetsFactory(inburgeraar=case, duo_ready_on=LINKED + timedelta(days=5))
        ids[case.pk] = LINKED + timedelta(days=20 + i % 3)
    return ids


def test_query_count_is_fixed_as_cases_grow(world):
    """DESIGN principle 6: set-based, the same number of queries for 10 and for 300 cases."""
    small = _cases_with_history(world, 10)
    large = {**small, **_cases_with_history(world, 290)}
    with CaptureQueriesContext(connection) as ten:
        facts_small = intake_facts(list(small))
    with CaptureQueriesContext(connection) as three_hundred:
        facts_large = intake_facts(list(large))
    assert len(ten) == len(three_hundred) == 4
    assert len(facts_small) == 10 and len(facts_large) == 300
    assert {pk: f["intake_started_on"] for pk, f in facts_large.items()} == large
    assert all(f["coa_handover_on"] == LINKED + timedelta(days=40) for f in facts_large.values())


def test_the_engine_gets_these_facts_and_recomputes_at_once(
    world, django_capture_on_commit_callbacks
):
    """REQ D-01, D-02: recording the first conversation (with COA) updates the stored
    deadlines after commit, through the facts provider."""
    from cases.deadlines.engine import _providers

    # Registered once, at start-up, by intake/deadlines.py.
    assert any(fn is intake_facts and provides == set(FACT_KEYS) for fn, provides in _providers)
    _recompute_at_once(world, django_capture_on_commit_callbacks)


def _recompute_at_once(world, django_capture_on_commit_callbacks):
    from cases.constants import DeadlineState
    from cases.deadlines.engine import collect_facts
    from cases.models import Deadline

    case = new_case(world, linked_on=TODAY - timedelta(days=40))
    day = TODAY - timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        record(case, world.consultant, day, coa_presence=CoaPresence.IN_PERSON)
    facts = collect_facts([case.pk])[case.pk]
    assert (facts.intake_started_on, facts.coa_handover_on) == (day, day)
    stored = {d.code: d for d in Deadline.objects.filter(inburgeraar=case)}
    assert stored["brede_intake_gestart"].met_on == day
    assert stored["brede_intake_gestart"].state == DeadlineState.MET
    assert stored["warme_overdracht_coa"].met_on == day
    with django_capture_on_commit_callbacks(execute=True):
        services.toets_set_duo_ready(
            inburgeraar=case,
            duo_ready_on=TODAY - timedelta(days=30),
            by=world.consultant,
            today=TODAY,
        )
    assert collect_facts([case.pk])[case.pk].test_ready_on == TODAY - timedelta(days=30)
