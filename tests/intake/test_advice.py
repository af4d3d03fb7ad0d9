"""The leerroute advice (REQ I-07, L-01): a pure function, with its boundaries: the 28th
birthday (the plan's policy, not the law) and leap-day birthdays."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.advice import AdviceFacts, age_on, birthday, leerroute_advice
from learning_routes.constants import RouteCode


def _facts(**kwargs):
    defaults = {
        "date_of_birth": date(2000, 5, 10),
        "on": date(2026, 3, 16),
        "b1_reachable": True,
        "score": Decimal("32.00"),
        "required_score": Decimal("28.00"),
        "wants_further_education": True,
        "education_severity": 0,
        "education_label": "Geen belemmering",
    }
    defaults.update(kwargs)
    return AdviceFacts(**defaults)


def test_no_result_yet_gives_no_advice():
    advice = leerroute_advice(_facts(b1_reachable=None))
    assert advice.route is None
    assert advice.reasons == ("Er is nog geen uitslag van de leerbaarheidstoets.",)


def test_exempt_gives_no_advice_but_says_why():
    advice = leerroute_advice(_facts(exempted=True, b1_reachable=None))
    assert advice.route is None and "Ontheffing" in advice.reasons[0]


def test_b1_not_reachable_is_z_route_whatever_the_age():
    advice = leerroute_advice(_facts(b1_reachable=False, score=Decimal("20.50")))
    assert advice.route == RouteCode.Z
    assert advice.reasons[0].startswith(
        "Toetsuitslag: score 20,50, benodigd 28,00. B1 is niet haalbaar"
    )


def test_young_with_education_wish_and_background_is_onderwijsroute():
    advice = leerroute_advice(_facts())
    assert advice.route == RouteCode.ONDERWIJS and advice.alternative == RouteCode.B1
    text = " ".join(advice.reasons)
    assert "Is 25 jaar en wordt 28 op 10 mei 2028" in text
    assert "Levensdomein opleiding: geen belemmering." in text


def test_day_before_the_28th_birthday_and_on_it():
    """REQ L-01: 'up to 28' = before the 28th birthday."""
    born = date(1998, 5, 10)
    before = leerroute_advice(_facts(date_of_birth=born, on=date(2026, 5, 9)))
    on = leerroute_advice(_facts(date_of_birth=born, on=date(2026, 5, 10)))
    after = leerroute_advice(_facts(date_of_birth=born, on=date(2026, 5, 11)))
    assert before.route == RouteCode.ONDERWIJS
    assert on.route == RouteCode.B1 and on.alternative == RouteCode.ONDERWIJS
    assert after.route == RouteCode.B1
    assert "Is 28 jaar" in " ".join(on.reasons) and "geen leeftijdsgrens" in " ".join(on.reasons)


def test_leap_day_birthday_in_a_leap_year():
    born = date(2000, 2, 29)  # 28th birthday on 29 February 2028 (a leap year)
    assert (
        leerroute_advice(_facts(date_of_birth=born, on=date(2028, 2, 28))).route
        == RouteCode.ONDERWIJS
    )
    assert leerroute_advice(_facts(date_of_birth=born, on=date(2028, 2, 29))).route == RouteCode.B1


def test_leap_day_birthday_in_a_common_year_counts_from_1_march():
    born = date(2072, 2, 29)  # 2100 is not a leap year
    assert birthday(born, 28) == date(2100, 3, 1)
    assert age_on(born, date(2100, 2, 28)) == 27
    assert age_on(born, date(2100, 3, 1)) == 28
    assert (
        leerroute_advice(_facts(date_of_birth=born, on=date(2100, 2, 28))).route
        == RouteCode.ONDERWIJS
    )
    assert leerroute_advice(_facts(date_of_birth=born, on=date(2100, 3, 1))).route == RouteCode.B1


def test_age_on_agrees_with_the_case_model():
    from cases.models import Inburgeraar

    for born, day in [
        (date(2000, 2, 29), date(2027, 2, 28)),
        (date(2000, 2, 29), date(2027, 3, 1)),
        (date(1990, 12, 31), date(2026, 12, 30)),
    ]:
        assert age_on(born, day) == Inburgeraar(date_of_birth=born).age_on(day)


@pytest.mark.parametrize(
    ("severity", "label", "route"),
    [
        (0, "Geen belemmering", RouteCode.ONDERWIJS),
        (1, "Enige belemmering", RouteCode.ONDERWIJS),
        (2, "Forse belemmering", RouteCode.B1),
        (None, "", RouteCode.B1),
    ],
)
def test_the_education_domain_weighs_in(severity, label, route):
    advice = leerroute_advice(_facts(education_severity=severity, education_label=label))
    assert advice.route == route
    if route == RouteCode.B1:
        assert advice.alternative == RouteCode.ONDERWIJS


@pytest.mark.parametrize("wish", [False, None])
def test_without_an_education_wish_it_is_b1(wish):
    advice = leerroute_advice(_facts(wants_further_education=wish))
    assert advice.route == RouteCode.B1 and advice.alternative is None


@given(
    born=st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31)),
    on=st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 12, 31)),
    reachable=st.one_of(st.none(), st.booleans()),
    wish=st.one_of(st.none(), st.booleans()),
    severity=st.one_of(st.none(), st.integers(0, 2)),
)
def test_properties(born, on, reachable, wish, severity):
    advice = leerroute_advice(
        _facts(
            date_of_birth=born,
            on=on,
            b1_reachable=reachable,
            wants_further_education=wish,
            education_severity=severity,
        )
    )
    assert advice.reasons
    assert (advice.route == RouteCode.Z) == (reachable is False)
    assert (advice.route is None) == (reachable is None)
    if advice.route == RouteCode.ONDERWIJS:
        assert age_on(born, on) < 28 and wish is True and severity in (0, 1)


def test_req_i07_duo_result_onbekend_gives_no_advice_but_says_why():
    advice = leerroute_advice(_facts(b1_reachable=None, result_unknown=True, score=None))
    assert advice.route is None
    assert "'Onbekend'" in advice.reasons[0]
