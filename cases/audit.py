"""Audit events: one function per event type (STYLE.md, 'Audit in the same transaction').

Call the change events inside the service's atomic block. Reads of personal data are logged
from the view layer (`cases.views.CaseAccessMixin`). No personal data goes into an event beyond
the case's internal id.
"""

import logging

from .models import AuditEvent

logger = logging.getLogger("hbel.audit")

PURPOSE_CASE_MANAGEMENT = "uitvoering Wet inburgering 2021"


def _origin(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _write(*, action, actor, result, request=None, obj=None, inburgeraar_id=None, purpose=""):
    object_type = obj._meta.model_name if obj is not None else ""
    object_id = str(obj.pk) if obj is not None else ""
    event = AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        inburgeraar_id=inburgeraar_id,
        result=result,
        origin=_origin(request),
        purpose=purpose or PURPOSE_CASE_MANAGEMENT,
    )
    return event


def case_viewed(*, request, inburgeraar, action="case_viewed"):
    return _write(
        action=action,
        actor=request.user,
        result=AuditEvent.Result.OK,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def case_created(*, inburgeraar, by, request=None):
    return _write(
        action="case_created",
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def case_updated(*, inburgeraar, by, request=None):
    return _write(
        action="case_updated",
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def phase_changed(*, inburgeraar, by, request=None):
    return _write(
        action="phase_changed",
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def handed_over(*, inburgeraar, by, request=None):
    return _write(
        action="case_handed_over",
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
    )


def case_search(*, request, by_bsn: bool):
    """A search is logged without its terms: a BSN or a name must not land in the log."""
    return _write(
        action="case_search_bsn" if by_bsn else "case_search",
        actor=request.user,
        result=AuditEvent.Result.OK,
        request=request,
    )


def access_denied(*, request, object_type: str, object_ref: str):
    """A request for an object outside the user's scope (answered with 404)."""
    event = AuditEvent.objects.create(
        actor=request.user if request.user.is_authenticated else None,
        action="access_denied",
        object_type=object_type,
        object_id=object_ref[:64],
        result=AuditEvent.Result.DENIED,
        origin=_origin(request),
        purpose=PURPOSE_CASE_MANAGEMENT,
    )
    logger.warning(
        "access denied: user=%s object_type=%s event=%s",
        getattr(request.user, "pk", None),
        object_type,
        event.pk,
    )
    return event


# --------------------------------------------------------------------------- intake app
# Brede intake and leerbaarheidstoets (intake/). No content goes into an event: a health note
# (REQ I-08) must never reach the audit trail or a log line.


def intake_viewed(*, request, inburgeraar, special_category: bool = False):
    """A page of the brede intake was shown; `special_category` when it showed health data."""
    return case_viewed(
        request=request,
        inburgeraar=inburgeraar,
        action="intake_special_viewed" if special_category else "intake_viewed",
    )


def toets_viewed(*, request, inburgeraar):
    return case_viewed(request=request, inburgeraar=inburgeraar, action="toets_viewed")


def planning_viewed(*, request, kind: str):
    """A planning list (names of several people, no case content) was shown."""
    return _write(
        action=f"{kind}_planning_viewed",
        actor=request.user,
        result=AuditEvent.Result.OK,
        request=request,
    )


def _intake_change(action, *, obj, inburgeraar_id, by, request=None):
    return _write(
        action=action,
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=obj,
        inburgeraar_id=inburgeraar_id,
    )


def intake_conversation_saved(*, conversation, inburgeraar, by, request=None):
    return _intake_change(
        "intake_conversation_saved",
        obj=conversation,
        inburgeraar_id=inburgeraar.pk,
        by=by,
        request=request,
    )


def intake_domains_saved(*, intake, by, request=None):
    return _intake_change(
        "intake_domains_saved",
        obj=intake,
        inburgeraar_id=intake.inburgeraar_id,
        by=by,
        request=request,
    )


def intake_updated(*, intake, by, request=None):
    return _intake_change(
        "intake_updated", obj=intake, inburgeraar_id=intake.inburgeraar_id, by=by, request=request
    )


def intake_completed(*, intake, by, request=None):
    return _intake_change(
        "intake_completed", obj=intake, inburgeraar_id=intake.inburgeraar_id, by=by, request=request
    )


def toets_updated(*, toets, by, request=None):
    return _intake_change(
        "toets_updated", obj=toets, inburgeraar_id=toets.inburgeraar_id, by=by, request=request
    )


def toets_session_saved(*, session, inburgeraar, by, request=None):
    return _intake_change(
        "toets_session_saved", obj=session, inburgeraar_id=inburgeraar.pk, by=by, request=request
    )


def toets_result_recorded(*, toets, by, request=None):
    return _intake_change(
        "toets_result_recorded",
        obj=toets,
        inburgeraar_id=toets.inburgeraar_id,
        by=by,
        request=request,
    )
