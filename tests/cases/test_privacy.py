"""Privacy screens: who viewed a case, audit search and export, AVG inzage (issue 3)."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import audit
from cases.models import AuditEvent, ProcessingLogLine
from cases.services import inburgeraar_update

pytestmark = pytest.mark.django_db


def _access_log(case):
    return reverse("privacy:access-log", kwargs={"public_id": case.public_id})


def test_access_log_shows_who_viewed_the_case(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    client.get(reverse("cases:detail", kwargs={"public_id": case.public_id}))
    client.force_login(world.beheerder)
    response = client.get(_access_log(case))
    assert response.status_code == 200
    events = list(response.context["page_obj"])
    viewed = [e for e in events if e.action == "case_viewed"]
    assert [e.actor for e in viewed] == [world.consultant]
    assert AuditEvent.objects.filter(action="audit_viewed", actor=world.beheerder).count() == 1


def test_team_lead_sees_the_access_log_of_cases_in_scope_only(client, world):
    client.force_login(world.teamleider)
    assert client.get(_access_log(world.own_case)).status_code == 200
    assert client.get(_access_log(world.zuid_case)).status_code == 404


def test_consultant_has_no_access_log(client, world):
    client.force_login(world.consultant)
    assert client.get(_access_log(world.own_case)).status_code == 404


def test_access_log_query_count_is_fixed(client, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.beheerder)
    client.get(_access_log(world.own_case))
    with CaptureQueriesContext(connection) as few:
        client.get(_access_log(world.own_case))
    for _ in range(60):
        inburgeraar_update(
            inburgeraar=world.own_case, data={"phone": f"06 {_}"}, by=world.consultant
        )
    with CaptureQueriesContext(connection) as many:
        client.get(_access_log(world.own_case))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_audit_search_by_user_action_and_period(client, world):
    client.force_login(world.consultant)
    client.get(reverse("cases:detail", kwargs={"public_id": world.own_case.public_id}))
    client.force_login(world.beheerder)
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("privacy:audit-search"),
        {"actor": world.consultant.pk, "action": "case_viewed", "date_from": today},
    )
    assert response.status_code == 200
    found = list(response.context["page_obj"])
    assert found and all(e.actor == world.consultant for e in found)
    assert all(e.action == "case_viewed" for e in found)
    response = client.get(
        reverse("privacy:audit-search"), {"date_from": "2000-01-01", "date_to": "2000-12-31"}
    )
    assert list(response.context["page_obj"]) == []


def test_audit_search_is_for_the_functioneel_beheerder_only(client, world):
    for who in ("consultant", "teamleider", "beleid"):
        client.force_login(getattr(world, who))
        assert client.get(reverse("privacy:audit-search")).status_code == 403


def test_csv_export_is_audited_and_not_cached(client, world):
    client.force_login(world.beheerder)
    response = client.get(reverse("privacy:audit-search"), {"export": "csv", "result": "ok"})
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("no-store")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:3] == ["tijdstip", "medewerker", "handeling"]
    exported = AuditEvent.objects.get(action="audit_exported")
    assert exported.object_id == f"{len(rows) - 1} regels"


@pytest.mark.parametrize("name", ["=1+1", "+1+1", "-1+1", "@SUM(A1)"])
def test_issue22_csv_export_neutralises_formula_cells(client, world, name):
    # Finding 10: spreadsheet formula injection through a user name in the audit export.
    world.colleague.username = name
    world.colleague.save(update_fields=["username"])
    audit.login_event(request=None, user=world.colleague, action="login")
    client.force_login(world.beheerder)
    response = client.get(reverse("privacy:audit-search"), {"export": "csv", "result": "ok"})
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert f"'{name}" in names
    assert name not in names
    assert not any(cell[:1] in "=+-@" for row in rows[1:] for cell in row if cell)


def test_privacy_find_by_bsn_is_a_post(client, world):
    client.force_login(world.beheerder)
    response = client.post(reverse("privacy:find"), {"bsn": world.zuid_case.bsn})
    assert response.status_code == 302
    assert response.url == _access_log(world.zuid_case)
    assert world.zuid_case.bsn not in response.url


def test_avg_inzage_export_holds_everything_and_is_logged(client, world):
    case = world.own_case
    inburgeraar_update(inburgeraar=case, data={"phone": "06 44445555"}, by=world.consultant)
    client.force_login(world.beheerder)
    response = client.post(reverse("privacy:inzage", kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"].startswith("no-store")
    assert case.bsn not in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    document = json.loads(archive.read("inzage.json"))
    parts = document["onderdelen"]
    assert parts["persoon"]["bsn"] == case.bsn
    assert parts["persoon"]["surname"] == case.surname
    assert {"fasegeschiedenis", "tijdlijn", "wijzigingshistorie", "verwerkingen"} <= set(parts)
    assert any(c["new_value"] == "06 44445555" for c in parts["wijzigingshistorie"])
    assert (
        AuditEvent.objects.filter(action="avg_inzage_exported", inburgeraar_id=case.pk).count() == 1
    )
    assert (
        ProcessingLogLine.objects.filter(
            inburgeraar_id=case.pk, operation="export", activity__code="privacy"
        ).count()
        == 1
    )


def test_avg_inzage_needs_a_post_and_the_role(client, world):
    client.force_login(world.beheerder)
    url = reverse("privacy:inzage", kwargs={"public_id": world.own_case.public_id})
    assert client.get(url).status_code == 405
    client.force_login(world.teamleider)
    assert client.post(url).status_code == 403
