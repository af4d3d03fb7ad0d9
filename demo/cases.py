"""Demo inburgeraars in every phase, registered and moved along the route by the case services
(`inburgeraar_create`, `inburgeraar_change_phase`), as a consultant would.

The services date everything on the day they run. A demo needs a past: cases registered months
ago whose phase changes followed the municipality's norms (mostly in time, some late). That
history is written afterwards by `_backdate`, a demo-only helper that updates the rows the
services wrote (status changes, their timeline events, the closing date). Names are invented,
BSNs random elfproef-valid numbers.
"""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cases.constants import (
    CLOSED_PHASES,
    ClosingReason,
    Doelgroep,
    DuoDoelgroep,
    Phase,
    TimelineKind,
)
from cases.models import (
    Gemeente,
    Household,
    Inburgeraar,
    StatusChange,
    TimelineEvent,
    User,
    Waarneming,
)
from cases.services import inburgeraar_change_phase, inburgeraar_create

from .data import NAMES_BY_ORIGIN, random_bsn

PHASE_MIX = {
    Phase.GEKOPPELD: 40,
    Phase.BREDE_INTAKE: 40,
    Phase.LEERBAARHEIDSTOETS: 35,
    Phase.PIP: 35,
    Phase.INBURGERINGSTERMIJN: 140,
    Phase.AFGEROND: 20,
    Phase.VERHUISD: 15,
    Phase.BEEINDIGD: 15,
}
DEFAULT_CASES = sum(PHASE_MIX.values())

ROUTE = [
    Phase.GEKOPPELD,
    Phase.BREDE_INTAKE,
    Phase.LEERBAARHEIDSTOETS,
    Phase.PIP,
    Phase.INBURGERINGSTERMIJN,
]

# Months since koppeling (or registration) per phase, for plausible key dates.
PHASE_MONTHS = {
    Phase.GEKOPPELD: (0, 3),
    Phase.BREDE_INTAKE: (1, 4),
    Phase.LEERBAARHEIDSTOETS: (2, 5),
    Phase.PIP: (3, 7),
    Phase.INBURGERINGSTERMIJN: (6, 40),
    Phase.AFGEROND: (30, 48),
    Phase.VERHUISD: (3, 30),
    Phase.BEEINDIGD: (3, 30),
}

# Days since koppeling/registration of seeded cases in the early phases (REQ D-01 … D-05).
START_DAYS = {
    Phase.GEKOPPELD: (3, 68),
    Phase.BREDE_INTAKE: (20, 95),
    Phase.LEERBAARHEIDSTOETS: (45, 100),
    Phase.PIP: (60, 115),
}

# Days after the previous step (or koppeling/registration) at which a seeded case reached
# each phase; the ranges straddle the norms so that most steps are in time and some late.
ROUTE_DAYS = {
    Phase.BREDE_INTAKE: (14, 68),  # D-01: ≤ 2 months
    Phase.LEERBAARHEIDSTOETS: (5, 20),
    Phase.PIP: (20, 45),  # D-03: toets between week 8 and 12
    Phase.INBURGERINGSTERMIJN: (40, 78),  # D-05: PIP ≤ 10 weeks after registration
}

CONSULTANTS = {
    "Huizen": ["consulent1", "consulent2", "consulent3"],
    "Blaricum": ["consulent4", "consulent5", "consulent6"],
    "Eemnes": ["consulent4", "consulent5", "consulent6"],
    "Laren": ["consulent4", "consulent5", "consulent6"],
}
WEIGHTS = {"Huizen": 5, "Blaricum": 2, "Eemnes": 2, "Laren": 2}


