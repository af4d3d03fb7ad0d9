"""What every write service of the intake shares: the outcome, the locks on the intake and
the toets of a case, and small helpers for dates and errors."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError

from cases.constants import Doelgroep
from cases.dates import format_date
from cases.kit import CaseChange
from cases.models import Inburgeraar

from ..models import BredeIntake, Leerbaarheidstoets

# The source of this app's timeline events.
SOURCE = "intake"


@dataclass
class Outcome:
    """What a service did: the object it saved and the phases the case moved through."""

    obj: object
    phases: list[str] = field(default_factory=list)


def _day(value: date) -> str:
    return format_date(value)


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _sync(target: Inburgeraar, source: Inburgeraar) -> None:
    """The caller's copy of the case follows the locked row (phase moves)."""
    target.phase = source.phase
    target.updated_at = source.updated_at


def _lock_or_create(change: CaseChange, model):
    # The case row is locked first, so two requests cannot both create the row.
    try:
        return change.lock(model)
    except model.DoesNotExist:
        return model.objects.create(inburgeraar=change.case)


def lock_intake(change: CaseChange) -> BredeIntake:
    """The case's brede intake, locked for this unit of work (created on first use)."""
    return _lock_or_create(change, BredeIntake)


def lock_toets(change: CaseChange) -> Leerbaarheidstoets:
    """The case's leerbaarheidstoets, locked for this unit of work (created on first use)."""
    return _lock_or_create(change, Leerbaarheidstoets)


def route_start(case: Inburgeraar) -> date | None:
    """The day the municipality's part starts: koppeling, or BRP-inschrijving (REQ D-01)."""
    if case.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        return case.linked_on or case.registered_on
    return case.registered_on
