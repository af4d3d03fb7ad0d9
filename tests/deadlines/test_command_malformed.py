"""Issue 22, finding 11: `manage.py deadlines --facts` answers every malformed input with one
Dutch line and a non-zero exit, never a traceback (REQ D-01 … D-15 calculator)."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command


def _write(tmp_path, content: bytes):
    path = tmp_path / "facts.json"
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    "facts",
    [
        {"doelgroep": "asielstatushouder", "linked_on": "9999-12-31"},
        {"registered_on": "9999-12-31"},
        {"housed_on": "9999-12-31"},
        {"duo_notified_on": "9999-12-31"},
        {"test_ready_on": "9999-12-31"},
        {"pip_established_on": "9999-12-31"},
        {"beschikking_made_known_on": "9999-12-31"},
        {"progress_talks": ["9999-12-31"]},
        {"registered_on": "0001-01-01"},
    ],
)
def test_dates_at_the_calendars_edge_are_refused_in_dutch(tmp_path, facts):
    path = _write(tmp_path, json.dumps(facts).encode())
    with pytest.raises(CommandError, match="ligt buiten 1900–2199"):
        call_command("deadlines", "--facts", path, "--today", "2026-04-01")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00{", "geen UTF-8-tekst"),
        (b"[" * 100_000, "te diep genest"),
        (b"", "geen geldige JSON"),
        (b"\xef\xbb\xbf{}", "geen geldige JSON"),
    ],
)
def test_unreadable_files_are_refused_in_dutch(tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        call_command("deadlines", "--facts", _write(tmp_path, content))


def test_a_directory_is_refused_in_dutch(tmp_path):
    with pytest.raises(CommandError, match="is een map"):
        call_command("deadlines", "--facts", str(tmp_path))


def test_a_today_at_the_calendars_edge_is_refused(tmp_path):
    path = _write(tmp_path, b'{"doelgroep": "gezinsmigrant", "registered_on": "2026-01-31"}')
    with pytest.raises(CommandError, match="--today"):
        call_command("deadlines", "--facts", path, "--today", "9999-12-31")


def test_non_utf8_on_stdin_is_one_line_and_exit_1():
    done = subprocess.run(
        [sys.executable, "manage.py", "deadlines", "--facts", "-"],
        input=b"\xff\xfe{}",
        capture_output=True,
        check=False,
    )
    stderr = done.stderr.decode()
    assert done.returncode == 1
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if "CommandError" in line] == [
        "CommandError: standaardinvoer is geen UTF-8-tekst."
    ]
