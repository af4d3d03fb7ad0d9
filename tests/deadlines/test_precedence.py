"""Facts-provider precedence is explicit (issue 11, item 5): where two providers give the same
fact, the higher precedence wins, not the order in which the apps registered."""

from datetime import date

import pytest

from cases.deadlines.engine import (
    PRECEDENCE_DERIVED,
    collect_facts,
    register_facts_provider,
    unregister_facts_provider,
)
from cases.services import inburgeraar_change_phase

pytestmark = pytest.mark.django_db


def test_a_recorded_fact_wins_over_a_derived_one_registered_later(make_case, world):
    case = make_case()
    inburgeraar_change_phase(
        inburgeraar=case, to_phase="brede_intake", by=world.consultant, today=date(2026, 2, 9)
    )

    def recorded(ids):
        return {pk: {"intake_started_on": date(2026, 2, 2)} for pk in ids}

    def derived(ids):
        return {pk: {"intake_started_on": date(2026, 3, 3)} for pk in ids}

    register_facts_provider(recorded, provides=["intake_started_on"])
    register_facts_provider(derived, provides=["intake_started_on"], precedence=PRECEDENCE_DERIVED)
    try:
        assert collect_facts([case.pk])[case.pk].intake_started_on == date(2026, 2, 2)
    finally:
        unregister_facts_provider(recorded)
        unregister_facts_provider(derived)
    # Without both, the phase history does not stand in: a phase is no fact (issue 12).
    assert collect_facts([case.pk])[case.pk].intake_started_on is None
