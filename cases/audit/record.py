"""Writing audit events (STYLE.md, 'Audit in the same transaction').

Every event carries the trace id of its request, and every event that touches personal data
writes one processing-log line per person (cases.processing) under the activity its
declaration names. Call change events inside the service's atomic block (the unit of work in
`cases.kit` does); reads of personal data are logged by the view kit. No personal data goes
into an event beyond internal ids.
"""

from collections.abc import Iterable

from .. import processing
from ..client_address import client_address
from ..models import AuditEvent, FieldChange
from .vocabulary import action as declared_action


def _origin(request) -> str | None:
    if request is None:
        return None
    return client_address(request)  # the client behind the trusted proxies (issue 22)


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def record(
    code: str,
    *,
    actor=None,
    request=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    inburgeraar_id: int | None = None,
    subjects: Iterable[int] = (),
    result: str | None = None,
    operation: str | None = None,
) -> AuditEvent:
    """Write one audit event of a declared code (refused otherwise) and its processing lines.

    `actor` defaults to the request's user; `obj` names the object (its model and id);
    `inburgeraar_id` and `subjects` are the people touched (one processing line each);
    `operation` overrides the declared one where one code covers a create and an update.
    """
    declared = declared_action(code)
    if actor is None and request is not None:
        actor = request.user
    trace_id = processing.current_trace_id()
    event = AuditEvent.objects.create(
        actor=_actor(actor),
        action=code,
        object_type=obj._meta.model_name if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id[:64],
        inburgeraar_id=inburgeraar_id,
        result=result or declared.result,
        origin=_origin(request),
        purpose=declared.purpose,
        trace_id=trace_id,
    )
    subject_ids = [inburgeraar_id, *subjects] if inburgeraar_id else list(subjects)
    processing.record(
        activity=declared.activity,
        subject_ids=subject_ids,
        operation=operation or declared.operation,
        trace_id=trace_id,
    )
    return event


def record_read(code: str, *, request, inburgeraar, also=()) -> AuditEvent:
    """A page or download showing one case; `also` are other people shown (household)."""
    return record(
        code,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        subjects=[p.pk for p in also],
    )


def record_list(code: str, *, request, inburgeraar_ids: Iterable[int]) -> AuditEvent:
    """A list page: one event, one processing line per person on the page."""
    return record(code, request=request, object_type="inburgeraar", subjects=list(inburgeraar_ids))


def field_changes(*, obj, inburgeraar_id: int, by, changes: dict[str, tuple[str, str]]) -> None:
    """Keep the history of changed fields (old and new value) of any app's model."""
    if not changes:
        return
    FieldChange.objects.bulk_create(
        [
            FieldChange(
                inburgeraar_id=inburgeraar_id,
                object_type=obj._meta.model_name,
                object_id=str(obj.pk),
                field=field,
                old_value=old,
                new_value=new,
                changed_by=_actor(by),
                trace_id=processing.current_trace_id(),
            )
            for field, (old, new) in changes.items()
        ]
    )
