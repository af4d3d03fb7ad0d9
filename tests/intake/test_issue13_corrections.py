"""Issue 13, item 4: a toets sitting or result entered in error is corrected by the consultant
with a reason, audited, with its history kept; a result DUO already published (its
examennummer) is not held back by the 48-hour rule (REQ D-04)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import AuditEvent, FieldChange, TimelineEvent
from intake import services
from intake.constants import SessionStatus, ToetsResult
from intake.models import Leerbaarheidstoets, ToetsCorrection
from tests.intake.factories import LeerbaarheidstoetsFactory, ToetsSessionFactory
from tests.intake.helpers import at, new_case

pytestmark = pytest.mark.django_db

TAKEN = date(2026, 3, 2)
KNOWN = date(2026, 3, 4)


def _result(case, by, *, result_on=KNOWN, today=KNOWN, **kwargs):
    kwargs.setdefault("score", Decimal("30.00"))
    kwargs.setdefault("required_score", Decimal("28.50"))
    kwargs.setdefault("duo_result", ToetsResult.B1_FEASIBLE)
    return services.toets_result_record(
        inburgeraar=case, taken_on=TAKEN, result_on=result_on, by=by, today=today, **kwargs
    )


def test_issue13_d04_a_result_with_duo_examennummer_is_not_held_back_48_hours(world):
    case = new_case(world)
    with pytest.raises(ValidationError, match="48 uur"):
        _result(case, world.consultant, result_on=TAKEN, today=TAKEN)
    _result(case, world.consultant, result_on=TAKEN, today=TAKEN, exam_number="LBT-2026-0042")
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.result_on == TAKEN and toets.duo_exam_number == "LBT-2026-0042"
    # Still never before the sitting.
    case2 = new_case(world)
    with pytest.raises(ValidationError, match="vóór de afname"):
        _result(case2, world.consultant, result_on=date(2026, 3, 1), exam_number="X1")


def test_issue13_correcting_a_result_needs_a_reason_and_keeps_the_history(world):
    case = new_case(world)
    _result(case, world.consultant)
    with pytest.raises(ValidationError) as error:
        _result(case, world.consultant, score=Decimal("27.00"), duo_result="niet_haalbaar")
    assert "correction_reason" in error.value.message_dict
    _result(
        case,
        world.consultant,
        score=Decimal("27.00"),
        duo_result=ToetsResult.B1_NOT_FEASIBLE,
        reason="Score van een andere inburgeraar overgenomen.",
    )
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.score == Decimal("27.00") and toets.b1_reachable is False
    correction = ToetsCorrection.objects.get(toets=toets)
    assert correction.subject == ToetsCorrection.Subject.RESULT
    assert correction.reason == "Score van een andere inburgeraar overgenomen."
    old, new = correction.changes["score"]
    assert old.startswith("30") and new.startswith("27")
    assert FieldChange.objects.filter(object_id=str(toets.pk), field="score").exists()
    assert AuditEvent.objects.filter(action="toets_result_corrected").count() == 1
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="toets_result").first()
    assert "gecorrigeerd" in event.summary


def _taken_session(case):
    toets = LeerbaarheidstoetsFactory(inburgeraar=case, taken_on=TAKEN)
    return ToetsSessionFactory(
        toets=toets,
        status=SessionStatus.TAKEN,
        starts_at=at(TAKEN, 9, 30),
        ends_at=at(TAKEN, 11, 0),
    )


def test_issue13_a_sitting_recorded_as_taken_by_mistake_is_corrected(world):
    case = new_case(world)
    session = _taken_session(case)
    with pytest.raises(ValidationError) as error:
        services.toets_session_correct(
            session=session, status=SessionStatus.NO_SHOW, reason=" ", by=world.consultant
        )
    assert "reason" in error.value.message_dict
    services.toets_session_correct(
        session=session,
        status=SessionStatus.NO_SHOW,
        reason="Verkeerde afname aangeklikt; de inburgeraar kwam niet.",
        by=world.consultant,
        today=KNOWN,
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.NO_SHOW
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.taken_on is None  # REQ D-03: the taken date follows
    correction = ToetsCorrection.objects.get(session=session)
    assert correction.changes["status"] == ["afgenomen", "niet_verschenen"]
    assert AuditEvent.objects.filter(action="toets_session_corrected").count() == 1
    assert FieldChange.objects.filter(field="taken_on", object_id=str(toets.pk)).exists()


def test_issue13_a_sitting_with_a_result_is_corrected_after_the_result(world):
    case = new_case(world)
    session = _taken_session(case)
    _result(case, world.consultant)
    with pytest.raises(ValidationError, match="Corrigeer eerst de uitslag"):
        services.toets_session_correct(
            session=session,
            status=SessionStatus.CANCELLED,
            reason="Ten onrechte",
            by=world.consultant,
            today=KNOWN,
        )


def test_issue13_the_correction_page_of_a_planned_sitting_is_404(client, world):
    case = new_case(world)
    planned = ToetsSessionFactory(toets=LeerbaarheidstoetsFactory(inburgeraar=case))
    client.force_login(world.consultant)
    url = reverse(
        "intake:toets-session-correct", kwargs={"public_id": case.public_id, "pk": planned.pk}
    )
    assert client.get(url).status_code == 404


def test_issue13_a_sitting_of_another_case_cannot_be_corrected_through_a_visible_case(
    client, world
):
    """No IDOR: a sub-object id of another case under a case one may see is 404 (audited)."""
    foreign = _taken_session(world.zuid_case)
    client.force_login(world.consultant)
    url = reverse(
        "intake:toets-session-correct",
        kwargs={"public_id": world.own_case.public_id, "pk": foreign.pk},
    )
    response = client.post(url, {"status": "niet_verschenen", "reason": "x"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == SessionStatus.TAKEN
    assert AuditEvent.objects.filter(result="denied", actor=world.consultant).exists()


def test_issue13_the_avg_inzage_export_holds_the_corrections(world):
    """AVG art. 15: the reason of a correction is data about the person."""
    from cases.inzage import build_document

    case = new_case(world)
    session = _taken_session(case)
    services.toets_session_correct(
        session=session,
        status=SessionStatus.CANCELLED,
        reason="Afname nooit gehouden.",
        by=world.consultant,
        today=KNOWN,
    )
    toets = build_document(case)["onderdelen"]["leerbaarheidstoets"]
    assert [row["reason"] for row in toets["correcties"]] == ["Afname nooit gehouden."]
