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

from cases.deadlines.engine import (
    FACT_NAMES,
    FactsError,
    check_fact_date,
    evaluate,
    facts_from_mapping,
)


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
        # Issue 22, finding 11: every malformed input ends in one Dutch line and exit code 1
        # (CommandError), never in a traceback.
        data = self._read(facts)
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
            check_fact_date("--today", day)
        except ValueError as error:
            message = (
                str(error)
                if isinstance(error, FactsError)
                else (f"--today: {today!r} is geen geldige datum (verwacht JJJJ-MM-DD).")
            )
            raise CommandError(message) from None
        try:
            parsed = facts_from_mapping(data)
        except FactsError as error:
            raise CommandError(str(error)) from None
        try:
            result = [evaluation.as_dict() for evaluation in evaluate(parsed, day)]
        except (ArithmeticError, ValueError):
            raise CommandError(
                "Met deze feiten en peildatum kunnen de termijnen niet worden berekend; "
                "controleer de datums."
            ) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    @staticmethod
    def _read(facts: str):
        name = "standaardinvoer" if facts == "-" else facts
        try:
            if facts == "-":
                stream = getattr(sys.stdin, "buffer", None)
                raw = stream.read().decode("utf-8") if stream is not None else sys.stdin.read()
                return json.loads(raw)
            with open(facts, encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {facts}") from None
        except IsADirectoryError:
            raise CommandError(f"{facts} is een map, geen bestand.") from None
        except OSError as error:
            raise CommandError(f"{facts} kan niet worden gelezen: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{name} is geen UTF-8-tekst.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{name} is geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
            ) from None
        except RecursionError:
            raise CommandError(f"{name} is te diep genest om te lezen.") from None
