"""Intake conversations: planning one with a written invitation and recording how it went
(REQ I-03, I-09)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..audit import Op
from ..constants import CoaPresence, ConversationStatus, TimelineKind
from ..models import IntakeConversation
from .base import SOURCE, Outcome, _day, _raise, _sync, lock_intake, route_start
from .phase import advance_phase

CONVERSATION_FIELDS = (
    "status",
    "scheduled_on",
    "starts_at",
    "location",
    "consultant",
    "invitation_sent_on",
    "respond_by",
    "cooperated_insufficiently",
    "warning_sent_on",
    "coa_presence",
    "vluchtelingenwerk_present",
    "interpreter_language",
    "other_attendees",
    "held_alone",
    "notes",
    "cancel_reason",
)


def conversation_problems(*, case: Inburgeraar, data: dict, today: date) -> dict[str, str]:
    """REQ I-03, I-09: the dates and attendees of a conversation must tell a possible story;
    the invitation's term (Wi art. 14 lid 1), cooperation and the written warning agree."""
    errors: dict[str, str] = {}
    status = data.get("status") or ConversationStatus.PLANNED
    day = data.get("scheduled_on")
    if day is None:
        errors["scheduled_on"] = _("Vul de datum van het gesprek in.")
        return errors
    start = route_start(case)
    if start and day < start:
        errors["scheduled_on"] = _(
            "Het gesprek ligt vóór de koppeling of inschrijving (%(day)s)."
        ) % {"day": _day(start)}
    elif status == ConversationStatus.PLANNED and day < today:
        errors["scheduled_on"] = _(
            "Een gepland gesprek ligt vandaag of later. Leg een gesprek in het verleden vast "
            "als gehouden, niet verschenen of afgezegd."
        )
    elif status in (ConversationStatus.HELD, ConversationStatus.NO_SHOW) and day > today:
        errors["scheduled_on"] = _("Een gehouden of gemist gesprek kan niet in de toekomst liggen.")
    invitation = data.get("invitation_sent_on")
    if invitation and invitation > today:
        errors["invitation_sent_on"] = _("De uitnodiging kan niet in de toekomst verstuurd zijn.")
    elif invitation and invitation > day:
        errors["invitation_sent_on"] = _("De uitnodiging is verstuurd na de datum van het gesprek.")
    respond_by = data.get("respond_by")
    if respond_by and not invitation:
        errors["respond_by"] = _(
            "Een termijn hoort bij een schriftelijke uitnodiging: vul ook de datum van de "
            "uitnodiging in."
        )
    elif respond_by and invitation and respond_by < invitation:
        errors["respond_by"] = _("De termijn eindigt vóór de datum van de uitnodiging.")
    insufficient = bool(data.get("cooperated_insufficiently"))
    if insufficient and status != ConversationStatus.HELD:
        errors["cooperated_insufficiently"] = _(
            "Onvoldoende meewerken kan alleen bij een gesprek dat is gehouden; wie niet kwam, "
            "is niet verschenen."
        )
    failed = status == ConversationStatus.NO_SHOW or (
        status == ConversationStatus.HELD and insufficient
    )
    warning = data.get("warning_sent_on")
    if warning and not failed:
        errors["warning_sent_on"] = _(
            "Een schriftelijke waarschuwing volgt alleen op een gesprek waarop de inburgeraar "
            "niet is verschenen of onvoldoende heeft meegewerkt."
        )
    elif warning and (warning < day or warning > today):
        errors["warning_sent_on"] = _("De waarschuwing is verstuurd tussen het gesprek en vandaag.")
    elif warning and respond_by and status == ConversationStatus.NO_SHOW and warning <= respond_by:
        # Wi art. 14 lid 1: the warning follows when the person did not appear WITHIN the term.
        errors["warning_sent_on"] = _(
            "De termijn van de uitnodiging loopt tot en met %(day)s: de inburgeraar kan tot "
            "dan nog verschijnen. Een waarschuwing kan vanaf de dag daarna."
        ) % {"day": _day(respond_by)}
    if status == ConversationStatus.CANCELLED and not (data.get("cancel_reason") or "").strip():
        errors["cancel_reason"] = _("Geef de reden waarom het gesprek is afgezegd of verzet.")
    coa = data.get("coa_presence") or CoaPresence.ABSENT
    if coa != CoaPresence.ABSENT and case.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        errors["coa_presence"] = _("Het COA is alleen betrokken bij asielstatushouders.")
    if data.get("held_alone") and status != ConversationStatus.HELD:
        errors["held_alone"] = _("Alleen een gehouden gesprek kan een gesprek alleen zijn.")
    return errors


