"""The demo organisation: the four HBEL municipalities, three teams and one login per role.

There is no service for municipalities, teams or staff accounts (they are kept in the Django
admin), so these rows are written directly, with get-or-create: running it twice changes nothing.
"""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from cases.constants import Role
from cases.models import Gemeente, Team, User

from .data import DEMO_PASSWORD, HBEL_GEMEENTEN, STAFF

# team key → (name, municipalities served)
TEAMS = {
    "huizen": ("Team Huizen", ["Huizen"]),
    "bel": ("Team Blaricum, Eemnes en Laren", ["Blaricum", "Eemnes", "Laren"]),
    "backoffice": ("Backoffice HBEL", ["Huizen", "Blaricum", "Eemnes", "Laren"]),
}


def letterhead(data: dict) -> dict:
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


def seed_organisation() -> tuple[dict[str, Gemeente], dict[str, User]]:
    gemeenten = {}
    for data in HBEL_GEMEENTEN:
        fields = letterhead(data)
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=fields.pop("cbs_code"), defaults=fields
        )
        gemeenten[gemeente.name] = gemeente
    teams = {}
    for key, (name, served) in TEAMS.items():
        team, _ = Team.objects.get_or_create(name=name)
        team.gemeenten.add(*(gemeenten[g] for g in served))
        teams[key] = team
    password = make_password(DEMO_PASSWORD)  # hashing is slow by design: once for all
    users = {}
    for username, first, last, role, team in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@hbel.example",
                "team": teams[team] if team else None,
                "password": password,
                "is_staff": role == Role.FUNCTIONEEL_BEHEERDER,
            },
        )
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.add(group)
        users[username] = user
    return gemeenten, users
