"""Seed the SPUK amounts per asielstatushouder from plan §2 (REQ F-03): leerroute €10,000,
participation €1,800, MAP €136, PVT €216 (as of 2022; dated data, editable in the admin)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

NORMS = [
    ("route_b1", "10000"),
    ("route_z", "10000"),
    ("route_onderwijs", "10000"),
    ("participatie", "1800"),
    ("map", "136"),
    ("pvt", "216"),
]


def seed(apps, schema_editor):
    SpukNorm = apps.get_model("finance", "SpukNorm")
    for provision, amount in NORMS:
        SpukNorm.objects.get_or_create(
            provision=provision, valid_from=date(2022, 1, 1), defaults={"amount": Decimal(amount)}
        )


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
