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
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import audit
from .constants import (
    ACTIVE_PHASES,
    CLOSED_PHASES,
    DEADLINE_URGENCY,
    NO_DEADLINE_RANK,
    DeadlineState,
    NoticeKind,
)
from .deadline_engine import Evaluation, collect_facts, evaluate, get_rule, rules, tracked_facts
from .models import (
    Deadline,
    DeadlineNotice,
    DeadlineScan,
    DeadlineSnapshot,
    Gemeente,
    Inburgeraar,
    User,
)

logger = logging.getLogger("hbel.deadlines")

CASE_FIELDS = (
    "pk",
    "gemeente_id",
    "next_deadline_code",
    "next_deadline_due",
    "next_deadline_state",
    "next_deadline_rank",
)
DEADLINE_FIELDS = ("requirement", "window_start", "due", "state", "met_on")


@dataclass
class RecomputeResult:
    """Counts of rows written by a recompute (zero everywhere on an idempotent rerun)."""

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
    return max(1, int(getattr(settings, "DEADLINES_SCAN_CHUNK_SIZE", 1000)))


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


class _Chunk:
    """One chunk of active cases: evaluate for one or more days, then write in bulk."""

    def __init__(self, rows: list[dict], days: Sequence[date], tracked: frozenset[str]):
        self.rows = rows
        self.ids = [row["pk"] for row in rows]
        self.days = list(days)
        facts = collect_facts(self.ids)
        # notice key → the first day it would have been signalled
        self.notices: dict[tuple[int, str, date, str], date] = {}
        # (day, gemeente_id) → [due_soon, overdue]
        self.counts: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0])
        self.final: dict[int, list[Evaluation]] = {}
        for row in rows:
            pk = row["pk"]
            for day in self.days:
                evaluations = evaluate(facts[pk], day, tracked=tracked)
                for result in evaluations:
                    if result.state == DeadlineState.DUE_SOON:
                        self.counts[(day, row["gemeente_id"])][0] += 1
                    elif result.state == DeadlineState.OVERDUE:
                        self.counts[(day, row["gemeente_id"])][1] += 1
                    else:
                        continue
                    self.notices.setdefault((pk, result.code, result.due, result.state), day)
                self.final[pk] = evaluations

    def write(self, today: date) -> RecomputeResult:
        result = RecomputeResult(cases=len(self.rows))
        with transaction.atomic():
            result.deadlines_written, result.deadlines_deleted = self._write_deadlines(today)
            result.cases_updated = self._write_next_deadlines()
            result.notices_created = self._write_notices()
        return result

    def _write_deadlines(self, today: date) -> tuple[int, int]:
        existing = {
            (row["inburgeraar_id"], row["code"]): row
            for row in Deadline.objects.filter(inburgeraar_id__in=self.ids).values(
                "inburgeraar_id", "code", *DEADLINE_FIELDS
            )
        }
        changed = []
        for pk, evaluations in self.final.items():
            for ev in evaluations:
                values = {
                    "requirement": ev.requirement,
                    "window_start": ev.window_start,
                    "due": ev.due,
                    "state": ev.state,
                    "met_on": ev.met_on,
                }
                old = existing.get((pk, ev.code))
                if old is not None and all(old[k] == v for k, v in values.items()):
                    continue
                changed.append(
                    Deadline(inburgeraar_id=pk, code=ev.code, computed_on=today, **values)
                )
        if changed:
            Deadline.objects.bulk_create(
                changed,
                update_conflicts=True,
                unique_fields=["inburgeraar", "code"],
                update_fields=[*DEADLINE_FIELDS, "computed_on"],
                batch_size=500,
            )
        registered = [rule.code for rule in rules()]
        stale = [key for key in existing if key[1] not in registered]
        deleted = 0
        if stale:
            deleted, _ = (
                Deadline.objects.filter(inburgeraar_id__in=self.ids)
                .exclude(code__in=registered)
                .delete()
            )
        return len(changed), deleted

    def _write_next_deadlines(self) -> int:
        changed = []
        for row in self.rows:
            code, due, state, rank = _next_deadline(self.final[row["pk"]])
            if (code, due, state, rank) == (
                row["next_deadline_code"],
                row["next_deadline_due"],
                row["next_deadline_state"],
                row["next_deadline_rank"],
            ):
                continue
            changed.append(
                Inburgeraar(
                    pk=row["pk"],
                    next_deadline_code=code,
                    next_deadline_due=due,
                    next_deadline_state=state,
                    next_deadline_rank=rank,
                )
            )
        if changed:
            Inburgeraar.objects.bulk_update(
                changed,
                [
                    "next_deadline_code",
                    "next_deadline_due",
                    "next_deadline_state",
                    "next_deadline_rank",
                ],
                batch_size=500,
            )
        return len(changed)

    def _write_notices(self) -> int:
        if not self.notices:
            return 0
        dues = {key[2] for key in self.notices}
        existing = set(
            DeadlineNotice.objects.filter(inburgeraar_id__in=self.ids, due__in=dues).values_list(
                "inburgeraar_id", "code", "due", "kind"
            )
        )
        new = [
            DeadlineNotice(
                inburgeraar_id=pk,
                code=code,
                requirement=get_rule(code).requirement,
                due=due,
                kind=NoticeKind(kind),
                signalled_on=day,
            )
            for (pk, code, due, kind), day in self.notices.items()
            if (pk, code, due, kind) not in existing
        ]
        # ignore_conflicts: a concurrent run that inserted the same notice first wins quietly.
        DeadlineNotice.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        return len(new)


