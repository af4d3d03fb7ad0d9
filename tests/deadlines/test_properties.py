"""Hypothesis properties of every deadline rule (REQ D-01 … D-15)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.calendar import is_atw_rest_day
from cases.deadlines.engine import Facts, evaluate, plus, rules
from pip_plans.term import term_last_day

days = st.dates(min_value=date(2016, 1, 1), max_value=date(2032, 12, 31))
maybe_day = st.none() | days

facts_strategy = st.builds(
    Facts,
    doelgroep=st.sampled_from([None, "asielstatushouder", "gezinsmigrant", "overige_migrant"]),
    linked_on=maybe_day,
    registered_on=maybe_day,
    duo_notified_on=maybe_day,
    housed_on=maybe_day,
    intake_started_on=maybe_day,
    coa_handover_on=maybe_day,
    test_ready_on=maybe_day,
    test_taken_on=maybe_day,
    pip_established_on=maybe_day,
    term_extension_months=st.none() | st.integers(0, 12),
    progress_talks=st.lists(days, max_size=4).map(lambda xs: tuple(sorted(xs))),
    pvt_signed_on=maybe_day,
    route=st.sampled_from([None, "b1", "onderwijs", "z"]),
    map_completed_on=maybe_day,
    bijstand_started_on=maybe_day,
    ontzorgen_evaluated_on=maybe_day,
    ontzorgen_extended_until=maybe_day,
    participation_hours=st.none() | st.floats(0, 1200),
    beschikking_made_known_on=maybe_day,
    self_reliant_on=maybe_day,
)


@settings(max_examples=300, deadline=None)
@given(facts=facts_strategy, today=days)
def test_D_due_is_never_before_its_start_and_windows_are_ordered(facts, today):
    for result in evaluate(facts, today):
        start = result.start[1] if result.start else None
        if result.due is not None and start is not None:
            assert result.due > start, result.code
        if result.window_start is not None:
            assert result.due is not None
            assert result.window_start <= result.due, result.code


@settings(max_examples=300, deadline=None)
@given(facts=facts_strategy, today=days)
def test_D_state_follows_from_due_met_and_today(facts, today):
    for result in evaluate(facts, today):
        rule = result.rule
        if result.state == "not_applicable":
            assert result.due is None and result.met_on is None
            continue
        if result.met_on is not None:
            assert result.met_on <= today
            if result.due is not None and result.met_on > result.due:
                assert result.state == "met_late", result.code
            else:
                assert result.state == "met", result.code
        elif result.state == "overdue":
            assert result.due is not None and today > result.due, result.code
        elif result.state == "due_soon":
            assert result.due is not None and today <= result.due, result.code
        elif result.state == "open" and result.due is not None:
            assert today <= result.due - timedelta(days=1), result.code
        if result.due is not None and today > result.due and result.state in ("open", "due_soon"):
            raise AssertionError(f"{rule.code}: past due but {result.state}")


@settings(max_examples=200, deadline=None)
@given(met=days, due_offset=st.integers(-400, 400), today_offset=st.integers(0, 400))
def test_D01_met_before_or_on_due_is_met_after_is_met_late(met, due_offset, today_offset):
    linked = met - timedelta(days=due_offset)
    facts = Facts(doelgroep="asielstatushouder", linked_on=linked, intake_started_on=met)
    today = met + timedelta(days=today_offset)
    (result,) = evaluate(facts, today, only=["brede_intake_gestart"])
    assert result.state == ("met" if met <= result.due else "met_late")


@settings(max_examples=300, deadline=None)
@given(made_known=days, pip_start=days)
def test_D05_D15_atw_due_dates_are_working_days_within_five_days_of_the_count(
    made_known, pip_start
):
    facts = Facts(beschikking_made_known_on=made_known, registered_on=pip_start)
    by_code = {
        r.code: r for r in evaluate(facts, made_known, only=["bezwaartermijn", "pip_vastgesteld"])
    }
    for code, raw in (
        ("bezwaartermijn", made_known + timedelta(weeks=6)),
        ("pip_vastgesteld", pip_start + timedelta(weeks=10)),
    ):
        due = by_code[code].due
        assert not is_atw_rest_day(due)
        # At most 5: Eerste Kerstdag 2024 (Wednesday), Tweede Kerstdag, the equated Friday
        # 27 December (Atw art. 3 lid 3) and the weekend → Monday 30 December.
        assert raw <= due <= raw + timedelta(days=5)


@settings(max_examples=200, deadline=None)
@given(pip=days, extension=st.none() | st.integers(0, 12))
def test_D06_term_end_is_never_shifted_and_is_three_years_plus_extension(pip, extension):
    facts = Facts(pip_established_on=pip, term_extension_months=extension)
    (result,) = evaluate(facts, pip, only=["inburgeringstermijn"])
    three_years = pip + relativedelta(years=3)
    assert result.due == three_years + relativedelta(months=extension or 0)
    # REQ D-06: counted from the dagtekening of the PIP beschikking, and the deadline the
    # engine stores is the last day the beschikking states (pip_plans.term), Atw or not.
    assert result.start[1] == pip
    assert result.due == term_last_day(pip, extension_months=extension or 0)
    # REQ D-07: a granted extension only ever moves the last day on.
    assert (result.due > three_years) == bool(extension)


def _stored(results):
    return [(r.code, r.state, r.due, r.window_start, r.met_on) for r in results]


@settings(max_examples=300, deadline=None)
@given(facts=facts_strategy, today=days, later=st.integers(1, 800))
def test_D_outcome_holds_until_next_change(facts, today, later):
    """Issue 8: the scan skips a case with unchanged facts until its earliest `next_change`,
    so every stored outcome must be the same on each day before it (and may differ on it)."""
    results = evaluate(facts, today, details=False)
    assert _stored(results) == _stored(evaluate(facts, today))  # details change no outcome
    changes = [r.next_change for r in results if r.next_change is not None]
    for r in results:
        assert r.next_change is None or r.next_change > today
    until = min(changes) if changes else None
    day = today + timedelta(days=later)
    if until is None or day < until:
        assert _stored(evaluate(facts, day, details=False)) == _stored(results)
    if until is not None:
        last = until - timedelta(days=1)
        assert _stored(evaluate(facts, last, details=False)) == _stored(results)


@settings(max_examples=500, deadline=None)
@given(
    day=days,
    years=st.integers(-5, 5),
    months=st.integers(-30, 30),
    weeks=st.integers(-60, 60),
    n_days=st.integers(-400, 400),
)
def test_plus_is_relativedelta(day, years, months, weeks, n_days):
    """The engine's fast date arithmetic equals relativedelta (month ends, leap days)."""
    expected = day + relativedelta(years=years, months=months, weeks=weeks, days=n_days)
    assert plus(day, years=years, months=months, weeks=weeks, days=n_days) == expected
    assert plus(None, months=2) is None
    assert plus(date(2024, 2, 29), years=3) == date(2027, 2, 28)
    assert plus(date(2026, 1, 31), months=1) == date(2026, 2, 28)


