"""Everything measured against one database (run in a child process per database size)."""

from . import pages
from .beschikking import measure_beschikking

# Pieces of issue 8 whose app has not landed yet say so instead of being faked.
PENDING = {
    "deadline_scan_floor": "the set-based SQL floor of the deadline scan is not built yet",
}


def measure_everything(meta: dict, *, iterations: int) -> dict:
    subjects = meta["subjects"]
    measured = pages.measure_all(subjects, iterations=iterations)
    figures = {m["key"]: {k: v for k, v in m.items() if k != "sql"} for m in measured}
    figures["deadline_scan"] = deadline_scan()
    pending = dict(PENDING)
    beschikking = measure_beschikking(iterations=iterations)
    if beschikking is None:
        pending["beschikking"] = "no case in its inburgeringstermijn to issue a beschikking for"
    else:
        figures["beschikking"] = beschikking
    return {
        "pages": measured,
        "figures": figures,
        "not_measured": pending,
    }


def deadline_scan() -> dict:
    """The nightly recompute over all cases, then a second run that must write nothing.

    The generator writes no Deadline rows, so the first scan after generation writes them all;
    on a reused database the first scan of this run only writes what changed since.
    """
    import time
    from dataclasses import asdict

    from cases.deadline_services import deadlines_recompute

    t0 = time.perf_counter()
    first = deadlines_recompute()
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = deadlines_recompute()
    second_seconds = time.perf_counter() - t0

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
        "floor_seconds": None,
        "ratio": None,
    }
