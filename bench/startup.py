"""`make run` from a clean checkout to the first 200 response, with a warm package cache.

The committed HEAD is cloned into a temporary directory; `make run` there (uv sync into a new
.venv from the uv cache, migrate SQLite, seed the demo, runserver) on a free port, polled until
the login page answers 200. Bounded by a timeout; the process group is ended afterwards.
"""

import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_make_run(root: Path, *, timeout: int) -> dict:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="hbel-make-run-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(root), str(clone)], check=True)
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=clone,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO"))}
        env.pop("VIRTUAL_ENV", None)
        log = (Path(tmp) / "make-run.log").open("w")
        started = time.perf_counter()
        process = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        result = {"label": "make run (clean clone → first 200)", "commit": head, "port": port}
        try:
            while True:
                elapsed = time.perf_counter() - started
                if elapsed > timeout:
                    result["error"] = f"no 200 within {timeout} s"
                    break
                if process.poll() is not None:
                    result["error"] = f"make run exited with {process.returncode}"
                    break
                try:
                    with urllib.request.urlopen(  # noqa: S310 (our own local server)
                        f"http://127.0.0.1:{port}/login/", timeout=5
                    ) as response:
                        if response.status == 200:
                            result["seconds"] = round(time.perf_counter() - started, 1)
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                time.sleep(0.25)
        finally:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
            log.close()
        if "error" in result:
            result["log_tail"] = (Path(tmp) / "make-run.log").read_text()[-2000:]
    return result
