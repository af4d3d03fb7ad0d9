"""The leerroute on the case-app kit (issue 11): one unit of work per write (closed case
refused, `today` a parameter) and one read audit per case page (REQ L-04, L-05, C-04, A)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.constants import Phase
from cases.kit import CaseClosed
from cases.models import AuditEvent, FieldChange, Inburgeraar, TimelineEvent
from finance.models import Cost
from learning_routes import services
from learning_routes.constants import EnrolmentStatus
from learning_routes.models import Enrolment, LearningRoute, ProgressReport, Provider
from tests.factories import EnrolmentFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
CLOSED_MESSAGE = "Dit dossier is afgesloten; er kan niets meer in worden gewijzigd."


def _case(world, **kwargs):
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.INBURGERINGSTERMIJN,
        **kwargs,
    )


def _close(case):
    Inburgeraar.objects.filter(pk=case.pk).update(phase=Phase.AFGEROND, closed_on=DAY)


def _enrolment(world, case=None):
    return services.enrolment_create(
        inburgeraar=case or _case(world),
        route=LearningRoute.objects.get(code="b1"),
        provider=Provider.objects.get(name="Fairfield"),
        by=world.consultant,
        on=DAY,
        today=DAY,
    )


def _snapshot(case):
    return (
        list(Enrolment.objects.filter(inburgeraar=case).order_by("pk").values()),
        ProgressReport.objects.filter(enrolment__inburgeraar=case).count(),
        Cost.objects.filter(inburgeraar=case).count(),
        TimelineEvent.objects.filter(inburgeraar=case).count(),
        AuditEvent.objects.filter(inburgeraar_id=case.pk).count(),
        FieldChange.objects.filter(inburgeraar_id=case.pk).count(),
    )


# --- Writes: one unit of work -------------------------------------------------------------


def test_a_closed_case_refuses_every_leerroute_write_and_nothing_is_written(world):
    # REQ C-04: a closed case (afgerond, verhuisd, beëindigd) takes no more changes.
    enrolment = _enrolment(world)
    case = enrolment.inburgeraar
    _close(case)
    before = _snapshot(case)
    writes = [
        lambda: services.enrolment_register_dlp(
            enrolment=enrolment, on=DAY, by=world.administratie, today=DAY
        ),
        lambda: services.enrolment_start(enrolment=enrolment, on=DAY, by=world.consultant),
        lambda: services.exam_record(
            enrolment=enrolment,
            data={"skill": "lezen", "level": "B1", "exam_on": DAY, "result": "behaald"},
            by=world.consultant,
        ),
        lambda: services.absence_record(
            enrolment=enrolment,
            data={"absent_from": DAY, "absent_until": DAY, "hours": 3},
            by=world.consultant,
        ),
        lambda: services.enrolment_create(
            inburgeraar=case,
            route=LearningRoute.objects.get(code="z"),
            provider=Provider.objects.get(name="IVIO"),
            by=world.consultant,
            today=DAY,
        ),
    ]
    for write in writes:
        with pytest.raises(CaseClosed) as excinfo:
            write()
        assert excinfo.value.messages == [CLOSED_MESSAGE]
    assert _snapshot(case) == before


def test_a_closed_case_refusal_lands_on_the_form(client, world):
    # REQ C-04: the consultant sees why, in Dutch, and nothing is saved.
    enrolment = _enrolment(world)
    case = enrolment.inburgeraar
    _close(case)
    client.force_login(world.consultant)
    url = reverse(
        "learning_routes:absence-create",
        kwargs={"public_id": case.public_id, "enrolment_id": enrolment.pk},
    )
    response = client.post(
        url, {"absent_from": DAY.isoformat(), "absent_until": DAY.isoformat(), "hours": "3"}
    )
    assert response.status_code == 200
    assert CLOSED_MESSAGE in response.content.decode()
    assert not enrolment.absences.exists()


def test_today_decides_the_dlp_registration_date_and_the_request_date(world):
    # REQ L-04: a DLP registration cannot lie after today; `today` is the service's, not the
    # wall clock's.
    enrolment = _enrolment(world)
    assert enrolment.requested_on == DAY  # `on` defaults to `today` (here given)
    tomorrow = DAY + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.enrolment_register_dlp(
            enrolment=enrolment, on=tomorrow, by=world.administratie, today=DAY
        )
    assert "in de toekomst" in str(excinfo.value)
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.TO_REGISTER
    services.enrolment_register_dlp(
        enrolment=enrolment, on=tomorrow, by=world.administratie, today=tomorrow
    )
    assert Enrolment.objects.get(pk=enrolment.pk).registered_on == tomorrow

    other = services.enrolment_create(
        inburgeraar=_case(world),
        route=LearningRoute.objects.get(code="b1"),
        provider=Provider.objects.get(name="Fairfield"),
        by=world.consultant,
        today=DAY - timedelta(days=5),
    )
    assert other.requested_on == DAY - timedelta(days=5)


def test_a_write_keeps_the_field_history_and_one_timeline_and_audit_event(world):
    # REQ L-04 / C-08: who registered when, with the old and new values.
    enrolment = _enrolment(world)
    services.enrolment_register_dlp(enrolment=enrolment, on=DAY, by=world.administratie, today=DAY)
    events = AuditEvent.objects.filter(action="enrolment_registered_dlp")
    assert events.count() == 1
    assert events.get().inburgeraar_id == enrolment.inburgeraar_id
    changed = dict(
        FieldChange.objects.filter(object_id=str(enrolment.pk)).values_list("field", "new_value")
    )
    assert changed["status"] == EnrolmentStatus.REGISTERED
    assert changed["registered_on"] == DAY.isoformat()
    assert (
        TimelineEvent.objects.filter(inburgeraar=enrolment.inburgeraar, kind="leerroute").count()
        == 2  # aangevraagd, aangemeld in DLP
    )


# --- Pages: one read audit, scope first ---------------------------------------------------

FORM_PAGES = ["report-create", "exam-create", "absence-create", "afschalen", "schakelen"]


def _url(name, enrolment, case=None):
    case = case or enrolment.inburgeraar
    return reverse(
        f"learning_routes:{name}",
        kwargs={"public_id": case.public_id, "enrolment_id": enrolment.pk},
    )


@pytest.mark.parametrize("name", FORM_PAGES)
def test_a_form_page_writes_exactly_one_read_event(client, world, name):
    # REQ A (every access to personal data is logged): opening a leerroute form is a read.
    enrolment = EnrolmentFactory(inburgeraar=_case(world))
    client.force_login(world.consultant)
    assert client.get(_url(name, enrolment)).status_code == 200
    actions = list(
        AuditEvent.objects.filter(inburgeraar_id=enrolment.inburgeraar_id).values_list(
            "action", flat=True
        )
    )
    assert actions == ["leerroute_form_opened"]


def test_the_route_page_writes_exactly_one_read_event(client, world):
    enrolment = EnrolmentFactory(inburgeraar=_case(world))
    client.force_login(world.consultant)
    url = reverse("learning_routes:case", kwargs={"public_id": enrolment.inburgeraar.public_id})
    assert client.get(url).status_code == 200
    actions = list(
        AuditEvent.objects.filter(inburgeraar_id=enrolment.inburgeraar_id).values_list(
            "action", flat=True
        )
    )
    assert actions == ["leerroute_viewed"]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_an_out_of_scope_form_page_is_404_with_one_denied_event_and_no_read(client, world, name):
    other = EnrolmentFactory(
        inburgeraar=InburgeraarFactory(
            gemeente=world.zuiddorp,
            consultant=world.other_consultant,
            phase=Phase.INBURGERINGSTERMIJN,
        )
    )
    client.force_login(world.consultant)
    for method in (client.get, client.post):
        assert method(_url(name, other)).status_code == 404
    assert AuditEvent.objects.filter(result="denied").count() == 2
    assert not AuditEvent.objects.filter(action="leerroute_form_opened").exists()


@pytest.mark.parametrize("name", FORM_PAGES)
def test_another_cases_enrolment_on_a_form_page_is_404_with_a_denied_event(client, world, name):
    mine = EnrolmentFactory(inburgeraar=_case(world))
    other_case = _case(world)
    client.force_login(world.consultant)
    assert client.get(_url(name, mine, case=other_case)).status_code == 404
    denied = AuditEvent.objects.get(result="denied")
    assert (denied.object_type, denied.object_id) == ("enrolment", str(mine.pk))
    assert not AuditEvent.objects.filter(action="leerroute_form_opened").exists()
