"""Issue 12: the deadlines as the law counts them (REQ C-01, D-05 … D-08, D-12, D-13, D-15).

Pure rules over Facts at their edges (the day before, on and after), and the `deadlines`
command with the new facts. The equated days are the seeded decrees (tests/conftest.py).
"""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.deadlines.engine import Facts, FactsError, evaluate, facts_from_mapping

ASH, GEZIN, OVERIG = "asielstatushouder", "gezinsmigrant", "overige_migrant"
D = timedelta(days=1)


def ev(code, today, **facts):
    (result,) = evaluate(Facts(**facts), today, only=[code])
    return result


# ------------------------------------------------------------------------------------ D-05


@pytest.mark.parametrize("doelgroep", [GEZIN, OVERIG])
def test_D05_gezins_and_overige_migranten_count_from_duos_notice_only(doelgroep):
    # BRP-inschrijving later than DUO's notice: for them the law counts from the notice
    # (Besluit 5.3 lid 1, second sentence only for those housed under Huisvestingswet 28).
    pip = ev(
        "pip_vastgesteld",
        date(2026, 3, 1),
        doelgroep=doelgroep,
        duo_notified_on=date(2026, 2, 2),  # Monday
        registered_on=date(2026, 2, 20),
    )
    assert pip.due == date(2026, 4, 13)  # Monday 2 Feb + 10 weeks
    assert pip.start[1] == date(2026, 2, 2)
    assert "kennisgeving van DUO" in str(pip.start[0])


def test_D05_asielstatushouder_not_yet_registered_counts_from_the_later_inschrijving():
    pip = ev(
        "pip_vastgesteld",
        date(2026, 3, 1),
        doelgroep=ASH,
        duo_notified_on=date(2026, 2, 2),
        registered_on=date(2026, 2, 20),  # Friday
    )
    assert pip.due == date(2026, 5, 1)  # Friday 20 Feb + 10 weeks
    assert "BRP-inschrijving" in str(pip.start[0])
    # Registered the day before the notice: the notice counts.
    earlier = ev(
        "pip_vastgesteld",
        date(2026, 3, 1),
        doelgroep=ASH,
        duo_notified_on=date(2026, 2, 2),
        registered_on=date(2026, 2, 1),
    )
    assert earlier.due == date(2026, 4, 13)


def test_D05_without_duos_notice_the_local_norm_is_used_and_labelled():
    pip = ev("pip_vastgesteld", date(2026, 3, 1), doelgroep=GEZIN, registered_on=date(2026, 2, 2))
    assert pip.due == date(2026, 4, 13)
    assert "lokale norm" in str(pip.start[0])
    assert "lokale norm van het uitvoeringsplan" in pip.detail


def test_D05_third_party_wait_asked_before_the_due_date_then_two_weeks_after_receipt():
    base = {
        "doelgroep": ASH,
        "duo_notified_on": date(2026, 2, 2),
        "registered_on": date(2026, 1, 5),
    }
    normal = date(2026, 4, 13)
    # Asked on the normal due date itself: the wait counts; not yet received → no due date.
    waiting = ev("pip_vastgesteld", normal + D, **base, third_party_asked_on=normal)
    assert waiting.due is None and waiting.state == "open"
    assert "wacht de gemeente op informatie van een derde" in waiting.detail
    # Received on Friday 24 April: due Friday 8 May 2026 (2 weeks, Atw applies).
    received = ev(
        "pip_vastgesteld",
        normal + D,
        **base,
        third_party_asked_on=normal,
        third_party_received_on=date(2026, 4, 24),
    )
    assert received.due == date(2026, 5, 8)
    # Received on Friday 1 May: + 2 weeks = Friday 15 May, an equated day → Monday 18 May.
    equated = ev(
        "pip_vastgesteld",
        normal + D,
        **base,
        third_party_asked_on=normal,
        third_party_received_on=date(2026, 5, 1),
    )
    assert equated.due == date(2026, 5, 18)
    # Received early: the wait never shortens the 10 weeks.
    early = ev(
        "pip_vastgesteld",
        date(2026, 3, 1),
        **base,
        third_party_asked_on=date(2026, 2, 10),
        third_party_received_on=date(2026, 2, 12),
    )
    assert early.due == normal
    # Asked the day after the normal due date: too late to exceed, the normal date stands.
    late = ev(
        "pip_vastgesteld",
        normal + 2 * D,
        **base,
        third_party_asked_on=normal + D,
    )
    assert (late.due, late.state) == (normal, "overdue")


