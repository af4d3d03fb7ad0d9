"""Enrolments in a leerroute with quarterly provider reports (REQ L-04, L-05).

Every case in its inburgeringstermijn follows a route (B1 60 %, Z 30 %, onderwijs 10 %) with a
provider under a contract of the seeded catalogue; started cases get one progress report per
quarter, the last of them within the past three months.
"""

from datetime import timedelta

from cases.constants import Phase
from learning_routes.constants import EnrolmentStatus, Level
from learning_routes.models import Contract, Enrolment, ProgressReport

from . import register

ROUTE_MIX = {"b1": 0.6, "z": 0.3, "onderwijs": 0.1}
LEVELS = [Level.A1, Level.A2, Level.B1]


@register("learning_routes")
def generate(ctx) -> None:
    rng, today = ctx.rng, ctx.today
    contracts: dict[str, list[Contract]] = {}
    for contract in Contract.objects.select_related("route"):
        contracts.setdefault(contract.route.code, []).append(contract)
    routes = [code for code in ROUTE_MIX if code in contracts]
    if not routes:
        return
    weights = [ROUTE_MIX[code] for code in routes]
    enrolments, reports = [], []
    enrolment_id = 0
    cases = ctx.cases
    for pk, phase, consultant, start in zip(
        cases["id"], cases["phase"], cases["consultant_id"], cases["start"], strict=True
    ):
        if phase != Phase.INBURGERINGSTERMIJN:
            continue
        contract = rng.choice(contracts[rng.choices(routes, weights=weights)[0]])
        requested = min(today, start + timedelta(days=rng.randint(150, 200)))
        started = requested + timedelta(days=rng.randint(14, 45))
        status = EnrolmentStatus.STARTED if started <= today else EnrolmentStatus.REGISTERED
        enrolment_id += 1
        enrolments.append(
            {
                "id": enrolment_id,
                "inburgeraar_id": pk,
                "route_id": contract.route_id,
                "provider_id": contract.provider_id,
                "contract_id": contract.pk,
                "price": contract.price,
                "status": status,
                "requested_on": requested,
                "registered_on": requested + timedelta(days=7),
                "registered_by_id": consultant,
                "started_on": started if status == EnrolmentStatus.STARTED else None,
                "started_recorded_by_id": consultant if status == EnrolmentStatus.STARTED else None,
                "created_by_id": consultant,
                "created_at": ctx.now,
            }
        )
        if status != EnrolmentStatus.STARTED:
            continue
        period_start = started
        while period_start + timedelta(days=91) <= today:
            period_end = period_start + timedelta(days=90)
            scheduled = rng.choice([96, 120, 144])
            level = rng.choice(LEVELS)
            reports.append(
                {
                    "enrolment_id": enrolment_id,
                    "reported_on": period_end + timedelta(days=1),
                    "period_start": period_start,
                    "period_end": period_end,
                    "hours_attended": rng.randint(scheduled // 2, scheduled),
                    "hours_scheduled": scheduled,
                    "level_lezen": level,
                    "level_luisteren": level,
                    "level_spreken": rng.choice(LEVELS),
                    "level_schrijven": rng.choice(LEVELS),
                    "recorded_by_id": consultant,
                    "recorded_at": ctx.now,
                }
            )
            period_start = period_end + timedelta(days=1)
    ctx.copy_model(Enrolment, enrolments, with_pk=True)
    ctx.copy_model(ProgressReport, reports)
