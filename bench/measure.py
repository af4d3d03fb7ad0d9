"""Everything measured against one database (run in a child process per database size)."""

from . import pages
from .beschikking import measure_beschikking


def measure_everything(meta: dict, *, iterations: int) -> dict:
    subjects = meta["subjects"]
    # The scan first: it starts from the generated state (no deadlines) and leaves the stored
    # deadlines and notices that the dashboard and the case lists read.
    scan = deadline_scan()
    measured = pages.measure_all(subjects, iterations=iterations)
    figures = {m["key"]: {k: v for k, v in m.items() if k != "sql"} for m in measured}
    figures["deadline_scan"] = scan
    pending = {}  # a figure that cannot be measured says why instead of being faked
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

    The generator writes no Deadline rows; every run first puts a reused database back in that
    state (`_reset_deadlines`), so the first scan evaluates and writes every case. The floor
    is one set-based SQL statement computing the due dates and states of the key-date rules
    (bench/scan_floor.py: 6 of the 15, aggregated, nothing written), measured right after on
    the same connection: a floor, not an equivalent of the scan.
    """
    import time
    from dataclasses import asdict

    from cases.deadlines.services import deadlines_recompute

    from .scan_floor import deadline_scan_floor

    _reset_deadlines()
    t0 = time.perf_counter()
    first = deadlines_recompute()
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    second = deadlines_recompute()
    second_seconds = time.perf_counter() - t0
    floor = deadline_scan_floor()
    _analyze()

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


def _reset_deadlines() -> None:
    """Back to the generated state: no deadlines, no notices, no scan bookkeeping on cases."""
    from django.db import connection, transaction

    from cases.constants import NO_DEADLINE_RANK
    from cases.models import Deadline, DeadlineNotice, Inburgeraar

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {Deadline._meta.db_table}, {DeadlineNotice._meta.db_table}"  # noqa: S608
        )
        Inburgeraar.objects.exclude(deadline_fingerprint="", next_deadline_due=None).update(
            next_deadline_code="",
            next_deadline_due=None,
            next_deadline_state="",
            next_deadline_rank=NO_DEADLINE_RANK,
            deadline_fingerprint="",
            deadlines_checked_on=None,
            deadlines_recheck_on=None,
        )
    _analyze()


def _analyze() -> None:
    """Fresh planner statistics after bulk changes, as autovacuum would give them (untimed)."""
    from django.db import connection

    from cases.models import Deadline, DeadlineNotice, Inburgeraar

    with connection.cursor() as cursor:
        for model in (Inburgeraar, Deadline, DeadlineNotice):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
