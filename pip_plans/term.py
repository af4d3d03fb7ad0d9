"""Pure date rules of the PIP: the inburgeringstermijn and the bezwaartermijn.

No database, no clock: every function takes dates and returns dates. They are the single
source of these days (issue 11): the deadline rules (pip_plans/deadlines.py and the rules of
other apps that run until the end of the term), the beschikking snapshot, the PIP page, the
deadline panel and the dashboards all call them. `facts_term_last_day` reads the engine's
`Facts` for the rules.
"""

from datetime import date, timedelta

from cases.deadlines.engine import Facts, plus

from .calendar import next_working_day

TERM_YEARS = 3
# REQ D-07: an extension can be requested from 6 months before the end of the term; DUO
# decides within 8 weeks.
EXTENSION_REQUEST_WINDOW_MONTHS = 6
EXTENSION_DECISION_WEEKS = 8
# REQ D-15 (Awb 6:7): the bezwaartermijn is six weeks.
OBJECTION_WEEKS = 6


def term_first_day(dagtekening: date) -> date:
    """REQ D-06: the term starts the day after the dagtekening of the (first) PIP beschikking."""
    return dagtekening + timedelta(days=1)


def term_last_day(
    dagtekening: date, *, extension_months: int = 0, extended_until: date | None = None
) -> date:
    """REQ D-06 / D-07: the last day of the inburgeringstermijn.

    Dagtekening + 3 calendar years (29 February + 3 years = 28 February); no Atw shift, the
    Algemene termijnenwet does not apply to terms in years (Atw art. 4). An extension granted
    by DUO moves the last day on by its months, counted from the unextended last day; a new
    last day that DUO stated in its decision wins over the computed one.
    """
    if extended_until is not None:
        return extended_until
    # `plus` is relativedelta's arithmetic without its cost (the nightly scan calls this for
    # every case, issue 8); years first, then the extension's months from that last day.
    return plus(plus(dagtekening, years=TERM_YEARS), months=extension_months or 0)


def facts_term_last_day(facts: Facts) -> date | None:
    """REQ D-06 / D-07: `term_last_day` over the engine's facts; None without an established PIP.

    `term_ends_on` is the last day DUO stated in its latest grant (`term_ends_on`, never
    recomputed); `term_extension_months` the months granted in total.
    """
    if facts.pip_established_on is None:
        return None
    return term_last_day(
        facts.pip_established_on,
        extension_months=facts.term_extension_months or 0,
        extended_until=facts.term_ends_on,
    )


def extension_request_opens_on(last_day: date) -> date:
    """REQ D-07: a request for extension can be filed from 6 months before the end."""
    return plus(last_day, months=-EXTENSION_REQUEST_WINDOW_MONTHS)


def extension_decision_due_on(requested_on: date) -> date:
    """REQ D-07: DUO decides within 8 weeks of the request."""
    return requested_on + timedelta(weeks=EXTENSION_DECISION_WEEKS)


def objection_counted_last_day(made_known_on: date) -> date:
    """REQ D-15 (Awb 6:7, 6:8): six weeks counted from the day after the beschikking was made
    known, before the Atw shift: made known on a Tuesday, the Tuesday six weeks later."""
    return made_known_on + timedelta(weeks=OBJECTION_WEEKS)


def objection_last_day(made_known_on: date) -> date:
    """REQ D-15 (Awb 6:7, 6:8; Atw art. 1): the last day to lodge a bezwaarschrift.

    Six weeks counted from the day after the beschikking was made known: made known on a
    Tuesday, the last day is the Tuesday six weeks later. A last day on a Saturday, Sunday or
    algemeen erkende feestdag moves to the next working day.
    """
    return next_working_day(objection_counted_last_day(made_known_on))
