"""Writes of the brede intake and the leerbaarheidstoets (STYLE.md, 'Services own the rules').

Every service locks the case row, refuses changes to a closed case, writes its timeline
event and audit event in the same transaction, and moves the phase only through
`cases.services.inburgeraar_change_phase` (the transition table of REQ C-04):

- the first conversation held (or completing without the person) moves `gekoppeld` to
  `brede_intake`;
- completing the intake moves `brede_intake` to `leerbaarheidstoets`, or straight to `pip`
  when the person is exempt from the toets (REQ I-07);
- a toets result (or an exemption) moves `leerbaarheidstoets` to `pip` once the intake is
  completed (REQ P-02: the PIP needs both).

A case in another phase (already at `pip` or in the term, e.g. data recorded late) keeps its
phase; a closed case refuses every change. `next_phase` is the pure rule; `_advance_phase`
applies it step by step.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import audit, timeline
from cases.constants import Doelgroep, Phase
from cases.dates import format_date
from cases.deadlines.services import deadlines_schedule_recompute
from cases.models import Inburgeraar, User
from cases.services import inburgeraar_change_phase

from .constants import (
    INVITATIONS_BEFORE_COMPLETION_WITHOUT_PERSON,
    OCCUPYING_SESSION_STATUSES,
    VVE_DOMAIN_CODE,
    CoaPresence,
    ConversationStatus,
    DomainRequirement,
    SessionStatus,
    TimelineKind,
)
from .models import (
    BredeIntake,
    Device,
    DomainAssessment,
    IntakeConversation,
    Leerbaarheidstoets,
    LifeDomain,
    PassMark,
    Toetsbegeleider,
    ToetsSession,
    duo_open_until,
)
from .permissions import can_see_special_category

SOURCE = "intake"


@dataclass
class Outcome:
    """What a service did: the object it saved and the phases the case moved through."""

    obj: object
    phases: list[str] = field(default_factory=list)


def _day(value: date) -> str:
    return format_date(value)


def _lock_case(inburgeraar: Inburgeraar) -> Inburgeraar:
    locked = (
        Inburgeraar.objects.select_for_update()
        .select_related("gemeente", "consultant")
        .get(pk=inburgeraar.pk)
    )
    if locked.is_closed:
        raise ValidationError(_("Dit dossier is afgesloten; er kan niets meer worden vastgelegd."))
    return locked


def _sync(target: Inburgeraar, source: Inburgeraar) -> None:
    target.phase = source.phase
    target.updated_at = source.updated_at


def _intake_for_update(case: Inburgeraar) -> BredeIntake:
    intake, _created = BredeIntake.objects.select_for_update().get_or_create(inburgeraar=case)
    return intake


def _toets_for_update(case: Inburgeraar) -> Leerbaarheidstoets:
    toets, _created = Leerbaarheidstoets.objects.select_for_update().get_or_create(inburgeraar=case)
    return toets


def route_start(case: Inburgeraar) -> date | None:
    """The day the municipality's part starts: koppeling, or BRP-inschrijving (REQ D-01)."""
    if case.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        return case.linked_on or case.registered_on
    return case.registered_on


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# --------------------------------------------------------------------------- phase


def next_phase(phase: str, *, started: bool, completed: bool, exempt: bool, resolved: bool):
    """The phase a case moves on to from `phase`, or None (REQ C-04, I-07, P-02)."""
    if phase == Phase.GEKOPPELD and (started or completed):
        return Phase.BREDE_INTAKE
    if phase == Phase.BREDE_INTAKE and completed:
        # Straight to the PIP only without a toets (exemption): workflow edge brede_intake → pip.
        return Phase.PIP if exempt else Phase.LEERBAARHEIDSTOETS
    if phase == Phase.LEERBAARHEIDSTOETS and completed and resolved:
        return Phase.PIP
    return None


def _advance_phase(case: Inburgeraar, *, by: User, request=None, today: date) -> list[str]:
    intake = BredeIntake.objects.filter(inburgeraar=case).first()
    toets = Leerbaarheidstoets.objects.filter(inburgeraar=case).first()
    completed = intake is not None and intake.is_completed
    started = completed or (
        intake is not None and intake.conversations.filter(status=ConversationStatus.HELD).exists()
    )
    exempt = toets is not None and toets.is_exempt
    resolved = toets is not None and toets.is_resolved
    moved = []
    while True:
        target = next_phase(
            case.phase, started=started, completed=completed, exempt=exempt, resolved=resolved
        )
        if target is None:
            return moved
        inburgeraar_change_phase(
            inburgeraar=case,
            to_phase=target,
            by=by,
            reason=_phase_reason(target, intake=intake, exempt=exempt),
            request=request,
            today=today,
        )
        moved.append(target)


