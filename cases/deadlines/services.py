"""Writes of the deadline domain: recompute, nightly scan, notices, digest (REQ D, issue 4).

Everything here is set-based: cases are handled in chunks, each chunk with a constant number of
queries (bulk read of facts, bulk upsert of `Deadline` rows, bulk insert of notices), never a
query per case. Everything is idempotent: a rerun writes nothing new, and the unique
constraint on (case, code, due date, kind) makes a notice impossible to create twice, also
when a worker dies halfway and the scan is retried.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import audit
from .. import calendar as atw
from ..constants import (
    ACTIVE_PHASES,
    CLOSED_PHASES,
    DEADLINE_URGENCY,
    NO_DEADLINE_RANK,
    DeadlineState,
    NoticeKind,
)
from ..dates import format_date
from ..models import (
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    Gemeente,
    Inburgeraar,
    User,
)
from .engine import (
    Evaluation,
    collect_facts,
    evaluate,
    facts_fingerprint,
    get_rule,
    rules,
    rules_fingerprint,
    tracked_facts,
)

logger = logging.getLogger("hbel.deadlines")

CASE_FIELDS = (
    "pk",
    "gemeente_id",
    "next_deadline_code",
    "next_deadline_due",
    "next_deadline_state",
    "next_deadline_rank",
    "deadline_fingerprint",
    "deadlines_checked_on",
    "deadlines_recheck_on",
)
DEADLINE_FIELDS = ("requirement", "window_start", "due", "state", "met_on")
NOTICE_STATE_VALUES = (DeadlineState.DUE_SOON.value, DeadlineState.OVERDUE.value)


@dataclass
class RecomputeResult:
    """Counts of rows written by a recompute (zero everywhere on an idempotent rerun).

    `cases` counts the active cases looked at; `cases_updated` the case rows written (their
    next deadline and the scan's bookkeeping), which only happens for a case that was
    evaluated: its facts changed, or a deadline of it can change state today.
    """

    cases: int = 0
    deadlines_written: int = 0
    deadlines_deleted: int = 0
    cases_updated: int = 0
    notices_created: int = 0

    def add(self, other: RecomputeResult) -> None:
        for name in RecomputeResult.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ScanResult(RecomputeResult):
    days: list[date] = field(default_factory=list)
    snapshots_written: int = 0


def _chunk_size() -> int:
    return max(1, int(getattr(settings, "DEADLINES_SCAN_CHUNK_SIZE", 5000)))


def _next_deadline(evaluations: Iterable[Evaluation]) -> tuple[str, date | None, str, int]:
    """The most urgent deadline with a due date: overdue, then due soon, then open."""
    best = None
    for result in evaluations:
        rank = DEADLINE_URGENCY.get(result.state)
        if rank is None or result.due is None:
            continue
        key = (rank, result.due, result.rule.sort_key)
        if best is None or key < best[0]:
            best = (key, result)
    if best is None:
        return ("", None, "", NO_DEADLINE_RANK)
    result = best[1]
    return (result.code, result.due, result.state, DEADLINE_URGENCY[result.state])


# ------------------------------------------------------------------------ bulk writes
# The ORM's bulk_create/bulk_update build an expression per value (bulk_update a CASE WHEN per
# column): profiled at ~70 % of the scan's time (issue 8). These write plain tuples instead:
# on PostgreSQL COPY into a temporary table, then one INSERT … ON CONFLICT / UPDATE … FROM;
# elsewhere (SQLite) one executemany.

_STAGES = {
    "deadline": (
        "inburgeraar_id bigint, code varchar(50), requirement varchar(10), window_start date, "
        "due date, state varchar(20), met_on date, computed_on date"
    ),
    "case": (
        "id bigint, next_deadline_code varchar(50), next_deadline_due date, "
        "next_deadline_state varchar(20), next_deadline_rank smallint, "
        "deadline_fingerprint varchar(32), deadlines_checked_on date, deadlines_recheck_on date"
    ),
    "notice": (
        "inburgeraar_id bigint, code varchar(50), requirement varchar(10), due date, "
        "kind varchar(20), raised_on date, created_at timestamptz"
    ),
}


def _columns(stage: str) -> list[str]:
    return [part.split()[0] for part in _STAGES[stage].split(", ")]


def _stage(cursor, stage: str, rows: list[tuple]) -> str:
    """COPY rows into a per-transaction temporary table (PostgreSQL). Returns its name."""
    name = f"hbel_scan_{stage}"
    cursor.execute(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {name} ({_STAGES[stage]}) ON COMMIT DELETE ROWS"
    )
    # Empty already after a commit; not when the scan runs inside an outer transaction.
    cursor.execute(f"TRUNCATE {name}")
    with cursor.copy(f"COPY {name} ({', '.join(_columns(stage))}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    return name


def _write_rows(stage: str, rows: list[tuple]) -> None:
    """Write staged tuples: upsert deadlines, update cases, insert notices (no duplicates)."""
    if not rows:
        return
    deadline_t = Deadline._meta.db_table
    case_t = Inburgeraar._meta.db_table
    notice_t = DeadlineNotice._meta.db_table
    cols = _columns(stage)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            source = _stage(cursor, stage, rows)
            select = f"SELECT {', '.join(cols)} FROM {source}"  # noqa: S608 (identifiers are constants)
            placeholders = None
        else:
            source = None
            placeholders = ", ".join(["%s"] * len(cols))
            select = f"VALUES ({placeholders})"
        if stage == "deadline":
            update = ", ".join(f"{c} = excluded.{c}" for c in cols[2:])
            sql = (
                f"INSERT INTO {deadline_t} ({', '.join(cols)}) {select} "
                f"{'WHERE true ' if source else ''}"
                f"ON CONFLICT (inburgeraar_id, code) DO UPDATE SET {update}"
            )
        elif stage == "notice":
            sql = (
                f"INSERT INTO {notice_t} ({', '.join(cols)}) {select} "
                f"{'WHERE true ' if source else ''}"
                "ON CONFLICT (inburgeraar_id, code, due, kind) DO NOTHING"
            )
        elif source:
            sets = ", ".join(f"{c} = s.{c}" for c in cols[1:])
            sql = f"UPDATE {case_t} AS c SET {sets} FROM {source} AS s WHERE c.id = s.id"  # noqa: S608
        else:
            sets = ", ".join(f"{c} = %s" for c in cols[1:])
            sql = f"UPDATE {case_t} SET {sets} WHERE id = %s"  # noqa: S608
            rows = [(*row[1:], row[0]) for row in rows]
        if source:
            cursor.execute(sql)
        else:
            cursor.executemany(sql, rows)


# The nightly scan reads the facts of a case only when they may have changed (see _Chunk); on
# top of that it compares the fingerprint of one case in DRIFT_CYCLE every night, so a fact
# changed outside the services (a data fix in the database) is caught within a week.
DRIFT_CYCLE = 7


def _may_have_changed(row: dict, first: date, last: date, rules_prefix: str) -> bool:
    """Whether the scan must read this case's facts (issue 8).

    Every service that changes a fact clears the case's fingerprint in its own transaction
    (`deadlines_schedule_recompute`), and the recompute after the commit stores the new one;
    a case whose recompute failed keeps an empty fingerprint until the scan evaluates it.
    """
    return (
        not row["deadline_fingerprint"].startswith(rules_prefix)
        or _state_may_change(row, first, last)
        or row["pk"] % DRIFT_CYCLE == last.toordinal() % DRIFT_CYCLE
    )


def _state_may_change(row: dict, first: date, last: date) -> bool:
    """Never evaluated, evaluated for a later day, or a deadline changes state in the days."""
    checked, recheck = row["deadlines_checked_on"], row["deadlines_recheck_on"]
    return checked is None or checked > first or (recheck is not None and recheck <= last)


class _Chunk:
    """One chunk of active cases: skip the unchanged, evaluate the rest, write in bulk.

    A case is evaluated only when its facts fingerprint differs from the stored one, or when a
    stored deadline can change state on one of the scanned days (`deadlines_recheck_on`), or
    when its stored outcome was computed for a later day than the first scanned one. Every
    other case keeps its stored rows as they are: they are what evaluating would give.

    Over all cases (`read_all=False`, the nightly scan) the facts are read only for the cases
    that `_may_have_changed`: collecting the facts of every case to compare fingerprints would
    cost most of a quiet night's scan. For given cases (`read_all=True`) they are always read.
    """

    def __init__(
        self,
        rows: list[dict],
        days: Sequence[date],
        tracked: frozenset[str],
        rules_digest: str,
        *,
        full: bool = False,
        read_all: bool = False,
    ):
        self.rows = rows
        self.days = list(days)
        first, last = self.days[0], self.days[-1]
        if not (full or read_all):
            prefix = rules_digest[:8]
            rows = [row for row in rows if _may_have_changed(row, first, last, prefix)]
        facts = collect_facts([row["pk"] for row in rows])
        # notice key → the first day it would have been raised
        self.notices: dict[tuple[int, str, date, str], date] = {}
        # (day, gemeente_id) → [due_soon, overdue], of the evaluated cases only
        self.counts: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0])
        self.final: dict[int, list[Evaluation]] = {}
        self.book: dict[int, tuple[str, date | None]] = {}
        self.evaluated: list[dict] = []
        for row in rows:
            pk = row["pk"]
            fingerprint = facts_fingerprint(facts[pk], rules_digest)
            if (
                not full
                and fingerprint == row["deadline_fingerprint"]
                and not _state_may_change(row, first, last)
            ):
                continue
            self.evaluated.append(row)
            gemeente_id = row["gemeente_id"]
            for day in self.days:
                evaluations = evaluate(facts[pk], day, tracked=tracked, details=False)
                for result in evaluations:
                    state = result.state
                    if state == DeadlineState.DUE_SOON:
                        self.counts[(day, gemeente_id)][0] += 1
                    elif state == DeadlineState.OVERDUE:
                        self.counts[(day, gemeente_id)][1] += 1
                    else:
                        continue
                    self.notices.setdefault((pk, result.code, result.due, state), day)
            self.final[pk] = evaluations
            changes = [r.next_change for r in evaluations if r.next_change is not None]
            self.book[pk] = (fingerprint, min(changes) if changes else None)

    def write(self, today: date) -> RecomputeResult:
        result = RecomputeResult(cases=len(self.rows))
        if not self.evaluated:
            return result
        with transaction.atomic():
            result.deadlines_written, result.deadlines_deleted = self._write_deadlines(today)
            result.cases_updated = self._write_cases(today)
            result.notices_created = self._write_notices()
        return result

    def _write_deadlines(self, today: date) -> tuple[int, int]:
        ids = list(self.final)
        existing = {
            (row[0], row[1]): row[2:]
            for row in Deadline.objects.filter(inburgeraar_id__any_of=ids).values_list(
                "inburgeraar_id", "code", *DEADLINE_FIELDS
            )
        }
        changed = []
        for pk, evaluations in self.final.items():
            for ev in evaluations:
                values = (ev.rule.requirement, ev.window_start, ev.due, ev.state, ev.met_on)
                if existing.get((pk, ev.rule.code)) == values:
                    continue
                changed.append((pk, ev.rule.code, *values, today))
        _write_rows("deadline", changed)
        registered = {rule.code for rule in rules()}
        deleted = 0
        if any(key[1] not in registered for key in existing):
            deleted, _ = (
                Deadline.objects.filter(inburgeraar_id__any_of=ids)
                .exclude(code__in=registered)
                .delete()
            )
        return len(changed), deleted

    def _write_cases(self, today: date) -> int:
        rows = [
            (
                row["pk"],
                *_next_deadline(self.final[row["pk"]]),
                self.book[row["pk"]][0],
                today,
                self.book[row["pk"]][1],
            )
            for row in self.evaluated
        ]
        _write_rows("case", rows)
        return len(rows)

    def _write_notices(self) -> int:
        if not self.notices:
            return 0
        ids = list(self.final)
        dues = {key[2] for key in self.notices}
        existing = set(
            DeadlineNotice.objects.filter(inburgeraar_id__any_of=ids, due__in=dues).values_list(
                "inburgeraar_id", "code", "due", "kind"
            )
        )
        now = timezone.now()
        new = [
            (pk, code, get_rule(code).requirement, due, kind, day, now)
            for (pk, code, due, kind), day in self.notices.items()
            if (pk, code, due, kind) not in existing
        ]
        # ON CONFLICT DO NOTHING: a concurrent run that inserted the same notice first wins.
        _write_rows("notice", new)
        return len(new)


def _active_case_chunks(inburgeraar_ids: Sequence[int] | None):
    """Active cases in chunks of DEADLINES_SCAN_CHUNK_SIZE, by keyset (no OFFSET)."""
    size = _chunk_size()
    base = Inburgeraar.objects.filter(phase__in=ACTIVE_PHASES).order_by("pk")
    if inburgeraar_ids is not None:
        ids = sorted(set(inburgeraar_ids))
        for start in range(0, len(ids), size):
            rows = list(base.filter(pk__any_of=ids[start : start + size]).values(*CASE_FIELDS))
            if rows:
                yield rows
        return
    last = 0
    while True:
        rows = list(base.filter(pk__gt=last).values(*CASE_FIELDS)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def _clear_closed(inburgeraar_ids: Sequence[int] | None) -> RecomputeResult:
    """Closed cases have no running deadlines: drop their rows and their next deadline.

    Their fingerprint goes too, so a case that is reopened is evaluated again.
    """
    result = RecomputeResult()
    closed = Inburgeraar.objects.filter(phase__in=CLOSED_PHASES)
    if inburgeraar_ids is not None:
        closed = closed.filter(pk__any_of=list(inburgeraar_ids))
    with transaction.atomic():
        result.deadlines_deleted, _ = Deadline.objects.filter(inburgeraar__in=closed).delete()
        result.cases_updated = closed.filter(
            ~Q(next_deadline_rank=NO_DEADLINE_RANK) | ~Q(deadline_fingerprint="")
        ).update(
            next_deadline_code="",
            next_deadline_due=None,
            next_deadline_state="",
            next_deadline_rank=NO_DEADLINE_RANK,
            deadline_fingerprint="",
            deadlines_checked_on=None,
            deadlines_recheck_on=None,
        )
    return result


def deadlines_recompute(
    *,
    inburgeraar_ids: Sequence[int] | None = None,
    today: date | None = None,
    full: bool = False,
) -> RecomputeResult:
    """Recompute the stored deadlines of some cases (or all) for `today` (REQ D, issue 4).

    Bulk reads the facts, evaluates every rule of each case whose facts changed or whose
    deadlines can change state today, upserts the `Deadline` rows that changed, keeps the
    case's next deadline, and creates the notices for deadlines that are due soon or overdue.
    Idempotent: a second run writes nothing and returns zero counts. `full=True` evaluates
    every case (after changing a helper function a rule calls, see `rules_fingerprint`).
    """
    today = today or timezone.localdate()
    if inburgeraar_ids is None or full:
        atw.reload()  # the equated days as they are now (REQ D-15), not as this process read them
    tracked = tracked_facts()
    digest = rules_fingerprint(tracked)
    total = _clear_closed(inburgeraar_ids)
    read_all = inburgeraar_ids is not None  # a few given cases: always read their facts
    for rows in _active_case_chunks(inburgeraar_ids):
        chunk = _Chunk(rows, [today], tracked, digest, full=full, read_all=read_all)
        total.add(chunk.write(today))
    return total


def deadlines_schedule_recompute(inburgeraar_id: int) -> None:
    """Recompute one case's deadlines once the current transaction commits; its facts changed.

    Runs in-process: a web request never waits on the broker and never fails because of it.
    A failure is logged (case id only) and left to the nightly scan, which catches up.
    """

    # The facts changed: the scan must not trust the stored fingerprint, even if the
    # recompute after the commit fails (issue 8, `_may_have_changed`).
    Inburgeraar.objects.filter(pk=inburgeraar_id).exclude(deadline_fingerprint="").update(
        deadline_fingerprint=""
    )

    def run():
        try:
            deadlines_recompute(inburgeraar_ids=[inburgeraar_id])
        except Exception:
            logger.exception(
                "deadline recompute failed for case id %s; the nightly scan will catch up",
                inburgeraar_id,
            )

    transaction.on_commit(run)


def deadlines_scan(*, today: date | None = None, catch_up_days: int | None = None) -> ScanResult:
    """The nightly scan: every active case, every rule, plus catch-up of missed days.

    The days since the last finished scan (at most `catch_up_days`, settings
    DEADLINES_CATCH_UP_DAYS) are replayed in order with today's facts, so a run after missed
    days creates each missed notice exactly once, dated the day it would have been raised,
    and fills the daily snapshots of the chart. The stored deadlines are written for `today`.
    A day counts as done only when the whole run finished; a run killed halfway is redone by
    the next one, harmlessly.
    """
    today = today or timezone.localdate()
    limit = catch_up_days or int(getattr(settings, "DEADLINES_CATCH_UP_DAYS", 31))
    last = DeadlineScan.objects.filter(finished_at__isnull=False, day__lt=today).aggregate(
        last=Max("day")
    )["last"]
    first = today if last is None else max(last + timedelta(days=1), today - timedelta(limit - 1))
    days = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    now = timezone.now()
    for day in days:
        DeadlineScan.objects.update_or_create(
            day=day, defaults={"started_at": now, "finished_at": None}
        )
    result = ScanResult(days=days)
    result.add(_clear_closed(None))
    atw.reload()  # the equated days as they are now (REQ D-15), not as this process read them
    tracked = tracked_facts()
    digest = rules_fingerprint(tracked)
    # Counts of the evaluated cases per (day, gemeente); the skipped ones keep their stored
    # states on every scanned day, so they are counted from the stored rows below.
    counts: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0])
    for rows in _active_case_chunks(None):
        chunk = _Chunk(rows, days, tracked, digest)
        for key, (soon, over) in chunk.counts.items():
            counts[key][0] += soon
            counts[key][1] += over
        result.add(chunk.write(today))
    # The stored rows now hold `today` for every active case: the evaluated ones' part of that
    # is counts[(today, g)], the rest holds on every scanned day.
    stored: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for gemeente_id, state, number in (
        Deadline.objects.filter(state__in=NOTICE_STATE_VALUES, inburgeraar__phase__in=ACTIVE_PHASES)
        .values_list("inburgeraar__gemeente_id", "state")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        stored[gemeente_id][NOTICE_STATE_VALUES.index(state)] += number
    gemeente_ids = list(Gemeente.objects.values_list("pk", flat=True))

    def count(day, gemeente_id):
        base, evaluated = stored[gemeente_id], counts.get((today, gemeente_id), [0, 0])
        on_day = counts.get((day, gemeente_id), [0, 0])
        return [base[i] - evaluated[i] + on_day[i] for i in (0, 1)]

    snapshots = [
        DeadlineSnapshot(
            day=day,
            gemeente_id=gemeente_id,
            due_soon=count(day, gemeente_id)[0],
            overdue=count(day, gemeente_id)[1],
        )
        for day in days
        for gemeente_id in gemeente_ids
    ]
    with transaction.atomic():
        DeadlineSnapshot.objects.bulk_create(
            snapshots,
            update_conflicts=True,
            unique_fields=["day", "gemeente"],
            update_fields=["due_soon", "overdue"],
            batch_size=500,
        )
        DeadlineScan.objects.filter(day__in=days).update(
            finished_at=timezone.now(),
            cases=result.cases,
            deadlines_written=result.deadlines_written,
            notices_created=result.notices_created,
        )
    result.snapshots_written = len(snapshots)
    logger.info(
        "deadline scan %s..%s: %s cases, %s deadlines written, %s notices",
        days[0],
        days[-1],
        result.cases,
        result.deadlines_written,
        result.notices_created,
    )
    return result


# ------------------------------------------------------------------------------ notices


def deadline_notice_handle(*, notice: DeadlineNotice, by: User, request=None) -> bool:
    """The consultant marks a notice as handled. Returns False when it already was."""
    with transaction.atomic():
        updated = DeadlineNotice.objects.filter(pk=notice.pk, handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=by
        )
        if updated:
            audit.deadline_notice_handled(notice=notice, by=by, request=request)
    notice.refresh_from_db(fields=["handled_at", "handled_by"])
    return bool(updated)


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _digest_body(consultant: User, notices: list[DeadlineNotice]) -> str:
    lines = [
        _("Beste %(name)s,") % {"name": consultant.get_full_name() or consultant.username},
        "",
        ngettext(
            "Er is %(count)s nieuw termijnmelding voor uw caseload.",
            "Er zijn %(count)s nieuwe termijnmeldingen voor uw caseload.",
            len(notices),
        )
        % {"count": len(notices)},
        _("Namen staan niet in deze e-mail; u ziet ze na inloggen."),
        "",
    ]
    for notice in notices:
        rule = get_rule(notice.code)
        title = str(rule.title) if rule else notice.code
        lines.append(
            _("- %(kind)s: %(title)s, uiterste datum %(due)s.")
            % {
                "kind": NoticeKind(notice.kind).label,
                "title": title,
                "due": format_date(notice.due),
            }
        )
        lines.append(
            "  "
            + _site_url(reverse("cases:detail", kwargs={"public_id": notice.inburgeraar.public_id}))
        )
    lines += [
        "",
        _("Alle meldingen: %(url)s") % {"url": _site_url(reverse("cases:notices"))},
        "",
        _("Dit is een automatisch bericht van HBEL Inburgering."),
    ]
    return "\n".join(lines)


def deadlines_send_digests(*, today: date | None = None) -> int:
    """The daily e-mail per consultant listing the new notices once (07:00, Celery beat).

    Per consultant, in one transaction: lock the undigested notices (skipping rows a parallel
    run holds), send, mark them digested. A crash before the commit leaves them for the next
    run. Notices of closed cases and handled notices are not mailed. Returns mails sent.
    """
    today = today or timezone.localdate()
    pending = DeadlineNotice.objects.filter(
        digested_at__isnull=True,
        handled_at__isnull=True,
        inburgeraar__phase__in=ACTIVE_PHASES,
        raised_on__lte=today,
    )
    consultant_ids = list(
        pending.values_list("inburgeraar__consultant_id", flat=True).distinct().order_by()
    )
    consultants = User.objects.in_bulk(consultant_ids)
    sent = 0
    for consultant_id in consultant_ids:
        consultant = consultants[consultant_id]
        if not consultant.email or not consultant.is_active:
            continue
        with transaction.atomic():
            notices = list(
                pending.filter(inburgeraar__consultant_id=consultant_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("inburgeraar")
                .order_by("kind", "due", "pk")
            )
            if not notices:
                continue
            with translation.override("nl"):
                subject = ngettext(
                    "HBEL Inburgering: %(count)s nieuw termijnmelding",
                    "HBEL Inburgering: %(count)s nieuwe termijnmeldingen",
                    len(notices),
                ) % {"count": len(notices)}
                body = _digest_body(consultant, notices)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [consultant.email])
            DeadlineNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                digested_at=timezone.now()
            )
            sent += 1
    return sent
