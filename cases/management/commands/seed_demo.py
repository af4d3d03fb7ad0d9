"""Fill the database with synthetic demo data (idempotent): `python manage.py seed_demo`.

Built on the factories of the test suite. All people and numbers are invented.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases.constants import Doelgroep, Phase, Role
from cases.deadlines.services import deadlines_scan
from cases.models import DeadlineNotice, DeadlineScan, Gemeente, Inburgeraar, User
from intake.demo import seed_intakes
from learning_routes.demo import seed_learning_routes
from tests.factories import (
    DEMO_PASSWORD,
    HBEL_GEMEENTEN,
    NAMES_BY_ORIGIN,
    GemeenteFactory,
    HouseholdFactory,
    InburgeraarFactory,
    TeamFactory,
    UserFactory,
    WaarnemingFactory,
)

HISTORY_DAYS = 90  # days of deadline history for the dashboard chart

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

# username, first name, last name, role, team key
STAFF = [
    ("consulent1", "Sanne", "de Boer", Role.CONSULTANT, "huizen"),
    ("consulent2", "Mohamed", "Bakkali", Role.CONSULTANT, "huizen"),
    ("consulent3", "Eva", "Jansen", Role.CONSULTANT, "huizen"),
    ("consulent4", "Thomas", "Visser", Role.CONSULTANT, "bel"),
    ("consulent5", "Noor", "Hendriks", Role.CONSULTANT, "bel"),
    ("consulent6", "Lotte", "Smit", Role.CONSULTANT, "bel"),
    ("teamleider", "Marieke", "van Dijk", Role.TEAMLEIDER, "huizen"),
    ("teamleider2", "Pieter", "Mulder", Role.TEAMLEIDER, "bel"),
    ("administratie", "Anouk", "Bos", Role.ADMINISTRATIE, "backoffice"),
    ("boete", "Jeroen", "Vos", Role.BOETEAMBTENAAR, "backoffice"),
    ("beleid", "Ingrid", "Peters", Role.BELEID, None),
    ("beheerder", "Kees", "Dekker", Role.FUNCTIONEEL_BEHEERDER, None),
]


class Command(BaseCommand):
    help = "Laad synthetische demodata: vier HBEL-gemeenten, teams, medewerkers en dossiers."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=sum(PHASE_MIX.values()))
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, cases: int, seed: int, **options):
        random.seed(seed)
        with transaction.atomic():
            gemeenten = {g["name"]: GemeenteFactory(**_letterhead(g)) for g in HBEL_GEMEENTEN}
            teams = {
                "huizen": TeamFactory(name="Team Huizen", gemeenten=[gemeenten["Huizen"]]),
                "bel": TeamFactory(
                    name="Team Blaricum, Eemnes en Laren",
                    gemeenten=[gemeenten["Blaricum"], gemeenten["Eemnes"], gemeenten["Laren"]],
                ),
                "backoffice": TeamFactory(
                    name="Backoffice HBEL", gemeenten=list(gemeenten.values())
                ),
            }
            users = {}
            for username, first, last, role, team in STAFF:
                user = UserFactory(
                    username=username,
                    first_name=first,
                    last_name=last,
                    team=teams[team] if team else None,
                    role=role,
                )
                users[username] = user
            created = 0
            if not Inburgeraar.objects.filter(gemeente__in=gemeenten.values()).exists():
                created = self._cases(cases, gemeenten, users)
            intakes = seed_intakes(users=users)
            from pip_plans.demo import seed_pips

            pips = seed_pips(
                gemeenten=list(gemeenten.values()), administratie=users["administratie"]
            )
            seed_learning_routes(users=users)
        rendered = self._render_some_pdfs(pips)
        scanned = self._deadlines(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klaar ({created} nieuwe dossiers, {intakes} met nieuwe "
                f"intakegegevens; termijnen berekend over {scanned} dag(en))."
            )
        )
        self.stdout.write(
            f"PIP's: {pips['pips']} nieuw ({pips['established']} vastgesteld, "
            f"{pips['drafts']} in concept); {rendered} beschikking-PDF's nu gemaakt, de overige "
            "worden gemaakt bij de eerste download."
        )
        self._print_logins(users)

    def _cases(self, total: int, gemeenten: dict[str, Gemeente], users: dict[str, User]) -> int:
        today = timezone.localdate()
        by_gemeente = {
            "Huizen": [users["consulent1"], users["consulent2"], users["consulent3"]],
            "Blaricum": [users["consulent4"], users["consulent5"], users["consulent6"]],
            "Eemnes": [users["consulent4"], users["consulent5"], users["consulent6"]],
            "Laren": [users["consulent4"], users["consulent5"], users["consulent6"]],
        }
        weights = {"Huizen": 5, "Blaricum": 2, "Eemnes": 2, "Laren": 2}
        scale = total / sum(PHASE_MIX.values())
        phases = [p for p, n in PHASE_MIX.items() for _ in range(max(1, round(n * scale)))]
        random.shuffle(phases)
        created = 0
        while phases:
            name = random.choices(list(weights), weights=list(weights.values()))[0]
            gemeente = gemeenten[name]
            consultant = random.choice(by_gemeente[name])
            doelgroep = random.choices(list(Doelgroep), weights=[70, 20, 10])[0]
            origin = random.choice(list(NAMES_BY_ORIGIN))
            size = random.choices([1, 2, 3, 4], weights=[60, 15, 15, 10])[0]
            household = None
            if size > 1:
                household = HouseholdFactory(gemeente=gemeente, label="Huishouden")
            surname = random.choice(NAMES_BY_ORIGIN[origin][1])
            phase = phases.pop()
            for member in range(size):
                if member and phases:
                    phase = phases.pop()
                elif member:
                    break
                extra = {}
                if phase in START_DAYS:
                    # Early phases: days since koppeling/registration around the norms.
                    days_ago = random.randint(*START_DAYS[phase])
                    extra = {
                        "start": today - timedelta(days=days_ago),
                        "months_ago": max(days_ago // 30, 3 if phase == Phase.PIP else 0),
                    }
                person = InburgeraarFactory(
                    **extra,
                    gemeente=gemeente,
                    consultant=consultant,
                    doelgroep=doelgroep,
                    origin=origin,
                    surname=surname,
                    phase=phase,
                    household=household,
                    today=today,
                )
                created += 1
            if household is not None:
                household.label = f"Huishouden {person.surname}"
                household.city = gemeente.name
                household.save(update_fields=["label", "city"])
        _plausible_histories(today)
        # An active substitution: consulent5 covers the whole caseload of consulent4.
        WaarnemingFactory(
            consultant=users["consulent4"],
            substitute=users["consulent5"],
            starts_on=today - timedelta(days=3),
            ends_on=today + timedelta(days=10),
            reason="Vakantie",
            created_by=users["teamleider2"],
        )
        return created

    def _deadlines(self, users: dict[str, User]) -> int:
        """REQ D / M-01: compute the deadlines, with 90 days of history for the dashboard.

        The first time, the nightly scan replays the last 90 days (today's facts, each day's
        states), which fills the daily snapshots of the chart and the notices. Notices older
        than three days are marked handled by the consultant, as a working team would have.
        Later runs only catch up the days since the last scan.
        """
        today = timezone.localdate()
        first_time = not DeadlineScan.objects.exists()
        if first_time:
            DeadlineScan.objects.create(
                day=today - timedelta(days=HISTORY_DAYS),
                started_at=timezone.now(),
                finished_at=timezone.now(),
            )
        result = deadlines_scan(today=today, catch_up_days=HISTORY_DAYS)
        if first_time:
            _synthetic_snapshot_history(today)
            old = DeadlineNotice.objects.filter(
                raised_on__lt=today - timedelta(days=3), handled_at__isnull=True
            ).select_related("inburgeraar")
            handled = []
            for notice in old:
                notice.handled_at = timezone.now()
                notice.handled_by_id = notice.inburgeraar.consultant_id
                notice.digested_at = timezone.now()
                handled.append(notice)
            DeadlineNotice.objects.bulk_update(
                handled, ["handled_at", "handled_by", "digested_at"], batch_size=500
            )
        return len(result.days)

    def _render_some_pdfs(self, pips: dict) -> int:
        """Rendering every beschikking would make `make run` slow: only a few now."""
        from pip_plans.services import beschikking_render

        for beschikking_id in pips["render"]:
            beschikking_render(beschikking_id=beschikking_id)
        return len(pips["render"])

    def _print_logins(self, users: dict[str, User]) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor iedereen: {DEMO_PASSWORD})")
        for username, _first, _last, role, _team in STAFF:
            user = users[username]
            team_name = user.team.name if user.team else "-"
            self.stdout.write(f"  {username:<14} {Role(role).label:<24} {team_name}")
        self.stdout.write("")


def _synthetic_snapshot_history(today: date) -> None:
    """Demo only: replace the replayed chart history with a plausible synthetic one.

    Replaying 90 days with today's facts makes the past look emptier than it was (today's young
    cases had no deadlines yet). The demo chart instead walks back from today's real counts
    with small daily changes around a level, so the last point is always the true one.
    """
    from cases.models import DeadlineSnapshot

    snapshots = {
        (s.gemeente_id, s.day): s
        for s in DeadlineSnapshot.objects.filter(day__gt=today - timedelta(days=HISTORY_DAYS))
    }
    for gemeente_id in {g for g, _day in snapshots}:
        current = snapshots.get((gemeente_id, today))
        if current is None:
            continue
        values = {"overdue": current.overdue, "due_soon": current.due_soon}
        levels = {k: max(1.0, v * random.uniform(0.9, 1.4)) for k, v in values.items()}
        for back in range(1, HISTORY_DAYS):
            snap = snapshots.get((gemeente_id, today - timedelta(days=back)))
            if snap is None:
                continue
            for key in values:
                pull = 0.25 * (levels[key] - values[key])
                values[key] = max(0, round(values[key] + pull + random.uniform(-1.6, 1.6)))
                setattr(snap, key, values[key])
    DeadlineSnapshot.objects.bulk_update(
        [s for (g, day), s in snapshots.items() if day != today],
        ["overdue", "due_soon"],
        batch_size=500,
    )


def _plausible_histories(today: date) -> None:
    """Give the seeded phase histories plausible dates along the route (REQ C-04, D-01 … D-05).

    The factories spread phase changes evenly over a case's life; for the deadline demo the
    steps follow the municipality's norms instead, mostly in time and sometimes late: intake
    some weeks after koppeling or registration, the leerbaarheidstoets around 8-12 weeks, the
    PIP around 10 weeks after registration. The phase history is what the deadline rules read.
    """
    from cases.models import StatusChange

    changes = list(
        StatusChange.objects.filter(to_phase__in=ROUTE_DAYS).select_related("inburgeraar")
    )
    by_case: dict[int, dict[str, StatusChange]] = {}
    for change in changes:
        by_case.setdefault(change.inburgeraar_id, {})[change.to_phase] = change
    updated = []
    for phases in by_case.values():
        case = next(iter(phases.values())).inburgeraar
        start = case.linked_on or case.registered_on
        if start is None:
            continue
        day = start
        for phase, (low, high) in ROUTE_DAYS.items():
            if phase not in phases:
                break
            if phase == Phase.INBURGERINGSTERMIJN:
                base = max(d for d in (case.registered_on, case.duo_notified_on, day) if d)
                day = base + timedelta(days=random.randint(low, high))
            else:
                day = day + timedelta(days=random.randint(low, high))
            day = min(day, today, case.closed_on or today)
            change = phases[phase]
            change.changed_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
            updated.append(change)
    StatusChange.objects.bulk_update(updated, ["changed_at"], batch_size=500)


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


def _letterhead(data: dict) -> dict:
    name = data["name"]
    return {
        **data,
        "signing_officer": "drs. J.M. van den Berg",
        "signing_officer_title": "Teamleider Inburgering, Uitvoeringsdienst HBEL",
        "mandate_text": f"Namens het college van burgemeester en wethouders van {name}",
        "objection_address": (
            f"Het college van burgemeester en wethouders van {name}, "
            f"{data['postal_address']}, {data['postal_code']} {data['city']}"
        ),
    }
