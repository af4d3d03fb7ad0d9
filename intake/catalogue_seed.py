"""The initial catalogues of the intake app (REQ I-01, I-06, I-07).

Used by the data migration `0002_seed_catalogues` (with historical models) and by test
fixtures after a transactional test has emptied the tables. Idempotent: rows are matched on
their code and only created when missing, so edits by the functioneel beheerder stay.
"""

from datetime import date

# REQ I-01: the plan's 14 life domains (plan §1.3 fn 2), VVE (Besluit 5.2) and extra domains.
# (code, number, name, guidance, requirement, special category)
LIFE_DOMAINS = [
    (
        "leerbaarheid",
        1,
        "Leerbaarheid",
        "Leervermogen en leerervaring; de leerbaarheidstoets geeft hier een beeld van.",
        "verplicht",
        False,
    ),
    (
        "opleiding",
        2,
        "Opleiding",
        (
            "Opleidingen en diploma's in het land van herkomst en in Nederland; "
            "wens voor een vervolgopleiding."
        ),
        "verplicht",
        False,
    ),
    (
        "werkervaring",
        3,
        "Werkervaring en/of vrijwilligerswerk",
        "Beroepen, sectoren en duur van werk en vrijwilligerswerk.",
        "verplicht",
        False,
    ),
    (
        "praktische-competenties",
        4,
        "Praktische competenties",
        "Praktische vaardigheden, bijvoorbeeld vakmanschap, rijbewijs of handvaardigheid.",
        "verplicht",
        False,
    ),
    (
        "werknemersvaardigheden",
        5,
        "Werknemersvaardigheden",
        "Op tijd komen, afspraken nakomen, samenwerken, omgaan met een leidinggevende.",
        "verplicht",
        False,
    ),
    (
        "taalniveau",
        6,
        "Taalniveau",
        (
            "Talen die de persoon spreekt, leest en schrijft; alfabetisering; al "
            "aanwezige kennis van het Nederlands."
        ),
        "verplicht",
        False,
    ),
    (
        "motivatie",
        7,
        "Motivatie",
        "Motivatie voor de inburgering, het leren van de taal, werk en meedoen.",
        "verplicht",
        False,
    ),
    (
        "zelfredzaamheid",
        8,
        "Mate van zelfredzaamheid",
        "Geldzaken, post, afspraken, wonen en de weg vinden naar instanties.",
        "verplicht",
        False,
    ),
    (
        "digitale-vaardigheden",
        9,
        "Digitale vaardigheden",
        "Smartphone, computer, e-mail en DigiD.",
        "verplicht",
        False,
    ),
    (
        "gezinssituatie",
        10,
        "Gezinssituatie",
        "Samenstelling van het gezin, kinderen, gezinshereniging, zorg voor anderen.",
        "verplicht",
        False,
    ),
    (
        "fysieke-gezondheid",
        11,
        "Fysieke gezondheid",
        "Lichamelijke gezondheid en beperkingen die leren, werken of meedoen raken.",
        "verplicht",
        True,
    ),
    (
        "mentale-gezondheid",
        12,
        "Mentale gezondheid",
        "Psychisch welbevinden, stress en trauma; signalen en doorverwijzing.",
        "verplicht",
        True,
    ),
    (
        "sociaal-netwerk",
        13,
        "Sociaal netwerk",
        "Familie, vrienden, gemeenschap en contacten in de nieuwe woonplaats.",
        "verplicht",
        False,
    ),
    (
        "rechten-en-plichten",
        14,
        "Rechten en plichten",
        "Kennis van de inburgeringsplicht en van rechten en plichten in Nederland.",
        "verplicht",
        False,
    ),
    (
        "vve",
        None,
        "Voor- en vroegschoolse educatie (VVE)",
        "Peuteropvang, VVE-indicatie en consultatiebureau voor de jonge kinderen.",
        "jonge_kinderen",
        False,
    ),
    (
        "financien",
        None,
        "Financiën en schulden",
        "Inkomen, vaste lasten, schulden; aanleiding voor financieel ontzorgen.",
        "aanvullend",
        False,
    ),
    (
        "huisvesting",
        None,
        "Huisvesting",
        "Woonsituatie en wensen; de koppeling aan een woning.",
        "aanvullend",
        False,
    ),
    (
        "vrije-tijd",
        None,
        "Vrije tijd en sport",
        "Hobby's, sport en verenigingen.",
        "aanvullend",
        False,
    ),
]

# REQ I-01: the short scale ("geen / enige / forse belemmering / onbekend").
# (code, label, severity, requires_note, tone)
ASSESSMENT_LEVELS = [
    ("geen", "Geen belemmering", 0, False, "success"),
    ("enige", "Enige belemmering", 1, False, "warning"),
    ("forse", "Forse belemmering", 2, False, "danger"),
    ("onbekend", "Onbekend", None, True, "neutral"),
]

# REQ I-07 (verify): reported pass marks of the leerbaarheidstoets.
PASS_MARKS = [
    (date(2022, 1, 1), date(2023, 4, 11), 31, 40),
    (date(2023, 4, 12), None, 28, 40),
]
PASS_MARK_SOURCE = "Gerapporteerde cesuur; nog te verifiëren bij DUO of Bureau ICE (REQ I-07)."  # noqa: S105 (not a password)

# Places the plan names (plan §1.3: invited in the HBEL municipalities; §1.4: a werkcentrum).
# (name, kind, address, city, hosts_toets)
LOCATIONS = [
    ("Werkcentrum HBEL", "werkcentrum", "", "Huizen", True),
    ("Gemeentehuis Huizen", "gemeentehuis", "Graaf Wichmanlaan 75", "Huizen", False),
    ("Online (beeldbellen)", "online", "", "", False),
]


def seed_catalogues(apps) -> None:
    """Create the catalogue rows that do not exist yet. `apps` is a (historical) app registry."""
    LifeDomain = apps.get_model("intake", "LifeDomain")
    AssessmentLevel = apps.get_model("intake", "AssessmentLevel")
    PassMark = apps.get_model("intake", "PassMark")
    Location = apps.get_model("intake", "Location")

    for order, (code, number, name, guidance, requirement, special) in enumerate(LIFE_DOMAINS, 1):
        LifeDomain.objects.get_or_create(
            code=code,
            defaults={
                "number": number,
                "name": name,
                "guidance": guidance,
                "requirement": requirement,
                "is_special_category": special,
                "order": order * 10,
            },
        )
    for order, (code, label, severity, requires_note, tone) in enumerate(ASSESSMENT_LEVELS, 1):
        AssessmentLevel.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "severity": severity,
                "requires_note": requires_note,
                "tone": tone,
                "order": order * 10,
            },
        )
    for valid_from, valid_until, pass_score, max_score in PASS_MARKS:
        PassMark.objects.get_or_create(
            valid_from=valid_from,
            defaults={
                "valid_until": valid_until,
                "pass_score": pass_score,
                "max_score": max_score,
                "source": PASS_MARK_SOURCE,
            },
        )
    for name, kind, address, city, hosts_toets in LOCATIONS:
        Location.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "address": address, "city": city, "hosts_toets": hosts_toets},
        )


def ensure_catalogues() -> None:
    """Seed with the live app registry (tests after a flush, a fresh demo database)."""
    from django.apps import apps

    if apps.get_model("intake", "LifeDomain").objects.exists():
        return
    seed_catalogues(apps)
