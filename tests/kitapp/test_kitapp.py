"""The case-app kit end to end, through a small app that exists only in the test suite
(tests/kitapp, installed by tests/settings.py): an audit event of its own, a write service on
the unit of work, a case tab page, a form page, an issued document. The access matrix
(tests/cases/test_access_matrix.py) walks its URLs like every other app's."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import audit
from cases.constants import ClosingReason, Phase
from cases.kit import CaseClosed
from cases.models import AuditEvent, FieldChange, TimelineEvent
from tests.kitapp import services
from tests.kitapp.models import Bevestiging, Werkafspraak

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(name, case, **kwargs):
    return reverse(f"kitapp:{name}", kwargs={"public_id": case.public_id, **kwargs})


def test_its_events_are_declared_with_their_activity():
    assert audit.label_for("werkafspraak_saved") == "Werkafspraak vastgelegd"
    assert audit.ACTIONS["werkafspraak_saved"].activity == "werkafspraak"


def test_the_write_service_is_one_unit_of_work(world, django_capture_on_commit_callbacks):
    case, by = world.own_case, world.consultant
    data = {"omschrijving": "Vrijwilligerswerk bij de bibliotheek", "start_op": TODAY}
    with django_capture_on_commit_callbacks(execute=True):
        letter = services.werkafspraak_vastleggen(inburgeraar=case, data=data, by=by, today=TODAY)
    assert letter.snapshot["omschrijving"] == data["omschrijving"]
    assert TimelineEvent.objects.filter(inburgeraar=case, kind="werkafspraak").count() == 1
    assert AuditEvent.objects.filter(action="werkafspraak_saved", inburgeraar_id=case.pk).exists()
    # A change keeps the old and the new value.
    later = {**data, "start_op": date(2026, 4, 1)}
    services.werkafspraak_vastleggen(inburgeraar=case, data=later, by=by, today=TODAY)
    change = FieldChange.objects.get(object_type="werkafspraak", field="start_op")
    assert (change.old_value, change.new_value) == ("2026-03-02", "2026-04-01")
    assert Bevestiging.objects.filter(inburgeraar=case).count() == 2


def test_a_closed_case_is_refused_and_nothing_is_written(world):
    from cases.services import inburgeraar_change_phase

    case = world.own_case
    inburgeraar_change_phase(
        inburgeraar=case,
        to_phase=Phase.BEEINDIGD,
        closing_reason=ClosingReason.OVERIG,  # one that fits every closed phase
        by=world.teamleider,
    )
    data = {"omschrijving": "Taalcafé", "start_op": TODAY}
    with pytest.raises(CaseClosed, match="afgesloten"):
        services.werkafspraak_vastleggen(
            inburgeraar=case, data=data, by=world.consultant, today=TODAY
        )
    assert not Werkafspraak.objects.exists()
    assert not AuditEvent.objects.filter(action="werkafspraak_saved").exists()


def test_tab_page_form_and_document_through_the_browserless_client(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    page = client.get(_url("overzicht", case))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'aria-current="page">Werkafspraak</a>' in html  # the tab, on the case frame
    assert (
        AuditEvent.objects.filter(action="werkafspraak_viewed", inburgeraar_id=case.pk).count() == 1
    )
    # A bad date: the Dutch message on the field, and what was typed is kept.
    response = client.post(
        _url("vastleggen", case), {"omschrijving": "Taalcafé op dinsdag", "start_op": "2000-01-01"}
    )
    assert response.status_code == 200
    assert "De startdatum ligt in het verleden." in response.content.decode()
    assert "Taalcafé op dinsdag" in response.content.decode()
    assert not Werkafspraak.objects.exists()
    response = client.post(
        _url("vastleggen", case),
        # A coming day within the plausible range (issue 13 item 5: ten years ahead at most).
        {
            "omschrijving": "Taalcafé op dinsdag",
            "start_op": str(timezone.localdate() + timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    letter = Bevestiging.objects.get(inburgeraar=case)
    pdf = client.get(_url("download", case, pk=letter.pk))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"].startswith("no-store")
    assert AuditEvent.objects.filter(action="bevestiging_downloaded").count() == 1


def test_scope_role_and_foreign_document(client, world):
    case = world.own_case
    client.force_login(world.other_consultant)  # another team
    assert client.get(_url("overzicht", case)).status_code == 404
    assert AuditEvent.objects.filter(action="access_denied", actor=world.other_consultant).exists()
    client.force_login(world.administratie)  # in scope, not the role
    assert client.get(_url("overzicht", case)).status_code == 403
    client.force_login(world.consultant)
    other = world.colleague_case
    letter = services.werkafspraak_vastleggen(
        inburgeraar=other,
        data={"omschrijving": "x", "start_op": date(2099, 1, 1)},
        by=world.colleague,
    )
    # A letter of another case, asked for under this case: 404 and logged.
    assert client.get(_url("download", case, pk=letter.pk)).status_code == 404
    assert AuditEvent.objects.filter(action="access_denied", object_type="bevestiging").exists()
