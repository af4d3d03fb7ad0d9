"""The Dutch calendar of the Algemene termijnenwet (Atw), shared by every deadline rule.

REQ D-15 (and D-05): a statutory term whose last day falls on a Saturday, a Sunday or an
*algemeen erkende feestdag* runs on to the next day that is none of these (Atw art. 1,
https://wetten.overheid.nl/BWBR0002448/#Artikel1). For the Atw the feestdagen are (art. 3):
Nieuwjaarsdag, Goede Vrijdag (art. 3 lid 2), Tweede Paasdag, Hemelvaartsdag, Tweede
Pinksterdag, Eerste en Tweede Kerstdag, the day on which the King's birthday is celebrated,
5 mei every year, **and the days a royal decree equates with them** (art. 3 lid 3; published
three years at a time). Easter Sunday and Whit Sunday are Sundays already. The Atw does not
apply to terms in years, nor to terms longer than 12 weeks or 3 months (art. 4): the rules
decide whether to call `atw_last_day`.

The equated days are dated catalogue data (`cases.EquatedDayDecree`, `cases.EquatedDay`) that
the functioneel beheerder keeps in the admin. They are read once and kept in this process for
a few minutes (the nightly scan evaluates millions of rules); a change in this process clears
them at once, and `reload()` is called at the start of every scan and recompute.
"""

import hashlib
import time
from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter

# How long this process keeps the equated days before reading them again (seconds).
EQUATED_DAYS_TTL = 300
# A warning when no decree covers a day of the coming twelve months (REQ D-15).
COVERAGE_MONTHS = 12

_equated: tuple[dict[date, str], tuple[tuple[int, int], ...]] | None = None
_loaded_at = 0.0


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
def statutory_feestdagen(year: int) -> dict[date, str]:
    """The feestdagen the Atw names itself (art. 3 lid 1 and 2) in `year`."""
    easter_sunday = easter(year)
    return {
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


def _load() -> tuple[dict[date, str], tuple[tuple[int, int], ...]]:
    from django.db import DatabaseError

    from .models import EquatedDay, EquatedDayDecree

    try:
        days = {
            day: "gelijkgestelde dag" + (f" ({text})" if text else "")
            for day, text in EquatedDay.objects.values_list("day", "description")
        }
        covered = tuple(EquatedDayDecree.objects.values_list("first_year", "last_year"))
    except DatabaseError:  # the tables do not exist yet (during `migrate`)
        return {}, ()
    return days, covered


def _catalogue() -> tuple[dict[date, str], tuple[tuple[int, int], ...]]:
    global _equated, _loaded_at
    if _equated is None or (time.monotonic() - _loaded_at > EQUATED_DAYS_TTL):
        _equated = _load()
        _loaded_at = time.monotonic()
        _feestdagen.cache_clear()
    return _equated


def reload() -> None:
    """Forget the equated days read so far: the next question reads them again."""
    global _equated
    _equated = None
    _feestdagen.cache_clear()


def install(days: dict[date, str], covered: tuple[tuple[int, int], ...]) -> None:
    """Use these equated days and decree years until `reload()` (tests without a database)."""
    global _equated, _loaded_at
    _equated = (dict(days), tuple(covered))
    _loaded_at = float("inf")
    _feestdagen.cache_clear()


def equated_days() -> dict[date, str]:
    """Every day a royal decree equates with a feestdag (Atw art. 3 lid 3), with its name."""
    return _catalogue()[0]


@cache
def _feestdagen(year: int) -> dict[date, str]:
    days = dict(statutory_feestdagen(year))
    for day, name in equated_days().items():
        if day.year == year:
            days.setdefault(day, name)
    return days


def feestdagen(year: int) -> dict[date, str]:
    """The algemeen erkende feestdagen of the Atw in `year` (art. 3 lid 1–3), with names."""
    _catalogue()  # refresh first, so the per-year cache is never older than the catalogue
    return _feestdagen(year)


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


def uncovered_years(today: date) -> list[int]:
    """REQ D-15: the years of the coming twelve months that no decree of equated days covers.

    Equated days are published three years at a time; without a decree the calendar would
    silently count those years without them. The dashboard and the admin show these years.
    """
    from .deadlines.engine import plus

    covered = _catalogue()[1]
    years = range(today.year, plus(today, months=COVERAGE_MONTHS).year + 1)
    return [year for year in years if not any(first <= year <= last for first, last in covered)]


def digest() -> str:
    """A short digest of the equated days: part of the rules' fingerprint, so a changed
    calendar makes the scan evaluate every case again."""
    days = sorted(equated_days())
    return hashlib.blake2b(repr(days).encode(), digest_size=8).hexdigest()
