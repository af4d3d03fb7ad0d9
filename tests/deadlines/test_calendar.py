"""REQ D-15 / D-05: the feestdagen of the Algemene termijnenwet and the next-working-day shift."""

from datetime import date, timedelta

import pytest

from cases.calendar import (
    atw_last_day,
    feestdagen,
    is_atw_rest_day,
    koningsdag,
    statutory_feestdagen,
)


def test_D15_feestdagen_2025_are_exactly_the_atw_list_plus_the_equated_day():
    assert feestdagen(2025) == statutory_feestdagen(2025) | {
        date(2025, 5, 30): "gelijkgestelde dag (de vrijdag na Hemelvaartsdag)"
    }
    assert statutory_feestdagen(2025) == {
        date(2025, 1, 1): "Nieuwjaarsdag",
        date(2025, 4, 18): "Goede Vrijdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",  # 27 April 2025 is a Sunday
        date(2025, 5, 5): "Bevrijdingsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    }


def test_D15_feestdagen_2026():
    assert sorted(feestdagen(2026)) == [
        date(2026, 1, 1),
        date(2026, 1, 2),  # equated (Atw art. 3 lid 3)
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),
        date(2026, 5, 5),  # 5 mei every year, not only in lustrum years
        date(2026, 5, 14),
        date(2026, 5, 15),  # equated
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2014, date(2014, 4, 26)),  # 27 April 2014 was a Sunday
        (2024, date(2024, 4, 27)),
        (2025, date(2025, 4, 26)),
        (2031, date(2031, 4, 26)),
        (2013, date(2013, 4, 30)),  # Koninginnedag
        (2006, date(2006, 4, 29)),  # 30 April 2006 was a Sunday
    ],
)
def test_D15_koningsdag_as_celebrated(year, expected):
    assert koningsdag(year) == expected
    assert is_atw_rest_day(expected)


def test_D15_easter_sunday_and_whit_sunday_are_sundays_not_extra_feestdagen():
    assert date(2026, 4, 5) not in feestdagen(2026)
    assert is_atw_rest_day(date(2026, 4, 5))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 11), date(2026, 3, 11)),  # Wednesday: stays
        (date(2026, 3, 14), date(2026, 3, 16)),  # Saturday → Monday
        (date(2026, 3, 15), date(2026, 3, 16)),  # Sunday → Monday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Goede Vrijdag → (Sat, Sun, Paasmaandag) → Tue
        (date(2026, 4, 6), date(2026, 4, 7)),  # Tweede Paasdag → Tuesday
        (date(2026, 5, 5), date(2026, 5, 6)),  # 5 mei (a Tuesday) → Wednesday
        (date(2026, 5, 14), date(2026, 5, 18)),  # Hemelvaartsdag, Friday equated → Monday
        (date(2026, 12, 25), date(2026, 12, 28)),  # Kerst Friday → Sat 26 (2e Kerstdag) → Mon
        (date(2027, 1, 1), date(2027, 1, 4)),  # Nieuwjaarsdag on a Friday → Monday
        (date(2025, 4, 26), date(2025, 4, 28)),  # Koningsdag on Saturday → Monday
    ],
)
def test_D15_atw_last_day(day, expected):
    assert atw_last_day(day) == expected
    assert not is_atw_rest_day(expected)


def test_D15_every_day_of_a_year_shifts_to_the_nearest_working_day_at_most_five_days():
    day = date(2026, 1, 1)
    while day.year == 2026:
        shifted = atw_last_day(day)
        assert shifted >= day
        assert (shifted - day).days <= 5
        assert all(is_atw_rest_day(day + timedelta(days=i)) for i in range((shifted - day).days))
        day += timedelta(days=1)
