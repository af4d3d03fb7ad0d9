# ruff: noqa: S311  (demo data: random is fine)
"""Demo data of the leerroutes for `seed_demo` (synthetic, idempotent).

The leerroutes that newly established demo PIPs put on the DLP worklist get every state:
waiting for DLP, registered, started with provider reports, exams and absences, a few
afgeschaald or geschakeld, and some stalled (registered long ago without a start, or no report
for months). Only the cases whose PIP this run established are touched, so running it twice
changes nothing. The route cost is booked by the DLP registration service (REQ F-03).
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from cases.constants import Doelgroep, Phase
from cases.models import User
from demo.history import dated

from .constants import EndReason, EnrolmentStatus, ExamResult, Level, RouteChangeKind, Skill
from .models import (
    Absence,
    Enrolment,
    Exam,
    LearningRoute,
    ProgressReport,
    Provider,
    ProviderMeeting,
    RouteChange,
)
from .selectors import contract_for
from .services import enrolment_register_dlp, enrolment_start


def seed_learning_routes(
    *, users: dict[str, User], case_ids: list[int], today: date | None = None
) -> int:
    """Take the leerroutes that the newly established PIPs (`case_ids`) put on the DLP
    worklist (REQ L-04) into every state, through the services: registered in DLP (which
    books the cost), started. Provider reports, exams and absences are written directly
    (demo only, for speed: hundreds of rows)."""
    today = today or timezone.localdate()
    rng = random.Random(7)
    routes = {r.code: r for r in LearningRoute.objects.all()}
    providers = {p.name: p for p in Provider.objects.all()}
    admin = users["administratie"]
    enrolments = (
        Enrolment.objects.filter(
            inburgeraar_id__in=case_ids,
            inburgeraar__phase=Phase.INBURGERINGSTERMIJN,
            status=EnrolmentStatus.TO_REGISTER,
        )
        .select_related("inburgeraar__consultant", "route")
        .order_by("id")
    )
    created = 0
    for enrolment in enrolments:
        case = enrolment.inburgeraar
        created += 1
        state = rng.choices(
            ["to_register", "registered", "started", "stalled_registered", "stalled_started"],
            weights=[10, 10, 66, 6, 8],
        )[0]
        if state == "to_register":
            continue
        requested = enrolment.requested_on
        registered = min(requested + timedelta(days=rng.randint(2, 14)), today)
        if state == "stalled_registered":
            registered = max(requested, today - timedelta(days=rng.randint(50, 90)))
        with dated(case.pk, registered):
            enrolment = enrolment_register_dlp(
                enrolment=enrolment, on=registered, by=admin, today=today
            )
        if state in ("started", "stalled_started"):
            started = min(registered + timedelta(days=14), today)
            with dated(case.pk, started):
                enrolment = enrolment_start(
                    enrolment=enrolment, on=started, by=case.consultant, today=today
                )
            _reports(enrolment, today, rng, stalled=state == "stalled_started")
    _switches_and_afschalen(today, rng, routes, providers, case_ids)
    _meetings(users, today)
    return created


def _reports(enrolment: Enrolment, today: date, rng: random.Random, stalled: bool) -> None:
    end_of_reports = today - timedelta(days=150) if stalled else today - timedelta(days=7)
    period_start = enrolment.started_on
    levels = ["A0", "A1", "A1", "A2", "A2", "B1"]
    step = 0
    total = 0
    reports = []
    while period_start + timedelta(days=90) <= end_of_reports:
        period_end = period_start + timedelta(days=90)
        scheduled = rng.randint(140, 180)
        attended = int(scheduled * rng.uniform(0.65, 1.0))
        total += attended
        level = levels[min(step, len(levels) - 1)]
        lower = levels[min(max(step - 1, 0), len(levels) - 1)]
        reports.append(
            ProgressReport(
                enrolment=enrolment,
                reported_on=period_end + timedelta(days=7),
                period_start=period_start,
                period_end=period_end,
                hours_scheduled=scheduled,
                hours_attended=attended,
                level_lezen=level,
                level_luisteren=level,
                level_spreken=lower,
                level_schrijven=lower,
                knm_progress="bezig" if step < 3 else "afgerond",
                recorded_by=enrolment.inburgeraar.consultant,
            )
        )
        period_start = period_end + timedelta(days=1)
        step += 1
    ProgressReport.objects.bulk_create(reports)
    if step >= 4:
        Exam.objects.bulk_create(
            [
                Exam(
                    enrolment=enrolment,
                    skill=skill,
                    level=Level.B1 if enrolment.route.code == "b1" else Level.A2,
                    exam_on=period_start - timedelta(days=rng.randint(5, 40)),
                    result=rng.choice([ExamResult.PASSED, ExamResult.PASSED, ExamResult.FAILED]),
                    recorded_by=enrolment.inburgeraar.consultant,
                )
                for skill in (Skill.LEZEN, Skill.LUISTEREN, Skill.KNM)
            ]
        )
    if rng.random() < 0.3 and reports:
        day = reports[-1].period_start + timedelta(days=10)
        Absence.objects.create(
            enrolment=enrolment,
            absent_from=day,
            absent_until=day + timedelta(days=4),
            hours=12,
            excused=rng.random() < 0.5,
            reason="Ziek gemeld door de aanbieder",
            recorded_by=enrolment.inburgeraar.consultant,
        )


def _switches_and_afschalen(today, rng, routes, providers, case_ids) -> None:
    """A few B1-routes afgeschaald after 600+ hours, and a few switched to the Z-route."""
    from django.db.models import Sum

    started = (
        Enrolment.objects.filter(
            inburgeraar_id__in=case_ids,
            status=EnrolmentStatus.STARTED,
            route__code="b1",
            changes__isnull=True,
        )
        .annotate(hours=Sum("reports__hours_attended"))
        .select_related("inburgeraar__consultant")
        .order_by("id")
    )
    afgeschaald = switched = 0
    for enrolment in started:
        consultant = enrolment.inburgeraar.consultant
        if afgeschaald < 4 and (enrolment.hours or 0) >= 600:
            RouteChange.objects.create(
                enrolment=enrolment,
                kind=RouteChangeKind.AFSCHALEN,
                ground="B1 niet haalbaar ondanks volledige inzet; examens op A2.",
                hours_attended=enrolment.hours,
                decided_on=today - timedelta(days=20),
                decided_by=consultant,
            )
            enrolment.afgeschaald_on = today - timedelta(days=20)
            enrolment.save(update_fields=["afgeschaald_on"])
            afgeschaald += 1
        elif (
            switched < 3
            and enrolment.inburgeraar.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            and (enrolment.hours or 0) < 400
        ):
            day = today - timedelta(days=30)
            RouteChange.objects.create(
                enrolment=enrolment,
                kind=RouteChangeKind.SCHAKELEN,
                to_route=routes["z"],
                ground="A2 blijkt na de eerste periode niet haalbaar.",
                hours_attended=enrolment.hours or 0,
                decided_on=day,
                decided_by=consultant,
            )
            enrolment.status = EnrolmentStatus.ENDED
            enrolment.ended_on = day
            enrolment.end_reason = EndReason.SWITCHED
            enrolment.save(update_fields=["status", "ended_on", "end_reason"])
            ivio = providers["IVIO"]
            contract = contract_for(provider_id=ivio.pk, route_id=routes["z"].pk, on=day)
            Enrolment.objects.create(
                inburgeraar=enrolment.inburgeraar,
                route=routes["z"],
                provider=ivio,
                contract=contract,
                price=contract.price,
                requested_on=day,
                created_by=consultant,
            )
            switched += 1


def _meetings(users, today) -> None:
    if ProviderMeeting.objects.exists():
        return
    lead = users.get("teamleider") or next(iter(users.values()))
    for name in ("Fairfield", "Top Taal", "IVIO"):
        provider = Provider.objects.get(name=name)
        for quarter in range(4):
            ProviderMeeting.objects.create(
                provider=provider,
                held_on=today - timedelta(days=30 + 91 * quarter),
                attendees=f"Teamleider HBEL, twee integratieconsulenten, coördinator {name}",
                minutes="Voortgang van de groepen besproken; aanwezigheid gemiddeld boven 80%. "
                "Twee casussen besproken waarin extra begeleiding nodig is.",
                decisions="Aanbieder meldt afwezigheid voortaan binnen een week.",
                recorded_by=lead,
                team_id=lead.team_id,
            )
