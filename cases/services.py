"""Writes of the case domain. Each service is one atomic block with its status row,
timeline event and audit event (STYLE.md, 'Services own the rules')."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, timeline
from .constants import ClosingReason, Phase, Role, TimelineKind
from .deadlines.services import deadlines_schedule_recompute
from .models import Handover, Inburgeraar, StatusChange, User, validate_key_dates
from .workflow import TransitionNotAllowed, can_transition, requires_closing_reason

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
    "gemeente",
    "household",
    "linked_on",
    "registered_on",
    "housed_on",
    "duo_notified_on",
)

# Fields that the deadline rules read (cases.deadlines.facts.case_facts); changing one recomputes.
DEADLINE_FACT_FIELDS = frozenset(
    {"doelgroep", "date_of_birth", "linked_on", "registered_on", "housed_on", "duo_notified_on"}
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


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _validate(inburgeraar: Inburgeraar, today: date) -> None:
    """Field, uniqueness and key-date checks against the given day (not the wall clock)."""
    errors: dict = {}
    for check in (
        lambda: inburgeraar.clean_fields(exclude=["consultant"]),
        lambda: inburgeraar.validate_unique(),
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
    with transaction.atomic():
        inburgeraar.save()
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
    *, inburgeraar: Inburgeraar, data: dict, by: User, request=None, today: date | None = None
) -> list[str]:
    """Change personal data and key dates (REQ C-02). Returns the names of changed fields."""
    today = today or timezone.localdate()
    changed = []
    history: dict[str, tuple[str, str]] = {}
    for field in EDITABLE_FIELDS:
        if field in data and getattr(inburgeraar, field) != data[field]:
            history[field] = (_as_text(getattr(inburgeraar, field)), _as_text(data[field]))
            setattr(inburgeraar, field, data[field])
            changed.append(field)
    if not changed:
        return []
    _validate(inburgeraar, today)
    if "gemeente" in changed:
        # A move to another municipality is REQ C-06, handled as its own act later; here the
        # municipality may only change within the consultant's teams (a registration error).
        _check_consultant_serves(inburgeraar.consultant, inburgeraar.gemeente_id)
    labels = [str(Inburgeraar._meta.get_field(f).verbose_name) for f in changed]
    with transaction.atomic():
        inburgeraar.save(update_fields=[*changed, "updated_at"])
        timeline.add_event(
            inburgeraar=inburgeraar,
            kind=TimelineKind.UPDATED,
            summary=_("Gegevens gewijzigd: %(fields)s.") % {"fields": ", ".join(labels)},
            by=by,
        )
        audit.case_updated(inburgeraar=inburgeraar, by=by, changes=history, request=request)
        if DEADLINE_FACT_FIELDS.intersection(changed):
            deadlines_schedule_recompute(inburgeraar.pk)  # REQ D: key dates changed
    return changed


def inburgeraar_change_phase(
    *,
    inburgeraar: Inburgeraar,
    to_phase: str,
    by: User,
    reason: str = "",
    closing_reason: str = "",
    request=None,
    today: date | None = None,
) -> StatusChange:
    """Move a case along the route (REQ C-04).

    Locks the row, checks the transition table, writes the StatusChange, the timeline event
    and the audit event in one transaction.
    """
    today = today or timezone.localdate()
    if requires_closing_reason(to_phase) and closing_reason not in ClosingReason.values:
        raise ValidationError(
            {"closing_reason": _("Kies een reden van afsluiten bij het sluiten van een dossier.")}
        )
    with transaction.atomic():
        locked = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
        from_phase = locked.phase
        if not can_transition(from_phase, to_phase):
            raise TransitionNotAllowed(from_phase, to_phase)
        locked.phase = to_phase
        update_fields = ["phase", "updated_at"]
        if requires_closing_reason(to_phase):
            locked.closed_on = today
            locked.closing_reason = closing_reason
            update_fields += ["closed_on", "closing_reason"]
        locked.save(update_fields=update_fields)
        change = StatusChange.objects.create(
            inburgeraar=locked,
            from_phase=from_phase,
            to_phase=to_phase,
            reason=reason,
            changed_by=by,
        )
        timeline.add_event(
            inburgeraar=locked,
            kind=TimelineKind.PHASE_CHANGED,
            summary=_("Fase gewijzigd van %(old)s naar %(new)s.")
            % {"old": Phase(from_phase).label, "new": Phase(to_phase).label},
            detail=reason,
            by=by,
        )
        audit.phase_changed(inburgeraar=locked, by=by, request=request)
        # REQ D: the phase history is a source of facts, and closing ends every deadline.
        deadlines_schedule_recompute(locked.pk)
    for field in update_fields:
        setattr(inburgeraar, field, getattr(locked, field))
    return change


def inburgeraar_hand_over(
    *, inburgeraar: Inburgeraar, to_consultant: User, by: User, reason: str, request=None
) -> Handover:
    """REQ C-03: hand a case to another consultant as an explicit, logged act."""
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de overdracht.")})
    with transaction.atomic():
        locked = Inburgeraar.objects.select_for_update().get(pk=inburgeraar.pk)
        if locked.consultant_id == to_consultant.pk:
            raise ValidationError(
                {"to_consultant": _("Dit dossier staat al op naam van deze consulent.")}
            )
        _check_consultant_serves(to_consultant, locked.gemeente_id)
        from_consultant = locked.consultant
        locked.consultant = to_consultant
        locked.save(update_fields=["consultant", "updated_at"])
        handover = Handover.objects.create(
            inburgeraar=locked,
            from_consultant=from_consultant,
            to_consultant=to_consultant,
            reason=reason,
            handed_over_by=by,
        )
        timeline.add_event(
            inburgeraar=locked,
            kind=TimelineKind.HANDED_OVER,
            summary=_("Overgedragen van %(old)s aan %(new)s.")
            % {"old": from_consultant, "new": to_consultant},
            detail=reason,
            by=by,
        )
        audit.handed_over(inburgeraar=locked, by=by, request=request)
    inburgeraar.consultant = to_consultant
    return handover
