"""Completing the brede intake, with or without the person (REQ I-01, I-02, I-09)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import Doelgroep
from cases.kit import case_change, model_update
from cases.models import Inburgeraar, User

from ..constants import (
    INVITATIONS_BEFORE_COMPLETION_WITHOUT_PERSON,
    VVE_DOMAIN_CODE,
    ConversationStatus,
    TimelineKind,
)
from ..models import BredeIntake, IntakeConversation
from .base import SOURCE, Outcome, _day, _sync, lock_intake
from .domains import _mandatory_domains, applicable_domains
from .phase import advance_phase


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
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        intake = lock_intake(change)
        problems = intake_completion_problems(intake, today=today)
        if problems:
            raise ValidationError(problems)
        diff = model_update(
            intake,
            {"completed_on": today, "completed_by": by},
            fields=("completed_on", "completed_by"),
        )
        change.timeline(
            TimelineKind.COMPLETED,
            _("Brede intake afgerond op %(day)s.") % {"day": _day(today)},
            source=SOURCE,
        )
        change.audit("intake_completed", obj=intake, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(intake, moved)


def without_person_problems(intake: BredeIntake) -> list[str]:
    """REQ I-09 (Wi art. 14 lid 2): completing without the person needs three written
    invitations the person did not come to or did not cooperate enough at, each but the last
    followed by a written warning."""
    if intake.is_completed:
        return [_("De brede intake is al afgerond.")]
    problems = []
    conversations = _conversations(intake)
    missed = [c for c in conversations if c.failed and c.invitation_sent_on is not None]
    needed = INVITATIONS_BEFORE_COMPLETION_WITHOUT_PERSON
    if len(missed) < needed:
        problems.append(
            _(
                "Afronden zonder de inburgeraar kan pas na %(needed)s schriftelijke uitnodigingen "
                "waarop de inburgeraar niet is verschenen of onvoldoende heeft meegewerkt (nu "
                "%(count)s)."
            )
            % {"needed": needed, "count": len(missed)}
        )
    unwarned = [c for c in missed[:-1] if c.warning_sent_on is None]
    if unwarned:
        problems.append(
            _("Na deze gesprekken is nog geen schriftelijke waarschuwing vastgelegd: %(list)s.")
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
    with case_change(inburgeraar, by=by, request=request, today=today) as change:
        case = change.case
        intake = lock_intake(change)
        problems = without_person_problems(intake)
        if problems:
            raise ValidationError(problems)
        values = {
            "completed_on": today,
            "completed_by": by,
            "completed_without_person": True,
            "without_person_reason": reason.strip(),
        }
        diff = model_update(intake, values, fields=list(values))
        change.timeline(
            TimelineKind.COMPLETED,
            _("Brede intake afgerond zonder de inburgeraar na drie uitnodigingen (%(day)s).")
            % {"day": _day(today)},
            detail=reason.strip(),
            source=SOURCE,
        )
        change.audit("intake_completed", obj=intake, changes=diff)
        change.facts_changed()  # REQ D-01 … D-04
        moved = advance_phase(case, by=by, request=request, today=today)
    _sync(inburgeraar, case)
    return Outcome(intake, moved)
