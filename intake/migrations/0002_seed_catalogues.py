"""Seed the catalogues: the 14 life domains, VVE and extra domains (REQ I-01), the scale,
the dated pass marks of the leerbaarheidstoets (REQ I-07) and the plan's places (REQ I-06)."""

from django.db import migrations


def seed(apps, schema_editor):
    from intake.catalogue_seed import seed_catalogues

    seed_catalogues(apps)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
