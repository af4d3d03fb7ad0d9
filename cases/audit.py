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


def deadline_notice_handled(*, notice, by, request=None):
    """A consultant marked a deadline notice (signal) as handled."""
    return _write(
        action="deadline_notice_handled",
        actor=by,
        result=AuditEvent.Result.OK,
        request=request,
        obj=notice,
        inburgeraar_id=notice.inburgeraar_id,
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
