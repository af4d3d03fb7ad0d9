"""Brede intakes with their conversations and leerbaarheidstoetsen (REQ I-03, I-06, I-07).

Every case that reached the brede intake has one; it is completed once the case moved on.
Cases past the intake had one or two conversations (the first with COA in person for about
half of the asielstatushouders, REQ D-02); the toets was set ready in DUO's portal, taken and
has a result (B1 reachable for about 70 %). The 14 domain assessments per intake are left
out: no page or scan of the benchmark reads them (they would add 14 rows per case).
"""

from datetime import time, timedelta

from cases.constants import Doelgroep, Phase
from intake.constants import CoaPresence, ConversationStatus
from intake.models import BredeIntake, IntakeConversation, Leerbaarheidstoets, Location

from . import register

STARTED = {Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS, Phase.PIP, Phase.INBURGERINGSTERMIJN}
TOETS = STARTED - {Phase.BREDE_INTAKE}
PAST_INTAKE = TOETS
PAST_TOETS = {Phase.PIP, Phase.INBURGERINGSTERMIJN}


@register("intake")
def generate(ctx) -> None:
    rng, today = ctx.rng, ctx.today
    location = Location.objects.order_by("pk").first() or Location.objects.create(
        name="Werkcentrum (benchmark)", kind="werkcentrum", hosts_toets=True
    )
    intakes, conversations, toetsen = [], [], []
    cases = ctx.cases
    for pk, phase, doelgroep, consultant, start in zip(
        cases["id"],
        cases["phase"],
        cases["doelgroep"],
        cases["consultant_id"],
        cases["start"],
        strict=True,
    ):
        if phase not in STARTED:
            continue
        first = min(today, start + timedelta(days=rng.randint(14, 55)))
        done = phase in PAST_INTAKE
        completed = min(today, first + timedelta(days=rng.randint(0, 21))) if done else None
        statushouder = doelgroep == Doelgroep.ASIELSTATUSHOUDER
        coa = statushouder and rng.random() < 0.5
        intakes.append(
            {
                "id": pk,  # one intake per case: the case's id keeps the join trivial
                "inburgeraar_id": pk,
                "coa_meeting_on": (
                    first + timedelta(days=rng.randint(0, 14)) if statushouder and not coa else None
                ),
                "completed_on": completed,
                "completed_by_id": consultant if done else None,
                "report": "Verslag van de brede intake." if done else "",
            }
        )
        held_first = done or first < today
        conversations.append(
            {
                "intake_id": pk,
                "status": ConversationStatus.HELD if held_first else ConversationStatus.PLANNED,
                "scheduled_on": first,
                "starts_at": time(rng.choice([9, 11, 13, 15]), 0),
                "location_id": location.pk,
                "consultant_id": consultant,
                "invitation_sent_on": first - timedelta(days=14),
                "coa_presence": CoaPresence.IN_PERSON if coa else CoaPresence.ABSENT,
                "recorded_by_id": consultant,
            }
        )
        if done and completed > first:
            conversations.append(
                {
                    "intake_id": pk,
                    "status": ConversationStatus.HELD,
                    "scheduled_on": completed,
                    "starts_at": time(10, 0),
                    "location_id": location.pk,
                    "consultant_id": consultant,
                    "invitation_sent_on": first,
                    "coa_presence": CoaPresence.ABSENT,
                    "recorded_by_id": consultant,
                }
            )
        if phase not in TOETS:
            continue
        ready = min(today, first + timedelta(days=rng.randint(7, 28)))
        taken = min(today, ready + timedelta(days=rng.randint(7, 42)))
        past = phase in PAST_TOETS
        reachable = rng.random() < 0.7
        score = rng.randint(28, 40) if reachable else rng.randint(8, 27)
        toetsen.append(
            {
                "inburgeraar_id": pk,
                "duo_ready_on": ready,
                "taken_on": taken if past else None,
                "result_on": min(today, taken + timedelta(days=2)) if past else None,
                "score": score if past else None,
                "b1_reachable": reachable if past else None,
                "result_recorded_by_id": consultant if past else None,
            }
        )
    ctx.copy_model(BredeIntake, intakes, with_pk=True)
    ctx.copy_model(IntakeConversation, conversations)
    ctx.copy_model(Leerbaarheidstoets, toetsen)