def _phase_reason(target: str, *, intake: BredeIntake | None, exempt: bool) -> str:
    if target == Phase.BREDE_INTAKE:
        if intake is not None and intake.completed_without_person:
            return _("Brede intake afgerond zonder de inburgeraar.")
        return _("Eerste gesprek van de brede intake gehouden.")
    if target == Phase.LEERBAARHEIDSTOETS:
        return _("Brede intake afgerond.")
    if exempt:
        return _("Brede intake afgerond; vrijgesteld van de leerbaarheidstoets.")
    return _("Brede intake afgerond en uitslag van de leerbaarheidstoets bekend.")


# --------------------------------------------------------------------------- conversations

CONVERSATION_FIELDS = (
    "status",
    "scheduled_on",
    "starts_at",
    "location",
    "consultant",
    "invitation_sent_on",
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
    """REQ I-03, I-09: the dates and attendees of a conversation must tell a possible story."""
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
    warning = data.get("warning_sent_on")
    if warning and status != ConversationStatus.NO_SHOW:
        errors["warning_sent_on"] = _(
            "Een schriftelijke waarschuwing volgt alleen op een gesprek waarop de inburgeraar "
            "niet is verschenen."
        )
    elif warning and (warning < day or warning > today):
        errors["warning_sent_on"] = _(
            "De waarschuwing is verstuurd tussen het gemiste gesprek en vandaag."
        )
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
        if conversation.invitation_sent_on:
            return _(
                "Intakegesprek gepland op %(day)s; schriftelijke uitnodiging verstuurd op %(sent)s."
            ) % {"day": day, "sent": _day(conversation.invitation_sent_on)}
        return _("Intakegesprek gepland op %(day)s.") % {"day": day}
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
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        _raise(conversation_problems(case=case, data=data, today=today))
        intake = _intake_for_update(case)
        if intake.is_completed:
            raise ValidationError(
                _("De brede intake is afgerond; gesprekken kunnen niet meer worden gewijzigd.")
            )
        created = conversation is None
        if created:
            conversation = IntakeConversation(intake=intake, recorded_by=by)
        elif conversation.intake_id != intake.pk:
            raise PermissionDenied
        for name in CONVERSATION_FIELDS:
            if name in data:
                setattr(conversation, name, data[name])
        if conversation.status != ConversationStatus.NO_SHOW:
            conversation.warning_sent_on = None
        if conversation.status != ConversationStatus.CANCELLED:
            conversation.cancel_reason = ""
        if conversation.consultant_id is None:
            conversation.consultant = case.consultant
        conversation.recorded_by = by
        conversation.save()
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.CONVERSATION,
            summary=_conversation_summary(conversation),
            detail=_attendees_line(conversation),
            by=by,
            source=SOURCE,
        )
        audit.intake_conversation_saved(
            conversation=conversation, inburgeraar=case, by=by, created=created, request=request
        )
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
        moved = _advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(conversation, moved)


# --------------------------------------------------------------------------- domains


def applicable_domains(*, day: date, intake: BredeIntake | None = None):
    """The life domains of an intake: every domain valid on `day`, in catalogue order,
    plus domains no longer valid that this intake already assessed (history stays visible)."""
    valid = LifeDomain.objects.valid_on(day)
    if intake is not None and intake.pk:
        return LifeDomain.objects.filter(
            Q(pk__in=valid.values("pk"))
            | Q(pk__in=DomainAssessment.objects.filter(intake=intake).values("domain_id"))
        ).order_by("order", "number", "name")
    return valid.order_by("order", "number", "name")


