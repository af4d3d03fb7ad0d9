"""Writes of the brede intake and the leerbaarheidstoets (STYLE.md, 'Services own the rules').

Every service is one unit of work of the case-app kit (`cases.kit.case_change`): it locks the
case row (refusing a closed case) and the object it changes, writes its timeline event and
its audit event with the field history in the same transaction, recomputes the deadlines
after the commit, and moves the phase only through `cases.services.inburgeraar_change_phase`
(the transition table of REQ C-04):

- the first conversation held (or completing without the person) moves `gekoppeld` to
  `brede_intake`;
- completing the intake moves `brede_intake` to `leerbaarheidstoets`, or straight to `pip`
  when the person is exempt from the toets (REQ I-07);
- a toets result (or an exemption) moves `leerbaarheidstoets` to `pip` once the intake is
  completed (REQ P-02: the PIP needs both).

A case in another phase (already at `pip` or in the term, e.g. data recorded late) keeps its
phase. `phase.next_phase` is the pure rule; `phase.advance_phase` applies it step by step.

The modules follow the sub-domains; this package re-exports their public names, so
`from intake import services; services.intake_complete(...)` reads as before.
"""

from .base import SOURCE, Outcome, route_start  # noqa: F401
from .completion import (  # noqa: F401
    intake_complete,
    intake_complete_without_person,
    intake_completion_notes,
    intake_completion_problems,
    without_person_problems,
)
from .conversations import (  # noqa: F401
    CONVERSATION_FIELDS,
    conversation_problems,
    conversation_save,
)
from .domains import applicable_domains, domains_save  # noqa: F401
from .phase import next_phase  # noqa: F401
from .sections import AFTER_COMPLETION_FIELDS, SECTION_FIELDS, intake_update  # noqa: F401
from .sessions import (  # noqa: F401
    SESSION_FIELDS,
    session_day_warning,
    session_problems,
    toets_session_correct,
    toets_session_plan,
    toets_session_record,
)
from .toets import (  # noqa: F401
    pass_mark_on,
    result_problems,
    toets_exempt,
    toets_result_record,
    toets_set_duo_ready,
)
