"""Deadline rules of PVT, MAP and participation (REQ D-09, D-10, D-13, D-14).

Pure functions over `cases.deadlines.engine.Facts`; registered with the engine at start-up.
"""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from cases.constants import Doelgroep
from cases.deadlines.engine import Facts, Rule, plus, register_rule, vestiging_on
from learning_routes.constants import RouteCode
from pip_plans.term import facts_term_last_day

Z_ROUTE_HOURS = 800  # Besluit inburgering 2021 art. 3.14; plan §1.7


def _vestiging_start(facts: Facts):
    if facts.housed_on is None and vestiging_on(facts) is not None:
        return (_("BRP-inschrijving (vestiging)"), facts.registered_on)
    return (_("huisvesting (vestiging)"), facts.housed_on)


def _has_subject(facts: Facts) -> bool:
    return facts.doelgroep is not None or vestiging_on(facts) is not None


# REQ D-09: participatieverklaring signed ≤ 1 year after vestiging (target 100%). Plan §1.8.
register_rule(
    Rule(
        code="pvt_ondertekend",
        requirement="D-09",
        title=_("Participatieverklaring ondertekend"),
        explanation=_(
            "De inburgeraar ondertekent de participatieverklaring binnen 1 jaar na vestiging in "
            "de gemeente."
        ),
        applies=_has_subject,
        start=_vestiging_start,
        due=lambda f: plus(vestiging_on(f), years=1),
        met_on=lambda f: f.pvt_signed_on,
        met_facts=("pvt_signed_on",),
        lead_time_days=60,
    )
)

# REQ D-10: MAP started and finished when job-ready, at the latest by the end of the term;
# not for the onderwijsroute. Plan §1.9.
register_rule(
    Rule(
        code="map_afgerond",
        requirement="D-10",
        title=_("MAP afgerond"),
        explanation=_(
            "De module arbeidsmarkt en participatie is afgerond zodra de inburgeraar werkfit is, "
            "en uiterlijk aan het einde van de inburgeringstermijn; niet in de onderwijsroute."
        ),
        applies=lambda f: f.route != RouteCode.ONDERWIJS and f.pip_established_on is not None,
        start=lambda f: (_("dagtekening van de PIP-beschikking"), f.pip_established_on),
        due=facts_term_last_day,
        met_on=lambda f: f.map_completed_on,
        met_facts=("map_completed_on",),
        lead_time_days=90,
    )
)


def _pace_detail(facts: Facts, today):
    """REQ D-13: hours done against a pro-rata pace over the term."""
    start, end = facts.pip_established_on, facts_term_last_day(facts)
    if start is None or end is None:
        return None
    done = facts.participation_hours or 0
    span = (end - start).days or 1
    elapsed = min(max((today - start).days, 0), span)
    expected = round(Z_ROUTE_HOURS * elapsed / span)
    return _g(
        "%(done)s van %(total)s uur participatie gedaan; naar rato van de termijn is dat nu "
        "%(expected)s uur."
    ) % {"done": f"{done:g}", "total": Z_ROUTE_HOURS, "expected": expected}


# REQ D-13: Z-route, asielstatushouders only: 800 hours of participation within the term
# (PVT and MAP hours count); hours done against a pro-rata pace. Plan §1.7; Besluit 3.14.
register_rule(
    Rule(
        code="z_route_participatie",
        requirement="D-13",
        title=_("800 uur participatie (Z-route)"),
        explanation=_(
            "Een asielstatushouder in de Z-route besteedt binnen de inburgeringstermijn 800 uur "
            "aan participatie; uren van PVT en MAP tellen mee."
        ),
        applies=lambda f: f.doelgroep == Doelgroep.ASIELSTATUSHOUDER and f.route == RouteCode.Z,
        start=lambda f: (_("dagtekening van de PIP-beschikking"), f.pip_established_on),
        due=facts_term_last_day,
        is_met=lambda f: (f.participation_hours or 0) >= Z_ROUTE_HOURS,
        detail=_pace_detail,
        met_facts=("participation_hours",),
        lead_time_days=90,
    )
)

# REQ D-14: goal (KPI, not a legal term): economically self-reliant ≤ 2 years after vestiging,
# else socially self-reliant. Plan §1.7, Bijlage 1.
register_rule(
    Rule(
        code="economisch_zelfredzaam",
        requirement="D-14",
        title=_("Economisch zelfredzaam (doel)"),
        explanation=_(
            "Doel van de gemeente, geen wettelijke termijn: economisch zelfredzaam binnen 2 jaar "
            "na vestiging, en anders sociaal zelfredzaam."
        ),
        applies=_has_subject,
        start=_vestiging_start,
        due=lambda f: plus(vestiging_on(f), years=2),
        met_on=lambda f: f.self_reliant_on,
        met_facts=("self_reliant_on",),
        lead_time_days=30,
    )
)
