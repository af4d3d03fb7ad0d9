"""REQ C-04: the transition table, walked pair by pair through the one service."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from cases.constants import CLOSED_PHASES, ClosingReason, Phase, TimelineKind
from cases.models import AuditEvent, Inburgeraar, StatusChange
from cases.services import inburgeraar_change_phase
from cases.workflow import (
    ALLOWED,
    SERVICE_ONLY,
    TransitionNotAllowed,
    can_transition,
    next_phases,
)
from tests.factories import InburgeraarFactory

ALL_PAIRS = list(itertools.product(Phase.values, Phase.values))


def test_table_has_a_row_for_every_phase_and_closed_phases_are_final():
    # REQ C-04
    assert set(ALLOWED) == set(Phase.values)
    for phase in CLOSED_PHASES:
        assert ALLOWED[phase] == frozenset()


@pytest.mark.django_db
@pytest.mark.parametrize(("from_phase", "to_phase"), ALL_PAIRS)
def test_every_pair_allowed_or_refused(from_phase, to_phase, world):
    # REQ C-04: every allowed edge writes phase, StatusChange, timeline and audit event;
    # every other pair is refused and changes nothing.
    case = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=from_phase, history=False
    )
    kwargs = {}
    if to_phase in CLOSED_PHASES:
        kwargs["closing_reason"] = ClosingReason.OVERIG
    before_events = case.timeline_events.count()
    if (from_phase, to_phase) in SERVICE_ONLY:
        # REQ D-06 (issue 12): only establishing the PIP moves a case into the term.
        with pytest.raises(ValidationError, match="door het PIP vast te stellen"):
            inburgeraar_change_phase(inburgeraar=case, to_phase=to_phase, by=world.consultant)
        case.refresh_from_db()
        assert case.phase == from_phase
        assert StatusChange.objects.filter(inburgeraar=case).count() == 0
        assert to_phase not in next_phases(from_phase)
        assert to_phase in next_phases(from_phase, by_hand=False)
        change = inburgeraar_change_phase(
            inburgeraar=case, to_phase=to_phase, by=world.consultant, by_service=True
        )
        assert (change.from_phase, change.to_phase) == (from_phase, to_phase)
    elif can_transition(from_phase, to_phase):
        change = inburgeraar_change_phase(
            inburgeraar=case, to_phase=to_phase, by=world.consultant, reason="test", **kwargs
        )
        case.refresh_from_db()
        assert case.phase == to_phase
        assert (change.from_phase, change.to_phase) == (from_phase, to_phase)
        assert change.changed_by == world.consultant
        assert case.timeline_events.filter(kind=TimelineKind.PHASE_CHANGED).count() == 1
        assert (
            AuditEvent.objects.filter(action="phase_changed", inburgeraar_id=case.pk).count() == 1
        )
        if to_phase in CLOSED_PHASES:
            assert case.closed_on is not None
            assert case.closing_reason == ClosingReason.OVERIG
    else:
        with pytest.raises(TransitionNotAllowed):
            inburgeraar_change_phase(
                inburgeraar=case, to_phase=to_phase, by=world.consultant, **kwargs
            )
        case.refresh_from_db()
        assert case.phase == from_phase
        assert StatusChange.objects.filter(inburgeraar=case).count() == 0
        assert case.timeline_events.count() == before_events


@pytest.mark.django_db
def test_closing_requires_a_reason(world):
    # REQ C-04: a closed case says why.
    from django.core.exceptions import ValidationError

    case = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.INBURGERINGSTERMIJN
    )
    with pytest.raises(ValidationError):
        inburgeraar_change_phase(inburgeraar=case, to_phase=Phase.AFGEROND, by=world.consultant)
    assert Inburgeraar.objects.get(pk=case.pk).phase == Phase.INBURGERINGSTERMIJN


@pytest.mark.django_db
def test_service_reads_the_locked_row_not_a_stale_instance(world):
    # Two screens open on the same case: the second change starts from the stored phase.
    case = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    stale = Inburgeraar.objects.get(pk=case.pk)
    inburgeraar_change_phase(inburgeraar=case, to_phase=Phase.BREDE_INTAKE, by=world.consultant)
    # The stale copy still says GEKOPPELD; BREDE_INTAKE → LEERBAARHEIDSTOETS is what counts.
    inburgeraar_change_phase(
        inburgeraar=stale, to_phase=Phase.LEERBAARHEIDSTOETS, by=world.consultant
    )
    rows = list(
        StatusChange.objects.filter(inburgeraar=case)
        .exclude(from_phase="")
        .order_by("changed_at", "id")
        .values_list("from_phase", "to_phase")
    )
    assert rows == [
        (Phase.GEKOPPELD, Phase.BREDE_INTAKE),
        (Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS),
    ]
