"""Pure date rules of financieel ontzorgen (REQ O-01, D-12). No database, no clock."""

from datetime import date, timedelta

from cases.deadlines.engine import plus

ONTZORGEN_MONTHS = 6  # Participatiewet art. 56a


def ontzorgen_last_day(starts_on: date) -> date:
    """REQ D-12 (Participatiewet art. 56a, https://wetten.overheid.nl/BWBR0015703#Artikel56a):
    six months counted from and including the day the right to bijstand arises, so the last
    day is start + 6 months − 1 day: 15 January → 14 July. Calendar months first, the day
    clamped to the month end, then the day off: 31 August 2026 → 27 February 2027, 31 August
    2027 → 28 February 2028 (a leap year)."""
    return plus(starts_on, months=ONTZORGEN_MONTHS) - timedelta(days=1)
