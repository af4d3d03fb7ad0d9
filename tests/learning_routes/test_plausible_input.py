"""Issue 13 item 5: implausible leerroute input is refused with a message that says what is
wrong (REQ L-05): an exam *behaald* in the future or in 9999, absence before the start."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning_routes import services
from learning_routes.models import Absence, Exam
from tests.learning_routes.test_kit import DAY, _enrolment

pytestmark = pytest.mark.django_db


def _started(world):
    enrolment = _enrolment(world)
    services.enrolment_register_dlp(enrolment=enrolment, on=DAY, by=world.administratie, today=DAY)
    return services.enrolment_start(enrolment=enrolment, on=DAY, by=world.consultant, today=DAY)


def _exam(enrolment, world, on, result):
    return services.exam_record(
        enrolment=enrolment,
        data={"skill": "lezen", "level": "B1", "exam_on": on, "result": result},
        by=world.consultant,
        today=DAY + timedelta(days=30),
    )


def test_an_exam_passed_in_the_future_is_refused_and_a_planned_one_is_not(world):
    # REQ L-05: a result belongs to an exam that was sat.
    enrolment = _started(world)
    future = DAY + timedelta(days=31)
    for result in ("behaald", "niet_behaald"):
        with pytest.raises(ValidationError) as excinfo:
            _exam(enrolment, world, future, result)
        assert "ligt in de toekomst" in excinfo.value.message_dict["exam_on"][0]
    assert not Exam.objects.filter(enrolment=enrolment).exists()
    assert _exam(enrolment, world, future, "gepland").pk
    assert _exam(enrolment, world, DAY + timedelta(days=20), "behaald").pk


def test_an_exam_behaald_in_9999_is_refused_on_the_form(client, world):
    enrolment = _started(world)
    client.force_login(world.consultant)
    url = reverse(
        "learning_routes:exam-create",
        kwargs={"public_id": enrolment.inburgeraar.public_id, "enrolment_id": enrolment.pk},
    )
    response = client.post(
        url, {"skill": "lezen", "level": "B1", "exam_on": "9999-12-31", "result": "behaald"}
    )
    assert response.status_code == 200
    assert "Ongeldige datum" in response.content.decode()
    assert not Exam.objects.filter(enrolment=enrolment).exists()


def test_absence_before_the_route_started_is_refused(world):
    # REQ L-05: absence is from the lessons of a started route.
    enrolment = _started(world)
    with pytest.raises(ValidationError) as excinfo:
        services.absence_record(
            enrolment=enrolment,
            data={"absent_from": DAY - timedelta(days=1), "absent_until": DAY, "hours": 3},
            by=world.consultant,
            today=DAY + timedelta(days=5),
        )
    assert (
        "vanaf de start van de leerroute (2 maart 2026)"
        in (excinfo.value.message_dict["absent_from"][0])
    )
    services.absence_record(
        enrolment=enrolment,
        data={"absent_from": DAY, "absent_until": DAY, "hours": 3},
        by=world.consultant,
        today=DAY + timedelta(days=5),
    )
    assert Absence.objects.filter(enrolment=enrolment).count() == 1


def test_absence_on_a_route_not_yet_started_is_refused(world):
    enrolment = _enrolment(world)
    with pytest.raises(ValidationError) as excinfo:
        services.absence_record(
            enrolment=enrolment,
            data={"absent_from": DAY, "absent_until": DAY, "hours": 3},
            by=world.consultant,
            today=DAY,
        )
    assert "nog niet gestart" in excinfo.value.message_dict["absent_from"][0]
