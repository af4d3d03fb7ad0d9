"""Working days for the Algemene termijnenwet (REQ D-15; Atw art. 1 and 3).

A statutory term (e.g. the bezwaartermijn of 6 weeks) whose last day falls on a Saturday, a
Sunday or an *algemeen erkende feestdag* runs on to the next day that is none of these. For
the Atw those feestdagen are exactly: Nieuwjaarsdag, Goede Vrijdag (art. 3 lid 2), Tweede
Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag, the day on which the
King's (Queen's) birthday is celebrated, and 5 mei (every year). Eerste Paasdag and Eerste
Pinksterdag are Sundays anyway.

`next_working_day(d)` is the single function the rest of the app calls, so the deadline
engine's calendar can replace this one in one place.
"""

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter


def _kings_day(year: int) -> date:
    """The day the King's or Queen's birthday is celebrated (Atw art. 3 lid 1).

    From 2014 Koningsdag: 27 April, or 26 April when the 27th is a Sunday. Before 2014
    Koninginnedag: 30 April, or 29 April when the 30th is a Sunday.
    """
    if year >= 2014:
        day = date(year, 4, 27)
        return day - timedelta(days=1) if day.weekday() == 6 else day
    day = date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def atw_holidays(year: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of a year for the Algemene termijnenwet (REQ D-15)."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Nieuwjaarsdag
            easter_sunday - timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2)
            easter_sunday + timedelta(days=1),  # Tweede Paasdag
            easter_sunday + timedelta(days=39),  # Hemelvaartsdag
            easter_sunday + timedelta(days=50),  # Tweede Pinksterdag
            _kings_day(year),  # Koningsdag / Koninginnedag
            date(year, 5, 5),  # 5 mei, every year
            date(year, 12, 25),  # Eerste Kerstdag
            date(year, 12, 26),  # Tweede Kerstdag
        }
    )


def is_working_day(d: date) -> bool:
    """Not a Saturday, Sunday or Atw feestdag."""
    return d.weekday() < 5 and d not in atw_holidays(d.year)


def next_working_day(d: date) -> date:
    """REQ D-15 (Atw art. 1): `d` itself when it is a working day, otherwise the first day
    after it that is no Saturday, Sunday or algemeen erkende feestdag."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d
