"""Audit events: one function per event type (STYLE.md, 'Audit in the same transaction').

Every event carries the trace id of its request, and every event that touches personal data
writes one processing-log line per person (cases.processing). Call the change events inside
the service's atomic block. Reads of personal data are logged from the view layer.
No personal data goes into an event beyond internal ids.
"""

import logging
from collections.abc import Iterable

from . import processing
from .models import AuditEvent, FieldChange, ProcessingLogLine

logger = logging.getLogger("hbel.audit")

PURPOSE_CASE_MANAGEMENT = "uitvoering Wet inburgering 2021"
PURPOSE_PRIVACY = "toezicht en AVG"

Op = ProcessingLogLine.Operation
LEERROUTE = "leerroute"

processing.register_activity(
    LEERROUTE,
    "Leerroute",
    "Aanmelden bij en volgen van de leerroute bij de taalaanbieder (DLP, voortgang, examens).",
)


def _origin(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


def _write(
    *,
    action: str,
    actor,
    result: str = AuditEvent.Result.OK,
    request=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    inburgeraar_id: int | None = None,
    subjects: Iterable[int] = (),
    operation: str = Op.READ,
    activity: str = processing.CASE_MANAGEMENT,
    purpose: str = PURPOSE_CASE_MANAGEMENT,
) -> AuditEvent:
    trace_id = processing.current_trace_id()
    event = AuditEvent.objects.create(
        actor=_actor(actor),
        action=action,
        object_type=obj._meta.model_name if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id[:64],
        inburgeraar_id=inburgeraar_id,
        result=result,
        origin=_origin(request),
        purpose=purpose,
        trace_id=trace_id,
    )
    subject_ids = [inburgeraar_id, *subjects] if inburgeraar_id else list(subjects)
    processing.record(
        activity=activity, subject_ids=subject_ids, operation=operation, trace_id=trace_id
    )
    return event


# --- reads -------------------------------------------------------------------------------


def case_viewed(
    *, request, inburgeraar, action="case_viewed", also=(), activity=processing.CASE_MANAGEMENT
):
    """A page or download showing one case; `also` are other people shown (household)."""
    return _write(
        action=action,
        actor=request.user,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        subjects=[p.pk for p in also],
        activity=activity,
    )


def caseload_viewed(*, request, inburgeraars):
    """A list page: one event, one processing line per person on the page."""
    return _write(
        action="caseload_viewed",
        actor=request.user,
        request=request,
        object_type="inburgeraar",
        subjects=[p.pk for p in inburgeraars],
    )


def deadline_notice_handled(*, notice, by, request=None):
    """A consultant marked a deadline notice (termijnmelding) as handled."""
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
        request=request,
    )


# --- writes ------------------------------------------------------------------------------


def case_created(*, inburgeraar, by, request=None):
    return _write(
        action="case_created",
        actor=by,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.CREATE,
    )


def case_updated(*, inburgeraar, by, changes: dict[str, tuple[str, str]], request=None):
    """An update, with the history of each changed field (old and new value)."""
    event = _write(
        action="case_updated",
        actor=by,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.UPDATE,
    )
    field_changes(obj=inburgeraar, inburgeraar_id=inburgeraar.pk, by=by, changes=changes)
    return event


def field_changes(*, obj, inburgeraar_id: int, by, changes: dict[str, tuple[str, str]]) -> None:
    """Keep the history of changed fields; any app's service may call this for its models."""
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


def phase_changed(*, inburgeraar, by, request=None):
    return _write(
        action="phase_changed",
        actor=by,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.UPDATE,
    )


def handed_over(*, inburgeraar, by, request=None):
    return _write(
        action="case_handed_over",
        actor=by,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.UPDATE,
    )


def case_purged(*, inburgeraar_id: int, by=None):
    """Retention: the case is gone; the event keeps only its former internal id."""
    return _write(
        action="case_purged",
        actor=by,
        object_type="inburgeraar",
        object_id=str(inburgeraar_id),
        inburgeraar_id=inburgeraar_id,
        operation=Op.DELETE,
        purpose="bewaartermijn verstreken",
    )


def leerroute_changed(*, inburgeraar, obj, by, action: str, request=None):
    """An enrolment event of the leerroute (REQ L-04 … L-06): action names what happened,
    e.g. enrolment_created, enrolment_registered_dlp, progress_report_recorded."""
    return _write(
        action=action,
        actor=by,
        request=request,
        obj=obj,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.UPDATE,
        activity=LEERROUTE,
    )


