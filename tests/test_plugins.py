"""The log scan of tests/plugins.py under pytest-xdist (issue 11, item 10): a BSN logged in a
worker reaches the controller and fails the run, and the total of records is printed.

Runs a small inner pytest session in a subprocess, with two workers, on synthetic data.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Plugins the inner run does not need; leaving them out halves its start-up time.
NOT_NEEDED = ["-p", "no:cacheprovider", "-p", "no:django", "-p", "no:playwright"]
CONFTEST = 'pytest_plugins = ["tests.plugins"]\n'
INNER_TESTS = """
import logging

def test_logs_a_bsn():
    logging.getLogger("hbel.inner").warning("zoek op 123456782")

def test_logs_nothing_personal():
    logging.getLogger("hbel.inner").warning("trace ok")
"""


def test_a_finding_in_an_xdist_worker_fails_the_run(tmp_path):
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)  # no preflight in the inner run: it touches no database or broker
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", *NOT_NEEDED, str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = result.stdout
    assert "2 passed" in out, out
    assert "created: 2/2 workers" in out, out
    scan = re.search(r"log scan: (\d+) log records searched, (\d+) with personal data", out)
    assert scan, out
    assert int(scan.group(1)) == 2  # the records of both tests, whichever worker ran them
    assert int(scan.group(2)) == 1
    assert "BSN-like number in log: hbel.inner: zoek op" in out
    assert result.returncode == 1, out
