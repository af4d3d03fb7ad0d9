"""Stored deadlines: recompute, notices, scan with catch-up, hooks in the case services (REQ D)."""

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services
from cases.constants import NO_DEADLINE_RANK, ClosingReason, Phase
from cases.deadlines import engine as deadline_engine
from cases.deadlines import services as deadline_services
from cases.deadlines.engine import collect_facts, register_facts_provider, unregister_facts_provider
from cases.deadlines.services import deadlines_recompute, deadlines_scan
from cases.models import (
    AuditEvent,
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    Inburgeraar,
    StatusChange,
)
from tests.deadlines.conftest import TODAY
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def _states(case):
    return dict(Deadline.objects.filter(inburgeraar=case).values_list("code", "state"))


def test_recompute_stores_one_row_per_rule_and_the_next_deadline(make_case):
    case = make_case(linked_on=date(2026, 1, 5))  # D-01 due 5 March: due soon on 2 March
    result = deadlines_recompute(today=TODAY)
    assert result.cases >= 1
    rows = {d.code: d for d in Deadline.objects.filter(inburgeraar=case)}
    assert len(rows) == 15
    intake = rows["brede_intake_gestart"]
    assert (intake.requirement, intake.due, intake.state) == ("D-01", date(2026, 3, 5), "due_soon")
    # REQ D-02, recorded by the intake app: koppeling + 2 months as well.
    handover = rows["warme_overdracht_coa"]
    assert (handover.requirement, handover.due, handover.state) == (
        "D-02",
        date(2026, 3, 5),
        "due_soon",
    )
    case.refresh_from_db()
    assert case.next_deadline_code == "brede_intake_gestart"
    assert case.next_deadline_state == "due_soon"
    assert case.next_deadline_due == date(2026, 3, 5)


def test_recompute_is_idempotent_and_writes_only_changes(make_case):
    make_case()
    first = deadlines_recompute(today=TODAY)
    assert first.deadlines_written > 0 and first.notices_created > 0
    again = deadlines_recompute(today=TODAY)
    assert (again.deadlines_written, again.cases_updated, again.notices_created) == (0, 0, 0)
    later = deadlines_recompute(today=TODAY + timedelta(days=4))  # D-01 now overdue
    assert later.deadlines_written >= 1
    assert later.notices_created == 2  # D-01 and D-02 (same due date)
    kinds = set(DeadlineNotice.objects.values_list("code", "kind"))
    assert ("brede_intake_gestart", "due_soon") in kinds
    assert ("brede_intake_gestart", "overdue") in kinds
    assert ("warme_overdracht_coa", "overdue") in kinds


def test_notice_is_unique_on_case_code_due_and_kind(make_case):
    case = make_case()
    deadlines_recompute(today=TODAY)
    deadlines_recompute(today=TODAY)
    notices = DeadlineNotice.objects.filter(inburgeraar=case, code="brede_intake_gestart")
    assert [(n.kind, n.due, n.raised_on) for n in notices] == [
        ("due_soon", date(2026, 3, 5), TODAY)
    ]
    # A changed fact gives a new due date: a new notice.
    # The key date changes as a service changes it: the hook clears the fingerprint.
    Inburgeraar.objects.filter(pk=case.pk).update(linked_on=date(2026, 1, 6))
    Inburgeraar.objects.filter(pk=case.pk).update(deadline_fingerprint="")
    deadlines_recompute(today=TODAY)
    assert notices.all().count() == 2


def test_closed_cases_lose_their_deadlines(make_case, world, django_capture_on_commit_callbacks):
    case = make_case()
    deadlines_recompute(today=TODAY)
    assert Deadline.objects.filter(inburgeraar=case).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.inburgeraar_change_phase(
            inburgeraar=case,
            to_phase=Phase.BEEINDIGD,
            closing_reason=ClosingReason.VERTROKKEN,
            by=world.consultant,
        )
    assert not Deadline.objects.filter(inburgeraar=case).exists()
    case.refresh_from_db()
    assert (case.next_deadline_code, case.next_deadline_rank) == ("", NO_DEADLINE_RANK)