# ------------------------------------------------------------------------------------ D-06/07


def test_D06_duos_last_day_is_the_last_day_and_is_never_recomputed():
    term = ev(
        "inburgeringstermijn",
        date(2028, 1, 1),
        pip_established_on=date(2026, 3, 2),
        term_extension_months=6,
        term_ends_on=date(2029, 10, 1),
    )
    assert term.due == date(2029, 10, 1)  # not 2 September 2029 (3 years + 6 months)


def test_D06_a_leap_day_dagtekening_ends_on_28_february():
    term = ev("inburgeringstermijn", date(2024, 3, 1), pip_established_on=date(2024, 2, 29))
    assert term.due == date(2027, 2, 28)


# ------------------------------------------------------------------------------------ D-08


@pytest.mark.parametrize(
    ("talks_per_year", "due"),
    [
        (None, date(2026, 9, 2)),  # the default: at least 2 a year, every 6 months
        (2, date(2026, 9, 2)),
        (3, date(2026, 7, 2)),
        (4, date(2026, 6, 2)),
        (12, date(2026, 4, 2)),
        (5, date(2026, 3, 2) + timedelta(days=73)),  # 12 / 5 is no whole month: 365 // 5 days
    ],
)
def test_D08_the_number_the_pip_sets_sets_the_interval(talks_per_year, due):
    talk = ev(
        "voortgangsgesprek",
        date(2026, 3, 2),
        pip_established_on=date(2026, 3, 2),
        talks_per_year=talks_per_year,
    )
    assert talk.due == due


def test_D08_month_end_interval_clamps():
    talk = ev(
        "voortgangsgesprek",
        date(2026, 8, 31),
        pip_established_on=date(2026, 8, 31),
        talks_per_year=4,
    )
    assert talk.due == date(2026, 11, 30)


# ------------------------------------------------------------------------------------ D-12


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 1, 15), date(2026, 7, 14)),  # the example
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 8, 31), date(2027, 2, 27)),  # month end: 28 Feb 2027 − 1 day
        (date(2027, 8, 31), date(2028, 2, 28)),  # into a leap year: 29 Feb − 1 day
        (date(2027, 8, 29), date(2028, 2, 28)),
        (date(2027, 8, 30), date(2028, 2, 28)),  # 29 Feb 2028 − 1 day
        (date(2028, 2, 29), date(2028, 8, 28)),  # a leap-day start
    ],
)
def test_D12_ontzorgen_lasts_six_months_from_and_including_the_start(start, end):
    facts = {"doelgroep": ASH, "bijstand_started_on": start}
    result = ev("ontzorgen_einde", start, **facts)
    assert result.due == end
    assert ev("ontzorgen_einde", end, **facts).state == "due_soon"
    assert ev("ontzorgen_einde", end + D, **facts).state == "met"


def test_D12_C01_not_for_a_nareiziger_but_for_a_permit_holder_or_unrecorded():
    facts = {"doelgroep": ASH, "bijstand_started_on": date(2026, 1, 15)}
    nareiziger = ev("ontzorgen_einde", date(2026, 2, 1), **facts, holds_asylum_permit=False)
    assert nareiziger.state == "not_applicable"
    assert ev(
        "ontzorgen_evaluatie", date(2026, 2, 1), **facts, holds_asylum_permit=False
    ).state == ("not_applicable")
    holder = ev("ontzorgen_einde", date(2026, 2, 1), **facts, holds_asylum_permit=True)
    unrecorded = ev("ontzorgen_einde", date(2026, 2, 1), **facts)
    assert holder.due == unrecorded.due == date(2026, 7, 14)


