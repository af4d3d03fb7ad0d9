"""The phase rule of the intake (REQ C-04, I-07, P-02): `next_phase` is the pure rule;
`advance_phase` applies it step by step through `cases.services.inburgeraar_change_phase`."""

from datetime import date

from django.utils.translation import gettext as _

from cases.constants import Phase
from cases.models import Inburgeraar, User
from cases.services import inburgeraar_change_phase

from ..constants import ConversationStatus
from ..models import BredeIntake, Leerbaarheidstoets


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


def advance_phase(case: Inburgeraar, *, by: User, request=None, today: date) -> list[str]:
    """Move the (locked) case on as far as `next_phase` allows; returns the phases it moved
    through. Call inside the service's unit of work."""
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
        return _("Brede intake afgerond; ontheffing van de leerbaarheidstoets.")
    return _("Brede intake afgerond en uitslag van de leerbaarheidstoets bekend.")