def test_create_update_and_phase_change_recompute_on_commit(
    world, django_capture_on_commit_callbacks
):
    data = {
        "bsn": "999990019",
        "given_names": "Yara",
        "surname": "Haddad",
        "date_of_birth": date(1990, 5, 1),
        "doelgroep": "gezinsmigrant",
        "gemeente": world.noorddorp,
        "registered_on": timezone.localdate() - timedelta(days=10),
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = services.inburgeraar_create(
            data=data, consultant=world.consultant, by=world.consultant
        )
    assert not Deadline.objects.filter(inburgeraar=case).exists()  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    intake = Deadline.objects.get(inburgeraar=case, code="brede_intake_gestart")
    assert (
        intake.due == data["registered_on"] + (date(2026, 3, 10) - date(2026, 1, 10)) or intake.due
    )
    # Changing a key date recomputes.
    new_date = timezone.localdate() - timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.inburgeraar_update(
            inburgeraar=case, data={"registered_on": new_date}, by=world.consultant
        )
    intake.refresh_from_db()
    assert intake.due == new_date + relativedelta(months=2)
    # Changing a phone number does not.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.inburgeraar_update(inburgeraar=case, data={"phone": "06 1"}, by=world.consultant)
    assert callbacks == []
    # Moving to brede intake by hand recomputes, but records no intake start (issue 12: a
    # phase is no fact): D-01 stays open until the intake app records the first conversation.
    with django_capture_on_commit_callbacks(execute=True):
        services.inburgeraar_change_phase(
            inburgeraar=case, to_phase=Phase.BREDE_INTAKE, by=world.consultant
        )
    intake.refresh_from_db()
    assert intake.met_on is None
    assert intake.state != "met"


def test_a_failing_recompute_never_fails_the_service(
    world, make_case, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    case = make_case()

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(deadline_services, "deadlines_recompute", broken)
    with django_capture_on_commit_callbacks(execute=True):
        changed = services.inburgeraar_update(
            inburgeraar=case, data={"linked_on": date(2026, 1, 6)}, by=world.consultant
        )
    assert changed == ["linked_on"]
    assert "nightly scan will catch up" in caplog.text
    assert case.bsn not in caplog.text


def test_issue12_the_phase_history_provides_no_facts(make_case):
    """A case moved by hand through every phase has not thereby started its intake, taken its
    toets or had a PIP established: none of those dates is made up (REQ C-04, D-01 … D-06)."""
    case = make_case(phase=Phase.INBURGERINGSTERMIJN)
    moments = {
        Phase.BREDE_INTAKE: date(2025, 2, 1),
        Phase.LEERBAARHEIDSTOETS: date(2025, 3, 1),
        Phase.PIP: date(2025, 4, 1),
        Phase.INBURGERINGSTERMIJN: date(2025, 5, 1),
    }
    StatusChange.objects.bulk_create(
        StatusChange(
            inburgeraar=case,
            to_phase=phase,
            changed_by=case.consultant,
            changed_at=timezone.make_aware(datetime.combine(day, time(23, 30))),
        )
        for phase, day in moments.items()
    )
    facts = collect_facts([case.pk])[case.pk]
    assert facts.intake_started_on is None
    assert facts.test_taken_on is None
    assert facts.pip_established_on is None
    assert facts.linked_on == case.linked_on


def test_later_providers_override_but_none_never_does(make_case):
    case = make_case()

    def intake_app(ids):
        return {pk: {"intake_started_on": date(2026, 2, 2), "linked_on": None} for pk in ids}

    register_facts_provider(intake_app, provides=["intake_started_on"])
    try:
        facts = collect_facts([case.pk])[case.pk]
        assert facts.intake_started_on == date(2026, 2, 2)
        assert facts.linked_on == case.linked_on
        assert "intake_started_on" in deadline_engine.tracked_facts()
    finally:
        unregister_facts_provider(intake_app)


def test_collect_facts_queries_are_fixed_for_10_and_300_cases(world):
    cases = InburgeraarFactory.create_batch(
        300, gemeente=world.noorddorp, consultant=world.consultant, history=False
    )
    ids = [c.pk for c in cases]
    with CaptureQueriesContext(connection) as small:
        collect_facts(ids[:10])
    with CaptureQueriesContext(connection) as large:
        collect_facts(ids)
    assert len(small.captured_queries) == len(large.captured_queries)


def _selects(ctx):
    return [
        q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_recompute_is_set_based_for_10_and_300_cases(world, settings):
    settings.DEADLINES_SCAN_CHUNK_SIZE = 1000
    InburgeraarFactory.create_batch(
        7, gemeente=world.noorddorp, consultant=world.consultant, history=True
    )
    with CaptureQueriesContext(connection) as small_first:
        deadlines_recompute()
    with CaptureQueriesContext(connection) as small_again:
        deadlines_recompute()
    InburgeraarFactory.create_batch(
        290, gemeente=world.noorddorp, consultant=world.consultant, history=True
    )
    Deadline.objects.all().delete()
    with CaptureQueriesContext(connection) as large_first:
        result = deadlines_recompute()
    assert result.cases >= 300
    with CaptureQueriesContext(connection) as large_again:
        deadlines_recompute()
    # Reads are the same whatever the number of cases; a rerun is reads only.
    assert len(_selects(small_first)) == len(_selects(large_first))
    assert len(small_again.captured_queries) == len(large_again.captured_queries)
    # Writes come in bulk batches (SQLite caps a statement's parameters), never per case.
    rows = result.deadlines_written + result.cases_updated + result.notices_created
    writes = len(large_first.captured_queries) - len(_selects(large_first))
    assert rows > 4000
    assert writes <= 10 + rows // 100


def test_catch_up_over_seven_missed_days_creates_each_missed_notice_once(make_case, world):
    # D-01 due 5 March: due soon from 19 Feb, overdue from 6 March.
    case = make_case(linked_on=date(2026, 1, 5))
    start = date(2026, 2, 16)
    deadlines_scan(today=start)
    assert not DeadlineNotice.objects.filter(inburgeraar=case).exists()
    # The scan does not run for 7 days (17 … 23 Feb), then runs on 24 Feb.
    result = deadlines_scan(today=start + timedelta(days=8))
    assert result.days == [start + timedelta(days=n) for n in range(1, 9)]
    notice = DeadlineNotice.objects.get(inburgeraar=case, code="brede_intake_gestart")
    assert (notice.kind, notice.raised_on) == ("due_soon", date(2026, 2, 19))
    snapshots = DeadlineSnapshot.objects.filter(gemeente=world.noorddorp).order_by("day")
    assert [s.day for s in snapshots] == [start + timedelta(days=n) for n in range(9)]
    assert [s.due_soon for s in snapshots] == [0, 0, 0, 2, 2, 2, 2, 2, 2]  # D-01 and D-02
    assert all(scan.finished_at for scan in DeadlineScan.objects.all())
    # Another 7 missed days across the due date: the overdue notice comes exactly once.
    result = deadlines_scan(today=date(2026, 3, 10))
    assert len(result.days) == 14
    overdue = DeadlineNotice.objects.get(
        inburgeraar=case, code="brede_intake_gestart", kind="overdue"
    )
    assert overdue.raised_on == date(2026, 3, 6)
    again = deadlines_scan(today=date(2026, 3, 10))
    assert again.days == [date(2026, 3, 10)]
    assert again.notices_created == 0
    assert DeadlineNotice.objects.filter(inburgeraar=case).count() == 4  # D-01 and D-02
    snap = DeadlineSnapshot.objects.get(gemeente=world.noorddorp, day=date(2026, 3, 10))
    assert (snap.due_soon, snap.overdue) == (0, 2)  # D-01 and D-02


def test_catch_up_is_bounded(make_case, settings):
    settings.DEADLINES_CATCH_UP_DAYS = 5
    make_case()
    deadlines_scan(today=date(2026, 1, 1))
    result = deadlines_scan(today=date(2026, 3, 1))
    assert result.days == [date(2026, 2, 25) + timedelta(days=n) for n in range(5)]


def test_notice_handling_is_audited(make_case, world):
    case = make_case()
    deadlines_recompute(today=TODAY)
    notice = DeadlineNotice.objects.get(inburgeraar=case, code="brede_intake_gestart")
    assert deadline_services.deadline_notice_handle(notice=notice, by=world.consultant)
    assert notice.handled_by == world.consultant
    assert not deadline_services.deadline_notice_handle(notice=notice, by=world.consultant)
    event = AuditEvent.objects.get(action="deadline_notice_handled")
    assert event.inburgeraar_id == case.pk


def test_digest_lists_new_notices_once_without_names(make_case, world, mailoutbox):
    case = make_case()
    other = make_case(consultant=world.colleague, linked_on=date(2025, 12, 1))
    deadlines_recompute(today=TODAY)
    assert deadline_services.deadlines_send_digests(today=TODAY) == 2
    assert len(mailoutbox) == 2
    mail = next(m for m in mailoutbox if m.to == [world.consultant.email])
    assert "2 nieuwe termijnmeldingen" in mail.subject  # D-01 and D-02 of the one case
    assert "Brede intake gestart, uiterste datum 5 maart 2026" in mail.body
    assert "Warme overdracht COA, uiterste datum 5 maart 2026" in mail.body
    assert str(case.public_id) in mail.body
    for person in (case, other):
        assert person.surname not in mail.body and person.bsn not in mail.body
    # Listed once: a second run sends nothing.
    assert deadline_services.deadlines_send_digests(today=TODAY) == 0
    assert len(mailoutbox) == 2
