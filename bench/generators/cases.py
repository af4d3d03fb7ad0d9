"""Synthetic municipalities, teams, staff and cases with their phase history (REQ C-01 … C-07).

Shape at N = 150,000: 340 municipalities with a skewed size distribution (the largest holds
about 6 % of all cases), 60 teams each serving one or more municipalities, 900 consultants
(about 167 cases each, of which about 147 active) and a team lead per team. Smaller N scales
the organisation down with it (at 1,000: 3 municipalities, 1 team, 6 consultants), so one
consultant's caseload and one team lead's filtered list are the same size at every N.
"""

import itertools
import uuid
from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from cases.bsn import bsn_key
from cases.constants import CLOSED_PHASES, ClosingReason, Doelgroep, Phase, Role
from cases.models import (
    AuditEvent,
    Gemeente,
    Household,
    Inburgeraar,
    StatusChange,
    Team,
    TimelineEvent,
    User,
    Waarneming,
)
from cases.validators import BSN_WEIGHTS
from tests.factories import DEMO_PASSWORD, NAMES_BY_ORIGIN

from . import register

PHASE_MIX = [  # (phase, share, months since the start of the route: low, high)
    (Phase.GEKOPPELD, 0.04, 0, 2),
    (Phase.BREDE_INTAKE, 0.06, 1, 4),
    (Phase.LEERBAARHEIDSTOETS, 0.03, 2, 5),
    (Phase.PIP, 0.07, 3, 8),
    (Phase.INBURGERINGSTERMIJN, 0.68, 6, 40),
    (Phase.AFGEROND, 0.07, 30, 48),
    (Phase.VERHUISD, 0.03, 3, 36),
    (Phase.BEEINDIGD, 0.02, 6, 40),
]
ROUTE = [
    Phase.GEKOPPELD,
    Phase.BREDE_INTAKE,
    Phase.LEERBAARHEIDSTOETS,
    Phase.PIP,
    Phase.INBURGERINGSTERMIJN,
]
DOELGROEP_MIX = [
    (Doelgroep.ASIELSTATUSHOUDER, 0.55),
    (Doelgroep.GEZINSMIGRANT, 0.35),
    (Doelgroep.OVERIGE_MIGRANT, 0.10),
]
DOELGROEPEN = [d for d, _ in DOELGROEP_MIX]
DOELGROEP_WEIGHTS = [w for _, w in DOELGROEP_MIX]
STAFF_GIVEN = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ivo",
    "Joke",
    "Kees",
    "Lotte",
    "Mila",
    "Niels",
    "Olga",
    "Pieter",
    "Rosa",
    "Sven",
    "Tess",
    "Wim",
]
STAFF_SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Kok",
    "Verhoeven",
]
STREETS = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan"]


def bsn(n: int) -> str:
    """The n-th elfproef-valid BSN of the benchmark's own synthetic series (REQ C-07)."""
    candidate = 200_000_000 + n * 37
    while True:
        digits = f"{candidate:09d}"[:8]
        check = sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS[:8], strict=True)) % 11
        if check < 10:
            return digits + str(check)
        candidate += 1


def sizes(n: int) -> tuple[int, int, int]:
    """(municipalities, teams, consultants) for N cases."""
    scale = n / 150_000
    return (
        max(3, min(340, round(340 * scale))),
        max(1, round(60 * scale)),
        max(6, round(900 * scale)),
    )


