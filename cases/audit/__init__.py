"""Audit trail: the mechanism (`declare`, `record`) and the events of `cases` itself.

Apps declare their own events in their `audit.py` (see `vocabulary`); `record()` refuses a
code nobody declared. The helpers of `cases` (case_viewed, access_denied, login_event …) are
re-exported here so call sites read `audit.case_viewed(...)`.
"""

from .events import (  # noqa: F401
    access_denied,
    audit_exported,
    audit_viewed,
    case_created,
    case_list_viewed,
    case_purged,
    case_search,
    case_updated,
    case_viewed,
    caseload_viewed,
    deadline_notice_handled,
    handed_over,
    inzage_exported,
    login_event,
    phase_changed,
)
from .objects import describe  # noqa: F401
from .record import field_changes, record, record_list, record_read  # noqa: F401
from .vocabulary import (  # noqa: F401
    ACTIONS,
    PURPOSE_CASE_MANAGEMENT,
    PURPOSE_PRIVACY,
    AuditAction,
    Op,
    UndeclaredAuditAction,
    declare,
    label_for,
)
from .vocabulary import choices as action_choices  # noqa: F401
