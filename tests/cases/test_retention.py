"""Retention: purge_closed_cases (issue 3), with a fixed clock."""

from datetime import date

import pytest
from django.core.management import call_command

from cases.constants import ClosingReason, Phase
from cases.models import AuditEvent, Inburgeraar, StatusChange, TimelineEvent
from tests.factories import HouseholdFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

TODAY = date(2036, 3, 1)


def _closed(world, closed_on, **kwargs):
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.AFGEROND,
        closed_on=closed_on,
        closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
        **kwargs,
    )


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("purge_closed_cases", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_only_cases_past_the_period_and_deletes_nothing(world):
    # Boundary: closed 10 years ago to the day is kept; one day earlier is due.
    kept = _closed(world, date(2026, 3, 1))
    due = _closed(world, date(2026, 2, 28))
    output = _run("--dry-run", "--today", TODAY.isoformat())
    assert f"dossier {due.pk}\t" in output
    assert f"dossier {kept.pk}\t" not in output
    assert "1 dossier(s) te verwijderen" in output
    assert Inburgeraar.objects.filter(pk=due.pk).exists()
    # No personal data on the console.
    assert due.surname not in output and due.bsn not in output


def test_leap_day_closing_counts_from_28_february(world):
    leap = _closed(world, date(2016, 2, 29))
    assert "0 dossier(s)" in _run("--dry-run", "--today", "2026-02-28")
    assert f"dossier {leap.pk}\t" in _run("--dry-run", "--today", "2026-03-01")


def test_purge_deletes_case_and_its_rows_and_leaves_an_audit_event_without_personal_data(world):
    household = HouseholdFactory(gemeente=world.noorddorp)
    due = _closed(world, date(2025, 1, 1), household=household)
    active = world.own_case
    case_id = due.pk
    output = _run("--today", TODAY.isoformat())
    assert "1 dossier(s) verwijderd" in output
    assert not Inburgeraar.objects.filter(pk=case_id).exists()
    assert not StatusChange.objects.filter(inburgeraar_id=case_id).exists()
    assert not TimelineEvent.objects.filter(inburgeraar_id=case_id).exists()
    assert not type(household).objects.filter(pk=household.pk).exists()
    assert Inburgeraar.objects.filter(pk=active.pk).exists()
    event = AuditEvent.objects.get(action="case_purged")
    assert event.inburgeraar_id == case_id
    assert event.actor is None
    assert due.bsn not in event.object_id and due.surname not in event.object_id


def test_open_cases_are_never_purged(world):
    old_open = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    assert "0 dossier(s)" in _run("--today", "2099-01-01")
    assert Inburgeraar.objects.filter(pk=old_open.pk).exists()


def test_retention_period_is_configurable(world, settings):
    settings.HBEL_RETENTION_YEARS = 7
    due = _closed(world, date(2028, 1, 1))
    assert f"dossier {due.pk}\t" in _run("--dry-run", "--today", "2035-01-02")
    assert f"dossier {due.pk}\t" in _run("--dry-run", "--today", "2036-01-02", "--years", "7")
    assert "0 dossier(s)" in _run("--dry-run", "--today", "2035-01-02", "--years", "8")


def _stored_file(settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    return default_storage, default_storage.save("verslagen/verslag.txt", ContentFile(b"x"))


def test_a_rolled_back_purge_keeps_the_case_and_its_files(
    world, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from cases import retention

    storage, name = _stored_file(settings, tmp_path)
    monkeypatch.setattr(
        retention, "_purge_hooks", [lambda ids: retention.delete_file_on_commit(storage, name)]
    )
    due = _closed(world, date(2025, 1, 1))

    def audit_fails(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(retention.audit, "case_purged", audit_fails)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        retention.purge_expired_cases(today=TODAY)
    assert Inburgeraar.objects.filter(pk=due.pk).exists()
    assert storage.exists(name)


def test_a_committed_purge_deletes_the_files_after_commit(
    world, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from cases import retention

    storage, name = _stored_file(settings, tmp_path)
    monkeypatch.setattr(
        retention, "_purge_hooks", [lambda ids: retention.delete_file_on_commit(storage, name)]
    )
    due = _closed(world, date(2025, 1, 1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        retention.purge_expired_cases(today=TODAY)
        # Inside the purge's transaction nothing was deleted from disk.
        assert storage.exists(name)
    assert not Inburgeraar.objects.filter(pk=due.pk).exists()
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
