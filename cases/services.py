"""Writes of the case domain. Each service is one atomic block with its status row,
timeline event and audit event (STYLE.md, 'Services own the rules')."""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, timeline
from .bsn import BsnTaken, claim_bsn
from .constants import CLOSED_PHASES, Doelgroep, Phase, Role, TimelineKind
from .deadlines.services import deadlines_schedule_recompute
from .kit.change import case_change, model_update
from .models import Handover, Inburgeraar, StatusChange, User, validate_key_dates
from .workflow import (
    SERVICE_ONLY,
    SERVICE_ONLY_MESSAGE,
    TransitionNotAllowed,
    can_transition,
    closing_reason_problem,
    requires_closing_reason,
)

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "bsn",
    "given_names",
    "surname_prefix",
    "surname",
    "date_of_birth",
    "language",
    "interpreter_needed",
    "interpreter_language",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "doelgroep",
    "holds_asylum_permit",
    "duo_doelgroep",
    "gemeente",
    "household",
    "linked_on",
    "registered_on",
    "housed_on",
    "duo_notified_on",
)

# Fields that the deadline rules read (cases.deadlines.facts.case_facts); changing one recomputes.
DEADLINE_FACT_FIELDS = frozenset(
    {
        "doelgroep",
        "holds_asylum_permit",
        "date_of_birth",
        "linked_on",
        "registered_on",
        "housed_on",
        "duo_notified_on",
    }
)


def _check_key_dates(inburgeraar: Inburgeraar, today: date) -> None:
    """REQ C-02: refuse key dates that cannot be true together."""
    errors = validate_key_dates(
        doelgroep=inburgeraar.doelgroep,
        date_of_birth=inburgeraar.date_of_birth,
        linked_on=inburgeraar.linked_on,
        registered_on=inburgeraar.registered_on,
        housed_on=inburgeraar.housed_on,
        duo_notified_on=inburgeraar.duo_notified_on,
        today=today,
    )
    if errors:
        raise ValidationError(errors)