def seed_cases(
    *,
    total: int,
    gemeenten: dict[str, Gemeente],
    users: dict[str, User],
    today: date,
    rng: random.Random,
) -> int:
    """Register `total` cases (about; households are kept whole) spread over the phases.
    Returns the number created."""
    scale = total / DEFAULT_CASES
    phases = [p for p, n in PHASE_MIX.items() for _ in range(max(1, round(n * scale)))]
    rng.shuffle(phases)
    taken = set(Inburgeraar.objects.values_list("bsn", flat=True))
    plans: list[tuple[Inburgeraar, list[str], date | None]] = []
    while phases:
        name = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        gemeente = gemeenten[name]
        consultant = users[rng.choice(CONSULTANTS[name])]
        doelgroep = rng.choices(list(Doelgroep), weights=[70, 20, 10])[0]
        origin = rng.choice(list(NAMES_BY_ORIGIN))
        size = rng.choices([1, 2, 3, 4], weights=[60, 15, 15, 10])[0]
        surname = rng.choice(NAMES_BY_ORIGIN[origin][1])
        household = None
        if size > 1:
            household = Household.objects.create(
                gemeente=gemeente, label=f"Huishouden {surname}", city=gemeente.name
            )
        for member in range(size):
            if member and not phases:
                break
            phase = phases.pop()
            data, closed_on = _person(
                rng, today, phase, gemeente, doelgroep, origin, surname, household, taken
            )
            case = inburgeraar_create(data=data, consultant=consultant, by=consultant, today=today)
            path = _path(rng, phase)
            for step in path[1:]:
                inburgeraar_change_phase(
                    inburgeraar=case,
                    to_phase=step,
                    by=consultant,
                    closing_reason=_closing_reason(rng, step),
                    today=today,
                    # Demo only: the PIP of a case in the term is established right after by
                    # pip_plans.demo.seed_pips (the phase form cannot make this step).
                    by_service=True,
                )
            plans.append((case, path, closed_on))
    _backdate(plans, today, rng)
    # An active substitution: consulent5 covers the whole caseload of consulent4.
    Waarneming.objects.create(
        consultant=users["consulent4"],
        substitute=users["consulent5"],
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=10),
        reason="Vakantie",
        created_by=users["teamleider2"],
    )
    return len(plans)


