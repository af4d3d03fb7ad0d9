"""Facts the case itself records, for the deadline engine (REQ C-02, D-01 … D-15).

Two bulk providers, each one query for any number of cases:

- the Inburgeraar's own fields: doelgroep, birth date and the key dates (REQ C-02);
- the phase history (REQ C-04): the route only moves on once a step has happened, so the
  first day a case reached a phase is the latest day its previous step can have happened.
  Reaching *brede intake* means the intake started; reaching *PIP* means the leerbaarheidstoets
  was taken (or exempted); reaching *inburgeringstermijn* means the PIP was established.
  The intake and PIP apps register their own providers later (registered after this one),
  which override these dates with the exact ones wherever they know them.
"""

from collections.abc import Sequence
from typing import Any

from ..constants import Phase
from .engine import PRECEDENCE_DERIVED, register_facts_provider

ROUTE_ORDER = [
    Phase.GEKOPPELD,
    Phase.BREDE_INTAKE,
    Phase.LEERBAARHEIDSTOETS,
    Phase.PIP,
    Phase.INBURGERINGSTERMIJN,
]
# fact → the phases whose reaching implies it (the earliest of them counts)
PHASE_FACTS = {
    "intake_started_on": ROUTE_ORDER[1:],
    "test_taken_on": ROUTE_ORDER[3:],
    "pip_established_on": ROUTE_ORDER[4:],
}


def case_facts(inburgeraar_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    from ..models import Inburgeraar

    rows = Inburgeraar.objects.filter(pk__any_of=list(inburgeraar_ids)).values(
        "pk",
        "doelgroep",
        "date_of_birth",
        "linked_on",
        "registered_on",
        "housed_on",
        "duo_notified_on",
    )
    return {
        row["pk"]: {
            "doelgroep": row["doelgroep"] or None,
            "birth_date": row["date_of_birth"],
            "linked_on": row["linked_on"],
            "registered_on": row["registered_on"],
            "housed_on": row["housed_on"],
            "duo_notified_on": row["duo_notified_on"],
        }
        for row in rows
    }


def phase_history_facts(inburgeraar_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    from django.db.models import Min
    from django.db.models.functions import TruncDate

    from ..models import StatusChange

    rows = (
        StatusChange.objects.filter(
            inburgeraar_id__any_of=list(inburgeraar_ids), to_phase__in=ROUTE_ORDER[1:]
        )
        .values("inburgeraar_id", "to_phase")
        # The first day in the current time zone (Europe/Amsterdam), as the database gives it:
        # no datetime per row to convert in Python (issue 8).
        .annotate(first=Min(TruncDate("changed_at")))
        .order_by()
    )
    reached: dict[int, dict[str, Any]] = {}
    for row in rows:
        reached.setdefault(row["inburgeraar_id"], {})[row["to_phase"]] = row["first"]
    result: dict[int, dict[str, Any]] = {}
    for pk, phases in reached.items():
        facts = {}
        for fact, implied_by in PHASE_FACTS.items():
            days = [phases[p] for p in implied_by if p in phases]
            facts[fact] = min(days) if days else None
        result[pk] = facts
    return result


register_facts_provider(
    case_facts,
    provides=(
        "doelgroep",
        "birth_date",
        "linked_on",
        "registered_on",
        "housed_on",
        "duo_notified_on",
    ),
)
# Derived from the phase history: stands in only where the app that records a fact has none.
register_facts_provider(
    phase_history_facts, provides=tuple(PHASE_FACTS), precedence=PRECEDENCE_DERIVED
)
