"""Check the deadline rules on a hypothetical case (REQ D-01 … D-15, issue 4).

    python manage.py deadlines --facts FACTS.json [--today YYYY-MM-DD]

Prints a JSON array with one object per rule: code, requirement, window_start, due, state,
met_on (dates ISO, null where none). `--facts -` reads the facts from standard input.
No database access: the rules are pure.
"""

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.deadlines.engine import FACT_NAMES, FactsError, evaluate, facts_from_mapping


class Command(BaseCommand):
    help = (
        "Bereken alle termijnen (REQ D-01 … D-15) voor een denkbeeldig dossier. FACTS.json "
        f"bevat een JSON-object met (een deel van) deze feiten: {', '.join(FACT_NAMES)}."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--facts", required=True, metavar="FACTS.json", help="JSON-bestand, of - voor stdin."
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="Peildatum (standaard: vandaag, Europe/Amsterdam).",
        )

    def handle(self, *args, facts: str, today: str | None, **options):
        try:
            if facts == "-":
                data = json.load(sys.stdin)
            else:
                with open(facts, encoding="utf-8") as handle:
                    data = json.load(handle)
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {facts}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{facts} is geen geldige JSON: {error}") from None
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--today: {today!r} is geen geldige datum (verwacht JJJJ-MM-DD)."
            ) from None
        try:
            parsed = facts_from_mapping(data)
        except FactsError as error:
            raise CommandError(str(error)) from None
        result = [evaluation.as_dict() for evaluation in evaluate(parsed, day)]
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
