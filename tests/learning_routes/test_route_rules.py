"""The pure rules of the leerroute (REQ L-03, L-06): for whom the college buys the course, and
the 1½ years of schakelen (Wi art. 17 lid 2; Besluit inburgering 2021 art. 5.4 lid 1)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.constants import Doelgroep
from learning_routes.rules import college_offers_course, schakelen_last_day, schakelen_refusal


@pytest.mark.parametrize(
    ("doelgroep", "offered"),
    [
        (Doelgroep.ASIELSTATUSHOUDER, True),
        (Doelgroep.GEZINSMIGRANT, False),
        (Doelgroep.OVERIGE_MIGRANT, False),
        (None, False),
    ],
)
def test_req_l03_the_college_buys_the_course_for_asielstatushouders_only(doelgroep, offered):
    assert college_offers_course(doelgroep) is offered


@pytest.mark.parametrize(
    ("first_day", "last_day"),
    [
        # The day before the same date eighteen months on.
        (date(2025, 3, 1), date(2026, 8, 31)),
        (date(2026, 3, 3), date(2027, 9, 2)),
        # No 31 February: the period ends at the end of February.
        (date(2024, 8, 31), date(2026, 2, 28)),
        # A term starting on a leap day: 29 August 2025 exists, so the 28th.
        (date(2024, 2, 29), date(2025, 8, 28)),
        # 30 August + 18 months: 30 February does not exist either.
        (date(2026, 8, 30), date(2028, 2, 29)),
    ],
)
def test_req_l06_schakelen_runs_until_one_and_a_half_years_after_the_term_start(
    first_day, last_day
):
    assert schakelen_last_day(first_day) == last_day


@given(st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 12, 31)))
def test_req_l06_the_period_is_eighteen_calendar_months_and_moves_with_the_start(first_day):
    last_day = schakelen_last_day(first_day)
    assert 545 <= (last_day - first_day).days + 1 <= 550  # 18 calendar months, inclusive
    # A later start never gives an earlier last day.
    assert schakelen_last_day(first_day + timedelta(days=1)) >= last_day


FIRST = date(2026, 3, 3)  # a term that started the day after a PIP of 2 March 2026
LAST = date(2027, 9, 2)


@pytest.mark.parametrize(
    ("from_code", "to_code", "on", "allowed"),
    [
        ("b1", "z", LAST, True),  # the last day
        ("b1", "z", LAST + timedelta(days=1), False),  # the day after
        ("z", "b1", LAST + timedelta(days=1), False),
        ("b1", "onderwijs", LAST + timedelta(days=1), False),
        # Onderwijsroute → B1-route throughout the term (Besluit 5.4 lid 1).
        ("onderwijs", "b1", LAST + timedelta(days=1), True),
        ("onderwijs", "b1", date(2029, 3, 2), True),
        ("onderwijs", "z", LAST + timedelta(days=1), False),
    ],
)
def test_req_l06_schakelen_is_refused_after_one_and_a_half_years_except_onderwijs_to_b1(
    from_code, to_code, on, allowed
):
    refusal = schakelen_refusal(from_code=from_code, to_code=to_code, on=on, term_first_day=FIRST)
    assert (refusal is None) is allowed
    if not allowed:
        assert "2 september 2027" in refusal


def test_req_l06_before_the_term_starts_the_route_is_still_being_set():
    assert (
        schakelen_refusal(from_code="b1", to_code="z", on=date(2030, 1, 1), term_first_day=None)
        is None
    )
