"""Deadline rules of financieel ontzorgen (REQ D-11, D-12).

Pure functions over `cases.deadlines.engine.Facts`; registered with the engine at start-up.
"""

from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from cases.deadlines.engine import Facts, Rule, holds_asylum_permit, nl_date, plus, register_rule

from .periods import ontzorgen_last_day

EVALUATION_MONTHS = 3  # plan §1.10


def _ontzorgd(facts: Facts) -> bool:
    """REQ O-01, C-01: every asylum-permit holder receiving bijstand is ontzorgd; a nareiziger
    is an asielstatushouder for the Wet inburgering but not for Participatiewet art. 56a."""
    return holds_asylum_permit(facts) and facts.bijstand_started_on is not None


def _ontzorgen_end(facts: Facts):
    """REQ D-12: 6 months from and including the right to bijstand (start + 6 months − 1 day);
    longer only as maatwerk in the PIP."""
    start = facts.bijstand_started_on
    end = ontzorgen_last_day(start) if start else None
    if end is not None and facts.ontzorgen_extended_until and facts.ontzorgen_extended_until > end:
        return facts.ontzorgen_extended_until
    return end


def _bijstand_start(facts: Facts):
    return (_("ontstaan van het recht op bijstand"), facts.bijstand_started_on)


# REQ D-11: 3 months after budget management starts, an evaluation with the Kredietbank.
register_rule(
    Rule(
        code="ontzorgen_evaluatie",
        requirement="D-11",
        title=_("Evaluatie ontzorgen"),
        explanation=_(
            "Na 3 maanden budgetbeheer evalueren de Kredietbank en de integratieconsulent samen "
            "of het ontzorgen moet worden aangepast."
        ),
        applies=_ontzorgd,
        start=_bijstand_start,
        due=lambda f: plus(f.bijstand_started_on, months=EVALUATION_MONTHS),
        met_on=lambda f: f.ontzorgen_evaluated_on,
        met_facts=("ontzorgen_evaluated_on",),
    )
)

# REQ D-12: ontzorgen lasts 6 months from and including the day the right to bijstand arises
# (Participatiewet art. 56a); longer only as maatwerk recorded in the PIP. A period that
# simply ends: `met` after its last day.
register_rule(
    Rule(
        code="ontzorgen_einde",
        requirement="D-12",
        title=_("Einde ontzorgen"),
        explanation=_(
            "Het ontzorgen duurt 6 maanden vanaf het ontstaan van het recht op bijstand; langer "
            "alleen als maatwerk dat in het PIP is vastgelegd."
        ),
        applies=_ontzorgd,
        start=_bijstand_start,
        due=_ontzorgen_end,
        detail=lambda f, today: (
            _g("Als maatwerk in het PIP verlengd tot en met %(day)s.")
            % {"day": nl_date(f.ontzorgen_extended_until)}
            if _ontzorgen_end(f) == f.ontzorgen_extended_until and f.ontzorgen_extended_until
            else None
        ),
        lead_time_days=30,
        ends_as_met=True,
    )
)