# REQUIREMENTS.md, table D: each requirement and the code its rule is stored under.
EXPECTED_RULES = {
    "D-01": "brede_intake_gestart",
    "D-02": "warme_overdracht_coa",
    "D-03": "leerbaarheidstoets_afgenomen",
    "D-04": "leerbaarheidstoets_open",
    "D-05": "pip_vastgesteld",
    "D-06": "inburgeringstermijn",
    "D-07": "verlenging",
    "D-08": "voortgangsgesprek",
    "D-09": "pvt_ondertekend",
    "D-10": "map_afgerond",
    "D-11": "ontzorgen_evaluatie",
    "D-12": "ontzorgen_einde",
    "D-13": "z_route_participatie",
    "D-14": "economisch_zelfredzaam",
    "D-15": "bezwaartermijn",
}


def test_every_rule_has_properties_checked():
    """The properties above run over `rules()`: every requirement D-01 … D-15 is there, once,
    under the code REQUIREMENTS.md gives it, in requirement order, and takes part in
    `evaluate`."""
    registered = rules()
    assert [(r.requirement, r.code) for r in registered] == list(EXPECTED_RULES.items())
    facts = Facts(doelgroep="asielstatushouder", linked_on=date(2026, 1, 5))
    assert [r.code for r in evaluate(facts, date(2026, 3, 2))] == list(EXPECTED_RULES.values())