def _active_case_chunks(inburgeraar_ids: Sequence[int] | None):
    """Active cases in chunks of DEADLINES_SCAN_CHUNK_SIZE, by keyset (no OFFSET)."""
    size = _chunk_size()
    base = Inburgeraar.objects.filter(phase__in=ACTIVE_PHASES).order_by("pk")
    if inburgeraar_ids is not None:
        ids = sorted(set(inburgeraar_ids))
        for start in range(0, len(ids), size):
            rows = list(base.filter(pk__in=ids[start : start + size]).values(*CASE_FIELDS))
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
    """Closed cases have no running deadlines: drop their rows and their next deadline."""
    result = RecomputeResult()
    closed = Inburgeraar.objects.filter(phase__in=CLOSED_PHASES)
    if inburgeraar_ids is not None:
        closed = closed.filter(pk__in=list(inburgeraar_ids))
    with transaction.atomic():
        result.deadlines_deleted, _ = Deadline.objects.filter(inburgeraar__in=closed).delete()
        result.cases_updated = closed.exclude(next_deadline_rank=NO_DEADLINE_RANK).update(
            next_deadline_code="",
            next_deadline_due=None,
            next_deadline_state="",
            next_deadline_rank=NO_DEADLINE_RANK,
        )
    return result


def deadlines_recompute(
    *, inburgeraar_ids: Sequence[int] | None = None, today: date | None = None
) -> RecomputeResult:
    """Recompute the stored deadlines of some cases (or all) for `today` (REQ D, issue 4).

    Bulk reads the facts, evaluates every rule, upserts the `Deadline` rows that changed,
    keeps the case's next deadline, and creates the notices for deadlines that are due soon or
    overdue. Idempotent: a second run writes nothing and returns zero counts.
    """
    today = today or timezone.localdate()
    tracked = tracked_facts()
    total = _clear_closed(inburgeraar_ids)
    for rows in _active_case_chunks(inburgeraar_ids):
        total.add(_Chunk(rows, [today], tracked).write(today))
    return total


def deadlines_schedule_recompute(inburgeraar_id: int) -> None:
    """Recompute one case's deadlines once the current transaction commits.

    Runs in-process: a web request never waits on the broker and never fails because of it.
    A failure is logged (case id only) and left to the nightly scan, which catches up.
    """

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
    days creates each missed notice exactly once, dated the day it would have been signalled,
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
    tracked = tracked_facts()
    counts: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0])
    for rows in _active_case_chunks(None):
        chunk = _Chunk(rows, days, tracked)
        for key, (soon, over) in chunk.counts.items():
            counts[key][0] += soon
            counts[key][1] += over
        result.add(chunk.write(today))
    gemeente_ids = list(Gemeente.objects.values_list("pk", flat=True))
    snapshots = [
        DeadlineSnapshot(
            day=day,
            gemeente_id=gemeente_id,
            due_soon=counts.get((day, gemeente_id), [0, 0])[0],
            overdue=counts.get((day, gemeente_id), [0, 0])[1],
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
    """The consultant marks a signal as handled. Returns False when it already was."""
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
            "Er is %(count)s nieuw termijnsignaal voor uw caseload.",
            "Er zijn %(count)s nieuwe termijnsignalen voor uw caseload.",
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
            _("- %(kind)s: %(title)s (REQ %(req)s), uiterste datum %(due)s.")
            % {
                "kind": NoticeKind(notice.kind).label,
                "title": title,
                "req": notice.requirement,
                "due": date_format(notice.due, "j F Y"),
            }
        )
        lines.append(
            "  "
            + _site_url(reverse("cases:detail", kwargs={"public_id": notice.inburgeraar.public_id}))
        )
    lines += [
        "",
        _("Alle signalen: %(url)s") % {"url": _site_url(reverse("cases:signals"))},
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
        signalled_on__lte=today,
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
                    "HBEL Inburgering: %(count)s nieuw termijnsignaal",
                    "HBEL Inburgering: %(count)s nieuwe termijnsignalen",
                    len(notices),
                ) % {"count": len(notices)}
                body = _digest_body(consultant, notices)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [consultant.email])
            DeadlineNotice.objects.filter(pk__in=[n.pk for n in notices]).update(
                digested_at=timezone.now()
            )
            sent += 1
    return sent
