"""The Django admin changes personal data through the audited path (issue 11): the BSN and
other fields of an Inburgeraar get an audit event `case_updated` and field history."""

import pytest
from django.contrib.admin.sites import site
from django.forms.models import model_to_dict

from cases.constants import TimelineKind
from cases.models import AuditEvent, FieldChange, Inburgeraar, TimelineEvent, User
from tests.factories import make_bsn

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_request(rf):
    request = rf.post("/admin/cases/inburgeraar/")
    request.user = User.objects.create_superuser("root", "root@example.invalid", "x")
    return request


def _admin_save(request, case, **changes):
    model_admin = site._registry[Inburgeraar]
    form_class = model_admin.get_form(request, case, change=True)
    data = model_to_dict(case, fields=form_class.base_fields)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(changes)
    form = form_class(data=data, instance=Inburgeraar.objects.get(pk=case.pk))
    if not form.is_valid():
        return form
    obj = model_admin.save_form(request, form, change=True)
    model_admin.save_model(request, obj, form, change=True)
    return form


def test_an_admin_change_of_the_bsn_is_audited_with_old_and_new_value(world, admin_request):
    case = world.own_case
    old_bsn, new_bsn = case.bsn, make_bsn(990_001)
    form = _admin_save(admin_request, case, bsn=new_bsn, city="Middendorp")
    assert form.is_valid(), form.errors
    case.refresh_from_db()
    assert case.bsn == new_bsn
    event = AuditEvent.objects.get(action="case_updated")
    assert event.actor == admin_request.user
    assert event.inburgeraar_id == case.pk
    history = {
        c.field: (c.old_value, c.new_value)
        for c in FieldChange.objects.filter(inburgeraar_id=case.pk)
    }
    assert history["bsn"] == (old_bsn, new_bsn)
    assert history["city"][1] == "Middendorp"
    assert TimelineEvent.objects.filter(inburgeraar=case, kind=TimelineKind.UPDATED).exists()


def test_an_admin_change_of_another_field_has_its_own_history(world, admin_request):
    # The contact person is not a field of inburgeraar_update; it is audited all the same.
    case = world.own_case
    form = _admin_save(admin_request, case, consultant=world.colleague.pk)
    assert form.is_valid(), form.errors
    case.refresh_from_db()
    assert case.consultant == world.colleague
    assert AuditEvent.objects.filter(action="case_updated", inburgeraar_id=case.pk).count() == 1
    change = FieldChange.objects.get(inburgeraar_id=case.pk, field="consultant")
    assert (change.old_value, change.new_value) == (str(world.consultant), str(world.colleague))


def test_an_admin_move_to_a_municipality_the_consultant_does_not_serve_is_refused(
    world, admin_request
):
    case = world.own_case
    form = _admin_save(admin_request, case, gemeente=world.zuiddorp.pk)
    assert "consultant" in form.errors
    case.refresh_from_db()
    assert case.gemeente == world.noorddorp
    assert not AuditEvent.objects.filter(action="case_updated").exists()


def test_an_admin_save_without_changes_writes_no_event(world, admin_request):
    form = _admin_save(admin_request, world.own_case)
    assert form.is_valid(), form.errors
    assert not AuditEvent.objects.filter(action="case_updated").exists()
    assert not FieldChange.objects.exists()