def test_D13_nareizigers_are_asielstatushouders_for_the_z_route_hours():
    facts = {
        "doelgroep": ASH,
        "holds_asylum_permit": False,
        "route": "z",
        "pip_established_on": date(2026, 3, 2),
    }
    (z,) = [e for e in evaluate(Facts(**facts), date(2026, 4, 1)) if e.requirement == "D-13"]
    assert z.rule.applies(Facts(**facts))


# ------------------------------------------------------------------------------------ D-15


def test_D15_every_beschikking_version_keeps_its_own_bezwaartermijn_until_it_ends():
    v1, v2 = date(2025, 11, 21), date(2025, 12, 10)  # v1 → 5 Jan 2026; v2 → 21 Jan 2026
    facts = {"beschikking_made_known_on": v2, "beschikkingen_made_known_on": (v1, v2)}
    assert ev("bezwaartermijn", date(2025, 12, 11), **facts).due == date(2026, 1, 5)
    on_last_day = ev("bezwaartermijn", date(2026, 1, 5), **facts)
    assert (on_last_day.due, on_last_day.state) == (date(2026, 1, 5), "due_soon")
    assert "Elke beschikking heeft een eigen bezwaartermijn" in on_last_day.detail
    after = ev("bezwaartermijn", date(2026, 1, 6), **facts)
    assert (after.due, after.state) == (date(2026, 1, 21), "open")  # 15 days: lead time 14
    ended = ev("bezwaartermijn", date(2026, 1, 22), **facts)
    assert (ended.due, ended.state) == (date(2026, 1, 21), "met")
    # Before v2 was made known only v1 counts.
    assert ev("bezwaartermijn", date(2025, 12, 1), **facts).due == date(2026, 1, 5)


# ------------------------------------------------------------------------------------ command


def run(tmp_path, facts, today="2026-04-01"):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    out = StringIO()
    call_command("deadlines", "--facts", str(path), "--today", today, stdout=out)
    return {row["code"]: row for row in json.loads(out.getvalue())}


def test_the_command_accepts_the_new_facts_with_the_same_output_shape(tmp_path):
    rows = run(
        tmp_path,
        {
            "doelgroep": "asielstatushouder",
            "holds_asylum_permit": False,
            "duo_notified_on": "2026-02-02",
            "registered_on": "2026-01-05",
            "third_party_asked_on": "2026-03-01",
            "third_party_received_on": "2026-04-24",
            "pip_established_on": "2026-05-04",
            "term_ends_on": "2029-10-01",
            "talks_per_year": 4,
            "bijstand_started_on": "2026-01-15",
        },
        today="2026-05-05",
    )
    assert len(rows) == 15
    assert set(rows["pip_vastgesteld"]) == {
        "code",
        "requirement",
        "window_start",
        "due",
        "state",
        "met_on",
    }
    assert rows["pip_vastgesteld"]["due"] == "2026-05-08"
    assert rows["pip_vastgesteld"]["state"] == "met"
    assert rows["inburgeringstermijn"]["due"] == "2029-10-01"
    assert rows["voortgangsgesprek"]["due"] == "2026-08-04"
    assert rows["ontzorgen_einde"]["state"] == "not_applicable"  # a nareiziger


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"holds_asylum_permit": "ja"}, "holds_asylum_permit"),
        ({"talks_per_year": 0}, "talks_per_year"),
        ({"talks_per_year": 2.5}, "talks_per_year"),
        ({"talks_per_year": True}, "talks_per_year"),
        ({"term_ends_on": "2029-02-30"}, "term_ends_on"),
        ({"third_party_asked_on": "gisteren"}, "third_party_asked_on"),
        ({"third_party_received_on": 20260101}, "third_party_received_on"),
    ],
)
def test_the_command_refuses_malformed_new_facts_in_dutch(tmp_path, facts, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, facts)
    with pytest.raises(FactsError):
        facts_from_mapping(facts)
