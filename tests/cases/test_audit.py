"""Audit log, field history and processing log (issue 3, DESIGN principle 4)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cases.models import AuditEvent, FieldChange, ProcessingLogLine
from cases.services import inburgeraar_update
from tests.factories import HouseholdFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db


def _event():
    return AuditEvent.objects.create(action="test", result=AuditEvent.Result.OK)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases_auditevent SET action = 'veranderd' WHERE id = %s",
        "DELETE FROM cases_auditevent WHERE id = %s",
    ],
)
def test_audit_table_refuses_update_and_delete_at_the_database(statement):
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


def test_orm_update_and_delete_are_refused_too():
    event = _event()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="weg")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk, action="test").exists()


@pytest.mark.parametrize("table", ["cases_fieldchange", "cases_processinglogline"])
def test_history_and_processing_tables_are_append_only(table, world):
    inburgeraar_update(inburgeraar=world.own_case, data={"phone": "06 1"}, by=world.consultant)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608  fixed table names


def test_field_changes_keep_old_and_new_value_who_and_when(world):
    case = world.own_case
    old_phone = case.phone
    inburgeraar_update(
        inburgeraar=case, data={"phone": "06 22223333", "city": "Huizen"}, by=world.consultant
    )
    changes = {c.field: c for c in FieldChange.objects.filter(inburgeraar_id=case.pk)}
    assert set(changes) == {"phone", "city"}
    assert (changes["phone"].old_value, changes["phone"].new_value) == (old_phone, "06 22223333")
    assert changes["phone"].changed_by == world.consultant
    event = AuditEvent.objects.get(action="case_updated", inburgeraar_id=case.pk)
    assert event.trace_id == changes["phone"].trace_id


def test_case_page_writes_one_event_and_one_line_per_person_shown(client, world):
    household = HouseholdFactory(gemeente=world.noorddorp)
    case = world.own_case
    case.household = household
    case.save()
    partner = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, household=household
    )
    # A household member outside the user's scope is not shown and not logged.
    outsider = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.colleague, household=household
    )
    client.force_login(world.consultant)
    events_before = AuditEvent.objects.count()
    lines_before = ProcessingLogLine.objects.count()
    response = client.get(reverse("cases:detail", kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    new_events = AuditEvent.objects.order_by("id")[events_before:]
    assert [e.action for e in new_events] == ["case_viewed"]
    lines = ProcessingLogLine.objects.order_by("id")[lines_before:]
    assert sorted(line.inburgeraar_id for line in lines) == sorted([case.pk, partner.pk])
    assert outsider.pk not in {line.inburgeraar_id for line in lines}
    assert {line.trace_id for line in lines} == {new_events[0].trace_id}
    assert {line.activity.code for line in lines} == {"dossierbeheer"}


def test_processing_lines_hold_no_user_identity():
    field_names = {f.name for f in ProcessingLogLine._meta.get_fields()}
    assert not field_names & {"actor", "user", "changed_by", "origin"}


def test_caseload_writes_one_event_and_a_line_per_person_on_the_page(client, world, settings):
    settings.CASELOAD_PAGE_SIZE = 5
    InburgeraarFactory.create_batch(7, gemeente=world.noorddorp, consultant=world.consultant)
    client.force_login(world.consultant)
    events_before = AuditEvent.objects.count()
    lines_before = ProcessingLogLine.objects.count()
    response = client.get(reverse("cases:caseload"))
    shown = [c.pk for c in response.context["cases"]]
    assert len(shown) == 5
    assert AuditEvent.objects.count() == events_before + 1
    lines = ProcessingLogLine.objects.order_by("id")[lines_before:]
    assert sorted(line.inburgeraar_id for line in lines) == sorted(shown)


@pytest.mark.parametrize(
    ("view", "method", "data"),
    [
        ("cases:edit", "get", None),
        ("cases:phase", "get", None),
        ("cases:phase", "post", {"to_phase": "brede_intake"}),
    ],
)
def test_each_case_view_writes_exactly_one_read_event(client, world, view, method, data):
    client.force_login(world.consultant)
    before = AuditEvent.objects.filter(action__startswith="case_").count()
    url = reverse(view, kwargs={"public_id": world.own_case.public_id})
    getattr(client, method)(url, data or {})
    reads = AuditEvent.objects.filter(action__startswith="case_").count() - before
    assert reads == 1