def domains_save(
    *,
    inburgeraar: Inburgeraar,
    entries: dict[int, dict],
    by: User,
    young_children: bool | None = None,
    wants_further_education: bool | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Save the assessments of several life domains at once (REQ I-01).

    `entries` maps a domain id to {level, notes, action_needed, follow_up, follow_up_on}.
    Special-category domains (REQ I-08) may only be written by whoever may read them.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        intake = _intake_for_update(case)
        if intake.is_completed:
            raise ValidationError(
                _(
                    "De brede intake is afgerond; de levensdomeinen kunnen niet meer worden "
                    "gewijzigd."
                )
            )
        domains = {d.pk: d for d in applicable_domains(day=today, intake=intake)}
        unknown = set(entries) - set(domains)
        if unknown:
            raise ValidationError(_("Een of meer levensdomeinen bestaan niet (meer)."))
        if any(domains[pk].is_special_category for pk in entries) and not can_see_special_category(
            by, case, today
        ):
            raise PermissionDenied
        errors = {}
        for pk, entry in entries.items():
            if entry.get("action_needed") and not (entry.get("follow_up") or "").strip():
                errors[domains[pk].code] = _(
                    "%(domain)s: vul de vervolgactie in als er actie nodig is."
                ) % {"domain": domains[pk].display_name}
        _raise(errors)
        existing = {a.domain_id: a for a in DomainAssessment.objects.filter(intake=intake)}
        for pk, entry in entries.items():
            assessment = existing.get(pk) or DomainAssessment(intake=intake, domain=domains[pk])
            assessment.level = entry.get("level")
            assessment.notes = (entry.get("notes") or "").strip()
            assessment.action_needed = bool(entry.get("action_needed"))
            assessment.follow_up = (entry.get("follow_up") or "").strip()
            assessment.follow_up_on = entry.get("follow_up_on")
            if assessment.pk is None and not assessment.has_content:
                continue
            assessment.updated_by = by
            assessment.save()
            existing[pk] = assessment
        intake.young_children = young_children
        intake.wants_further_education = wants_further_education
        intake.save(update_fields=["young_children", "wants_further_education", "updated_at"])
        mandatory = _mandatory_domains(intake, domains.values())
        filled = sum(1 for d in mandatory if d.pk in existing and existing[d.pk].is_filled)
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.DOMAINS,
            summary=_("Levensdomeinen bijgewerkt: %(filled)s van %(total)s verplichte ingevuld.")
            % {"filled": filled, "total": len(mandatory)},
            by=by,
            source=SOURCE,
        )
        audit.intake_domains_saved(intake=intake, by=by, request=request)
    _sync(inburgeraar, case)
    return Outcome(intake)


def _mandatory_domains(intake: BredeIntake, domains) -> list[LifeDomain]:
    """REQ I-01: the 14 always; VVE when there are young children (or while that is unknown)."""
    result = []
    for domain in domains:
        if domain.requirement == DomainRequirement.ALWAYS or (
            domain.requirement == DomainRequirement.YOUNG_CHILDREN
            and intake.young_children is not False
        ):
            result.append(domain)
    return result


# --------------------------------------------------------------------------- sections

SECTION_FIELDS = {
    # REQ I-02: rechten & plichten, verwachtingen, the right to a conversation alone.
    "afspraken": (
        "rights_duties_explained_on",
        "rights_duties_notes",
        "expectations_person",
        "expectations_gemeente",
        "alone_right_told",
        "alone_conversation_wanted",
    ),
    # REQ I-02, D-02, I-04: warme overdracht COA and the travel-cost claim.
    "coa": (
        "coa_joins_opvang_activities",
        "coa_joins_voorinburgering",
        "coa_notes",
        "coa_meeting_on",
        "travel_claim_on",
        "travel_claim_amount",
        "travel_claim_note",
    ),
    # REQ I-02, I-05: the report and the wegwijzer.
    "verslag": ("report", "wegwijzer_handed_on"),
}
# What may still be recorded after completion: steps that follow the intake itself.
AFTER_COMPLETION_FIELDS = frozenset(
    {
        "coa_meeting_on",
        "coa_notes",
        "travel_claim_on",
        "travel_claim_amount",
        "travel_claim_note",
        "wegwijzer_handed_on",
    }
)
_COA_ONLY = frozenset(SECTION_FIELDS["coa"])
_DATE_FIELDS = (
    "rights_duties_explained_on",
    "coa_meeting_on",
    "travel_claim_on",
    "wegwijzer_handed_on",
)


