"""The scan skips a case whose facts are unchanged, and only such a case (issue 8).

Every service that changes a fact clears the case's fingerprint in its own transaction and
recomputes the case after the commit; the nightly scan reads the facts only of cases without a
fingerprint (or under another rule set), whose deadlines can change state on the scanned days,
or whose turn it is in the weekly drift check (`DRIFT_CYCLE`). A fact changed behind the
services' back is therefore caught within a week, and one changed through them at once.
"""

from datetime import date, timedelta

import pytest

from cases.deadlines import services as deadline_services
from cases.deadlines.engine import register_facts_provider, unregister_facts_provider
from cases.deadlines.services import deadlines_recompute, deadlines_schedule_recompute
from cases.models import Deadline, Inburgeraar
from pip_plans import services as pip_services
from pip_plans.constants import Attendee

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
PIP_ON = date(2026, 2, 2)
NEVER = 10**9  # a drift cycle so long that no case's turn comes in a test


def _row(case, code):
    return Deadline.objects.get(inburgeraar=case, code=code)


@pytest.fixture
def started():
    """A stand-in for the intake app: intake_started_on per case id, changed by the test."""
    days: dict[int, date] = {}

    def intake_app(ids):
        return {pk: {"intake_started_on": days.get(pk)} for pk in ids}

    register_facts_provider(intake_app, provides=["intake_started_on"])
    yield days
    unregister_facts_provider(intake_app)


def test_an_unchanged_case_is_skipped_until_a_service_reports_a_change(
    make_case, started, monkeypatch, django_capture_on_commit_callbacks
):
    """REQ D-01: a fact changed without telling the engine is not read on a quiet night; the
    service's hook clears the fingerprint, so even a failed recompute is caught at night."""
    monkeypatch.setattr(deadline_services, "DRIFT_CYCLE", NEVER)
    case = make_case(linked_on=date(2026, 1, 5))  # D-01 due 5 March: due soon
    assert deadlines_recompute(today=DAY).cases_updated >= 1
    again = deadlines_recompute(today=DAY)
    assert (again.cases_updated, again.deadlines_written) == (0, 0)

    started[case.pk] = date(2026, 2, 20)
    assert deadlines_recompute(today=DAY).cases_updated == 0  # facts not read: no report yet
    assert _row(case, "brede_intake_gestart").state == "due_soon"

    with django_capture_on_commit_callbacks(execute=False):  # the recompute never runs
        deadlines_schedule_recompute(case.pk)
    assert Inburgeraar.objects.get(pk=case.pk).deadline_fingerprint == ""
    changed = deadlines_recompute(today=DAY)
    assert changed.cases_updated == 1
    assert _row(case, "brede_intake_gestart").state == "met"
    assert deadlines_recompute(today=DAY).cases_updated == 0


def test_the_hook_recomputes_at_once_after_the_commit(
    make_case, started, django_capture_on_commit_callbacks
):
    case = make_case(linked_on=date(2026, 1, 5))
    deadlines_recompute(today=DAY)
    started[case.pk] = date(2026, 2, 20)
    with django_capture_on_commit_callbacks(execute=True):
        deadlines_schedule_recompute(case.pk)
    assert _row(case, "brede_intake_gestart").met_on == date(2026, 2, 20)
    assert Inburgeraar.objects.get(pk=case.pk).deadline_fingerprint != ""


def test_a_fact_changed_behind_the_services_back_is_caught_on_its_drift_day(make_case, started):
    """Over 7 nights each case has its facts read once, on the night its id comes up."""
    case = make_case(linked_on=date(2026, 1, 25))  # D-01 due 25 March: no state change soon
    deadlines_recompute(today=DAY)
    started[case.pk] = date(2026, 2, 20)
    nights = [DAY + timedelta(days=n) for n in range(1, 8)]  # 3 … 9 March
    drift_day = next(
        d for d in nights if d.toordinal() % deadline_services.DRIFT_CYCLE == case.pk % 7
    )
    for night in nights:
        deadlines_recompute(today=night)
        state = _row(case, "brede_intake_gestart").state
        assert state == ("met" if night >= drift_day else "open"), night


def test_pip_services_recompute_the_case_and_the_scan_then_writes_nothing(
    draft, pip_case, django_capture_on_commit_callbacks
):
    """REQ D-05, D-08, D-15: establishing, the made-known date and a progress talk update the
    stored deadlines at once (after the commit); the next scan has nothing left to do."""
    # The hook recomputes for the real today, as the nightly scan of today does.
    deadlines_recompute()  # every case of the world scanned once
    with django_capture_on_commit_callbacks(execute=True):
        beschikking = pip_services.pip_establish(
            version=draft, by=draft.created_by, on=PIP_ON, today=PIP_ON, render=False
        )
    assert _row(pip_case, "pip_vastgesteld").met_on == PIP_ON  # REQ D-05
    assert _row(pip_case, "bezwaartermijn").state == "not_applicable"

    with django_capture_on_commit_callbacks(execute=True):
        pip_services.beschikking_record_made_known(
            beschikking=beschikking,
            made_known_on=PIP_ON,
            how="post",
            by=pip_case.consultant,
            today=PIP_ON,
        )
    assert _row(pip_case, "bezwaartermijn").due == date(2026, 3, 16)  # 6 weeks, Atw

    with django_capture_on_commit_callbacks(execute=True):
        pip_services.progress_talk_record(
            pip=draft.pip,
            held_on=PIP_ON,
            attendees=[Attendee.INBURGERAAR, Attendee.CONSULTANT],
            findings="Voortgang besproken.",
            by=pip_case.consultant,
            today=PIP_ON,
        )
    assert _row(pip_case, "voortgangsgesprek").due == date(2026, 8, 2)  # 6 months after it
    scan = deadlines_recompute()
    assert (scan.cases_updated, scan.deadlines_written) == (0, 0)


def test_a_key_date_saved_in_the_admin_recomputes_the_case(
    make_case, world, rf, django_capture_on_commit_callbacks
):
    """REQ C-02, D-01: the admin is a way to change facts too."""
    from django.contrib import admin

    case = make_case(linked_on=date(2026, 1, 5))
    deadlines_recompute()
    case.linked_on = date(2026, 1, 20)
    request = rf.post("/beheer/")
    request.user = world.beheerder
    with django_capture_on_commit_callbacks(execute=True):
        admin.site._registry[Inburgeraar].save_model(request, case, form=None, change=True)
    assert _row(case, "brede_intake_gestart").due == date(2026, 3, 20)
