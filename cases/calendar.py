"""The Dutch calendar of the Algemene termijnenwet (Atw), shared by every deadline rule.

REQ D-15 (and D-05): a statutory term whose last day falls on a Saturday, a Sunday or an
*algemeen erkende feestdag* runs on to the next day that is none of these (Atw art. 1). For the
Atw the feestdagen are exactly (art. 3): Nieuwjaarsdag, Goede Vrijdag (art. 3 lid 2), Tweede
Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag, the day on which the
King's birthday is celebrated, and 5 mei every year. Easter Sunday and Whit Sunday are Sundays
already. The Atw does not apply to terms in years, nor to terms longer than 12 weeks or
3 months (art. 4): the rules decide whether to call `atw_last_day`.
"""

from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter


def koningsdag(year: int) -> date:
    """The day the King's (or Queen's) birthday is celebrated in `year`.

    From 2014: 27 April, or 26 April when the 27th is a Sunday. 1980-2013 (Koninginnedag):
    30 April, or 29 April when the 30th is a Sunday.
    """
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    if day.weekday() == 6:
        day -= timedelta(days=1)
    return day


@cache
def feestdagen(year: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of the Atw in `year`, with their Dutch names."""
    easter_sunday = easter(year)
    days = {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter_sunday - timedelta(days=2): "Goede Vrijdag",
        easter_sunday + timedelta(days=1): "Tweede Paasdag",
        koningsdag(year): "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        easter_sunday + timedelta(days=39): "Hemelvaartsdag",
        easter_sunday + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    return days


def feestdag_name(day: date) -> str | None:
    return feestdagen(day.year).get(day)


def is_atw_rest_day(day: date) -> bool:
    """Saturday, Sunday or an algemeen erkende feestdag (Atw art. 1 and 3)."""
    return day.weekday() >= 5 or day in feestdagen(day.year)


def atw_last_day(day: date) -> date:
    """REQ D-15: the last day of a term, moved to the next day that is no rest day."""
    while is_atw_rest_day(day):
        day += timedelta(days=1)
    return day
