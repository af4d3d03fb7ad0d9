"""Fill a PostgreSQL database with N synthetic cases and their related rows (issue 8).

Rows go in with COPY (psycopg), table by table, through the per-app generators of
`bench.generators`; the database is then vacuumed and analysed so the planner sees the real
sizes. A small table `bench_meta` records what was generated (N, generator version, applied
migrations) so a later `make bench` reuses the database when it already holds the same thing.
"""

import hashlib
import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from . import generators

# Bump when a generator changes what it writes: a cached database is then regenerated.
GENERATOR_VERSION = 4
SEED = 20260101


@dataclass
class Context:
    """What generators share: the size, a seeded RNG, the cases in columns, a COPY helper."""

    n: int
    today: date
    now: datetime
    rng: random.Random
    raw: object  # the psycopg connection under Django's
    cases: dict[str, list] = field(default_factory=dict)
    consultants_by_team: dict[int, list[int]] = field(default_factory=dict)
    teamleads_by_team: dict[int, int] = field(default_factory=dict)
    gemeenten_by_team: dict[int, list[int]] = field(default_factory=dict)
    subjects: dict[str, object] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def copy_model(self, model, rows: Iterable[dict], *, with_pk: bool = False) -> int:
        """COPY dicts (attname → value) into a model's table.

        A field missing from a row gets its Django default (auto_now(_add) fields: now), so a
        generator keeps working when another app adds a column with a default. JSON values are
        prepared the way Django saves them. With `with_pk` the rows carry their own ids (so
        other rows can point at them without a round trip); otherwise the database numbers them.
        """
        fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        columns = [f.column for f in fields]
        fillers = []
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                fillers.append(lambda now=self.now: now)
            elif f.has_default() or f.null or not f.empty_strings_allowed:
                fillers.append(f.get_default)
            else:
                fillers.append(lambda: "")
        preps = [
            (lambda v, f=f: f.get_db_prep_save(v, connection))
            if f.get_internal_type() == "JSONField"
            else None
            for f in fields
        ]
        names = [f.attname for f in fields]

        def prepared():
            for row in rows:
                values = []
                for name, filler, prep in zip(names, fillers, preps, strict=True):
                    value = row[name] if name in row else filler()
                    values.append(prep(value) if prep else value)
                yield values

        return self.copy(model._meta.db_table, columns, prepared())

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        """COPY rows into a table; with an explicit `id` column the identity is moved past it."""
        written = 0
        with self.raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            if "id" in columns:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
        self.counts[table] = self.counts.get(table, 0) + written
        return written


def signature(n: int) -> dict:
    """What a cached database must match: N, generator version and the applied migrations."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = cursor.fetchall()
    digest = hashlib.sha256(json.dumps(migrations).encode()).hexdigest()[:16]
    return {
        "n": n,
        "generator_version": GENERATOR_VERSION,
        "generators": [r.app_label for r in generators.discover()],
        "migrations": digest,
    }


def stored_meta() -> dict | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT data FROM bench_meta WHERE id = 1")
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


def generate(n: int) -> dict:
    """Generate into the (freshly migrated, empty) database of DATABASE_URL; returns the meta."""
    started = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection
    raw.autocommit = True
    ctx = Context(
        n=n,
        today=timezone.localdate(),
        now=timezone.now(),
        rng=random.Random(SEED + n),
        raw=raw,
    )
    timings = {}
    for registration in generators.discover():
        t0 = time.perf_counter()
        with raw.transaction():
            registration.fn(ctx)
        timings[registration.app_label] = round(time.perf_counter() - t0, 1)
        print(f"  generated {registration.app_label:<16} {timings[registration.app_label]:6.1f} s")
    t0 = time.perf_counter()
    with raw.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_analyze"] = round(time.perf_counter() - t0, 1)
    meta = {
        **signature(n),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "seconds_by_step": timings,
        "rows": ctx.counts,
        "subjects": ctx.subjects,
    }
    with raw.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (id int PRIMARY KEY, data jsonb)")
        cursor.execute(
            "INSERT INTO bench_meta (id, data) VALUES (1, %s) "
            "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data",
            [json.dumps(meta)],
        )
    return meta
