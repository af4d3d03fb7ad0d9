"""`manage.py deadlines --facts FACTS.json [--today]` (issue 4, REQ D-01 … D-15)."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.deadlines.engine import FactsError, facts_from_mapping


def run(tmp_path, facts, today="2026-04-01"):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    out = StringIO()
    args = ["deadlines", "--facts", str(path)]
    if today:
        args += ["--today", today]
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_prints_one_object_per_rule_with_the_specified_keys(tmp_path):
    result = run(
        tmp_path,
        {
            "doelgroep": "asielstatushouder",
            "linked_on": "2026-01-12",
            "intake_started_on": "2026-02-20",
            "beschikking_made_known_on": "2026-03-24",
            "progress_talks": [],
        },
    )
    assert [item["requirement"] for item in result] == [f"D-{n:02d}" for n in range(1, 16)]
    for item in result:
        assert set(item) == {"code", "requirement", "window_start", "due", "state", "met_on"}
    by_code = {item["code"]: item for item in result}
    assert by_code["brede_intake_gestart"] == {
        "code": "brede_intake_gestart",
        "requirement": "D-01",
        "window_start": None,
        "due": "2026-03-12",
        "state": "met",
        "met_on": "2026-02-20",
    }
    assert by_code["warme_overdracht_coa"]["window_start"] == "2026-02-12"
    assert by_code["warme_overdracht_coa"]["state"] == "overdue"
    assert by_code["leerbaarheidstoets_afgenomen"]["state"] == "due_soon"
    assert by_code["bezwaartermijn"]["due"] == "2026-05-06"  # 5 mei → Wednesday
    assert by_code["ontzorgen_einde"]["state"] == "not_applicable"


def test_empty_facts_never_error(tmp_path):
    result = run(tmp_path, {})
    assert {item["state"] for item in result} <= {"not_applicable", "open"}
    assert all(item["due"] is None for item in result)


def test_today_defaults_to_the_local_date(tmp_path):
    result = run(tmp_path, {"doelgroep": "gezinsmigrant"}, today=None)
    assert len(result) == 15


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"linked_on": "2026-02-30"}, "linked_on"),
        ({"doelgroep": "toerist"}, "doelgroep"),
        ({"route": "a2"}, "route"),
        ({"koppeling": "2026-01-01"}, "Onbekend feit"),
        ({"progress_talks": "2026-01-01"}, "progress_talks"),
        ({"progress_talks": ["2026-13-01"]}, "progress_talks"),
        ({"term_extension_months": -1}, "term_extension_months"),
        ({"participation_hours": "veel"}, "participation_hours"),
        ([1, 2], "JSON-object"),
    ],
)
def test_malformed_facts_fail_with_a_clear_message(tmp_path, facts, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, facts)
    with pytest.raises(FactsError):
        facts_from_mapping(facts)


def test_bad_today_and_bad_json(tmp_path):
    with pytest.raises(CommandError, match="--today"):
        run(tmp_path, {}, today="1-4-2026")
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("deadlines", "--facts", str(path))
    with pytest.raises(CommandError, match="niet gevonden"):
        call_command("deadlines", "--facts", str(tmp_path / "missing.json"))


def test_exit_status_through_manage_py(tmp_path):
    good = tmp_path / "good.json"
    good.write_text('{"doelgroep": "overige_migrant", "registered_on": "2026-01-31"}')
    ok = subprocess.run(
        [sys.executable, "manage.py", "deadlines", "--facts", str(good), "--today", "2026-03-20"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["due"] == "2026-03-31"
    bad = subprocess.run(
        [sys.executable, "manage.py", "deadlines", "--facts", "-"],
        input='{"doelgroep": "x"}',
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "doelgroep" in bad.stderr
    assert bad.stdout == ""
