"""DUO's result of the leerbaarheidstoets and the ontheffing (REQ I-07; Wi art. 14 lid 5–6).

DUO's Leerbaarheidstoets API gives `resultaat` (B1-route haalbaar, B1-route niet haalbaar,
Onbekend), `behaaldeScore` and `benodigdeScore` as decimals with a comma ("28,50"). DUO's
required score is authoritative; the local pass mark (28 from 12 April 2023 in the seeded
catalogue) is only the fallback for a result entered by hand without it.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intake import services
from intake.constants import ToetsResult
from intake.forms import ResultForm
from intake.models import Leerbaarheidstoets
from intake.prerequisites import toets_resolved
from intake.scores import format_score, parse_duo_score
from tests.intake.helpers import new_case

pytestmark = pytest.mark.django_db

TAKEN = date(2026, 3, 2)
KNOWN = date(2026, 3, 4)  # 48 hours later (REQ D-04)


def _record(case, by, *, score, required=None, result="", taken_on=TAKEN):
    return services.toets_result_record(
        inburgeraar=case,
        taken_on=taken_on,
        result_on=KNOWN,
        duo_result=result,
        score=parse_duo_score(score),
        required_score=parse_duo_score(required),
        by=by,
        today=KNOWN,
    )


@pytest.mark.parametrize(
    ("score", "required", "result", "reachable"),
    [
        ("28,50", "28,50", ToetsResult.B1_FEASIBLE, True),  # at the required score
        ("28,49", "28,50", ToetsResult.B1_NOT_FEASIBLE, False),  # one hundredth below
        # DUO's required score wins over the local pass mark (28): 29,00 < 30,00.
        ("29,00", "30,00", ToetsResult.B1_NOT_FEASIBLE, False),
    ],
)
def test_req_i07_duo_scores_are_decimals_and_the_required_score_decides(
    world, score, required, result, reachable
):
    case = new_case(world)
    toets = _record(case, world.consultant, score=score, required=required, result=result).obj
    toets = Leerbaarheidstoets.objects.get(pk=toets.pk)
    assert toets.score == parse_duo_score(score)
    assert toets.required_score == parse_duo_score(required)
    assert toets.duo_result == result
    assert toets.b1_reachable is reachable
    assert toets.pass_mark is None  # not the local catalogue


def test_req_i07_a_result_that_contradicts_duos_scores_is_refused(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as refused:
        _record(
            case,
            world.consultant,
            score="28,49",
            required="28,50",
            result=ToetsResult.B1_FEASIBLE,
        )
    assert "past niet bij de scores" in refused.value.message_dict["duo_result"][0]
    toets = Leerbaarheidstoets.objects.filter(inburgeraar=case).first()
    assert toets is None or not toets.has_result


@pytest.mark.parametrize(("score", "reachable"), [("28,00", True), ("27,99", False)])
def test_req_i07_by_hand_without_a_required_score_the_local_pass_mark_is_the_fallback(
    world, score, reachable
):
    case = new_case(world)
    toets = _record(case, world.consultant, score=score).obj
    toets.refresh_from_db()
    assert toets.pass_mark is not None and toets.pass_mark.pass_score == 28
    assert toets.b1_reachable is reachable
    assert toets.duo_result == (
        ToetsResult.B1_FEASIBLE if reachable else ToetsResult.B1_NOT_FEASIBLE
    )
    assert toets.benchmark == 28


def test_req_i07_onbekend_is_a_result_without_advice(world):
    case = new_case(world)
    toets = _record(case, world.consultant, score=None, result=ToetsResult.UNKNOWN).obj
    toets.refresh_from_db()
    assert (toets.duo_result, toets.b1_reachable) == ("Onbekend", None)
    assert toets.has_result and toets.result_unknown
    assert not toets.is_resolved  # REQ P-02: a PIP then needs a reason to proceed
    assert toets_resolved(case) == ["De uitslag van de leerbaarheidstoets is volgens DUO Onbekend."]


def test_req_i07_onbekend_keeps_the_scores_duo_sent(world):
    case = new_case(world)
    toets = _record(
        case, world.consultant, score="12,00", required="28,50", result=ToetsResult.UNKNOWN
    ).obj
    toets.refresh_from_db()
    assert (toets.score, toets.required_score, toets.b1_reachable) == (
        Decimal("12.00"),
        Decimal("28.50"),
        None,
    )


@pytest.mark.parametrize(
    ("text", "value"), [("28,50", Decimal("28.50")), ("0,00", Decimal("0")), ("100,25", None)]
)
def test_req_i07_duo_score_format(text, value):
    expected = value if value is not None else Decimal("100.25")
    assert parse_duo_score(text) == expected
    assert format_score(expected) == text


@pytest.mark.parametrize("text", ["28.50", "28,5", "1000,00", "", "28"])
def test_req_i07_anything_but_duos_score_format_is_refused(text):
    with pytest.raises(ValueError, match="not a DUO score"):
        parse_duo_score(text)


def test_req_i07_the_form_takes_a_decimal_comma():
    form = ResultForm(
        data={
            "taken_on": "2026-03-02",
            "result_on": "2026-03-04",
            "duo_result": "B1-route haalbaar",
            "score": "28,50",
            "required_score": "28,50",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["score"] == Decimal("28.50")
    bad = ResultForm(data={**form.data, "score": "achtentwintig"})
    assert not bad.is_valid() and "score" in bad.errors


# --- ontheffing (Wi art. 14 lid 6) --------------------------------------------------------


def test_req_i07_auditory_ontheffing_needs_not_deemed_able(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as refused:
        services.toets_exempt(
            inburgeraar=case,
            exempted_on=TAKEN,
            ground="auditief",
            note="",
            by=world.consultant,
            today=TAKEN,
        )
    assert "niet in staat" in refused.value.message_dict["exemption_not_able"][0]
    toets = services.toets_exempt(
        inburgeraar=case,
        exempted_on=TAKEN,
        ground="auditief",
        not_able=True,
        note="",
        by=world.consultant,
        today=TAKEN,
    ).obj
    toets.refresh_from_db()
    assert toets.is_exempt and toets.exemption_not_able


def test_req_i07_visual_ontheffing_has_no_further_condition(world):
    case = new_case(world)
    toets = services.toets_exempt(
        inburgeraar=case,
        exempted_on=TAKEN,
        ground="visueel",
        not_able=True,  # not a condition of ground (a): not stored
        note="",
        by=world.consultant,
        today=TAKEN,
    ).obj
    toets.refresh_from_db()
    assert toets.is_exempt and not toets.exemption_not_able
