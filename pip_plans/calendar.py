"""Working days for the Algemene termijnenwet (REQ D-15; Atw art. 1 and 3).

A statutory term (e.g. the bezwaartermijn of 6 weeks) whose last day falls on a Saturday, a
Sunday or an *algemeen erkende feestdag* runs on to the next day that is none of these. For
the Atw those feestdagen are exactly: Nieuwjaarsdag, Goede Vrijdag (art. 3 lid 2), Tweede
Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag, the day on which the
King's (Queen's) birthday is celebrated, and 5 mei (every year). Eerste Paasdag and Eerste
Pinksterdag are Sundays anyway.

`next_working_day(d)` is the single function the rest of the app calls; it uses the deadline
engine's calendar (cases.calendar), so the letter and the deadline always agree.
"""

from datetime import date

from cases.calendar import atw_last_day, feestdagen, is_atw_rest_day


def atw_holidays(year: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of a year (the engine's calendar, cases.calendar)."""
    return frozenset(feestdagen(year))


def is_working_day(d: date) -> bool:
    """Not a Saturday, Sunday or Atw feestdag."""
    return not is_atw_rest_day(d)


def next_working_day(d: date) -> date:
    """REQ D-15 (Atw art. 1): `d` itself when it is a working day, otherwise the first day
    after it that is no Saturday, Sunday or algemeen erkende feestdag."""
    return atw_last_day(d)
