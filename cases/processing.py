"""Processing log in the spirit of the Logboek Dataverwerkingen standard.

Each request (or task) has a trace id; every processing writes one line per data subject it
touched, with the processing activity from the register, and no user identity. The audit
event of the same processing carries the same trace id, so the two can be joined by whoever
is entitled to (the privacy officer), while the processing log alone does not say who acted.
"""

import contextvars
import uuid
from collections.abc import Iterable

from django.utils import timezone

from .models import ProcessingActivity, ProcessingLogLine

_trace_id: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "hbel_trace_id", default=None
)

CASE_MANAGEMENT = "dossierbeheer"
PRIVACY = "privacy"

_WI = "Wet inburgering 2021 (art. 14-18) en AVG art. 6 lid 1 sub e"
_RETENTION = "10 jaar na afsluiten van het dossier"

# The register of processing activities: code → (name, purpose, legal basis, retention).
# Apps add theirs with `register_activity` in their audit.py (one per legal task). The row is
# created on first use and its texts can be edited in the admin by the functioneel beheerder.
ACTIVITIES: dict[str, tuple[str, str, str, str]] = {
    CASE_MANAGEMENT: (
        "Dossierbeheer inburgering",
        "Begeleiden van de inburgeraar en bijhouden van het dossier.",
        _WI,
        _RETENTION,
    ),
    PRIVACY: (
        "Toezicht en AVG-verzoeken",
        "Controle op rechtmatige toegang en het beantwoorden van inzageverzoeken.",
        "AVG art. 5 lid 2, art. 15 en art. 32",
        _RETENTION,
    ),
}


def register_activity(code: str, name: str, purpose: str, legal_basis: str = _WI) -> None:
    ACTIVITIES[code] = (name, purpose, legal_basis, _RETENTION)


def begin_trace(trace_id: uuid.UUID | None = None) -> contextvars.Token:
    return _trace_id.set(trace_id or uuid.uuid4())


def end_trace(token: contextvars.Token) -> None:
    _trace_id.reset(token)


def current_trace_id() -> uuid.UUID:
    """The trace id of this request or task; one is started when none is running."""
    trace_id = _trace_id.get()
    if trace_id is None:
        trace_id = uuid.uuid4()
        _trace_id.set(trace_id)
    return trace_id


def activity_for(code: str) -> ProcessingActivity:
    name, purpose, legal_basis, retention = ACTIVITIES[code]
    activity, _ = ProcessingActivity.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "purpose": purpose,
            "legal_basis": legal_basis,
            "retention": retention,
        },
    )
    return activity


def record(
    *,
    activity: str,
    subject_ids: Iterable[int],
    operation: str = ProcessingLogLine.Operation.READ,
    trace_id: uuid.UUID | None = None,
) -> int:
    """Write one line per distinct data subject: one INSERT whatever their number.

    The activity is looked up inside that INSERT (by its code) rather than in a query of its
    own: every page view writes these lines, and the extra SELECT plus the transaction around
    bulk_create were three of the caseload's round trips (`make bench`, issue 8). Only when the
    register row does not exist yet (first use) is it created and the INSERT repeated.
    """
    subject_ids = list(dict.fromkeys(i for i in subject_ids if i is not None))
    if not subject_ids:
        return 0
    trace_id = trace_id or current_trace_id()
    if not _insert_lines(activity, subject_ids, operation, trace_id):
        activity_for(activity)
        _insert_lines(activity, subject_ids, operation, trace_id)
    return len(subject_ids)


def _insert_lines(code: str, subject_ids: list[int], operation: str, trace_id) -> int:
    """INSERT … SELECT joining the register row with the subjects; returns the rows written."""
    from django.db import connections, router

    alias = router.db_for_write(ProcessingLogLine)
    connection = connections[alias]
    meta = ProcessingLogLine._meta
    qn = connection.ops.quote_name

    def column(name):
        return qn(meta.get_field(name).column)

    prepared_trace = meta.get_field("trace_id").get_db_prep_save(trace_id, connection)
    prepared_now = meta.get_field("timestamp").get_db_prep_save(timezone.now(), connection)
    subjects = ", ".join(["(%s)"] * len(subject_ids))
    activity_table = qn(ProcessingActivity._meta.db_table)
    # Identifiers come from the model's meta; every value is a parameter.
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({column('trace_id')}, {column('activity')}, "  # noqa: S608
        f"{column('inburgeraar_id')}, {column('operation')}, {column('timestamp')}) "
        f"SELECT %s, a.{qn('id')}, s.column1, %s, %s "
        f"FROM {activity_table} a CROSS JOIN (VALUES {subjects}) AS s "
        f"WHERE a.{qn('code')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prepared_trace, operation, prepared_now, *subject_ids, code])
        return cursor.rowcount


def ensure_activities(**kwargs) -> None:
    """Create the register rows of every known activity (after migrate)."""
    from . import audit  # noqa: F401  registers the activities audit functions use

    for code in list(ACTIVITIES):
        activity_for(code)
