"""Everything measured against one database (run in a child process per database size)."""

from . import pages

# Pieces of issue 8 whose app has not landed yet say so instead of being faked.
PENDING = {
    "beschikking": "beschikking rendering (issue 6 has landed) is not measured by the bench yet",
}


def measure_everything(meta: dict, *, iterations: int) -> dict:
    subjects = meta["subjects"]
    measured = pages.measure_all(subjects, iterations=iterations)
    figures = {m["key"]: {k: v for k, v in m.items() if k != "sql"} for m in measured}
    figures["deadline_scan"] = deadline_scan()
    return {
        "pages": measured,
        "figures": figures,
        "not_measured": dict(PENDING),
    }


def deadline_scan() -> dict:
    """The nightly recompute over all cases, then a second run that must write nothing.

    The generator writes no Deadline rows, so the first scan after generation writes them all;
    on a reused database the first scan of this run only writes what changed since. The floor
    is one set-based SQL statement computing the due dates and states of the key-date rules
    (bench/scan_floor.py: 6 of the 15, aggregated, nothing written), measured right after on
    the same connection: a floor, not an equivalent of the scan.
    """
    import time
    from dataclasses import asdict

    from cases.deadline_services import deadlines_recompute

    from .scan_floor import deadline_scan_floor

    t0 = time.perf_counter()
    first = deadlines_recompute()
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = deadlines_recompute()
    second_seconds = time.perf_counter() - t0
    floor = deadline_scan_floor()

    def written(result):
        counts = asdict(result)
        return sum(v for k, v in counts.items() if k != "cases")

    return {
        "label": "Nightly deadline scan, all cases",
        "seconds": round(seconds, 2),
        "first_run": asdict(first),
        "rows_written": written(first),
        "second_run_seconds": round(second_seconds, 2),
        "second_run_rows": written(second),
        "floor_seconds": floor["seconds"],
        "floor_rules": floor["rules"],
        "floor_rules_registered": floor["rules_registered"],
        "floor_deadlines": floor["deadlines"],
        "ratio": round(seconds / floor["seconds"], 2) if floor["seconds"] else None,
        "second_run_ratio": (
            round(second_seconds / floor["seconds"], 2) if floor["seconds"] else None
        ),
    }
