"""Deadline rules of the brede intake and the leerbaarheidstoets (REQ D-01 … D-04).

Pure functions over `cases.deadlines.engine.Facts`; registered with the engine at start-up.
"""

from django.utils.translation import gettext_lazy as _

from cases.constants import Doelgroep, Phase
from cases.deadlines.engine import (
    Facts,
    Rule,
    nl_date,
    plus,
    register_facts_provider,
    register_rule,
)

from .facts import FACT_KEYS, intake_facts

# The phases a case reaches only after the step (Rule.passed_in_phases): a phase is no fact.
_AFTER_INTAKE_START = frozenset(
    {Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS, Phase.PIP, Phase.INBURGERINGSTERMIJN}
)
_AFTER_TOETS = frozenset({Phase.PIP, Phase.INBURGERINGSTERMIJN})


def _is_statushouder(facts: Facts) -> bool:
    return facts.doelgroep == Doelgroep.ASIELSTATUSHOUDER


def _intake_start(facts: Facts):
    """REQ D-01: koppeling for an asielstatushouder, BRP-inschrijving for migrants."""
    if _is_statushouder(facts):
        return (_("koppeling"), facts.linked_on)
    return (_("BRP-inschrijving"), facts.registered_on)


# REQ D-01: brede intake starts ≤ 2 months after koppeling (asielstatushouder) or after the
# BRP-inschrijving (gezins- and overige migrant). Plan §1.3 (local norm).
register_rule(
    Rule(
        code="brede_intake_gestart",
        requirement="D-01",
        title=_("Brede intake gestart"),
        explanation=_(
            "De brede intake start uiterlijk 2 maanden na de koppeling (asielstatushouder) of "
            "na de BRP-inschrijving (gezinsmigrant en overige migrant)."
        ),
        applies=lambda f: f.doelgroep is not None,
        start=lambda f: _intake_start(f) if f.doelgroep else None,
        due=lambda f: plus(_intake_start(f)[1], months=2),
        met_on=lambda f: f.intake_started_on,
        met_facts=("intake_started_on",),
        passed_in_phases=_AFTER_INTAKE_START,
    )
)

# REQ D-02: warm handover with COA at the intake; without COA a digital meeting between
# koppeling + 1 month and koppeling + 2 months. Asielstatushouders only. Plan §1.3.
register_rule(
    Rule(
        code="warme_overdracht_coa",
        requirement="D-02",
        title=_("Warme overdracht COA"),
        explanation=_(
            "Bij de brede intake is er een warme overdracht met het COA; is het COA er niet bij, "
            "dan volgt tussen 1 en 2 maanden na de koppeling een digitaal overleg."
        ),
        applies=_is_statushouder,
        start=lambda f: (_("koppeling"), f.linked_on),
        window_start=lambda f: plus(f.linked_on, months=1),
        due=lambda f: plus(f.linked_on, months=2),
        met_on=lambda f: f.coa_handover_on,
        met_facts=("coa_handover_on",),
    )
)

# REQ D-03: leerbaarheidstoets taken between koppeling + 8 weeks and koppeling + 12 weeks
# (asielstatushouder; after the intake talk, before housing). Plan §1.4.
register_rule(
    Rule(
        code="leerbaarheidstoets_afgenomen",
        requirement="D-03",
        title=_("Leerbaarheidstoets afgenomen"),
        explanation=_(
            "De leerbaarheidstoets wordt tussen 8 en 12 weken na de koppeling afgenomen, na het "
            "intakegesprek en vóór de huisvesting."
        ),
        applies=_is_statushouder,
        start=lambda f: (_("koppeling"), f.linked_on),
        window_start=lambda f: plus(f.linked_on, weeks=8),
        due=lambda f: plus(f.linked_on, weeks=12),
        met_on=lambda f: f.test_taken_on,
        met_facts=("test_taken_on",),
        passed_in_phases=_AFTER_TOETS,
    )
)

# REQ D-04: a test set ready in DUO's portal stays open 12 months; warn before it closes
# untaken. The result is visible 48 hours after the test. Plan §1.4. A month's warning: a
# session at the werkcentrum has to be planned.
register_rule(
    Rule(
        code="leerbaarheidstoets_open",
        requirement="D-04",
        title=_("Klaargezette leerbaarheidstoets"),
        explanation=_(
            "Een leerbaarheidstoets die DUO heeft klaargezet, blijft 12 maanden open; neem hem af "
            "voordat hij sluit (de uitslag is 48 uur na afname zichtbaar)."
        ),
        applies=lambda f: f.test_ready_on is not None,
        start=lambda f: (_("klaarzetten van de toets door DUO"), f.test_ready_on),
        due=lambda f: plus(f.test_ready_on, months=12),
        met_on=lambda f: f.test_taken_on,
        detail=lambda f, today: (
            _("De uitslag is zichtbaar vanaf %(day)s (48 uur na afname).")
            % {"day": nl_date(plus(f.test_taken_on, days=2))}
            if f.test_taken_on and f.test_taken_on <= today
            else None
        ),
        met_facts=("test_taken_on",),
        lead_time_days=30,
    )
)


# The intake's own record of these facts (conversations, COA meeting, DUO portal, toets
# taken) overrides what the phase history implies (REQ D-01 … D-04).
register_facts_provider(intake_facts, provides=FACT_KEYS)