def intake_update(
    *,
    inburgeraar: Inburgeraar,
    section: str,
    data: dict,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Save one section of the intake (REQ I-02, I-04, I-05, D-02). Returns changed fields."""
    today = today or timezone.localdate()
    fields = SECTION_FIELDS[section]
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        intake = _intake_for_update(case)
        changed = [f for f in fields if f in data and getattr(intake, f) != data[f]]
        if not changed:
            return Outcome([])
        errors = {}
        if intake.is_completed:
            for name in changed:
                if name not in AFTER_COMPLETION_FIELDS:
                    errors[name] = _(
                        "De brede intake is afgerond; dit kan niet meer worden gewijzigd."
                    )
        if case.doelgroep != Doelgroep.ASIELSTATUSHOUDER:
            for name in changed:
                if name in _COA_ONLY:
                    errors[name] = _(
                        "De warme overdracht en de reiskosten via het COA gelden alleen voor "
                        "asielstatushouders."
                    )
        start = route_start(case)
        for name in _DATE_FIELDS:
            value = data.get(name) if name in changed else None
            if value and value > today:
                errors.setdefault(name, _("Deze datum kan niet in de toekomst liggen."))
            elif value and start and value < start:
                errors.setdefault(
                    name,
                    _("Deze datum ligt vóór de koppeling of inschrijving (%(day)s).")
                    % {"day": _day(start)},
                )
        amount = data.get("travel_claim_amount")
        if "travel_claim_amount" in changed and amount is not None and amount < 0:
            errors["travel_claim_amount"] = _("Het bedrag kan niet negatief zijn.")
        _raise(errors)
        for name in changed:
            setattr(intake, name, data[name])
        intake.save(update_fields=[*changed, "updated_at"])
        labels = [str(BredeIntake._meta.get_field(name).verbose_name) for name in changed]
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.UPDATED,
            summary=_("Brede intake bijgewerkt: %(fields)s.") % {"fields": ", ".join(labels)},
            by=by,
            source=SOURCE,
        )
        audit.intake_updated(intake=intake, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
    _sync(inburgeraar, case)
    return Outcome(changed)


# --------------------------------------------------------------------------- completion


def _conversations(intake: BredeIntake) -> list[IntakeConversation]:
    return list(intake.conversations.all())


def intake_completion_problems(
    intake: BredeIntake, *, today: date, domains=None, assessments=None
) -> list[str]:
    """REQ I-01, I-02: what still blocks completing the intake, as Dutch sentences naming it.

    `domains`/`assessments` may be passed in when the caller already loaded them.
    """
    problems: list[str] = []
    if intake.is_completed:
        return [_("De brede intake is al afgerond.")]
    conversations = _conversations(intake)
    if not any(c.status == ConversationStatus.HELD for c in conversations):
        problems.append(_("Er is nog geen gehouden intakegesprek vastgelegd."))
    planned = [c for c in conversations if c.status == ConversationStatus.PLANNED]
    if planned:
        problems.append(
            _(
                "Er staat nog een gesprek gepland op %(day)s: leg vast hoe dat is gegaan of "
                "zeg het af."
            )
            % {"day": _day(planned[0].scheduled_on)}
        )
    if domains is None:
        domains = list(applicable_domains(day=today, intake=intake))
    if assessments is None:
        assessments = {a.domain_id: a for a in intake.assessments.select_related("level").all()}
    if intake.young_children is None:
        problems.append(
            _("Geef bij de levensdomeinen aan of er jonge kinderen in het gezin zijn (VVE).")
        )
    empty, unexplained = [], []
    for domain in _mandatory_domains(intake, domains):
        assessment = assessments.get(domain.pk)
        if assessment is None or assessment.level_id is None:
            if domain.code == VVE_DOMAIN_CODE and intake.young_children is None:
                continue  # covered by the question above
            empty.append(domain.display_name)
        elif not assessment.is_filled:
            unexplained.append(domain.display_name)
    if empty:
        problems.append(
            _("Deze verplichte levensdomeinen zijn nog niet ingevuld: %(list)s.")
            % {"list": ", ".join(empty)}
        )
    if unexplained:
        problems.append(
            _("Licht de beoordeling toe bij: %(list)s.") % {"list": ", ".join(unexplained)}
        )
    if intake.rights_duties_explained_on is None:
        problems.append(_("Leg vast wanneer de rechten en plichten zijn uitgelegd."))
    if not intake.expectations_person.strip() or not intake.expectations_gemeente.strip():
        problems.append(_("Leg de verwachtingen van de inburgeraar en van de gemeente vast."))
    if not intake.alone_right_told:
        problems.append(
            _("Leg vast dat de inburgeraar is gewezen op het recht op een gesprek alleen.")
        )
    elif intake.alone_conversation_wanted and not any(
        c.status == ConversationStatus.HELD and c.held_alone for c in conversations
    ):
        problems.append(
            _("De inburgeraar wil een gesprek alleen, maar dat gesprek is nog niet vastgelegd.")
        )
    if not intake.report.strip():
        problems.append(_("Schrijf het verslag van de brede intake."))
    return problems


def intake_completion_notes(intake: BredeIntake, *, case: Inburgeraar) -> list[str]:
    """Points that do not block completion but deserve attention (REQ D-02, I-04, I-05)."""
    notes = []
    if case.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        coa_at_intake = any(c.coa_attended for c in _conversations(intake))
        if not coa_at_intake and intake.coa_meeting_on is None:
            notes.append(
                _(
                    "De warme overdracht met het COA is nog niet vastgelegd: het COA was bij "
                    "geen gesprek aanwezig en er is geen digitaal overleg geweest."
                )
            )
        if intake.travel_claim_on is None:
            notes.append(_("De declaratie van de reiskosten bij het COA is nog niet vastgelegd."))
    if intake.wegwijzer_handed_on is None:
        notes.append(_("De wegwijzer is nog niet uitgereikt."))
    return notes


def intake_complete(
    *, inburgeraar: Inburgeraar, by: User, request=None, today: date | None = None
) -> Outcome:
    """Complete the brede intake (REQ I-01, I-02): refused while anything in
    `intake_completion_problems` remains, with a message naming it. Moves the phase on."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        intake = _intake_for_update(case)
        problems = intake_completion_problems(intake, today=today)
        if problems:
            raise ValidationError(problems)
        intake.completed_on = today
        intake.completed_by = by
        intake.save(update_fields=["completed_on", "completed_by", "updated_at"])
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.COMPLETED,
            summary=_("Brede intake afgerond op %(day)s.") % {"day": _day(today)},
            by=by,
            source=SOURCE,
        )
        audit.intake_completed(intake=intake, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
        moved = _advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(intake, moved)


def without_person_problems(intake: BredeIntake) -> list[str]:
    """REQ I-09: completing without the person needs three written invitations the person did
    not come to, each missed one but the last followed by a written warning."""
    if intake.is_completed:
        return [_("De brede intake is al afgerond.")]
    problems = []
    conversations = _conversations(intake)
    missed = [
        c
        for c in conversations
        if c.status == ConversationStatus.NO_SHOW and c.invitation_sent_on is not None
    ]
    needed = INVITATIONS_BEFORE_COMPLETION_WITHOUT_PERSON
    if len(missed) < needed:
        problems.append(
            _(
                "Afronden zonder de inburgeraar kan pas na %(needed)s schriftelijke uitnodigingen "
                "waarop de inburgeraar niet is verschenen (nu %(count)s)."
            )
            % {"needed": needed, "count": len(missed)}
        )
    unwarned = [c for c in missed[:-1] if c.warning_sent_on is None]
    if unwarned:
        problems.append(
            _(
                "Na deze gemiste gesprekken is nog geen schriftelijke waarschuwing "
                "vastgelegd: %(list)s."
            )
            % {"list": ", ".join(_day(c.scheduled_on) for c in unwarned)}
        )
    planned = [c for c in conversations if c.status == ConversationStatus.PLANNED]
    if planned:
        problems.append(
            _("Er staat nog een gesprek gepland op %(day)s.")
            % {"day": _day(planned[0].scheduled_on)}
        )
    return problems


def intake_complete_without_person(
    *, inburgeraar: Inburgeraar, reason: str, by: User, request=None, today: date | None = None
) -> Outcome:
    """REQ I-09 (Wi art. 14 lid 2): after three invitations the college completes the intake
    without the person, with a clear record of why. A fine (REQ H-06) is enforcement's."""
    today = today or timezone.localdate()
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Leg vast waarom de intake zonder de inburgeraar wordt afgerond.")}
        )
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        intake = _intake_for_update(case)
        problems = without_person_problems(intake)
        if problems:
            raise ValidationError(problems)
        intake.completed_on = today
        intake.completed_by = by
        intake.completed_without_person = True
        intake.without_person_reason = reason.strip()
        intake.save(
            update_fields=[
                "completed_on",
                "completed_by",
                "completed_without_person",
                "without_person_reason",
                "updated_at",
            ]
        )
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.COMPLETED,
            summary=_(
                "Brede intake afgerond zonder de inburgeraar na drie uitnodigingen (%(day)s)."
            )
            % {"day": _day(today)},
            detail=reason.strip(),
            by=by,
            source=SOURCE,
        )
        audit.intake_completed(intake=intake, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
        moved = _advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(intake, moved)


# --------------------------------------------------------------------------- leerbaarheidstoets


def toets_set_duo_ready(
    *,
    inburgeraar: Inburgeraar,
    duo_ready_on: date | None,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-06, D-04: the day DUO set the toets ready in its portal (open 12 months)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        toets = _toets_for_update(case)
        errors = {}
        if duo_ready_on and duo_ready_on > today:
            errors["duo_ready_on"] = _("Deze datum kan niet in de toekomst liggen.")
        elif duo_ready_on and case.linked_on and duo_ready_on < case.linked_on:
            errors["duo_ready_on"] = _("DUO zet de toets klaar na de koppeling (%(day)s).") % {
                "day": _day(case.linked_on)
            }
        elif duo_ready_on and toets.taken_on and duo_ready_on > toets.taken_on:
            errors["duo_ready_on"] = _("De toets is afgenomen vóór deze datum.")
        _raise(errors)
        if toets.duo_ready_on == duo_ready_on:
            return Outcome(toets)
        toets.duo_ready_on = duo_ready_on
        toets.save(update_fields=["duo_ready_on", "updated_at"])
        summary = (
            _(
                "Leerbaarheidstoets klaargezet in het DUO-portaal op %(day)s; open tot "
                "en met %(until)s."
            )
            % {"day": _day(duo_ready_on), "until": _day(duo_open_until(duo_ready_on))}
            if duo_ready_on
            else _("Datum klaarzetten in het DUO-portaal verwijderd.")
        )
        timeline.add_event(
            inburgeraar=case, kind=TimelineKind.TOETS, summary=summary, by=by, source=SOURCE
        )
        audit.toets_updated(toets=toets, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
    _sync(inburgeraar, case)
    return Outcome(toets)


def toets_exempt(
    *,
    inburgeraar: Inburgeraar,
    exempted_on: date,
    ground: str,
    note: str,
    by: User,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07: exemption from the toets for a visual or auditory impairment.

    The ground is health data (REQ I-08): only who may read it may record it; the timeline
    says only that there is an exemption. Planned sittings are cancelled.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        if not can_see_special_category(by, case, today):
            raise PermissionDenied
        toets = _toets_for_update(case)
        errors = {}
        if toets.taken_on:
            errors["exempted_on"] = _("De toets is al afgenomen; een vrijstelling kan niet meer.")
        elif exempted_on > today:
            errors["exempted_on"] = _("Deze datum kan niet in de toekomst liggen.")
        if not ground:
            errors["exemption_ground"] = _("Kies de grond van de vrijstelling.")
        _raise(errors)
        toets.exempted_on = exempted_on
        toets.exemption_ground = ground
        toets.exemption_note = note.strip()
        toets.save(
            update_fields=["exempted_on", "exemption_ground", "exemption_note", "updated_at"]
        )
        toets.sessions.filter(status=SessionStatus.PLANNED).update(
            status=SessionStatus.CANCELLED, updated_at=timezone.now()
        )
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.TOETS,
            summary=_("Vrijgesteld van de leerbaarheidstoets op %(day)s.")
            % {"day": _day(exempted_on)},
            by=by,
            source=SOURCE,
        )
        audit.toets_updated(toets=toets, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
        moved = _advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(toets, moved)


def _overlapping(starts_at: datetime, ends_at: datetime, exclude_pk=None):
    qs = ToetsSession.objects.filter(
        status__in=OCCUPYING_SESSION_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def _slot(session: ToetsSession) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return f"{format_date(start)} {start:%H:%M}–{end:%H:%M}"


def session_problems(
    *, toets: Leerbaarheidstoets, data: dict, today: date, exclude_pk=None
) -> dict:
    """REQ I-06: a sitting needs a werkcentrum, a free device and a free, trained toetsbegeleider
    within the 12 months the toets is open (REQ D-04)."""
    errors: dict[str, str] = {}
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    day = timezone.localdate(starts_at)
    location, device, begeleider = data["location"], data["device"], data["toetsbegeleider"]
    if ends_at <= starts_at:
        errors["ends_at"] = _("De eindtijd ligt na de begintijd.")
    if day < today:
        errors["starts_at"] = _("Een afname plant u vandaag of later.")
    elif toets.duo_ready_on and day < toets.duo_ready_on:
        errors["starts_at"] = _(
            "De toets staat dan nog niet klaar in het DUO-portaal (vanaf %(day)s)."
        ) % {"day": _day(toets.duo_ready_on)}
    elif toets.open_until and day > toets.open_until:
        errors["starts_at"] = _(
            "De toets staat dan niet meer open in het DUO-portaal (open tot en met %(day)s)."
        ) % {"day": _day(toets.open_until)}
    if not location.hosts_toets or not location.is_valid_on(day):
        errors["location"] = _("Op deze locatie wordt de leerbaarheidstoets niet afgenomen.")
    if not device.is_valid_on(day):
        errors["device"] = _("Dit device is op die datum niet in gebruik.")
    elif device.location_id and device.location_id != location.pk:
        errors["device"] = _("Dit device staat op een andere locatie (%(location)s).") % {
            "location": device.location
        }
    if not Toetsbegeleider.objects.selectable_on(day).filter(pk=begeleider.pk).exists():
        errors["toetsbegeleider"] = _(
            "Deze toetsbegeleider is op die datum niet getraind of niet beschikbaar."
        )
    if errors:
        return errors
    clashes = list(
        _overlapping(starts_at, ends_at, exclude_pk)
        .filter(Q(device=device) | Q(toetsbegeleider=begeleider))
        .order_by("starts_at")
    )
    for clash in clashes:
        if clash.device_id == device.pk:
            errors.setdefault(
                "device",
                _("Dit device is dan al geboekt (%(slot)s). Kies een ander device of tijdstip.")
                % {"slot": _slot(clash)},
            )
        if clash.toetsbegeleider_id == begeleider.pk:
            errors.setdefault(
                "toetsbegeleider",
                _(
                    "Deze toetsbegeleider is dan al ingepland (%(slot)s). Kies een andere "
                    "toetsbegeleider of tijdstip."
                )
                % {"slot": _slot(clash)},
            )
    return errors


SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "location",
    "device",
    "toetsbegeleider",
    "invitation_sent_on",
    "notes",
)


def toets_session_plan(
    *,
    inburgeraar: Inburgeraar,
    data: dict,
    by: User,
    session: ToetsSession | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """Plan (or move) a sitting of the leerbaarheidstoets (REQ I-06). A device or a
    toetsbegeleider booked twice at overlapping times is refused."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        toets = _toets_for_update(case)
        if toets.is_exempt:
            raise ValidationError(_("De inburgeraar is vrijgesteld van de leerbaarheidstoets."))
        if toets.taken_on:
            raise ValidationError(_("De leerbaarheidstoets is al afgenomen."))
        if session is not None and (session.toets_id != toets.pk):
            raise PermissionDenied
        if session is not None and session.status != SessionStatus.PLANNED:
            raise ValidationError(_("Alleen een geplande afname kan worden verzet."))
        other_planned = toets.sessions.filter(status=SessionStatus.PLANNED)
        if session is not None:
            other_planned = other_planned.exclude(pk=session.pk)
        first = other_planned.first()
        if first is not None:
            raise ValidationError(
                _("Er staat al een afname gepland (%(slot)s); verzet of annuleer die eerst.")
                % {"slot": _slot(first)}
            )
        # Serialise bookings of the same device and toetsbegeleider (the conflict check
        # below reads, then writes): lock both catalogue rows first.
        # (No ordering: the default one of Toetsbegeleider joins the nullable user.)
        list(Device.objects.select_for_update().filter(pk=data["device"].pk).order_by())
        list(
            Toetsbegeleider.objects.select_for_update()
            .filter(pk=data["toetsbegeleider"].pk)
            .order_by()
        )
        _raise(
            session_problems(
                toets=toets, data=data, today=today, exclude_pk=session.pk if session else None
            )
        )
        created = session is None
        if created:
            session = ToetsSession(toets=toets, planned_by=by)
        for name in SESSION_FIELDS:
            if name in data:
                setattr(session, name, data[name])
        session.save()
        timeline.add_event(
            inburgeraar=case,
            kind=TimelineKind.TOETS_SESSION,
            summary=(
                _("Leerbaarheidstoets gepland: %(slot)s, %(location)s.")
                if created
                else _("Afname leerbaarheidstoets verzet naar %(slot)s, %(location)s.")
            )
            % {"slot": _slot(session), "location": session.location},
            by=by,
            source=SOURCE,
        )
        audit.toets_session_saved(
            session=session, inburgeraar=case, by=by, created=created, request=request
        )
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
    _sync(inburgeraar, case)
    return Outcome(session)


def toets_session_record(
    *,
    session: ToetsSession,
    status: str,
    by: User,
    notes: str = "",
    request=None,
    today: date | None = None,
) -> Outcome:
    """Record how a planned sitting went: taken (sets the taken date, REQ D-03), no-show or
    cancelled."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(session.toets.inburgeraar)
        toets = _toets_for_update(case)
        session = ToetsSession.objects.select_for_update().get(pk=session.pk, toets=toets)
        if session.status != SessionStatus.PLANNED:
            raise ValidationError(_("Van deze afname is de uitkomst al vastgelegd."))
        day = timezone.localdate(session.starts_at)
        if status in (SessionStatus.TAKEN, SessionStatus.NO_SHOW) and day > today:
            raise ValidationError({"status": _("Deze afname ligt nog in de toekomst.")})
        if status == SessionStatus.TAKEN and toets.taken_on:
            raise ValidationError({"status": _("De toets is al afgenomen.")})
        if status not in (SessionStatus.TAKEN, SessionStatus.NO_SHOW, SessionStatus.CANCELLED):
            raise ValidationError({"status": _("Kies wat er met de afname is gebeurd.")})
        session.status = status
        if notes.strip():
            session.notes = notes.strip()[:300]
        session.save(update_fields=["status", "notes", "updated_at"])
        if status == SessionStatus.TAKEN:
            toets.taken_on = day
            toets.save(update_fields=["taken_on", "updated_at"])
        summary = {
            SessionStatus.TAKEN: _(
                "Leerbaarheidstoets afgenomen op %(day)s; de uitslag is na 48 uur "
                "zichtbaar in het DUO-portaal."
            ),
            SessionStatus.NO_SHOW: _("Niet verschenen bij de leerbaarheidstoets van %(day)s."),
            SessionStatus.CANCELLED: _("Afname leerbaarheidstoets van %(day)s geannuleerd."),
        }[status] % {"day": _day(day)}
        timeline.add_event(
            inburgeraar=case, kind=TimelineKind.TOETS_SESSION, summary=summary, by=by, source=SOURCE
        )
        audit.toets_session_saved(session=session, inburgeraar=case, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
    return Outcome(session)


def pass_mark_on(day: date) -> PassMark | None:
    """REQ I-07: the pass mark valid on the day the toets was taken (catalogue data)."""
    return PassMark.objects.valid_on(day).order_by("-valid_from").first()


def result_problems(
    *, toets: Leerbaarheidstoets, taken_on: date | None, result_on: date | None, score, today: date
) -> tuple[dict, PassMark | None]:
    errors: dict[str, str] = {}
    mark = None
    if toets.is_exempt:
        return {"__all__": _("De inburgeraar is vrijgesteld van de leerbaarheidstoets.")}, None
    if taken_on is None:
        errors["taken_on"] = _("Vul de datum in waarop de toets is afgenomen.")
    elif taken_on > today:
        errors["taken_on"] = _("Deze datum kan niet in de toekomst liggen.")
    elif toets.duo_ready_on and taken_on < toets.duo_ready_on:
        errors["taken_on"] = _("De toets is afgenomen vóór hij in het DUO-portaal klaarstond.")
    elif toets.open_until and taken_on > toets.open_until:
        errors["taken_on"] = _(
            "De toets stond toen niet meer open in het DUO-portaal (open tot en met %(day)s)."
        ) % {"day": _day(toets.open_until)}
    if result_on is None:
        errors["result_on"] = _("Vul de datum in waarop de uitslag bekend werd.")
    elif result_on > today:
        errors["result_on"] = _("Deze datum kan niet in de toekomst liggen.")
    elif taken_on and result_on < taken_on + timedelta(days=2):
        # REQ D-04: DUO shows the result 48 hours after the toets.
        errors["result_on"] = _(
            "De uitslag is pas 48 uur na de afname zichtbaar in het DUO-portaal (vanaf %(day)s)."
        ) % {"day": _day(taken_on + timedelta(days=2))}
    if taken_on and "taken_on" not in errors:
        mark = pass_mark_on(taken_on)
        if mark is None:
            errors["score"] = _(
                "Er is geen cesuur vastgelegd die op %(day)s gold; vraag de functioneel beheerder "
                "die toe te voegen."
            ) % {"day": _day(taken_on)}
        elif score is None:
            errors["score"] = _("Vul de score in.")
        elif not 0 <= score <= mark.max_score:
            errors["score"] = _("De score ligt tussen 0 en %(max)s.") % {"max": mark.max_score}
    elif score is None:
        errors["score"] = _("Vul de score in.")
    return errors, mark


def toets_result_record(
    *,
    inburgeraar: Inburgeraar,
    result_on: date,
    score: int,
    by: User,
    taken_on: date | None = None,
    request=None,
    today: date | None = None,
) -> Outcome:
    """REQ I-07: the score and the answer 'B1 reachable within the term (incl. A2)?', derived
    from the pass mark valid on the day of the toets. Moves `leerbaarheidstoets` to `pip`
    when the intake is completed."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _lock_case(inburgeraar)
        toets = _toets_for_update(case)
        taken_on = toets.taken_on or taken_on
        errors, mark = result_problems(
            toets=toets, taken_on=taken_on, result_on=result_on, score=score, today=today
        )
        _raise(errors)
        correction = toets.has_result
        toets.taken_on = taken_on
        toets.result_on = result_on
        toets.score = score
        toets.pass_mark = mark
        toets.b1_reachable = score >= mark.pass_score
        toets.result_recorded_by = by
        toets.save(
            update_fields=[
                "taken_on",
                "result_on",
                "score",
                "pass_mark",
                "b1_reachable",
                "result_recorded_by",
                "updated_at",
            ]
        )
        toets.sessions.filter(status=SessionStatus.PLANNED, starts_at__date=taken_on).update(
            status=SessionStatus.TAKEN, updated_at=timezone.now()
        )
        answer = _("B1 haalbaar") if toets.b1_reachable else _("B1 niet haalbaar")
        summary = (
            _("Uitslag leerbaarheidstoets gecorrigeerd: %(answer)s (score %(score)s van %(max)s).")
            if correction
            else _("Uitslag leerbaarheidstoets: %(answer)s (score %(score)s van %(max)s).")
        ) % {"answer": answer, "score": score, "max": mark.max_score}
        timeline.add_event(
            inburgeraar=case, kind=TimelineKind.TOETS_RESULT, summary=summary, by=by, source=SOURCE
        )
        audit.toets_result_recorded(toets=toets, by=by, request=request)
        deadlines_schedule_recompute(case.pk)  # REQ D-01 … D-04: facts changed
        moved = _advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(toets, moved)
