"""PIPs with their versions, beschikkingen and progress talks (REQ P-01, P-03, P-04, P-06).

Cases in phase PIP have a draft; cases in their inburgeringstermijn an established first
version with its beschikking (dagtekening 45 to 75 days after the start, made known a few days
later), on the route and provider of their enrolment, and a progress talk about every six
months since. The snapshot holds only the kenmerk and the dagtekening: the benchmark renders
its letter from a real snapshot (bench/beschikking.py), and no PDF is stored.
"""

from datetime import timedelta

from cases.constants import Phase
from cases.models import Gemeente
from learning_routes.models import Enrolment
from pip_plans.constants import RevisionReason, VersionStatus
from pip_plans.models import Beschikking, Pip, PipVersion, ProgressTalk
from pip_plans.term import objection_last_day

from . import register

TALK_EVERY = timedelta(days=182)


@register("pip_plans", after=("cases", "learning_routes"))
def generate(ctx) -> None:
    rng, today = ctx.rng, ctx.today
    enrolled = {
        pk: (route, provider, contract)
        for pk, route, provider, contract in Enrolment.objects.values_list(
            "inburgeraar_id", "route_id", "provider_id", "contract_id"
        )
    }
    cbs = dict(Gemeente.objects.values_list("id", "cbs_code"))
    pips, versions, beschikkingen, talks = [], [], [], []
    cases = ctx.cases
    for pk, phase, gemeente, consultant, start in zip(
        cases["id"],
        cases["phase"],
        cases["gemeente_id"],
        cases["consultant_id"],
        cases["start"],
        strict=True,
    ):
        if phase not in (Phase.PIP, Phase.INBURGERINGSTERMIJN):
            continue
        pips.append({"id": pk, "inburgeraar_id": pk, "created_by_id": consultant})
        route, provider, contract = enrolled.get(pk, (None, None, None))
        version = {
            "id": pk,  # one first version per PIP: the case's id
            "pip_id": pk,
            "number": 1,
            "reason": RevisionReason.FIRST,
            "route_id": route,
            "provider_id": provider,
            "target_level": "B1",
            "intensity": "3 dagdelen per week, in totaal 12 lesuren",
            "motivation": "Afspraken gemaakt in het gesprek over het PIP.",
            "created_by_id": consultant,
        }
        if phase == Phase.PIP:
            versions.append({**version, "status": VersionStatus.DRAFT})
            continue
        dagtekening = min(today - timedelta(days=3), start + timedelta(days=rng.randint(45, 75)))
        made_known = min(today, dagtekening + timedelta(days=rng.choice([1, 1, 2, 3])))
        versions.append(
            {
                **version,
                "status": VersionStatus.ESTABLISHED,
                "contract_id": contract,
                "dagtekening": dagtekening,
                "established_at": ctx.now,
                "established_by_id": consultant,
            }
        )
        kenmerk = f"PIP-{cbs[gemeente]}-{dagtekening:%Y}-{pk:06d}-1"
        beschikkingen.append(
            {
                "version_id": pk,
                "kenmerk": kenmerk,
                "dagtekening": dagtekening,
                "planned_made_known_on": dagtekening,
                "objection_last_day": objection_last_day(dagtekening),
                "snapshot": {"kenmerk": kenmerk, "dagtekening": dagtekening.isoformat()},
                "made_known_on": made_known,
                "made_known_recorded_by_id": consultant,
            }
        )
        held = dagtekening + TALK_EVERY
        while held <= today:
            talks.append(
                {
                    "pip_id": pk,
                    "held_on": held,
                    "attendees": ["inburgeraar", "consulent"],
                    "findings": "Voortgang besproken; de afspraken in het PIP blijven staan.",
                    "recorded_by_id": consultant,
                }
            )
            held += TALK_EVERY
    ctx.copy_model(Pip, pips, with_pk=True)
    ctx.copy_model(PipVersion, versions, with_pk=True)
    ctx.copy_model(Beschikking, beschikkingen)
    ctx.copy_model(ProgressTalk, talks)
