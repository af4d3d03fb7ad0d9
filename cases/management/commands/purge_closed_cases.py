"""Remove closed cases whose retention period has passed (HBEL_RETENTION_YEARS after closing).

python manage.py purge_closed_cases --dry-run     # list only
python manage.py purge_closed_cases               # delete, with an audit event per case
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.retention import expired_cases, purge_expired_cases


class Command(BaseCommand):
    help = "Verwijder afgesloten dossiers waarvan de bewaartermijn verstreken is."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen, niets wissen.")
        parser.add_argument("--today", help="Peildatum JJJJ-MM-DD (standaard vandaag).")
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help=f"Bewaartermijn in jaren (standaard {settings.HBEL_RETENTION_YEARS}).",
        )

    def handle(self, *args, dry_run: bool, today: str | None, years: int | None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today is geen geldige datum: {today}") from error
        if dry_run:
            rows = expired_cases(today=day, years=years)
            verb = "te verwijderen"
        else:
            rows = purge_expired_cases(today=day, years=years)
            verb = "verwijderd"
        for row in rows:
            self.stdout.write(
                f"dossier {row.inburgeraar_id}\t{row.gemeente}\tafgesloten {row.closed_on}"
            )
        self.stdout.write(f"{len(rows)} dossier(s) {verb} (peildatum {day.isoformat()}).")
