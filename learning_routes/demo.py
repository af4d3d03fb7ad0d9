# ruff: noqa: S311  (demo data: random is fine)
"""Demo data of the leerroutes for `seed_demo` (synthetic, idempotent).

Cases in the inburgeringstermijn get a leerroute in every state: waiting for DLP, registered,
started with provider reports, exams and absences, a few afgeschaald or geschakeld, and some
stalled (registered long ago without a start, or no report for months). Cases that already
have an enrolment are left alone, so running it twice changes nothing. The route cost is
booked as a real DLP registration would (REQ F-03).
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from cases.constants import Doelgroep, Phase
from cases.models import Inburgeraar, User
from finance.constants import ROUTE_PROVISIONS
from finance.models import Cost

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

ROUTE_PROVIDERS = {"b1": ["Fairfield", "Top Taal"], "z": ["Fairfield", "IVIO"]}


def seed_learning_routes(*, users: dict[str, User], today: date | None = None) -> int:
    today = today or timezone.localdate()
    rng = random.Random(7)
    routes = {r.code: r for r in LearningRoute.objects.all()}
    providers = {p.name: p for p in Provider.objects.all()}
    admin = users["administratie"]
    cases = (
        Inburgeraar.objects.filter(phase=Phase.INBURGERINGSTERMIJN, enrolments__isnull=True)
        .select_related("consultant")
        .order_by("id")
    )
    created = 0
    for case in cases:
        code = "z" if rng.random() < 0.25 else "b1"
        route = routes[code]
        provider = providers[rng.choice(ROUTE_PROVIDERS[code])]
        start = (case.registered_on or case.linked_on or today - timedelta(days=200)) + timedelta(
            days=rng.randint(60, 120)
        )
        requested = min(start, today - timedelta(days=5))
        contract = contract_for(provider_id=provider.pk, route_id=route.pk, on=requested)
        if contract is None:
            continue
        enrolment = Enrolment(
            inburgeraar=case,
            route=route,
            provider=provider,
            contract=contract,
            price=contract.price,
            requested_on=requested,
            created_by=case.consultant,
        )
        state = rng.choices(
            ["to_register", "registered", "started", "stalled_registered", "stalled_started"],
            weights=[10, 10, 66, 6, 8],
        )[0]
        if state != "to_register":
            registered = min(requested + timedelta(days=rng.randint(2, 14)), today)
            if state == "stalled_registered":
                registered = today - timedelta(days=rng.randint(50, 90))
                enrolment.requested_on = registered - timedelta(days=5)
            enrolment.status = EnrolmentStatus.REGISTERED
            enrolment.registered_on = registered
            enrolment.registered_by = admin
        if state in ("started", "stalled_started"):
            enrolment.status = EnrolmentStatus.STARTED
            enrolment.started_on = min(enrolment.registered_on + timedelta(days=14), today)
            enrolment.started_recorded_by = case.consultant
        enrolment.save()
        created += 1
        if enrolment.registered_on:
            Cost.objects.get_or_create(
                source=f"learning_routes.enrolment:{enrolment.pk}",
                defaults={
                    "inburgeraar": case,
                    "gemeente_id": case.gemeente_id,
                    "provision": ROUTE_PROVISIONS[route.code],
                    "amount": enrolment.price,
                    "incurred_on": enrolment.registered_on,
                    "description": f"{route} bij {provider}",
                    "created_by": admin,
                },
            )
        if enrolment.status == EnrolmentStatus.STARTED:
            _reports(enrolment, today, rng, stalled=state == "stalled_started")
    _switches_and_afschalen(today, rng, routes, providers)
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


def _switches_and_afschalen(today, rng, routes, providers) -> None:
    """A few B1-routes afgeschaald after 600+ hours, and a few switched to the Z-route."""
    from django.db.models import Sum

    started = (
        Enrolment.objects.filter(
            status=EnrolmentStatus.STARTED, route__code="b1", changes__isnull=True
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
            )
