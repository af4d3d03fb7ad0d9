"""The floor of the nightly deadline scan: one set-based SQL statement (issue 8).

It computes, for every active case, the due date and the time-based state of the rules that
depend only on the case's own key dates, with PostgreSQL's interval arithmetic (which clamps
to the end of the month like the engine: 31 January + 1 month = 28/29 February):

- D-01 brede intake: koppeling (asielstatushouder) or BRP-inschrijving + 2 months;
- D-02 warme overdracht COA: koppeling + 2 months (asielstatushouders);
- D-03 leerbaarheidstoets: koppeling + 12 weeks (asielstatushouders);
- D-05 PIP: the later of DUO's notice and the BRP-inschrijving + 10 weeks, a Saturday or
  Sunday moved to the Monday (the Atw's feestdagen are left out of the floor);
- D-09 PVT: vestiging + 1 year; D-14 zelfredzaam: vestiging + 2 years.

State as if not met: overdue after the due date, due soon within the lead time (the engine's,
settings overrides included), else open.
The statement aggregates in the database (code, state, count), so the floor is the
computation over all cases, not the transfer of a million rows to Python. It is a floor,
not an equivalent: 6 of the registered rules (15), no facts from other tables (phase history,
PIP), no met dates, windows or feestdagen, no per-day catch-up, nothing written. It does
compute D-02, D-09 and D-14, which the engine stores as not applicable while no app records
the fact that meets them. tests/bench/test_scan_floor.py checks that it flags the same
cases as the engine for D-01, D-03 and D-05.
"""

import statistics
import time

from django.db import connection
from django.utils import timezone

from cases.constants import ACTIVE_PHASES
from cases.deadlines.engine import get_rule, lead_time_days, rules

FLOOR_RULES = (
    "brede_intake_gestart",
    "warme_overdracht_coa",
    "leerbaarheidstoets_afgenomen",
    "pip_vastgesteld",
    "pvt_ondertekend",
    "economisch_zelfredzaam",
)

FLOOR_SQL = """
WITH c AS (
    SELECT id,
           NULLIF(doelgroep, '') AS doelgroep,
           linked_on,
           registered_on,
           GREATEST(duo_notified_on, registered_on) AS pip_start,
           COALESCE(
               housed_on,
               CASE WHEN doelgroep IN ('gezinsmigrant', 'overige_migrant') THEN registered_on END
           ) AS vestiging
    FROM cases_inburgeraar
    WHERE phase = ANY(%(phases)s)
), due AS (
    SELECT r.code, r.due, r.lead
    FROM c
    CROSS JOIN LATERAL (VALUES
        ('brede_intake_gestart', CASE
            WHEN c.doelgroep = 'asielstatushouder' THEN (c.linked_on + interval '2 months')::date
            WHEN c.doelgroep IS NOT NULL THEN (c.registered_on + interval '2 months')::date
         END, %(lead_brede_intake_gestart)s::int),
        ('warme_overdracht_coa', CASE WHEN c.doelgroep = 'asielstatushouder'
            THEN (c.linked_on + interval '2 months')::date END, %(lead_warme_overdracht_coa)s::int),
        ('leerbaarheidstoets_afgenomen', CASE WHEN c.doelgroep = 'asielstatushouder'
            THEN c.linked_on + 84 END, %(lead_leerbaarheidstoets_afgenomen)s::int),
        ('pip_vastgesteld', c.pip_start + 70 + CASE EXTRACT(ISODOW FROM c.pip_start + 70)
            WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END, %(lead_pip_vastgesteld)s::int),
        ('pvt_ondertekend', (c.vestiging + interval '1 year')::date, %(lead_pvt_ondertekend)s::int),
        ('economisch_zelfredzaam', (c.vestiging + interval '2 years')::date,
            %(lead_economisch_zelfredzaam)s::int)
    ) AS r(code, due, lead)
)
SELECT code,
       CASE WHEN due IS NULL THEN 'open'
            WHEN %(today)s::date > due THEN 'overdue'
            WHEN %(today)s::date >= due - lead THEN 'due_soon'
            ELSE 'open' END AS state,
       count(*)
FROM due
GROUP BY 1, 2
"""


def floor_counts(*, today=None) -> dict[tuple[str, str], int]:
    """(code, state) → number of active cases, as the floor statement computes them."""
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL, _params(today))
        return {(code, state): number for code, state, number in cursor.fetchall()}


def _params(today) -> dict:
    params = {"phases": sorted(ACTIVE_PHASES), "today": today or timezone.localdate()}
    params |= {f"lead_{code}": lead_time_days(get_rule(code)) for code in FLOOR_RULES}
    return params


def deadline_scan_floor(*, repeat: int = 3, today=None) -> dict:
    """Median wall time of the floor statement over `repeat` runs (rows fetched)."""
    params = _params(today)
    samples, rows = [], []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            t0 = time.perf_counter()
            cursor.execute(FLOOR_SQL, params)
            rows = cursor.fetchall()
            samples.append(time.perf_counter() - t0)
    return {
        "seconds": round(statistics.median(samples), 3),
        "rules": sorted({row[0] for row in rows}),
        "rules_registered": len(rules()),
        "deadlines": sum(row[2] for row in rows),
    }
