"""Boundary tests of every deadline rule, REQ D-01 … D-15: month ends, 29 February, the day
before, on and after each due date, and the feestdagen of the Algemene termijnenwet."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.test import override_settings

from cases.calendar import feestdagen
from cases.deadlines.engine import Facts, evaluate, get_rule, rules, tracked_facts

ASH = "asielstatushouder"
GEZIN = "gezinsmigrant"
OVERIG = "overige_migrant"
D = timedelta(days=1)


def ev(code, today, **facts):
    (result,) = evaluate(Facts(**facts), today, only=[code])
    return result


def states_around(code, due, **facts):
    """The state the day before, on and after `due`."""
    return tuple(ev(code, due + delta, **facts).state for delta in (-D, timedelta(0), D))


def test_every_requirement_has_exactly_one_rule_in_its_owning_app():
    by_req = {r.requirement: r for r in rules()}
    assert sorted(by_req) == [f"D-{n:02d}" for n in range(1, 16)]
    owners = {
        "intake.deadlines": {"D-01", "D-02", "D-03", "D-04"},
        "pip_plans.deadlines": {"D-05", "D-06", "D-07", "D-08", "D-15"},
        "participation.deadlines": {"D-09", "D-10", "D-13", "D-14"},
        "finance.deadlines": {"D-11", "D-12"},
    }
    for module, reqs in owners.items():
        for req in reqs:
            assert by_req[req].start.__module__ == module, req
    for rule in rules():
        assert str(rule.explanation).endswith("."), rule.code
        assert str(rule.explanation).count(". ") == 0, "one sentence"


# ------------------------------------------------------------------------------------ D-01


@pytest.mark.parametrize(
    ("linked", "due"),
    [
        (date(2025, 1, 15), date(2025, 3, 15)),
        (date(2024, 12, 31), date(2025, 2, 28)),  # month end
        (date(2023, 12, 31), date(2024, 2, 29)),  # leap year
        (date(2023, 12, 29), date(2024, 2, 29)),
        (date(2024, 12, 29), date(2025, 2, 28)),  # 29 Feb does not exist in 2025
    ],
)
def test_D01_intake_two_months_after_koppeling(linked, due):
    result = ev("brede_intake_gestart", linked, doelgroep=ASH, linked_on=linked)
    assert result.due == due
    assert states_around("brede_intake_gestart", due, doelgroep=ASH, linked_on=linked) == (
        "due_soon",
        "due_soon",
        "overdue",
    )


@pytest.mark.parametrize("doelgroep", [GEZIN, OVERIG])
def test_D01_migrants_count_from_the_brp_inschrijving(doelgroep):
    result = ev(
        "brede_intake_gestart",
        date(2025, 2, 1),
        doelgroep=doelgroep,
        registered_on=date(2025, 1, 31),
        linked_on=date(2024, 1, 1),
    )
    assert result.due == date(2025, 3, 31)
    assert result.start[1] == date(2025, 1, 31)


def test_D01_met_on_the_due_date_is_met_a_day_later_is_met_late():
    base = {"doelgroep": ASH, "linked_on": date(2025, 1, 31)}
    due = date(2025, 3, 31)
    assert ev("brede_intake_gestart", due + 10 * D, **base, intake_started_on=due).state == "met"
    late = ev("brede_intake_gestart", due + 10 * D, **base, intake_started_on=due + D)
    assert (late.state, late.met_on) == ("met_late", due + D)
    early = ev("brede_intake_gestart", due, **base, intake_started_on=due - D)
    assert early.state == "met"


def test_D01_missing_facts():
    assert ev("brede_intake_gestart", date(2025, 1, 1)).state == "not_applicable"
    result = ev("brede_intake_gestart", date(2025, 1, 1), doelgroep=GEZIN)
    assert (result.state, result.due) == ("open", None)


def test_D01_lead_time_boundary():
    due = date(2025, 3, 31)
    facts = {"doelgroep": ASH, "linked_on": date(2025, 1, 31)}
    assert ev("brede_intake_gestart", due - 15 * D, **facts).state == "open"
    assert ev("brede_intake_gestart", due - 14 * D, **facts).state == "due_soon"


@override_settings(DEADLINE_LEAD_TIME_DAYS={"brede_intake_gestart": 30})
def test_lead_time_is_configurable_per_code():
    due = date(2025, 3, 31)
    facts = {"doelgroep": ASH, "linked_on": date(2025, 1, 31)}
    assert ev("brede_intake_gestart", due - 31 * D, **facts).state == "open"
    assert ev("brede_intake_gestart", due - 30 * D, **facts).state == "due_soon"
    # Other codes keep their own lead time.
    assert ev("warme_overdracht_coa", due - 15 * D, **facts).state == "open"


def test_a_met_date_after_today_is_not_met_yet():
    facts = {"doelgroep": ASH, "linked_on": date(2025, 1, 31)}
    result = ev(
        "brede_intake_gestart", date(2025, 4, 2), **facts, intake_started_on=date(2025, 4, 3)
    )
    assert (result.state, result.met_on) == ("overdue", None)


# ------------------------------------------------------------------------------------ D-02


@pytest.mark.parametrize(
    ("linked", "start", "due"),
    [
        (date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)),
        (date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)),
        (date(2024, 12, 30), date(2025, 1, 30), date(2025, 2, 28)),
    ],
)
def test_D02_window_one_to_two_months_after_koppeling(linked, start, due):
    result = ev("warme_overdracht_coa", linked, doelgroep=ASH, linked_on=linked)
    assert (result.window_start, result.due) == (start, due)
    assert states_around("warme_overdracht_coa", due, doelgroep=ASH, linked_on=linked) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    # A handover at the intake, before the window, is in time.
    met = ev(
        "warme_overdracht_coa", due + D, doelgroep=ASH, linked_on=linked, coa_handover_on=linked
    )
    assert met.state == "met"


@pytest.mark.parametrize("doelgroep", [GEZIN, OVERIG, None])
def test_D02_only_for_asielstatushouders(doelgroep):
    result = ev(
        "warme_overdracht_coa", date(2025, 1, 1), doelgroep=doelgroep, linked_on=date(2024, 1, 1)
    )
    assert result.state == "not_applicable"


# ------------------------------------------------------------------------------------ D-03


def test_D03_window_eight_to_twelve_weeks_after_koppeling():
    linked = date(2024, 1, 4)  # + 8 weeks = 29 Feb 2024
    result = ev("leerbaarheidstoets_afgenomen", linked, doelgroep=ASH, linked_on=linked)
    assert result.window_start == date(2024, 2, 29)
    assert result.due == date(2024, 3, 28)
    assert states_around(
        "leerbaarheidstoets_afgenomen", result.due, doelgroep=ASH, linked_on=linked
    ) == ("due_soon", "due_soon", "overdue")
    taken_late = ev(
        "leerbaarheidstoets_afgenomen",
        date(2024, 5, 1),
        doelgroep=ASH,
        linked_on=linked,
        test_taken_on=date(2024, 3, 29),
    )
    assert taken_late.state == "met_late"
    assert ev("leerbaarheidstoets_afgenomen", linked, doelgroep=GEZIN).state == "not_applicable"


# ------------------------------------------------------------------------------------ D-04


def test_D04_test_set_stays_open_twelve_months_with_a_month_of_warning():
    ready = date(2024, 2, 29)
    result = ev("leerbaarheidstoets_open", ready, test_ready_on=ready)
    assert result.due == date(2025, 2, 28)
    assert ev("leerbaarheidstoets_open", date(2025, 1, 28), test_ready_on=ready).state == "open"
    assert ev("leerbaarheidstoets_open", date(2025, 1, 29), test_ready_on=ready).state == "due_soon"
    assert states_around("leerbaarheidstoets_open", result.due, test_ready_on=ready) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    taken = ev(
        "leerbaarheidstoets_open",
        date(2024, 6, 1),
        test_ready_on=ready,
        test_taken_on=date(2024, 5, 30),
    )
    assert taken.state == "met"
    assert "1 juni 2024" in taken.detail  # result visible 48 hours later
    assert ev("leerbaarheidstoets_open", ready).state == "not_applicable"


# ------------------------------------------------------------------------------------ D-05


def test_D05_ten_weeks_after_the_later_of_duo_notice_and_registration():
    # Both known: the later one counts.
    result = ev(
        "pip_vastgesteld",
        date(2025, 1, 1),
        doelgroep=ASH,
        registered_on=date(2025, 1, 6),
        duo_notified_on=date(2025, 1, 13),
    )
    assert result.due == date(2025, 3, 24)  # Monday
    assert result.start[1] == date(2025, 1, 13)
    # Only one known: that one.
    only = ev("pip_vastgesteld", date(2025, 1, 1), doelgroep=GEZIN, registered_on=date(2025, 1, 6))
    assert only.due == date(2025, 3, 17)
    only_duo = ev("pip_vastgesteld", date(2025, 1, 1), duo_notified_on=date(2025, 1, 6))
    assert only_duo.due == date(2025, 3, 17)
    assert states_around("pip_vastgesteld", date(2025, 3, 17), registered_on=date(2025, 1, 6)) == (
        "due_soon",
        "due_soon",
        "overdue",
    )


def test_D05_weekend_moves_to_monday():
    saturday = date(2025, 3, 22)
    start = saturday - timedelta(weeks=10)
    result = ev("pip_vastgesteld", start, registered_on=start)
    assert result.due == date(2025, 3, 24)
    assert "zaterdag" in result.detail
    assert states_around("pip_vastgesteld", result.due, registered_on=start) == (
        "due_soon",
        "due_soon",
        "overdue",
    )


@pytest.mark.parametrize(
    "feestdag", [d for year in (2025, 2026) for d in feestdagen(year) if d.weekday() < 5]
)
def test_D05_every_atw_feestdag_moves_the_last_day(feestdag):
    start = feestdag - timedelta(weeks=10)
    result = ev("pip_vastgesteld", start, doelgroep=GEZIN, registered_on=start)
    assert result.due > feestdag
    assert result.due.weekday() < 5
    assert result.due not in feestdagen(result.due.year)
    assert feestdagen(feestdag.year)[feestdag] in result.detail
    # Established on the feestdag itself or on the shifted last day: in time.
    for met in (feestdag, result.due):
        assert (
            ev("pip_vastgesteld", result.due, registered_on=start, pip_established_on=met).state
            == "met"
        )
    assert (
        ev(
            "pip_vastgesteld",
            result.due + D,
            registered_on=start,
            pip_established_on=result.due + D,
        ).state
        == "met_late"
    )
    assert ev("pip_vastgesteld", feestdag + D, registered_on=start).state == "due_soon"


# ------------------------------------------------------------------------------------ D-06


@pytest.mark.parametrize(
    ("pip", "end"),
    [
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2025, 1, 31), date(2028, 1, 31)),
        (date(2025, 3, 1), date(2028, 3, 1)),
        (date(2025, 5, 3), date(2028, 5, 3)),  # a Wednesday; terms in years never shift
        (date(2024, 12, 25), date(2027, 12, 25)),  # Kerst: no Atw shift for years
    ],
)
def test_D06_term_ends_three_years_after_the_pip_date(pip, end):
    result = ev("inburgeringstermijn", pip, pip_established_on=pip)
    assert result.due == end
    assert states_around("inburgeringstermijn", end, pip_established_on=pip) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert "tot en met" in result.detail


def test_D06_term_starts_the_day_after_the_pip_and_extension_counts_from_the_end():
    result = ev("inburgeringstermijn", date(2025, 1, 1), pip_established_on=date(2024, 2, 29))
    assert "1 maart 2024" in result.detail
    extended = ev(
        "inburgeringstermijn",
        date(2025, 1, 1),
        pip_established_on=date(2024, 2, 29),
        term_extension_months=6,
    )
    assert extended.due == date(2027, 8, 28)  # 28 Feb 2027 + 6 months, not 29 Aug
    assert "6 maanden" in extended.detail
    assert ev("inburgeringstermijn", date(2025, 1, 1)).state == "not_applicable"


def test_D06_lead_time_is_ninety_days():
    pip = date(2024, 6, 1)
    end = date(2027, 6, 1)
    assert ev("inburgeringstermijn", end - 91 * D, pip_established_on=pip).state == "open"
    assert ev("inburgeringstermijn", end - 90 * D, pip_established_on=pip).state == "due_soon"


# ------------------------------------------------------------------------------------ D-07


def test_D07_notifies_from_six_months_before_the_end():
    pip = date(2024, 2, 29)
    result = ev("verlenging", pip, pip_established_on=pip)
    assert result.window_start == date(2026, 8, 28)
    assert result.due == date(2027, 2, 28)
    assert ev("verlenging", date(2026, 8, 27), pip_established_on=pip).state == "open"
    assert ev("verlenging", date(2026, 8, 28), pip_established_on=pip).state == "due_soon"
    # A request is no duty: when the term ends without one, the signal simply ends (met).
    assert states_around("verlenging", result.due, pip_established_on=pip) == (
        "due_soon",
        "due_soon",
        "met",
    )
    # A request in the window answers the signal.
    requested = ev(
        "verlenging",
        date(2026, 9, 1),
        pip_established_on=pip,
        term_extension_requested_on=date(2026, 8, 28),
    )
    assert (requested.state, requested.met_on) == ("met", date(2026, 8, 28))
    # REQ D-07: after every extension the signal starts again before the new end: DUO granted
    # 6 months (ground b) → ends 28 August 2027, a new request possible from 28 February 2027.
    granted = ev(
        "verlenging",
        date(2027, 3, 1),
        pip_established_on=pip,
        term_extension_months=6,
        term_extension_requested_on=date(2026, 8, 28),
    )
    assert (granted.window_start, granted.due) == (date(2027, 2, 28), date(2027, 8, 28))
    assert granted.state == "due_soon"
    assert "6 maanden" in granted.detail
    # DUO's own last day (term_ends_on) is the end the signal runs up to (REQ D-06).
    stated = ev(
        "verlenging", date(2027, 3, 1), pip_established_on=pip, term_ends_on=date(2027, 10, 1)
    )
    assert (stated.window_start, stated.due, stated.state) == (
        date(2027, 4, 1),
        date(2027, 10, 1),
        "open",
    )


# ------------------------------------------------------------------------------------ D-08


def test_D08_next_talk_six_months_after_the_pip_or_the_previous_talk():
    pip = date(2024, 8, 31)
    first = ev("voortgangsgesprek", pip, pip_established_on=pip)
    assert first.due == date(2025, 2, 28)
    assert states_around("voortgangsgesprek", first.due, pip_established_on=pip) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    talks = (date(2024, 1, 1), date(2025, 2, 28))  # a talk before the PIP does not count
    after = ev("voortgangsgesprek", date(2025, 3, 1), pip_established_on=pip, progress_talks=talks)
    assert after.due == date(2025, 8, 28)
    assert after.state == "open"
    assert "1 voortgangsgesprek" in after.detail


def test_D08_no_talk_is_due_after_the_term_has_ended():
    pip = date(2024, 1, 10)
    last = date(2026, 9, 1)  # + 6 months is after the term's last day (10 Jan 2027)
    result = ev(
        "voortgangsgesprek", date(2026, 9, 2), pip_established_on=pip, progress_talks=(last,)
    )
    assert (result.state, result.met_on) == ("met", last)


# ------------------------------------------------------------------------------------ D-09


def test_D09_pvt_one_year_after_vestiging():
    housed = date(2024, 2, 29)
    result = ev("pvt_ondertekend", housed, doelgroep=ASH, housed_on=housed)
    assert result.due == date(2025, 2, 28)
    assert states_around("pvt_ondertekend", result.due, doelgroep=ASH, housed_on=housed) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert (
        ev(
            "pvt_ondertekend",
            date(2025, 3, 1),
            doelgroep=ASH,
            housed_on=housed,
            pvt_signed_on=date(2025, 2, 28),
        ).state
        == "met"
    )
    assert (
        ev(
            "pvt_ondertekend",
            date(2025, 3, 1),
            doelgroep=ASH,
            housed_on=housed,
            pvt_signed_on=date(2025, 3, 1),
        ).state
        == "met_late"
    )
    # A migrant without a housing date: vestiging is the BRP-inschrijving.
    migrant = ev("pvt_ondertekend", housed, doelgroep=GEZIN, registered_on=date(2025, 1, 31))
    assert migrant.due == date(2026, 1, 31)
    # A statushouder still in the AZC: no due date yet.
    azc = ev("pvt_ondertekend", housed, doelgroep=ASH, linked_on=date(2025, 1, 1))
    assert (azc.state, azc.due) == ("open", None)


# ------------------------------------------------------------------------------------ D-10


def test_D10_map_by_the_end_of_the_term_not_in_the_onderwijsroute():
    pip = date(2024, 2, 29)
    result = ev("map_afgerond", pip, pip_established_on=pip, route="b1")
    assert result.due == date(2027, 2, 28)
    assert states_around("map_afgerond", result.due, pip_established_on=pip, route="z") == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert (
        ev("map_afgerond", pip, pip_established_on=pip, route="onderwijs").state == "not_applicable"
    )
    assert (
        ev(
            "map_afgerond",
            date(2026, 1, 1),
            pip_established_on=pip,
            map_completed_on=date(2025, 6, 1),
        ).state
        == "met"
    )


# ------------------------------------------------------------------------------------ D-11, D-12


@pytest.mark.parametrize(
    ("start", "evaluation", "end"),
    [
        # REQ D-12: six months from and including the start: start + 6 months − 1 day.
        (date(2023, 11, 30), date(2024, 2, 29), date(2024, 5, 29)),
        (date(2024, 8, 31), date(2024, 11, 30), date(2025, 2, 27)),
        (date(2025, 1, 15), date(2025, 4, 15), date(2025, 7, 14)),  # the example
    ],
)
def test_D11_D12_ontzorgen_evaluation_after_three_months_end_after_six(start, evaluation, end):
    facts = {"doelgroep": ASH, "bijstand_started_on": start}
    assert ev("ontzorgen_evaluatie", start, **facts).due == evaluation
    assert states_around("ontzorgen_evaluatie", evaluation, **facts) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert ev("ontzorgen_einde", start, **facts).due == end
    # D-12 is a period that ends: met after its last day, never overdue.
    assert states_around("ontzorgen_einde", end, **facts) == ("due_soon", "due_soon", "met")
    assert ev("ontzorgen_einde", end + D, **facts).met_on == end


def test_D12_longer_only_as_maatwerk_and_never_shorter():
    facts = {"doelgroep": ASH, "bijstand_started_on": date(2025, 1, 15)}
    longer = ev(
        "ontzorgen_einde", date(2025, 2, 1), **facts, ontzorgen_extended_until=date(2025, 12, 31)
    )
    assert longer.due == date(2025, 12, 31)
    assert "31 december 2025" in longer.detail
    shorter = ev(
        "ontzorgen_einde", date(2025, 2, 1), **facts, ontzorgen_extended_until=date(2025, 3, 1)
    )
    assert shorter.due == date(2025, 7, 14)


@pytest.mark.parametrize("code", ["ontzorgen_evaluatie", "ontzorgen_einde"])
def test_D11_D12_only_for_asielstatushouders_with_bijstand(code):
    assert (
        ev(code, date(2025, 1, 1), doelgroep=GEZIN, bijstand_started_on=date(2025, 1, 1)).state
        == "not_applicable"
    )
    assert ev(code, date(2025, 1, 1), doelgroep=ASH).state == "not_applicable"


# ------------------------------------------------------------------------------------ D-13


def test_D13_eight_hundred_hours_within_the_term_with_pace():
    pip = date(2024, 1, 1)
    facts = {"doelgroep": ASH, "route": "z", "pip_established_on": pip}
    result = ev("z_route_participatie", date(2025, 7, 2), **facts, participation_hours=120)
    assert result.due == date(2027, 1, 1)
    assert result.state == "open"
    assert "120 van 800 uur" in result.detail
    assert "400 uur" in result.detail  # halfway through the term
    assert states_around(
        "z_route_participatie", result.due, **facts, participation_hours=799.5
    ) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert (
        ev("z_route_participatie", date(2026, 1, 1), **facts, participation_hours=800).state
        == "met"
    )
    for other in ({"doelgroep": GEZIN, "route": "z"}, {"doelgroep": ASH, "route": "b1"}):
        assert (
            ev("z_route_participatie", pip, pip_established_on=pip, **other).state
            == "not_applicable"
        )


# ------------------------------------------------------------------------------------ D-14


def test_D14_economically_self_reliant_within_two_years_of_vestiging():
    housed = date(2024, 2, 29)
    result = ev("economisch_zelfredzaam", housed, doelgroep=ASH, housed_on=housed)
    assert result.due == date(2026, 2, 28)
    assert states_around("economisch_zelfredzaam", result.due, doelgroep=ASH, housed_on=housed) == (
        "due_soon",
        "due_soon",
        "overdue",
    )
    assert (
        ev(
            "economisch_zelfredzaam",
            date(2026, 3, 1),
            doelgroep=ASH,
            housed_on=housed,
            self_reliant_on=date(2026, 3, 1),
        ).state
        == "met_late"
    )


# ------------------------------------------------------------------------------------ D-15


def test_D15_made_known_on_a_tuesday_ends_on_the_tuesday_six_weeks_later():
    tuesday = date(2025, 9, 2)
    result = ev("bezwaartermijn", tuesday, beschikking_made_known_on=tuesday)
    assert result.due == date(2025, 10, 14)
    assert result.due.weekday() == 1
    assert result.detail is None
    # A period that ends: the beschikking stands after the last day (met), never overdue.
    assert states_around("bezwaartermijn", result.due, beschikking_made_known_on=tuesday) == (
        "due_soon",
        "due_soon",
        "met",
    )


@pytest.mark.parametrize("weekday_offset", [5, 6])  # Saturday, Sunday
def test_D15_a_last_day_in_the_weekend_moves_to_monday(weekday_offset):
    monday = date(2025, 9, 1)
    last = monday + timedelta(days=weekday_offset)
    result = ev("bezwaartermijn", last, beschikking_made_known_on=last - timedelta(weeks=6))
    assert result.due == date(2025, 9, 8)


@pytest.mark.parametrize(
    "feestdag", [d for year in (2024, 2025, 2026, 2027) for d in feestdagen(year)]
)
def test_D15_every_atw_feestdag_moves_the_last_day(feestdag):
    made_known = feestdag - timedelta(weeks=6)
    result = ev("bezwaartermijn", made_known, beschikking_made_known_on=made_known)
    assert result.due > feestdag
    assert result.due.weekday() < 5
    assert result.due not in feestdagen(result.due.year)
    # At most 5 days: 25 December 2024 → 30 December (26th, the equated 27th, the weekend).
    assert (result.due - feestdag).days <= 5
    assert "Algemene termijnenwet" in result.detail
    assert ev("bezwaartermijn", feestdag, beschikking_made_known_on=made_known).state == "due_soon"
    assert (
        ev("bezwaartermijn", result.due, beschikking_made_known_on=made_known).state == "due_soon"
    )
    assert ev("bezwaartermijn", result.due + D, beschikking_made_known_on=made_known).state == "met"


def test_D15_goede_vrijdag_and_5_mei_explicitly():
    goede_vrijdag = date(2026, 4, 3)
    result = ev(
        "bezwaartermijn",
        date(2026, 2, 20),
        beschikking_made_known_on=goede_vrijdag - timedelta(weeks=6),
    )
    assert result.due == date(2026, 4, 7)  # Fri (Goede Vrijdag), Sat, Sun, Mon (Tweede Paasdag)
    assert "Goede Vrijdag" in result.detail
    result = ev("bezwaartermijn", date(2026, 3, 24), beschikking_made_known_on=date(2026, 3, 24))
    assert result.due == date(2026, 5, 6)  # 5 May 2026 is a Tuesday: on to Wednesday
    assert "Bevrijdingsdag" in result.detail


# ------------------------------------------------------------------------------------ engine


def test_untracked_met_facts_make_a_rule_not_applicable():
    facts = Facts(doelgroep=ASH, linked_on=date(2025, 1, 1))
    (result,) = evaluate(
        facts, date(2025, 6, 1), only=["warme_overdracht_coa"], tracked=frozenset()
    )
    assert (result.state, result.tracked) == ("not_applicable", False)
    (result,) = evaluate(
        facts,
        date(2025, 6, 1),
        only=["warme_overdracht_coa"],
        tracked=frozenset({"coa_handover_on"}),
    )
    assert result.state == "overdue"


def test_cases_provides_its_own_facts_and_phase_history():
    tracked = tracked_facts()
    for fact in ("doelgroep", "linked_on", "registered_on", "housed_on", "duo_notified_on"):
        assert fact in tracked
    assert {"intake_started_on", "test_taken_on", "pip_established_on"} <= tracked


def test_relativedelta_month_ends_are_what_the_rules_use():
    assert date(2025, 1, 31) + relativedelta(months=1) == date(2025, 2, 28)
    assert get_rule("brede_intake_gestart").due(
        Facts(doelgroep=ASH, linked_on=date(2024, 1, 31))
    ) == date(2024, 3, 31)