# --- exports and privacy -----------------------------------------------------------------


def audit_viewed(*, request, inburgeraar=None):
    """The privacy officer looked at the audit trail (of one case, or a search)."""
    return _write(
        action="audit_viewed",
        actor=request.user,
        request=request,
        obj=inburgeraar,
        object_type="auditevent",
        inburgeraar_id=inburgeraar.pk if inburgeraar else None,
        activity=processing.PRIVACY,
        purpose=PURPOSE_PRIVACY,
    )


def audit_exported(*, request, rows: int):
    return _write(
        action="audit_exported",
        actor=request.user,
        request=request,
        object_type="auditevent",
        object_id=f"{rows} regels",
        operation=Op.EXPORT,
        activity=processing.PRIVACY,
        purpose=PURPOSE_PRIVACY,
    )


def inzage_exported(*, request, inburgeraar):
    """AVG art. 15: everything held about one person, handed out in one export."""
    return _write(
        action="avg_inzage_exported",
        actor=request.user,
        request=request,
        obj=inburgeraar,
        inburgeraar_id=inburgeraar.pk,
        operation=Op.EXPORT,
        activity=processing.PRIVACY,
        purpose="AVG art. 15 inzageverzoek",
    )


# --- authentication and refusals ----------------------------------------------------------


def login_event(*, request, user, action: str):
    """login, logout, login_failed, login_locked, mfa_verified, mfa_failed, mfa_enrolled."""
    result = (
        AuditEvent.Result.DENIED
        if action in {"login_failed", "login_locked", "mfa_failed"}
        else AuditEvent.Result.OK
    )
    return _write(
        action=action,
        actor=user,
        result=result,
        request=request,
        object_type="user",
        object_id=str(user.pk) if getattr(user, "pk", None) else "",
        purpose="authenticatie",
    )


def access_denied(*, request, object_type: str, object_ref: str):
    """A request for an object outside the user's scope (answered with 404)."""
    event = _write(
        action="access_denied",
        actor=request.user,
        result=AuditEvent.Result.DENIED,
        request=request,
        object_type=object_type,
        object_id=object_ref,
    )
    logger.warning(
        "access denied: user=%s object_type=%s event=%s",
        getattr(request.user, "pk", None),
        object_type,
        event.pk,
    )
    return event


# --- PIP and beschikking (pip_plans) ------------------------------------------------------
# Writes in the PIP of one case, logged under the processing activity "pip_vaststellen"
# (registered by pip_plans). Reads of PIP pages use `case_viewed(action=..., activity=...)`.

PIP_ACTIVITY = "pip_vaststellen"


def _pip_write(*, action, inburgeraar_id, by, obj, request=None, operation=Op.UPDATE):
    return _write(
        action=action,
        actor=by,
        request=request,
        obj=obj,
        inburgeraar_id=inburgeraar_id,
        operation=operation,
        activity=PIP_ACTIVITY,
    )


def pip_draft_started(*, version, inburgeraar_id, by, request=None):
    return _pip_write(
        action="pip_draft_started",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=version,
        request=request,
        operation=Op.CREATE,
    )


def pip_draft_updated(*, version, inburgeraar_id, by, request=None):
    return _pip_write(
        action="pip_draft_updated",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=version,
        request=request,
    )


def pip_draft_discarded(*, version, inburgeraar_id, by, request=None):
    return _pip_write(
        action="pip_draft_discarded",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=version,
        request=request,
    )


def pip_established(*, version, inburgeraar_id, by, request=None):
    return _pip_write(
        action="pip_established", inburgeraar_id=inburgeraar_id, by=by, obj=version, request=request
    )


def beschikking_rendered(*, beschikking, inburgeraar_id):
    """The PDF was made from the snapshot (by a worker or at the first download)."""
    return _pip_write(
        action="beschikking_rendered",
        inburgeraar_id=inburgeraar_id,
        by=None,
        obj=beschikking,
        operation=Op.CREATE,
    )


def beschikking_made_known(*, beschikking, inburgeraar_id, by, request=None):
    return _pip_write(
        action="beschikking_made_known",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=beschikking,
        request=request,
    )


def beschikking_exported(*, beschikking, inburgeraar_id, by=None):
    """An operator wrote a stored PDF to a file (management command render_beschikking)."""
    return _pip_write(
        action="beschikking_exported",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=beschikking,
        operation=Op.EXPORT,
    )


