"""The scan skips a case whose facts are unchanged, and only such a case (issue 8).

The facts fingerprint covers what every registered facts provider records, so a fact that
another app changes (the PIP, the intake, …) makes the next scan evaluate that case again,
even when that app schedules no recompute itself.
"""

from datetime import date

import pytest

from cases.deadline_engine import register_facts_provider, unregister_facts_provider
from cases.deadline_services import deadlines_recompute
from cases.models import Deadline
from pip_plans import services as pip_services
from pip_plans.constants import Attendee

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
PIP_ON = date(2026, 2, 2)


def _row(case, code):
    return Deadline.objects.get(inburgeraar=case, code=code)


def test_an_unchanged_case_is_skipped_until_a_fact_changes(make_case):
    """REQ D-01: the intake app's fact re-evaluates the case; nothing else does."""
    case = make_case(linked_on=date(2026, 1, 5))  # D-01 due 5 March: due soon
    started: dict[int, date] = {}

    def intake_app(ids):
        return {pk: {"intake_started_on": started.get(pk)} for pk in ids}

    register_facts_provider(intake_app, provides=["intake_started_on"])
    try:
        assert deadlines_recompute(today=DAY).cases_updated >= 1
        again = deadlines_recompute(today=DAY)
        assert (again.cases_updated, again.deadlines_written) == (0, 0)

        started[case.pk] = date(2026, 2, 20)
        changed = deadlines_recompute(today=DAY)
        assert changed.cases_updated == 1
        assert _row(case, "brede_intake_gestart").state == "met"
        assert deadlines_recompute(today=DAY).cases_updated == 0
    finally:
        unregister_facts_provider(intake_app)


def test_pip_facts_re_evaluate_the_case_on_the_next_scan(draft, pip_case):
    """REQ D-08, D-15: a progress talk and the made-known date come from the PIP's provider;
    the PIP services schedule no recompute, so only the fingerprint brings them in."""
    beschikking = pip_services.pip_establish(
        version=draft, by=draft.created_by, on=PIP_ON, today=DAY, render=False
    )
    deadlines_recompute(today=DAY)
    assert _row(pip_case, "pip_vastgesteld").met_on == PIP_ON  # REQ D-05
    assert _row(pip_case, "voortgangsgesprek").due == date(2026, 8, 2)
    assert _row(pip_case, "bezwaartermijn").state == "not_applicable"
    assert deadlines_recompute(today=DAY).cases_updated == 0

    pip_services.beschikking_record_made_known(
        beschikking=beschikking,
        made_known_on=DAY,
        how="post",
        by=pip_case.consultant,
        today=DAY,
    )
    result = deadlines_recompute(today=DAY)
    assert result.cases_updated == 1
    assert _row(pip_case, "bezwaartermijn").due == date(2026, 4, 13)  # 6 weeks, Atw

    pip_services.progress_talk_record(
        pip=draft.pip,
        held_on=DAY,
        attendees=[Attendee.INBURGERAAR, Attendee.CONSULTANT],
        findings="Voortgang besproken.",
        by=pip_case.consultant,
        today=DAY,
    )
    result = deadlines_recompute(today=DAY)
    assert result.cases_updated == 1
    assert _row(pip_case, "voortgangsgesprek").due == date(2026, 9, 2)  # 6 months after it
    assert deadlines_recompute(today=DAY).cases_updated == 0