def _conversation_summary(conversation: IntakeConversation) -> str:
    day = _day(conversation.scheduled_on)
    status = conversation.status
    if status == ConversationStatus.PLANNED:
        if conversation.invitation_sent_on and conversation.respond_by:
            return _(
                "Intakegesprek gepland op %(day)s; schriftelijke uitnodiging verstuurd op "
                "%(sent)s, met een termijn tot en met %(until)s."
            ) % {
                "day": day,
                "sent": _day(conversation.invitation_sent_on),
                "until": _day(conversation.respond_by),
            }
        if conversation.invitation_sent_on:
            return _(
                "Intakegesprek gepland op %(day)s; schriftelijke uitnodiging verstuurd op %(sent)s."
            ) % {"day": day, "sent": _day(conversation.invitation_sent_on)}
        return _("Intakegesprek gepland op %(day)s.") % {"day": day}
    if status == ConversationStatus.HELD and conversation.cooperated_insufficiently:
        if conversation.warning_sent_on:
            return _(
                "Intakegesprek gehouden op %(day)s; onvoldoende meegewerkt. Schriftelijke "
                "waarschuwing verstuurd op %(sent)s."
            ) % {"day": day, "sent": _day(conversation.warning_sent_on)}
        return _("Intakegesprek gehouden op %(day)s; onvoldoende meegewerkt.") % {"day": day}
    if status == ConversationStatus.HELD:
        return _("Intakegesprek gehouden op %(day)s.") % {"day": day}
    if status == ConversationStatus.NO_SHOW:
        if conversation.warning_sent_on:
            return _(
                "Niet verschenen op het intakegesprek van %(day)s; schriftelijke waarschuwing "
                "verstuurd op %(sent)s."
            ) % {"day": day, "sent": _day(conversation.warning_sent_on)}
        return _("Niet verschenen op het intakegesprek van %(day)s.") % {"day": day}
    return _("Intakegesprek van %(day)s afgezegd of verzet.") % {"day": day}


def _attendees_line(conversation: IntakeConversation) -> str:
    """Who attended, for the timeline. Never the notes: the timeline is widely visible."""
    if conversation.status != ConversationStatus.HELD:
        return ""
    parts = [str(conversation.consultant)]
    if conversation.coa_presence == CoaPresence.IN_PERSON:
        parts.append(_("COA (op locatie)"))
    elif conversation.coa_presence == CoaPresence.ONLINE:
        parts.append(_("COA (digitaal)"))
    if conversation.vluchtelingenwerk_present:
        parts.append(_("Vluchtelingenwerk"))
    if conversation.interpreter_language:
        parts.append(_("tolk %(language)s") % {"language": conversation.interpreter_language})
    line = _("Aanwezig: %(list)s.") % {"list": ", ".join(str(p) for p in parts)}
    if conversation.held_alone:
        line += " " + _("Gesprek alleen.")
    return line


def conversation_save(
    *,
    inburgeraar: Inburgeraar,
    data: dict,
    by: User,
    conversation: IntakeConversation | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Plan an intake conversation or record how it went (REQ I-03, I-09).

    The first conversation held moves a `gekoppeld` case to `brede_intake` (REQ C-04).
    """
    today = today or timezone.localdate()
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        _raise(conversation_problems(case=case, data=data, today=today))
        intake = lock_intake(change)
        if intake.is_completed:
            raise ValidationError(
                _("De brede intake is afgerond; gesprekken kunnen niet meer worden gewijzigd.")
            )
        created = conversation is None
        if not created and conversation.intake_id != intake.pk:
            raise PermissionDenied
        values = {name: data[name] for name in CONVERSATION_FIELDS if name in data}
        if created:
            saved = IntakeConversation(intake=intake, recorded_by=by)
        else:
            saved = change.lock(IntakeConversation, pk=conversation.pk, intake=intake)
        status = values.get("status", saved.status)
        if status != ConversationStatus.HELD:
            values["cooperated_insufficiently"] = False
        insufficient = values.get("cooperated_insufficiently", saved.cooperated_insufficiently)
        if status != ConversationStatus.NO_SHOW and not (
            status == ConversationStatus.HELD and insufficient
        ):
            values["warning_sent_on"] = None
        if status != ConversationStatus.CANCELLED:
            values["cancel_reason"] = ""
        if values.get("consultant", saved.consultant if saved.consultant_id else None) is None:
            values["consultant"] = case.consultant
        diff = {}
        if created:
            for name, value in values.items():
                setattr(saved, name, value)
            saved.save()
        else:
            diff = model_update(saved, values, fields=list(values))
            saved.recorded_by = by
            saved.save(update_fields=["recorded_by", "updated_at"])
        change.timeline(
            TimelineKind.CONVERSATION,
            _conversation_summary(saved),
            detail=_attendees_line(saved),
            source=SOURCE,
        )
        change.audit(
            "intake_conversation_saved",
            obj=saved,
            changes=diff,
            operation=Op.CREATE if created else None,
        )
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    if conversation is not None:
        conversation.refresh_from_db()
    return Outcome(saved, moved)