def _validate(inburgeraar: Inburgeraar, today: date) -> None:
    """Field, uniqueness and key-date checks against the given day (not the wall clock)."""
    if inburgeraar.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        inburgeraar.holds_asylum_permit = None  # REQ C-01: a question for asielstatushouders only
    errors: dict = {}
    for check in (
        lambda: inburgeraar.clean_fields(exclude=["consultant"]),
        # The BSN's uniqueness is claimed under a lock in the transaction (cases.bsn).
        lambda: inburgeraar.validate_unique(exclude=["bsn"]),
        lambda: _check_key_dates(inburgeraar, today),
    ):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def consultants_for_gemeente(gemeente_id: int):
    """Active consultants of the teams that serve a municipality (REQ C-03, C-05)."""
    return (
        User.objects.filter(
            is_active=True,
            groups__name=Role.CONSULTANT,
            team__gemeenten__id=gemeente_id,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def _check_consultant_serves(consultant: User, gemeente_id: int) -> None:
    if not consultants_for_gemeente(gemeente_id).filter(pk=consultant.pk).exists():
        raise ValidationError(
            {
                "consultant": _(
                    "Deze medewerker is geen integratieconsulent van een team dat deze "
                    "gemeente bedient."
                )
            }
        )


def _refuse_taken_bsn(taken: BsnTaken, *, by: User, request) -> None:
    """Another case holds the BSN (REQ C-07; issue 22, finding 3).

    A case the user may see is named as such. One outside the user's scope is not: the
    answer tells nothing about where the BSN is registered, the attempt is audited on that
    case (so its team lead sees it under "wie heeft dit dossier bekeken") and the functioneel
    beheerders are told to sort it out. Called after the transaction, so the audit event stays.
    """
    if Inburgeraar.objects.visible_to(by).filter(pk=taken.holder_id).exists():
        raise ValidationError(
            {"bsn": _("Er is al een dossier met dit BSN. Zoek het op via Zoeken op BSN.")}
        )
    event = audit.record(
        "case_bsn_taken",
        actor=by,
        request=request,
        object_type="inburgeraar",
        object_id=str(taken.holder_id),
        inburgeraar_id=taken.holder_id,
    )
    _tell_beheerders_bsn_taken(event)
    raise ValidationError(
        {
            "bsn": _(
                "Met dit BSN kunt u hier geen dossier vastleggen. De functioneel beheerder "
                "heeft uw aanvraag ontvangen en neemt contact met u op; u hoeft niets opnieuw "
                "in te voeren."
            )
        }
    )


def _tell_beheerders_bsn_taken(event) -> None:
    """An e-mail without personal data: the event's number, to look up in the audit log."""
    recipients = list(
        User.objects.filter(is_active=True, groups__name=Role.FUNCTIONEEL_BEHEERDER)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    body = _(
        "Een medewerker probeerde een dossier vast te leggen met een BSN dat al in een dossier "
        "buiten zijn of haar team staat. Beoordeel het dubbele dossier; zie het auditlog, "
        "gebeurtenis %(event)s: %(url)s"
    ) % {"event": event.pk, "url": f"{settings.SITE_URL}{reverse('privacy:audit-search')}"}
    try:
        send_mail(_("Dubbel BSN aangeboden"), body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        # The audit event is the record; a mail server outage must not turn it into a 500.
        logger.warning("bsn-taken mail not sent: event=%s", event.pk)


def inburgeraar_create(
    *, data: dict, consultant: User, by: User, request=None, today: date | None = None
) -> Inburgeraar:
    """Register a new inburgeraar (REQ C-01 … C-03, C-07). The case starts as 'gekoppeld'."""
    today = today or timezone.localdate()
    inburgeraar = Inburgeraar(consultant=consultant, phase=Phase.GEKOPPELD)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(inburgeraar, field, data[field])
    _validate(inburgeraar, today)
    _check_consultant_serves(consultant, inburgeraar.gemeente_id)
    try:
        return _create(inburgeraar, consultant=consultant, by=by, request=request)
    except BsnTaken as taken:
        _refuse_taken_bsn(taken, by=by, request=request)
        raise


def _create(inburgeraar: Inburgeraar, *, consultant: User, by: User, request) -> Inburgeraar:
    with transaction.atomic():
        claim_bsn(inburgeraar)
        try:
            with transaction.atomic():
                inburgeraar.save()
        except IntegrityError:
            # Only a race the lock cannot see (SQLite) gets here: the key is taken after all.
            claim_bsn(inburgeraar)
            raise
        StatusChange.objects.create(
            inburgeraar=inburgeraar,
            from_phase="",
            to_phase=Phase.GEKOPPELD,
            reason=_("Dossier aangemaakt"),
            changed_by=by,
        )
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=TimelineKind.CREATED,
            summary=_("Dossier aangemaakt; contactpersoon %(name)s.") % {"name": consultant},
            by=by,
        )
        audit.case_created(inburgeraar=inburgeraar, by=by, request=request)
        deadlines_schedule_recompute(inburgeraar.pk)  # REQ D: its deadlines start now
    return inburgeraar


def inburgeraar_update(
    *,
    inburgeraar: Inburgeraar,
    data: dict,
    by: User,
    request=None,
    today: date | None = None,
    allow_closed: bool = False,
) -> list[str]:
    """Change personal data and key dates (REQ C-02). Returns the names of changed fields.

    A closed case is refused, except for the functioneel beheerder's correction in the admin
    (`allow_closed`: a rectification, AVG art. 16, stays possible after closing)."""
    today = today or timezone.localdate()
    candidate = Inburgeraar.objects.get(pk=inburgeraar.pk)
    if data.get("doelgroep", candidate.doelgroep) != Doelgroep.ASIELSTATUSHOUDER:
        data = {**data, "holds_asylum_permit": None}  # REQ C-01: for asielstatushouders only
    changed = [f for f in EDITABLE_FIELDS if f in data and getattr(candidate, f) != data[f]]
    if not changed:
        return []
    for field in changed:
        setattr(candidate, field, data[field])
    _validate(candidate, today)
    if "gemeente" in changed:
        # A move to another municipality is REQ C-06, handled as its own act later; here the
        # municipality may only change within the consultant's teams (a registration error).
        _check_consultant_serves(candidate.consultant, candidate.gemeente_id)
    labels = [str(Inburgeraar._meta.get_field(f).verbose_name) for f in changed]
    try:
        change = _update(inburgeraar, data, changed, labels, by, request, today, allow_closed)
    except BsnTaken as taken:
        _refuse_taken_bsn(taken, by=by, request=request)
        raise
    for field in changed:
        setattr(inburgeraar, field, getattr(change.case, field))
    return changed


def _update(inburgeraar, data, changed, labels, by, request, today, allow_closed):
    with case_change(
        inburgeraar, by=by, request=request, today=today, allow_closed=allow_closed
    ) as change:
        if "bsn" in changed:
            claim_bsn(Inburgeraar(pk=inburgeraar.pk, bsn=data["bsn"]))
        history = model_update(change.case, data, fields=changed)
        change.timeline(
            TimelineKind.UPDATED,
            _("Gegevens gewijzigd: %(fields)s.") % {"fields": ", ".join(labels)},
        )
        change.audit("case_updated", changes=history)
        if DEADLINE_FACT_FIELDS.intersection(changed):
            change.facts_changed()  # REQ D: key dates changed
    return change


def inburgeraar_change_phase(
    *,
    inburgeraar: Inburgeraar,
    to_phase: str,
    by: User,
    reason: str = "",
    closing_reason: str = "",
    request=None,
    today: date | None = None,
    by_service: bool = False,
) -> StatusChange:
    """Move a case along the route (REQ C-04).

    A step in `workflow.SERVICE_ONLY` (into the inburgeringstermijn) is refused unless the
    service that makes its fact true asks for it (`by_service=True`): a phase creates no facts.

    Locks the row, checks the transition table, writes the StatusChange, the timeline event
    and the audit event in one transaction. A closed case is refused by the transition table
    (closed phases have no way out), so its message is the table's.
    """
    today = today or timezone.localdate()
    problem = closing_reason_problem(to_phase, closing_reason)
    if problem:
        raise ValidationError({"closing_reason": problem})
    with case_change(inburgeraar, by=by, request=request, today=today, allow_closed=True) as change:
        locked = change.case
        from_phase = locked.phase
        if not can_transition(from_phase, to_phase):
            raise TransitionNotAllowed(from_phase, to_phase)
        if (from_phase, to_phase) in SERVICE_ONLY and not by_service:
            raise ValidationError({"to_phase": _(SERVICE_ONLY_MESSAGE)})
        data = {"phase": to_phase}
        if requires_closing_reason(to_phase):
            data.update(closed_on=today, closing_reason=closing_reason)
        model_update(locked, data, fields=list(data))
        status_change = StatusChange.objects.create(
            inburgeraar=locked,
            from_phase=from_phase,
            to_phase=to_phase,
            reason=reason,
            changed_by=by,
        )
        change.timeline(
            TimelineKind.PHASE_CHANGED,
            _("Fase gewijzigd van %(old)s naar %(new)s.")
            % {"old": Phase(from_phase).label, "new": Phase(to_phase).label},
            detail=reason,
        )
        change.audit("phase_changed")
        # REQ D: closing ends every deadline (the phase itself is no fact, issue 12).
        change.facts_changed()
    for field in (*data, "updated_at"):
        setattr(inburgeraar, field, getattr(locked, field))
    return status_change


def inburgeraar_reopen(
    *, inburgeraar: Inburgeraar, by: User, reason: str, request=None, today: date | None = None
) -> StatusChange:
    """Issue 13: a case closed in error is reopened by the functioneel beheerder, to the phase
    it had before it was closed. Closed phases have no way out in the transition table (REQ
    C-04), so this is the one, audited, exception: the StatusChange, the timeline, the audit
    event and the field history (closing date and reason) are kept; deadlines recompute."""
    if not by.has_role(Role.FUNCTIONEEL_BEHEERDER) and not by.is_superuser:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom het dossier wordt heropend.")})
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today, allow_closed=True) as change:
        locked = change.case
        if not locked.is_closed:
            raise ValidationError(_("Dit dossier is niet gesloten."))
        closing = (
            StatusChange.objects.filter(inburgeraar=locked, to_phase=locked.phase)
            .order_by("-changed_at", "-id")
            .first()
        )
        if closing is None or closing.from_phase in CLOSED_PHASES:
            raise ValidationError(_("De fase van vóór het sluiten is niet bekend."))
        from_phase = locked.phase
        history = model_update(
            locked,
            {"phase": closing.from_phase, "closed_on": None, "closing_reason": ""},
            fields=["phase", "closed_on", "closing_reason"],
        )
        status_change = StatusChange.objects.create(
            inburgeraar=locked,
            from_phase=from_phase,
            to_phase=closing.from_phase,
            reason=reason.strip(),
            changed_by=by,
        )
        change.timeline(
            TimelineKind.PHASE_CHANGED,
            _("Dossier heropend door beheer: fase %(old)s terug naar %(new)s.")
            % {"old": Phase(from_phase).label, "new": Phase(closing.from_phase).label},
            detail=reason.strip(),
        )
        change.audit("case_reopened", changes=history)
        change.facts_changed()  # REQ D: the deadlines of an open case come back
    inburgeraar.phase = locked.phase
    inburgeraar.closed_on = None
    inburgeraar.closing_reason = ""
    return status_change


def inburgeraar_hand_over(
    *, inburgeraar: Inburgeraar, to_consultant: User, by: User, reason: str, request=None
) -> Handover:
    """REQ C-03: hand a case to another consultant as an explicit, logged act."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de overdracht.")})
    with case_change(inburgeraar, by=by, request=request) as change:
        locked = change.case
        if locked.consultant_id == to_consultant.pk:
            raise ValidationError(
                {"to_consultant": _("Dit dossier staat al op naam van deze consulent.")}
            )
        _check_consultant_serves(to_consultant, locked.gemeente_id)
        from_consultant = locked.consultant
        model_update(locked, {"consultant": to_consultant}, fields=["consultant"])
        handover = Handover.objects.create(
            inburgeraar=locked,
            from_consultant=from_consultant,
            to_consultant=to_consultant,
            reason=reason,
            handed_over_by=by,
        )
        change.timeline(
            TimelineKind.HANDED_OVER,
            _("Overgedragen van %(old)s aan %(new)s.")
            % {"old": from_consultant, "new": to_consultant},
            detail=reason,
        )
        change.audit("case_handed_over")
    inburgeraar.consultant = to_consultant
    return handover
