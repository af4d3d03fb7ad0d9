"""Fill the database with synthetic demo data (idempotent): `python manage.py seed_demo`.

Only for the local demo: refuses to run unless HBEL_DEMO or DEBUG is on. The organisation is
written directly (demo.organisation); the cases and each app's data go through the services
(demo.cases and the apps' `demo.py`), with seeded randomness. All people and numbers are
invented.
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cases.constants import Role
from cases.deadlines.services import deadlines_scan
from cases.models import DeadlineNotice, DeadlineScan, Inburgeraar, User
from demo.cases import DEFAULT_CASES, seed_cases
from demo.data import DEMO_PASSWORD, STAFF
from demo.organisation import seed_organisation
from intake.demo import seed_intakes
from learning_routes.demo import seed_learning_routes
from pip_plans.demo import seed_pips

HISTORY_DAYS = 90  # days of deadline history for the dashboard chart


class Command(BaseCommand):
    help = "Laad synthetische demodata: vier HBEL-gemeenten, teams, medewerkers en dossiers."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=DEFAULT_CASES)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, cases: int, seed: int, **options):
        if not (settings.HBEL_DEMO or settings.DEBUG):
            raise CommandError(
                "seed_demo is alleen voor de demo: zet HBEL_DEMO=true of DEBUG=true."
            )
        # Each part has its own generator from the seed, so one part's draws never shift
        # another's. The intake demo still draws from the module `random`, seeded here.
        random.seed(seed)
        rng = {part: random.Random(f"{seed}-{part}") for part in ("cases", "pips", "chart")}
        today = timezone.localdate()
        with transaction.atomic():
            gemeenten, users = seed_organisation()
            created = 0
            if not Inburgeraar.objects.filter(gemeente__in=gemeenten.values()).exists():
                created = seed_cases(
                    total=cases, gemeenten=gemeenten, users=users, today=today, rng=rng["cases"]
                )
            intakes = seed_intakes(users=users, today=today)
            pips = seed_pips(
                gemeenten=list(gemeenten.values()),
                administratie=users["administratie"],
                today=today,
                rng=rng["pips"],
            )
            seed_learning_routes(users=users, case_ids=pips["established_ids"], today=today)
            _drop_per_case_recomputes()
        rendered = self._render_some_pdfs(pips)
        scanned = self._deadlines(today, rng["chart"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klaar ({created} nieuwe dossiers, {intakes} met nieuwe "
                f"intakegegevens; termijnen berekend over {scanned} dag(en))."
            )
        )
        self.stdout.write(
            f"PIP's: {pips['pips']} nieuw ({pips['established']} vastgesteld, "
            f"{pips['drafts']} in concept, {pips.get('awaiting', 0)} wachten in Laren op "
            f"goedkeuring); {rendered} beschikking-PDF's nu gemaakt, de overige worden gemaakt "
            "bij de eerste download."
        )
        self._print_logins(users)

    def _deadlines(self, today: date, rng: random.Random) -> int:
        """REQ D / M-01: compute the deadlines, with 90 days of history for the dashboard.

        The first time, the nightly scan replays the last 90 days (today's facts, each day's
        states), which fills the daily snapshots of the chart and the notices. Notices older
        than three days are marked handled by the consultant, as a working team would have.
        Later runs only catch up the days since the last scan.
        """
        first_time = not DeadlineScan.objects.exists()
        if first_time:
            DeadlineScan.objects.create(
                day=today - timedelta(days=HISTORY_DAYS),
                started_at=timezone.now(),
                finished_at=timezone.now(),
            )
        result = deadlines_scan(today=today, catch_up_days=HISTORY_DAYS)
        if first_time:
            _synthetic_snapshot_history(today, rng)
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


def _drop_per_case_recomputes() -> None:
    """Demo only, for speed: every service that changes a deadline fact clears the case's
    fingerprint and queues a recompute of that case for after the commit; seeding queues
    thousands (one per service call). The scan that follows (`_deadlines`) recomputes every
    case whose fingerprint was cleared, once, so those queued recomputes are dropped here.
    Other after-commit work is kept."""
    connection = transaction.get_connection()
    connection.run_on_commit = [
        hook
        for hook in connection.run_on_commit
        if getattr(hook[1], "__qualname__", "") != "deadlines_schedule_recompute.<locals>.run"
    ]


def _synthetic_snapshot_history(today: date, rng: random.Random) -> None:
    """Demo only, writes rows directly: replace the replayed chart history with a plausible
    synthetic one.

    Replaying 90 days with today's facts makes the past look emptier than it was (today's young
    cases had no deadlines yet). The demo chart instead walks back from today's real counts
    with small daily changes around a level, so the last point is always the true one.
    """
    from cases.models import DeadlineSnapshot

    snapshots = {
        (s.gemeente_id, s.day): s
        for s in DeadlineSnapshot.objects.filter(day__gt=today - timedelta(days=HISTORY_DAYS))
    }
    for gemeente_id in sorted({g for g, _day in snapshots}):
        current = snapshots.get((gemeente_id, today))
        if current is None:
            continue
        values = {"overdue": current.overdue, "due_soon": current.due_soon}
        levels = {k: max(1.0, v * rng.uniform(0.9, 1.4)) for k, v in values.items()}
        for back in range(1, HISTORY_DAYS):
            snap = snapshots.get((gemeente_id, today - timedelta(days=back)))
            if snap is None:
                continue
            for key in values:
                pull = 0.25 * (levels[key] - values[key])
                values[key] = max(0, round(values[key] + pull + rng.uniform(-1.6, 1.6)))
                setattr(snap, key, values[key])
    DeadlineSnapshot.objects.bulk_update(
        [s for (g, day), s in snapshots.items() if day != today],
        ["overdue", "due_soon"],
        batch_size=500,
    )
