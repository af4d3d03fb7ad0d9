"""Operators and tests: list issued beschikkingen, or write one's PDF to a file.

    python manage.py render_beschikking --list
    python manage.py render_beschikking ID --out FILE.pdf

The list shows id, version, municipality, dagtekening and whether the PDF is stored; no name,
no BSN. Writing renders the PDF first when it was not made yet (it is then stored for good),
checks the stored bytes against their SHA-256 and is recorded in the audit log.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import processing
from pip_plans import audit
from pip_plans.models import Beschikking
from pip_plans.services import beschikking_pdf_bytes


class Command(BaseCommand):
    help = "Toon uitgegeven PIP-beschikkingen (--list) of schrijf de PDF van één naar een bestand."

    def add_arguments(self, parser):
        parser.add_argument("id", nargs="?", type=int, help="id van de beschikking")
        parser.add_argument("--list", action="store_true", help="toon alle beschikkingen")
        parser.add_argument("--out", help="pad van het PDF-bestand dat wordt geschreven")

    def handle(self, *args, id=None, list=False, out=None, **options):
        if list:
            self._list()
            return
        if id is None or not out:
            raise CommandError("Geef --list, of een id met --out BESTAND.pdf.")
        beschikking = Beschikking.objects.select_related("version__pip").filter(pk=id).first()
        if beschikking is None:
            raise CommandError(f"Beschikking {id} bestaat niet.")
        token = processing.begin_trace()
        try:
            content = beschikking_pdf_bytes(beschikking)
            Path(out).write_bytes(content)
            audit.beschikking_exported(
                beschikking=beschikking, inburgeraar_id=beschikking.version.pip.inburgeraar_id
            )
        finally:
            processing.end_trace(token)
        beschikking.refresh_from_db()
        self.stdout.write(f"{out}: {len(content)} bytes, sha256 {beschikking.sha256 or '-'}")

    def _list(self):
        rows = Beschikking.objects.order_by("dagtekening", "id").values_list(
            "id",
            "version__number",
            "version__pip__inburgeraar__gemeente__name",
            "dagtekening",
            "sha256",
        )
        self.stdout.write("id\tversie\tgemeente\tdagtekening\tpdf")
        count = 0
        for pk, number, gemeente, dagtekening, sha256 in rows.iterator():
            state = "opgeslagen" if sha256 else "nog te maken"
            self.stdout.write(f"{pk}\t{number}\t{gemeente}\t{dagtekening:%Y-%m-%d}\t{state}")
            count += 1
        self.stdout.write(f"{count} beschikking(en)")
