"""`python -m bench` (what `make bench` runs). See README, section Performance.

The parent process never touches Django: each database size is prepared and measured in a child
process with its own DATABASE_URL, so settings and connections never mix between sizes.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"

# Targets of issue 8 (goals reported by the benchmark, not asserted).
TARGETS = {
    "page_median_ms": 150,
    "page_queries": 15,
    "scale_ratio": 1.5,
    "dashboard_median_ms": 300,
    "scan_seconds": 10,
    "beschikking_ms": 400,
}


def _bench_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="hbel.settings",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-only-secret-key-not-for-production-0123456789",
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="3600",
        # WhiteNoise warns about the missing collectstatic output; pages do not need it here.
        PYTHONWARNINGS="ignore:No directory at",
    )
    return env


def _db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _maintenance(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_db(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _exists(url: str) -> bool:
    import psycopg

    with psycopg.connect(_with_db(url, "postgres"), autocommit=True) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [_db_name(url)]
        ).fetchone()
    return row is not None


def _child(args: list[str], url: str, *, capture: bool = True) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        env=_bench_env(url),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def _last_json(output: str):
    return json.loads(output.strip().splitlines()[-1])


def prepare(url: str, n: int, *, regenerate: bool) -> dict:
    """A database of DATABASE_URL holding exactly the generated N (reused when it does)."""
    name = _db_name(url)
    if regenerate and _exists(url):
        _maintenance(url, f'DROP DATABASE "{name}" WITH (FORCE)')
    for _attempt in range(2):
        if not _exists(url):
            _maintenance(url, f'CREATE DATABASE "{name}"')
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=_bench_env(url),
            check=True,
        )
        status = _last_json(_child(["status", "--n", str(n)], url))
        if status["state"] == "ok":
            print(f"Database {name}: reusing {n:,} generated cases.")
            return status["meta"]
        if status["state"] == "empty":
            print(f"Database {name}: generating {n:,} cases …", flush=True)
            t0 = time.perf_counter()
            meta = _last_json(_child(["generate", "--n", str(n)], url))
            print(f"Database {name}: generated in {time.perf_counter() - t0:.0f} s.")
            return meta
        print(f"Database {name}: holds other data ({status['reason']}); recreating.")
        _maintenance(url, f'DROP DATABASE "{name}" WITH (FORCE)')
    raise RuntimeError(f"Could not prepare {name}")


def _machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def main_run(options) -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "make bench needs PostgreSQL: set DATABASE_URL=postgres://USER@HOST:PORT/hbel_bench "
            "(SQLite is refused: its planner and locking say nothing about production).",
            file=sys.stderr,
        )
        return 2
    small_url = _with_db(url, f"{_db_name(url)}_small")
    started = time.perf_counter()
    results = {
        "run_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "iterations": options.iterations,
        "databases": {},
        "pages": {},
        "figures": {},
        "not_measured": {},
    }
    for size, db_url in (("small", small_url), ("large", url)):
        n = options.small if size == "small" else options.cases
        meta = prepare(db_url, n, regenerate=options.regenerate)
        results["databases"][size] = {"name": _db_name(db_url), **meta}
        print(f"Measuring at {n:,} cases …", flush=True)
        measured = _last_json(_child(["measure", "--iterations", str(options.iterations)], db_url))
        results["pages"][size] = measured["pages"]
        results["figures"].update({f"{k}@{size}": v for k, v in measured["figures"].items()})
        results["not_measured"].update(measured.get("not_measured", {}))
        results["postgresql"] = measured["postgresql"]
    if options.skip_startup:
        results["not_measured"]["make_run"] = "skipped with --skip-startup"
    else:
        from .startup import measure_make_run

        print("Measuring `make run` from a clean clone …", flush=True)
        results["figures"]["make_run"] = measure_make_run(ROOT, timeout=options.startup_timeout)
    results["seconds"] = round(time.perf_counter() - started, 1)
    from .report import evaluate, table

    results["summary"] = evaluate(results, TARGETS)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(table(results))
    print(f"\nWritten {RESULTS.relative_to(ROOT)} ({results['seconds']:.0f} s in all).")
    return 0


def _setup_django():
    import django

    django.setup()


def main_status(options) -> int:
    _setup_django()
    from django.db import connection

    from .generate import signature, stored_meta

    meta = stored_meta()
    if meta is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM cases_inburgeraar)")
            has_rows = cursor.fetchone()[0]
        state = (
            {"state": "stale", "reason": "rows without bench_meta"}
            if has_rows
            else {"state": "empty"}
        )
    else:
        expected = signature(options.n)
        differs = [k for k, v in expected.items() if meta.get(k) != v]
        state = (
            {"state": "ok", "meta": meta}
            if not differs
            else {"state": "stale", "reason": "different " + ", ".join(differs)}
        )
    print(json.dumps(state))
    return 0


def main_generate(options) -> int:
    _setup_django()
    from .generate import generate

    meta = generate(options.n)
    print(json.dumps(meta))
    return 0


def main_measure(options) -> int:
    _setup_django()
    from django.db import connection

    from .generate import stored_meta
    from .measure import measure_everything

    meta = stored_meta()
    out = measure_everything(meta, iterations=options.iterations)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        out["postgresql"] = cursor.fetchone()[0]
    print(json.dumps(out))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="prepare both databases, measure, print, write results")
    for p in (parser, run):
        p.add_argument("--cases", type=int, default=150_000)
        p.add_argument("--small", type=int, default=1_000)
        p.add_argument("--iterations", type=int, default=40)
        p.add_argument("--regenerate", action="store_true", help="drop and generate again")
        p.add_argument("--skip-startup", action="store_true", help="skip the `make run` figure")
        p.add_argument("--startup-timeout", type=int, default=420)
    for name in ("status", "generate"):
        sub.add_parser(name).add_argument("--n", type=int, required=True)
    sub.add_parser("measure").add_argument("--iterations", type=int, default=40)
    options = parser.parse_args(argv)
    handlers = {
        None: main_run,
        "run": main_run,
        "status": main_status,
        "generate": main_generate,
        "measure": main_measure,
    }
    return handlers[options.command](options)


if __name__ == "__main__":
    sys.exit(main())
