"""Facts the case itself records, for the deadline engine (REQ C-01, C-02, D-01 … D-15).

One bulk provider, one query for any number of cases: the Inburgeraar's own fields (doelgroep,
whether an asielstatushouder holds the asylum permit, birth date and the key dates).

The phase history is **no** source of facts (issue 12): a case moved by hand to a later phase
has not thereby started its intake, taken its toets or had its PIP established. The apps that
record those steps provide their dates; where they are missing the screens say "niet
vastgelegd" (Rule.passed_in_phases).
"""

from collections.abc import Sequence
from typing import Any

from .engine import register_facts_provider


def case_facts(inburgeraar_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    from ..models import Inburgeraar

    rows = Inburgeraar.objects.filter(pk__any_of=list(inburgeraar_ids)).values(
        "pk",
        "doelgroep",
        "holds_asylum_permit",
        "date_of_birth",
        "linked_on",
        "registered_on",
        "housed_on",
        "duo_notified_on",
    )
    return {
        row["pk"]: {
            "doelgroep": row["doelgroep"] or None,
            "holds_asylum_permit": row["holds_asylum_permit"],
            "birth_date": row["date_of_birth"],
            "linked_on": row["linked_on"],
            "registered_on": row["registered_on"],
            "housed_on": row["housed_on"],
            "duo_notified_on": row["duo_notified_on"],
        }
        for row in rows
    }


register_facts_provider(
    case_facts,
    provides=(
        "doelgroep",
        "holds_asylum_permit",
        "birth_date",
        "linked_on",
        "registered_on",
        "housed_on",
        "duo_notified_on",
    ),
)
