"""The audit vocabulary (issue 11, item 1): every app declares its events with a Dutch label;
`record()` refuses a code nobody declared; the privacy screens show labels and readable
objects ("Brede intake van A. Haddad", not `inburgeraar 341`)."""

import csv
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from cases import audit
from cases.models import AuditEvent, ProcessingLogLine
from cases.registry import Registry
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db


def test_an_undeclared_code_is_refused_and_nothing_is_written(world):
    with pytest.raises(audit.UndeclaredAuditAction, match="toets_session_saved_x"):
        audit.record("toets_session_saved_x", actor=world.consultant)
    assert not AuditEvent.objects.filter(action="toets_session_saved_x").exists()


def test_every_declared_event_has_a_dutch_label_of_its_own():
    assert len(audit.ACTIONS) > 50
    for code, declared in audit.ACTIONS.items():
        label = str(declared.label)
        assert label and label != code, code
        assert "_" not in label, f"{code}: {label!r} reads like a code"


def test_the_events_of_the_intake_and_the_notice_are_declared():
    """The 13 codes the privacy officer used to read raw (issue 11)."""
    for code in (
        "intake_viewed",
        "intake_special_viewed",
        "toets_viewed",
        "intake_planning_viewed",
        "toets_planning_viewed",
        "intake_conversation_saved",
        "intake_domains_saved",
        "intake_updated",
        "intake_completed",
        "toets_updated",
        "toets_session_saved",
        "toets_result_recorded",
        "deadline_notice_handled",
    ):
        assert audit.label_for(code) != code


def test_a_declaration_carries_activity_operation_and_result(world):
    event = audit.record("login_failed", actor=world.consultant, object_type="user")
    assert event.result == AuditEvent.Result.DENIED
    assert event.purpose == "authenticatie"
    case = world.own_case
    audit.record("intake_completed", actor=world.consultant, obj=case, inburgeraar_id=case.pk)
    line = ProcessingLogLine.objects.filter(inburgeraar_id=case.pk).latest("id")
    assert line.activity.code == "brede_intake"
    assert line.operation == ProcessingLogLine.Operation.UPDATE


def test_a_second_declaration_must_say_the_same():
    from django.utils.translation import gettext_lazy as _

    registry = Registry("test")
    registry.register("x", 1)
    assert registry.register("x", 1) == 1  # idempotent
    with pytest.raises(ImproperlyConfigured, match="'x' is al geregistreerd"):
        registry.register("x", 2)
    # The real vocabulary: the same declaration again is fine, another label is refused.
    audit.declare("case_viewed", _("Dossier bekeken"))
    with pytest.raises(ImproperlyConfigured):
        audit.declare("case_viewed", _("Iets anders"))


def test_readable_objects(world):
    from intake.models import BredeIntake

    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        given_names="Amira Sara",
        surname_prefix="",
        surname="Haddad",
    )
    intake = BredeIntake.objects.create(inburgeraar=case)
    events = [
        audit.record("intake_updated", actor=world.consultant, obj=intake, inburgeraar_id=case.pk),
        audit.record("case_viewed", actor=world.consultant, obj=case, inburgeraar_id=case.pk),
        audit.record(
            "login", actor=world.consultant, object_type="user", object_id=str(world.consultant.pk)
        ),
        audit.record(
            "case_purged", object_type="inburgeraar", object_id="999999", inburgeraar_id=999999
        ),
    ]
    labels = [e.object_label for e in audit.describe(events)]
    assert labels == [
        "Brede intake van A.S. Haddad",
        "Dossier van A.S. Haddad",
        "Medewerker consulent_a",
        "Dossier van een verwijderd dossier",
    ]


def test_the_audit_search_and_its_csv_show_labels_not_codes(client, world):
    case = world.own_case
    audit.record("toets_session_saved", actor=world.consultant, obj=case, inburgeraar_id=case.pk)
    client.force_login(world.beheerder)
    url = reverse("privacy:audit-search")
    page = client.get(url, {"action": "toets_session_saved"}).content.decode()
    assert "Toetsafname vastgelegd" in page
    assert "toets_session_saved" not in page.split("<table", 1)[1]
    assert "Dossier van " in page
    export = client.get(url, {"action": "toets_session_saved", "export": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode()), delimiter=";"))
    assert rows[0][2:5] == ["handeling", "handeling-code", "object"]
    assert rows[1][2:4] == ["Toetsafname vastgelegd", "toets_session_saved"]
    assert rows[1][4].startswith("Dossier van ")


def test_the_audit_search_describes_its_page_in_a_fixed_number_of_queries(client, world):
    """Readable objects for a page of events: one query for the people, one for the staff
    members, however many events and cases are on the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.beheerder)
    url = reverse("privacy:audit-search")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"action": "case_viewed"}).status_code == 200
        return len(queries)

    audit.record(
        "case_viewed", actor=world.consultant, obj=world.own_case, inburgeraar_id=world.own_case.pk
    )
    few = count()
    for _ in range(20):
        case = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
        audit.record("case_viewed", actor=world.consultant, obj=case, inburgeraar_id=case.pk)
    assert count() == few