def _person(rng, today, phase, gemeente, doelgroep, origin, surname, household, taken):
    given_names, _surnames, language = NAMES_BY_ORIGIN[origin]
    if phase in START_DAYS:
        # Early phases: days since koppeling/registration around the norms.
        days_ago = rng.randint(*START_DAYS[phase])
        start = today - timedelta(days=days_ago)
        months_ago = max(days_ago // 30, 3 if phase == Phase.PIP else 0)
    else:
        months_ago = rng.randint(*PHASE_MONTHS[phase])
        start = today - relativedelta(months=months_ago) - timedelta(days=rng.randint(0, 27))
    asielstatushouder = doelgroep == Doelgroep.ASIELSTATUSHOUDER
    linked_on = start if asielstatushouder else None
    if asielstatushouder:
        registered_on = _later(rng, start, today, 45) if months_ago >= 3 else None
    else:
        registered_on = start
    interpreter_needed = language != "Engels"
    data = {
        "bsn": random_bsn(rng, taken),
        "given_names": rng.choice(given_names),
        "surname": surname,
        "date_of_birth": today - relativedelta(years=rng.randint(18, 60), days=rng.randint(0, 364)),
        "language": language,
        "interpreter_needed": interpreter_needed,
        "interpreter_language": language if interpreter_needed else "",
        "phone": f"06 {rng.randrange(10**8):08d}",
        "doelgroep": doelgroep,
        "gemeente": gemeente,
        "household": household,
        "linked_on": linked_on,
        "registered_on": registered_on,
        "housed_on": registered_on,
        "duo_notified_on": _later(rng, start, today, 20),
    }
    data.update(_doelgroep_detail(doelgroep, int(data["bsn"])))
    closed_on = _later(rng, start, today, 400) if phase in CLOSED_PHASES else None
    return data, closed_on


def _doelgroep_detail(doelgroep: str, number: int) -> dict:
    """REQ C-01: about one asielstatushouder in five is a nareiziger, with DUO's detailed
    doelgroep to match (derived from the BSN, so the random sequence of the demo is kept)."""
    if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
        nareiziger = number % 5 == 0
        return {
            "holds_asylum_permit": not nareiziger,
            "duo_doelgroep": (
                DuoDoelgroep.GEZINSHERENIGER_AS if nareiziger else DuoDoelgroep.ASIELSTATUSHOUDER
            ),
        }
    if doelgroep == Doelgroep.GEZINSMIGRANT:
        return {
            "duo_doelgroep": DuoDoelgroep.GEZINSVORMER
            if number % 2
            else DuoDoelgroep.GEZINSHERENIGER
        }
    return {"duo_doelgroep": DuoDoelgroep.OVERIG}


def _path(rng, phase) -> list[str]:
    """The phases a case went through to reach `phase`; a closed case left the route
    somewhere (afgerond only from the term, as the transition table says)."""
    if phase in ROUTE:
        return ROUTE[: ROUTE.index(phase) + 1]
    if phase == Phase.AFGEROND:
        return [*ROUTE, phase]
    return [*ROUTE[: rng.randint(1, len(ROUTE))], phase]


def _closing_reason(rng, phase) -> str:
    return {
        Phase.AFGEROND: ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
        Phase.VERHUISD: ClosingReason.VERHUISD,
        Phase.BEEINDIGD: rng.choice(
            [ClosingReason.ONTHEFFING, ClosingReason.VRIJSTELLING, ClosingReason.VERTROKKEN]
        ),
    }.get(phase, "")


def _later(rng, start: date, today: date, max_days: int) -> date:
    return max(start, min(start + timedelta(days=rng.randint(7, max_days)), today))


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _backdate(plans, today: date, rng: random.Random) -> None:
    """Demo only, writes rows directly: give the history the services wrote today the dates
    of a case's life (REQ C-04, D-01 … D-05).

    First the steps are spread evenly between koppeling/registration and today (or the
    closing date, which is set here too); then the steps along the route follow the norms,
    mostly in time and sometimes late: intake some weeks after koppeling or registration, the
    leerbaarheidstoets around 8-12 weeks, the PIP around 10 weeks after registration. The
    phase history is what the deadline rules read.
    """
    ids = [case.pk for case, _path, _closed in plans]
    changes: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.filter(inburgeraar_id__in=ids).order_by("pk"):
        changes.setdefault(change.inburgeraar_id, []).append(change)
    events: dict[int, list[TimelineEvent]] = {}
    for event in TimelineEvent.objects.filter(
        inburgeraar_id__in=ids, kind__in=[TimelineKind.CREATED, TimelineKind.PHASE_CHANGED]
    ).order_by("pk"):
        events.setdefault(event.inburgeraar_id, []).append(event)
    closed = []
    for case, path, closed_on in plans:
        if closed_on is not None:
            case.closed_on = closed_on
            closed.append(case)
        start = case.linked_on or case.registered_on or today
        end = case.closed_on or today
        span = max((end - start).days, 0)
        days = [
            start + timedelta(days=span * step // max(len(path) - 1, 1))
            for step in range(len(path))
        ]
        day = start
        for index, phase in enumerate(path):
            if phase not in ROUTE_DAYS:
                continue
            low, high = ROUTE_DAYS[phase]
            if phase == Phase.INBURGERINGSTERMIJN:
                base = max(d for d in (case.registered_on, case.duo_notified_on, day) if d)
                day = base + timedelta(days=rng.randint(low, high))
            else:
                day = day + timedelta(days=rng.randint(low, high))
            day = min(day, today, case.closed_on or today)
            days[index] = day
        for row, day in zip(changes.get(case.pk, []), days, strict=False):
            row.changed_at = _moment(day)
        for row, day in zip(events.get(case.pk, []), days, strict=False):
            row.occurred_at = _moment(day)
    StatusChange.objects.bulk_update(
        [c for rows in changes.values() for c in rows], ["changed_at"], batch_size=500
    )
    TimelineEvent.objects.bulk_update(
        [e for rows in events.values() for e in rows], ["occurred_at"], batch_size=500
    )
    Inburgeraar.objects.bulk_update(closed, ["closed_on"], batch_size=500)