def _largest_remainder(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    free = total - minimum * len(weights)
    raw = [free * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[
        : free - sum(counts)
    ]:
        counts[i] += 1
    return [c + minimum for c in counts]


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@register("cases")
def generate(ctx) -> None:
    rng, today, n = ctx.rng, ctx.today, ctx.n
    n_gemeenten, n_teams, n_consultants = sizes(n)

    # Municipalities: sizes ~ 1/rank^0.7.
    weights = [1 / (rank + 1) ** 0.7 for rank in range(n_gemeenten)]
    ctx.copy_model(
        Gemeente,
        (
            {
                "id": i + 1,
                "name": f"Gemeente {i + 1:03d}",
                "cbs_code": f"{i + 1:04d}",
                "visiting_address": "Raadhuisplein 1",
                "postal_address": f"Postbus {i + 1}",
                "postal_code": "1234 AB",
                "city": f"Gemeente {i + 1:03d}",
                "signing_officer": "J. de Jong",
                "signing_officer_title": "Teamleider inburgering",
                "mandate_text": "Namens het college van burgemeester en wethouders",
            }
            for i in range(n_gemeenten)
        ),
        with_pk=True,
    )
    # Teams: municipalities dealt largest first to the least-loaded team.
    load = [0.0] * n_teams
    team_of_gemeente = {}
    for g in range(n_gemeenten):
        team = min(range(n_teams), key=lambda t: load[t])
        load[team] += weights[g]
        team_of_gemeente[g + 1] = team + 1
        ctx.gemeenten_by_team.setdefault(team + 1, []).append(g + 1)
    ctx.copy_model(
        Team, ({"id": t + 1, "name": f"Team {t + 1:02d}"} for t in range(n_teams)), with_pk=True
    )
    ctx.copy_model(
        Team.gemeenten.through,
        ({"team_id": t, "gemeente_id": g} for g, t in team_of_gemeente.items()),
    )

    # Staff: consultants in proportion to the team's load, one team lead per team.
    password = make_password(DEMO_PASSWORD)
    per_team = _largest_remainder(n_consultants, load)
    users, user_id = [], 0
    consultant_group = Group.objects.get_or_create(name=Role.CONSULTANT)[0].pk
    teamlead_group = Group.objects.get_or_create(name=Role.TEAMLEIDER)[0].pk
    memberships = []

    def add_user(username, team, group):
        nonlocal user_id
        user_id += 1
        users.append(
            {
                "id": user_id,
                "password": password,
                "username": username,
                "first_name": STAFF_GIVEN[user_id % len(STAFF_GIVEN)],
                "last_name": STAFF_SURNAMES[(user_id * 7) % len(STAFF_SURNAMES)],
                "email": f"{username}@example.org",
                "is_active": True,
                "date_joined": ctx.now,
                "team_id": team,
            }
        )
        memberships.append({"user_id": user_id, "group_id": group})
        return user_id

    number = 0
    for team in range(1, n_teams + 1):
        ctx.teamleads_by_team[team] = add_user(f"bench_tl{team:02d}", team, teamlead_group)
        for _ in range(per_team[team - 1]):
            number += 1
            ctx.consultants_by_team.setdefault(team, []).append(
                add_user(f"bench_c{number:04d}", team, consultant_group)
            )
    ctx.copy_model(User, users, with_pk=True)
    ctx.copy_model(User.groups.through, memberships)

    # Cases.
    phase_cum = list(itertools.accumulate(share for _, share, _, _ in PHASE_MIX))
    origins = list(NAMES_BY_ORIGIN.values())
    gemeente_ids = list(range(1, n_gemeenten + 1))
    cols = {k: [] for k in ("id", "phase", "doelgroep", "gemeente_id", "consultant_id", "start")}
    case_rows, households, changes, events, audits = [], [], [], [], []
    household_left, family = 0, None
    chosen_gemeenten = rng.choices(gemeente_ids, weights=weights, k=n)
    for i in range(n):
        pk = i + 1
        if household_left and family:
            household_left -= 1
            gemeente, consultant, doelgroep, start, surname, names, household_id, phase, lo = family
            given = rng.choice(names[0])
        else:
            phase, _, lo, hi = rng.choices(PHASE_MIX, cum_weights=phase_cum)[0]
            gemeente = chosen_gemeenten[i]
            consultant = rng.choice(ctx.consultants_by_team[team_of_gemeente[gemeente]])
            doelgroep = rng.choices(DOELGROEPEN, weights=DOELGROEP_WEIGHTS)[0]
            start = today - timedelta(days=rng.randint(lo * 30, hi * 30 + 1))
            names = rng.choice(origins)
            surname, given = rng.choice(names[1]), rng.choice(names[0])
            household_id = None
            if doelgroep == Doelgroep.ASIELSTATUSHOUDER and rng.random() < 0.3:
                household_id = len(households) + 1
                households.append(
                    {
                        "id": household_id,
                        "gemeente_id": gemeente,
                        "label": f"Huishouden {surname}",
                        "street": f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                        "postal_code": "1234 AB",
                        "city": f"Gemeente {gemeente:03d}",
                        "created_at": _aware(start),
                    }
                )
                household_left = rng.randint(1, 3)
                family = (
                    gemeente,
                    consultant,
                    doelgroep,
                    start,
                    surname,
                    names,
                    household_id,
                    phase,
                    lo,
                )
        asiel = doelgroep == Doelgroep.ASIELSTATUSHOUDER
        born = today - timedelta(days=rng.randint(18 * 365, 65 * 365))
        linked_on = start if asiel else None
        registered_on = (
            min(today, start + timedelta(days=rng.randint(0, 60)))
            if asiel
            else (start - timedelta(days=rng.randint(0, 60)))
        )
        housed_on = None
        if asiel and phase != Phase.GEKOPPELD:
            housed_on = start + timedelta(days=rng.randint(10, 120))
            housed_on = housed_on if housed_on <= today else None
        closed_on, closing_reason = None, ""
        if phase in CLOSED_PHASES:
            closed_on = min(
                today, start + timedelta(days=rng.randint(90, max(91, (today - start).days)))
            )
            closing_reason = {
                Phase.AFGEROND: ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
                Phase.VERHUISD: ClosingReason.VERHUISD,
            }.get(phase) or rng.choice(
                [ClosingReason.ONTHEFFING, ClosingReason.VERTROKKEN, ClosingReason.OVERIG]
            )
        created_at = _aware(start, 9)
        case_rows.append(
            {
                "id": pk,
                "public_id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "bsn": bsn(pk),
                "bsn_hash": bsn_key(bsn(pk)),
                "given_names": given,
                "surname": surname,
                "date_of_birth": born,
                "language": names[2],
                "interpreter_needed": rng.random() < 0.2,
                "street": f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                "postal_code": "1234 AB",
                "city": f"Gemeente {gemeente:03d}",
                "doelgroep": doelgroep,
                "gemeente_id": gemeente,
                "consultant_id": consultant,
                "household_id": household_id,
                "linked_on": linked_on,
                "registered_on": registered_on,
                "housed_on": housed_on,
                "duo_notified_on": None if asiel else start,
                "phase": phase,
                "closed_on": closed_on,
                "closing_reason": closing_reason,
                "created_at": created_at,
                "updated_at": created_at,
            }
        )
        for key, value in (
            ("id", pk),
            ("phase", phase),
            ("doelgroep", doelgroep),
            ("gemeente_id", gemeente),
            ("consultant_id", consultant),
            ("start", start),
        ):
            cols[key].append(value)

        # Phase history: the route up to the current phase, closed cases leave from the last.
        if phase in CLOSED_PHASES:
            last = Phase.INBURGERINGSTERMIJN if phase == Phase.AFGEROND else rng.choice(ROUTE)
            path = [*ROUTE[: ROUTE.index(last) + 1], phase]
            end = closed_on
        else:
            path = ROUTE[: ROUTE.index(phase) + 1]
            end = min(today, start + timedelta(days=30 * lo + 1))
        span = max(0, (end - start).days)
        previous = ""
        for step, to_phase in enumerate(path):
            day = start + timedelta(days=span * step // max(1, len(path) - 1))
            at = _aware(day, 11)
            changes.append(
                {
                    "inburgeraar_id": pk,
                    "from_phase": previous,
                    "to_phase": to_phase,
                    "reason": "",
                    "changed_by_id": consultant,
                    "changed_at": at,
                }
            )
            events.append(
                {
                    "inburgeraar_id": pk,
                    "kind": "case_created" if step == 0 else "phase_changed",
                    "summary": "Dossier aangemaakt"
                    if step == 0
                    else f"Fase gewijzigd naar {Phase(to_phase).label}",
                    "source": "cases",
                    "actor_id": consultant,
                    "occurred_at": at,
                }
            )
            previous = to_phase
        audits.append(
            {
                "timestamp": created_at,
                "actor_id": consultant,
                "action": "case_created",
                "object_type": "inburgeraar",
                "object_id": str(pk),
                "inburgeraar_id": pk,
                "result": AuditEvent.Result.OK,
            }
        )
    ctx.copy_model(Household, households, with_pk=True)
    ctx.copy_model(Inburgeraar, case_rows, with_pk=True)
    del case_rows
    ctx.copy_model(StatusChange, changes)
    ctx.copy_model(TimelineEvent, events)
    ctx.copy_model(AuditEvent, audits)
    ctx.cases = cols

    # Substitution: about 1 % of consultants are away, a colleague of the team stands in.
    waarnemingen, away = [], set()
    for team, members in ctx.consultants_by_team.items():
        if len(members) > 2 and rng.random() < 0.15 * len(members) / 15:
            absent, substitute = rng.sample(members, 2)
            away.update({absent, substitute})
            waarnemingen.append(
                {
                    "consultant_id": absent,
                    "substitute_id": substitute,
                    "starts_on": today - timedelta(days=7),
                    "ends_on": today + timedelta(days=14),
                    "reason": "Verlof",
                    "created_by_id": ctx.teamleads_by_team[team],
                    "created_at": ctx.now,
                }
            )
    ctx.copy_model(Waarneming, waarnemingen)

    # Benchmark subjects: the consultant with the median active caseload (not involved in a
    # substitution) and the team lead of the team with the median number of cases, filtering
    # on its largest municipality and the phase most cases are in.
    active = {}
    per_team_cases = {}
    per_gemeente = {}
    for phase, consultant, gemeente in zip(
        cols["phase"], cols["consultant_id"], cols["gemeente_id"], strict=True
    ):
        if phase not in CLOSED_PHASES:
            active[consultant] = active.get(consultant, 0) + 1
        team = team_of_gemeente[gemeente]
        per_team_cases[team] = per_team_cases.get(team, 0) + 1
        if phase == Phase.INBURGERINGSTERMIJN:
            per_gemeente[gemeente] = per_gemeente.get(gemeente, 0) + 1
    candidates = sorted((count, c) for c, count in active.items() if c not in away)
    count, consultant = candidates[len(candidates) // 2]
    teams = sorted((count, t) for t, count in per_team_cases.items())
    team_cases, team = teams[len(teams) // 2]
    gemeente = max(ctx.gemeenten_by_team[team], key=lambda g: per_gemeente.get(g, 0))
    usernames = {u["id"]: u["username"] for u in users}
    ctx.subjects = {
        "consultant": usernames[consultant],
        "consultant_active_cases": count,
        "teamlead": usernames[ctx.teamleads_by_team[team]],
        "team_cases": team_cases,
        "team_gemeenten": len(ctx.gemeenten_by_team[team]),
        "teamlead_filter": {"gemeente": str(gemeente), "fase": Phase.INBURGERINGSTERMIJN},
        "teamlead_filter_cases": per_gemeente.get(gemeente, 0),
    }