def progress_talk_recorded(*, talk, inburgeraar_id, by, request=None):
    return _pip_write(
        action="progress_talk_recorded",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=talk,
        request=request,
        operation=Op.CREATE,
    )


def term_extension_recorded(*, extension, inburgeraar_id, by, request=None):
    return _pip_write(
        action="term_extension_recorded",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=extension,
        request=request,
    )


def duo_registration_done(*, registration, inburgeraar_id, by, request=None):
    return _pip_write(
        action="duo_registration_done",
        inburgeraar_id=inburgeraar_id,
        by=by,
        obj=registration,
        request=request,
    )


def case_list_viewed(*, request, action: str, inburgeraar_ids, activity=processing.CASE_MANAGEMENT):
    """A worklist of another app: one event, one processing line per person on the page."""
    return _write(
        action=action,
        actor=request.user,
        request=request,
        object_type="inburgeraar",
        subjects=inburgeraar_ids,
        activity=activity,
    )


# --------------------------------------------------------------------------- intake app
# Brede intake and leerbaarheidstoets (intake/). No content goes into an event: a health note
# (REQ I-08) must never reach the audit trail, the processing log or a log line.

BREDE_INTAKE = "brede_intake"
LEERBAARHEIDSTOETS = "leerbaarheidstoets"

processing.register_activity(
    BREDE_INTAKE,
    "Brede intake",
    "In kaart brengen van de mogelijkheden, belemmeringen en wensen van de inburgeraar op de "
    "levensdomeinen, als basis voor het PIP (uitnodigingen, gesprekken, verslag).",
    "Wet inburgering 2021 art. 14 en AVG art. 6 lid 1 sub e; gezondheid: AVG art. 9 lid 2 sub g",
)
processing.register_activity(
    LEERBAARHEIDSTOETS,
    "Leerbaarheidstoets",
    "Plannen en afnemen van de leerbaarheidstoets en vastleggen van de uitslag, als basis voor "
    "het advies over de leerroute.",
    "Wet inburgering 2021 art. 14 lid 5-6 en AVG art. 6 lid 1 sub e",
)


def intake_viewed(*, request, inburgeraar, special_category: bool = False):
    """A page of the brede intake was shown; `special_category` when it showed health data."""
    return case_viewed(
        request=request,
        inburgeraar=inburgeraar,
        action="intake_special_viewed" if special_category else "intake_viewed",
        activity=BREDE_INTAKE,
    )


def toets_viewed(*, request, inburgeraar):
    return case_viewed(
        request=request, inburgeraar=inburgeraar, action="toets_viewed", activity=LEERBAARHEIDSTOETS
    )


def planning_viewed(*, request, kind: str, inburgeraar_ids: Iterable[int]):
    """A planning list: one event, one processing line per person on it (names, no content)."""
    return case_list_viewed(
        request=request,
        action=f"{kind}_planning_viewed",
        inburgeraar_ids=list(inburgeraar_ids),
        activity=BREDE_INTAKE if kind == "intake" else LEERBAARHEIDSTOETS,
    )


def _intake_change(action, *, obj, inburgeraar_id, by, request=None, created=False, toets=False):
    return _write(
        action=action,
        actor=by,
        request=request,
        obj=obj,
        inburgeraar_id=inburgeraar_id,
        operation=Op.CREATE if created else Op.UPDATE,
        activity=LEERBAARHEIDSTOETS if toets else BREDE_INTAKE,
    )


def intake_conversation_saved(*, conversation, inburgeraar, by, created=False, request=None):
    return _intake_change(
        "intake_conversation_saved",
        obj=conversation,
        inburgeraar_id=inburgeraar.pk,
        by=by,
        request=request,
        created=created,
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
        "toets_updated",
        obj=toets,
        inburgeraar_id=toets.inburgeraar_id,
        by=by,
        request=request,
        toets=True,
    )


def toets_session_saved(*, session, inburgeraar, by, created=False, request=None):
    return _intake_change(
        "toets_session_saved",
        obj=session,
        inburgeraar_id=inburgeraar.pk,
        by=by,
        request=request,
        created=created,
        toets=True,
    )


def toets_result_recorded(*, toets, by, request=None):
    return _intake_change(
        "toets_result_recorded",
        obj=toets,
        inburgeraar_id=toets.inburgeraar_id,
        by=by,
        request=request,
        toets=True,
    )
