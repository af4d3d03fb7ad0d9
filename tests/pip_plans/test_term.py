"""Pure date rules: inburgeringstermijn (REQ D-06, D-07) and bezwaartermijn (REQ D-15)."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pip_plans.calendar import atw_holidays, is_working_day, next_working_day
from pip_plans.term import (
    extension_decision_due_on,
    extension_request_opens_on,
    objection_last_day,
    term_first_day,
    term_last_day,
)

# --- REQ D-06: the term ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dagtekening", "first", "last"),
    [
        (date(2024, 3, 1), date(2024, 3, 2), date(2027, 3, 1)),
        # Leap day: 29 February + 3 years = 28 February.
        (date(2024, 2, 29), date(2024, 3, 1), date(2027, 2, 28)),
        (date(2024, 2, 28), date(2024, 2, 29), date(2027, 2, 28)),
        # Year end: the term starts on New Year's Day.
        (date(2023, 12, 31), date(2024, 1, 1), date(2026, 12, 31)),
        # No Atw shift for a term in years (Atw art. 4): a last day on Christmas stays.
        (date(2023, 12, 25), date(2023, 12, 26), date(2026, 12, 25)),
        # ... nor on a Sunday.
        (date(2023, 3, 1), date(2023, 3, 2), date(2026, 3, 1)),
    ],
)
def test_req_d06_term_first_and_last_day(dagtekening, first, last):
    assert term_first_day(dagtekening) == first
    assert term_last_day(dagtekening) == last


def test_req_d06_no_atw_shift_even_on_sunday():
    assert date(2026, 3, 1).weekday() == 6
    assert term_last_day(date(2023, 3, 1)) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("dagtekening", "months", "last"),
    [
        (date(2024, 3, 1), 6, date(2027, 9, 1)),
        # Counted from the unextended last day: 28 Feb 2027 + 6 months = 28 Aug 2027.
        (date(2024, 2, 29), 6, date(2027, 8, 28)),
        # Month end into a leap February.
        (date(2024, 8, 31), 6, date(2028, 2, 29)),
        (date(2024, 8, 31), 0, date(2027, 8, 31)),
    ],
)
def test_req_d07_extension_moves_the_last_day(dagtekening, months, last):
    assert term_last_day(dagtekening, extension_months=months) == last


def test_req_d07_a_date_decided_by_duo_wins():
    assert term_last_day(
        date(2024, 3, 1), extension_months=6, extended_until=date(2027, 10, 15)
    ) == date(2027, 10, 15)


def test_req_d07_request_window_and_decision_period():
    assert extension_request_opens_on(date(2027, 8, 31)) == date(2027, 2, 28)
    assert extension_request_opens_on(date(2027, 3, 1)) == date(2026, 9, 1)
    assert extension_decision_due_on(date(2027, 1, 5)) == date(2027, 3, 2)


def _leap_days(after: date, until: date) -> int:
    """29 Februaries in (after, until]."""
    return sum(
        1
        for year in range(after.year, until.year + 1)
        if calendar.isleap(year) and after < date(year, 2, 29) <= until
    )


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_req_d06_term_is_three_years_and_starts_next_day(dagtekening):
    first, last = term_first_day(dagtekening), term_last_day(dagtekening)
    assert first - dagtekening == timedelta(days=1)
    # REQ D-06, counted in days: 3 × 365 plus the leap days in between, never moved to a
    # working day (Atw art. 4) and not counted from the first day of the term.
    assert (last - dagtekening).days == 3 * 365 + _leap_days(dagtekening, last)
    # REQ D-07: the window to ask DUO for an extension opens inside the term, 6 months before
    # its end; an extension moves the end on, and a last day DUO decided wins.
    opens = extension_request_opens_on(last)
    assert first < opens < last
    assert term_last_day(dagtekening, extension_months=6) > last
    assert term_last_day(dagtekening, extension_months=6, extended_until=first) == first


# --- REQ D-15: the bezwaartermijn and the Atw calendar ---------------------------------


@pytest.mark.parametrize(
    ("made_known", "last_day"),
    [
        # Made known on a Tuesday: the last day is the Tuesday six weeks later.
        (date(2024, 1, 2), date(2024, 2, 13)),
        # One day earlier and later: the last day moves with it.
        (date(2024, 1, 1), date(2024, 2, 12)),
        (date(2024, 1, 3), date(2024, 2, 14)),
        # Ends on a Saturday → Monday.
        (date(2024, 1, 6), date(2024, 2, 19)),
        # Ends on a Sunday → Monday.
        (date(2024, 1, 7), date(2024, 2, 19)),
        # Ends on Eerste Kerstdag; Tweede Kerstdag too, and Friday 27 December 2024 is equated
        # with a feestdag (Atw art. 3 lid 3) → Monday 30 December.
        (date(2024, 11, 13), date(2024, 12, 30)),
        # Ends on Goede Vrijdag 2025, then the weekend and Tweede Paasdag → Tuesday 22 April.
        (date(2025, 3, 7), date(2025, 4, 22)),
        # Ends on 5 mei 2025 (a Monday; every year, not only lustrum years).
        (date(2025, 3, 24), date(2025, 5, 6)),
        # Ends on Koningsdag 2026 (Monday 27 April).
        (date(2026, 3, 16), date(2026, 4, 28)),
        # Ends on Hemelvaartsdag 2026 (Thursday 14 May); Friday 15 May is an equated day
        # (Atw art. 3 lid 3) → Monday 18 May.
        (date(2026, 4, 2), date(2026, 5, 18)),
        # The two examples (Atw art. 3 lid 3): made known on Friday 21 November 2025,
        # counted last day Friday 2 January 2026 (equated) → Monday 5 January 2026; made known
        # on Friday 26 March 2027, counted Friday 7 May 2027 (equated) → Monday 10 May 2027.
        (date(2025, 11, 21), date(2026, 1, 5)),
        (date(2027, 3, 26), date(2027, 5, 10)),
        # The day before: Thursday 20 November 2025 → Thursday 1 January 2026 (Nieuwjaarsdag),
        # Friday 2 January (equated), weekend → Monday 5 January.
        (date(2025, 11, 20), date(2026, 1, 5)),
        # The day after: Saturday 22 November 2025 → Saturday 3 January → Monday 5 January.
        (date(2025, 11, 22), date(2026, 1, 5)),
        # Monday 24 November 2025 → Monday 5 January 2026: the first plain working day.
        (date(2025, 11, 24), date(2026, 1, 5)),
        # Thursday 19 November 2025 → Wednesday 31 December 2025: stays.
        (date(2025, 11, 19), date(2025, 12, 31)),
        # Ends on Tweede Pinksterdag 2026 (Monday 25 May) → Tuesday.
        (date(2026, 4, 13), date(2026, 5, 26)),
        # Ends on Nieuwjaarsdag 2027 (a Friday) → Monday 4 January.
        (date(2026, 11, 20), date(2027, 1, 4)),
    ],
)
def test_req_d15_objection_last_day(made_known, last_day):
    assert objection_last_day(made_known) == last_day


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2024,
            {
                date(2024, 1, 1),
                date(2024, 3, 29),
                date(2024, 4, 1),
                date(2024, 4, 27),
                date(2024, 5, 5),
                date(2024, 5, 9),
                date(2024, 5, 10),  # equated (Besluit gelijkstelling 2023–2025)
                date(2024, 5, 20),
                date(2024, 12, 25),
                date(2024, 12, 26),
                date(2024, 12, 27),  # equated
            },
        ),
        (
            # 27 April 2025 is a Sunday: Koningsdag is celebrated on Saturday 26 April.
            2025,
            {
                date(2025, 1, 1),
                date(2025, 4, 18),
                date(2025, 4, 21),
                date(2025, 4, 26),
                date(2025, 5, 5),
                date(2025, 5, 29),
                date(2025, 5, 30),  # equated
                date(2025, 6, 9),
                date(2025, 12, 25),
                date(2025, 12, 26),
            },
        ),
    ],
)
def test_req_d15_atw_holidays_with_the_equated_days(year, expected):
    assert atw_holidays(year) == expected


def test_req_d15_queens_day_before_2014():
    # 30 April 2006 was a Sunday: Koninginnedag on Saturday 29 April.
    assert date(2006, 4, 29) in atw_holidays(2006)
    assert date(2013, 4, 30) in atw_holidays(2013)
    assert date(2014, 4, 26) in atw_holidays(2014)  # 27 April 2014 was a Sunday


def test_req_d15_next_working_day_keeps_a_working_day():
    assert next_working_day(date(2024, 2, 13)) == date(2024, 2, 13)
    assert not is_working_day(date(2024, 12, 25))
    # Tweede Paasdag.
    assert not is_working_day(date(2024, 4, 1))
    # Eerste Pinksterdag is a Sunday anyway; Whit Monday is the feestdag.
    assert next_working_day(date(2024, 5, 19)) == date(2024, 5, 21)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_req_d15_last_day_is_a_working_day_within_six_weeks_and_a_few_days(made_known):
    last = objection_last_day(made_known)
    assert is_working_day(last)
    assert timedelta(weeks=6) <= last - made_known <= timedelta(weeks=6, days=5)
