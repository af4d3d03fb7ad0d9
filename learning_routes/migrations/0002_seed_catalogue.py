"""Seed the catalogue from §1.6 of the plan (REQ L-01 … L-03): routes, the regionally
contracted providers (B1: Fairfield and Top Taal; Z: Fairfield and IVIO; the onderwijsroute
is still being tendered) and the 2022 prices (B1 €8,200; Z €7,000). Contact details are left
for the functioneel beheerder to fill in."""

from datetime import date
from decimal import Decimal

from django.db import migrations

ROUTES = [
    ("b1", "B1-route", "B1", "Standaardroute: taal op B1-niveau, KNM, PVT en MAP.", True),
    (
        "onderwijs",
        "Onderwijsroute",
        "B1",
        "Voor wie een (vervolg)opleiding in het mbo, hbo of wo wil volgen; het beleid richt zich "
        "op jongeren tot 28 jaar. Zonder MAP.",
        False,
    ),
    (
        "z",
        "Z-route",
        "zo hoog mogelijk",
        "Voor wie het A2-niveau naar verwachting niet haalt: 1600 uur taal en participatie.",
        True,
    ),
]
CONTRACTS = [
    ("Fairfield", "b1", Decimal("8200.00")),
    ("Top Taal", "b1", Decimal("8200.00")),
    ("Fairfield", "z", Decimal("7000.00")),
    ("IVIO", "z", Decimal("7000.00")),
]


def seed(apps, schema_editor):
    LearningRoute = apps.get_model("learning_routes", "LearningRoute")
    Provider = apps.get_model("learning_routes", "Provider")
    Contract = apps.get_model("learning_routes", "Contract")
    routes = {}
    for code, name, level, description, includes_map in ROUTES:
        routes[code], _ = LearningRoute.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "target_level": level,
                "description": description,
                "includes_map": includes_map,
            },
        )
    for provider_name, route_code, price in CONTRACTS:
        provider, _ = Provider.objects.get_or_create(name=provider_name)
        Contract.objects.get_or_create(
            provider=provider,
            route=routes[route_code],
            valid_from=date(2022, 1, 1),
            defaults={
                "price": price,
                "reference": "Regionale aanbesteding leerroutes 2022",
                "notes": "Prijs 2022 volgens het uitvoeringsplan (§1.6).",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("learning_routes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
