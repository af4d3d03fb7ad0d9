"""The route of an inburgeraar as a transition table (REQ C-04).

`ALLOWED[from]` is the set of phases a case may move to. One service,
`cases.services.inburgeraar_change_phase`, applies it; one test walks every pair.
"""

from django.utils.translation import gettext as _

from .constants import CLOSED_PHASES, ClosingReason, Phase

# Leaving the route is possible from every active phase: a move to another municipality
# (REQ C-06) or an ending such as ontheffing, vrijstelling or departure (REQ C-04).
_EXITS = {Phase.VERHUISD, Phase.BEEINDIGD}

ALLOWED: dict[str, frozenset[str]] = {
    # REQ C-04: koppeling (or registration) → brede intake.
    Phase.GEKOPPELD: frozenset({Phase.BREDE_INTAKE, *_EXITS}),
    # REQ C-04: brede intake → leerbaarheidstoets; straight to PIP only when the toets is not
    # taken (exemption for a visual or auditory impairment, REQ I-07 / P-02).
    Phase.BREDE_INTAKE: frozenset({Phase.LEERBAARHEIDSTOETS, Phase.PIP, *_EXITS}),
    # REQ C-04: leerbaarheidstoets → PIP.
    Phase.LEERBAARHEIDSTOETS: frozenset({Phase.PIP, *_EXITS}),
    # REQ C-04 / D-06: establishing the PIP starts the inburgeringstermijn.
    Phase.PIP: frozenset({Phase.INBURGERINGSTERMIJN, *_EXITS}),
    # REQ C-04: the term ends in afgerond, verhuisd or beëindigd. A PIP revision happens
    # inside the term (REQ P-04) and is no phase change.
    Phase.INBURGERINGSTERMIJN: frozenset({Phase.AFGEROND, *_EXITS}),
    # Closed cases are final; a closing made in error is corrected by the functioneel beheerder.
    Phase.AFGEROND: frozenset(),
    Phase.VERHUISD: frozenset(),
    Phase.BEEINDIGD: frozenset(),
}

assert set(ALLOWED) == set(Phase), "every phase needs a row in the transition table"  # noqa: S101

# REQ D-06 (issue 12): a case never enters the inburgeringstermijn without an established PIP.
# That step is made by the service that establishes the PIP, never by the phase form: a phase
# change creates no facts.
SERVICE_ONLY: frozenset[tuple[str, str]] = frozenset({(Phase.PIP, Phase.INBURGERINGSTERMIJN)})
SERVICE_ONLY_MESSAGE = (
    "Een dossier komt alleen in de inburgeringstermijn door het PIP vast te stellen; "
    "stel het PIP vast op het tabblad PIP."
)


def can_transition(from_phase: str, to_phase: str) -> bool:
    return to_phase in ALLOWED.get(from_phase, frozenset())


def next_phases(from_phase: str, *, by_hand: bool = True) -> list[str]:
    """Allowed targets in route order; for the phase form (`by_hand`) without SERVICE_ONLY."""
    return [
        phase
        for phase in Phase
        if phase in ALLOWED.get(from_phase, frozenset())
        and not (by_hand and (from_phase, phase) in SERVICE_ONLY)
    ]


def requires_closing_reason(to_phase: str) -> bool:
    return to_phase in CLOSED_PHASES


# REQ C-04, issue 13 item 5: the closing reasons that fit each closed phase. "Verhuisd" with
# "Inburgeringsplicht voldaan" is a contradiction; "Overige reden" fits every closed phase.
CLOSING_REASONS: dict[str, frozenset[str]] = {
    Phase.AFGEROND: frozenset(
        {
            ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
            ClosingReason.ONTHEFFING,
            ClosingReason.VRIJSTELLING,
            ClosingReason.OVERIG,
        }
    ),
    Phase.VERHUISD: frozenset(
        {ClosingReason.VERHUISD, ClosingReason.VERTROKKEN, ClosingReason.OVERIG}
    ),
    Phase.BEEINDIGD: frozenset(
        {
            ClosingReason.ONTHEFFING,
            ClosingReason.VRIJSTELLING,
            ClosingReason.VERTROKKEN,
            ClosingReason.OVERLEDEN,
            ClosingReason.OVERIG,
        }
    ),
}


def closing_reason_problem(to_phase: str, closing_reason: str) -> str | None:
    """The Dutch message when `closing_reason` does not fit closing into `to_phase`."""
    if not requires_closing_reason(to_phase):
        return None
    if closing_reason not in ClosingReason.values:
        return _("Kies een reden van afsluiten bij het sluiten van een dossier.")
    allowed = CLOSING_REASONS[to_phase]
    if closing_reason not in allowed:
        return _(
            "De reden “%(reason)s” past niet bij de fase “%(phase)s”; kies een van: %(allowed)s."
        ) % {
            "reason": ClosingReason(closing_reason).label,
            "phase": Phase(to_phase).label,
            "allowed": ", ".join(
                str(label) for value, label in ClosingReason.choices if value in allowed
            ),
        }
    return None


class TransitionNotAllowed(Exception):
    def __init__(self, from_phase: str, to_phase: str):
        self.from_phase = from_phase
        self.to_phase = to_phase
        super().__init__(
            f"Fase '{Phase(from_phase).label}' kan niet overgaan in '{Phase(to_phase).label}'."
        )
