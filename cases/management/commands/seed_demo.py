"""Fill the database with synthetic demo data (idempotent): `python manage.py seed_demo`.

Built on the factories of the test suite. All people and numbers are invented.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cases.constants import Doelgroep, Phase, Role
from cases.models import Gemeente, Inburgeraar, User
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
            from pip_plans.demo import seed_pips

            pips = seed_pips(
                gemeenten=list(gemeenten.values()), administratie=users["administratie"]
            )
        rendered = self._render_some_pdfs(pips)
        self.stdout.write(self.style.SUCCESS(f"Demodata klaar ({created} nieuwe dossiers)."))
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
                person = InburgeraarFactory(
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
