"""The deadline facts the intake app owns, for the deadline engine in `cases` (REQ D-01 … D-04).

`intake_facts(ids)` answers, per case, in a fixed number of queries (four per chunk of
`CHUNK` ids, whatever the number of conversations):

- `intake_started_on` (REQ D-01): the day of the first intake conversation held. When the
  college completed the intake without the person (REQ I-09) and no conversation was ever
  held, the day of the first invited appointment the person missed: the municipality started
  the intake then, the person did not come.
- `coa_handover_on` (REQ D-02): the first conversation held with COA present (in person or
  online), or the digital meeting with COA when COA was absent; the earlier of the two.
- `test_ready_on` (REQ D-04): the day DUO set the leerbaarheidstoets ready in its portal.
- `test_taken_on` (REQ D-03): the day the toets was taken.

Every requested id that exists gets an entry; facts unknown are None (the engine then keeps
what the phase history implies). The keys are exactly `cases.deadlines.engine.Facts` fields, so
the provider registers as it is:

    register_facts_provider(intake_facts, provides=FACT_KEYS)   # in intake/deadlines.py

The services already schedule a recompute of the case's deadlines after every change of
these facts (`deadlines_schedule_recompute`, after commit).
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Min, Q

from .constants import CoaPresence, ConversationStatus
from .models import BredeIntake, IntakeConversation, Leerbaarheidstoets

CHUNK = 5000  # the scan's chunk: one round of queries per scan chunk
FACT_KEYS = ("intake_started_on", "coa_handover_on", "test_ready_on", "test_taken_on")


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def intake_facts(inburgeraar_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    ids = list(dict.fromkeys(int(pk) for pk in inburgeraar_ids))
    facts: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), CHUNK):
        facts.update(_facts_for(ids[start : start + CHUNK]))
    return facts


def _facts_for(ids: list[int]) -> dict[int, dict[str, Any]]:
    from cases.models import Inburgeraar

    held = Q(status=ConversationStatus.HELD)
    conversations = {
        row["intake__inburgeraar_id"]: row
        for row in IntakeConversation.objects.filter(intake__inburgeraar_id__any_of=ids)
        .values("intake__inburgeraar_id")
        .annotate(
            first_held=Min("scheduled_on", filter=held),
            first_coa=Min("scheduled_on", filter=held & ~Q(coa_presence=CoaPresence.ABSENT)),
            first_missed=Min(
                "scheduled_on",
                filter=Q(status=ConversationStatus.NO_SHOW, invitation_sent_on__isnull=False),
            ),
        )
        .order_by()
    }
    intakes = {
        row["inburgeraar_id"]: row
        for row in BredeIntake.objects.filter(inburgeraar_id__any_of=ids).values(
            "inburgeraar_id", "completed_on", "completed_without_person", "coa_meeting_on"
        )
    }
    toetsen = {
        row["inburgeraar_id"]: row
        for row in Leerbaarheidstoets.objects.filter(inburgeraar_id__any_of=ids).values(
            "inburgeraar_id", "duo_ready_on", "taken_on"
        )
    }
    existing = set(Inburgeraar.objects.filter(pk__any_of=ids).values_list("pk", flat=True))
    result = {}
    for pk in ids:
        if pk not in existing:
            continue
        conv = conversations.get(pk, {})
        intake = intakes.get(pk, {})
        toets = toetsen.get(pk, {})
        started = conv.get("first_held")
        if started is None and intake.get("completed_without_person"):
            started = conv.get("first_missed") or intake.get("completed_on")
        result[pk] = {
            "intake_started_on": started,
            "coa_handover_on": _earliest(conv.get("first_coa"), intake.get("coa_meeting_on")),
            "test_ready_on": toets.get("duo_ready_on"),
            "test_taken_on": toets.get("taken_on"),
        }
    return result
