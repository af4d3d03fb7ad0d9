"""Pure rules of the leerroutes (REQ L-03, L-06): for whom the college buys the course, and
until when the route can be changed. No database, no clock: dates and codes in, answers out.
"""

import calendar
from datetime import date, timedelta

from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.dates import format_date

from .constants import RouteCode

# REQ L-06 (Besluit inburgering 2021 art. 5.4 lid 1): "maximaal anderhalf jaar vanaf de aanvang
# van de termijn" (https://wetten.overheid.nl/BWBR0045555#Artikel5.4).
SCHAKELEN_MONTHS = 18


def college_offers_course(doelgroep: str | None) -> bool:
    """REQ L-03: the college offers and pays the course only to the inburgeringsplichtige of
    Wi art. 13 lid 1 (asielstatushouders, nareizigers included; Wi art. 16 lid 1,
    https://wetten.overheid.nl/BWBR0044770#Artikel16). Gezins- and overige migranten arrange
    and pay their own course, with a DUO loan if they want one (Wi art. 19–21): their PIP
    records route and level, but no municipal contract and no municipal cost."""
    return doelgroep == Doelgroep.ASIELSTATUSHOUDER


def own_course_message() -> str:
    """REQ L-03: why the college records no contract, provider or cost for this person."""
    return _(
        "De gemeente koopt geen leerroute in voor gezins- en overige migranten: zij kiezen en "
        "betalen hun cursus zelf, eventueel met een lening van DUO (artikel 16 en 20 Wet "
        "inburgering 2021). Het PIP legt hun leerroute en taalniveau vast."
    )


def _add_months(day: date, months: int) -> tuple[date, bool]:
    """`day` + `months`, and whether that month has the day's number (31 August + 18 months:
    there is no 31 February, so (28 February, False))."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)), day.day <= last


def schakelen_last_day(term_first_day: date) -> date:
    """REQ L-06 (Wi art. 17 lid 2; Besluit art. 5.4 lid 1): the last day on which the college
    can set another leerroute: a period of 1½ years counted from the first day of the term.

    Like any period of months "vanaf" a day, it ends the day before the same date eighteen
    months later (term from 1 March 2025: last day 31 August 2026); when that month has no
    such date, at the end of that month (term from 31 August 2024: 28 February 2026).
    """
    same_day, exists = _add_months(term_first_day, SCHAKELEN_MONTHS)
    return same_day - timedelta(days=1) if exists else same_day


def schakelen_refusal(
    *, from_code: str | None, to_code: str | None, on: date, term_first_day: date | None
) -> str | None:
    """REQ L-06: why a switch from route `from_code` to `to_code` decided on `on` is not
    allowed, or None when it is.

    - onderwijsroute → B1-route is possible throughout the term (Besluit 5.4 lid 1);
    - before the term started (no established PIP) the route is still being set, not changed;
    - otherwise only until `schakelen_last_day`.
    """
    if from_code == RouteCode.ONDERWIJS and to_code == RouteCode.B1:
        return None
    if term_first_day is None or from_code is None or from_code == to_code:
        return None
    last_day = schakelen_last_day(term_first_day)
    if on <= last_day:
        return None
    return _(
        "Schakelen naar een andere leerroute kan tot anderhalf jaar na de start van de "
        "inburgeringstermijn, dus tot en met %(last)s (artikel 5.4 Besluit inburgering 2021). "
        "Alleen van de onderwijsroute naar de B1-route kan daarna nog."
    ) % {"last": format_date(last_day)}
