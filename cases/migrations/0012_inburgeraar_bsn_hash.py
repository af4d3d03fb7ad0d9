# Issue 22, finding 4: the BSN's unique key becomes a keyed hash (cases.bsn), so a unique
# violation never prints a BSN in the database's log.

import cases.validators
from django.db import migrations, models


def fill_bsn_hash(apps, schema_editor):
    from cases.bsn import bsn_key

    Inburgeraar = apps.get_model("cases", "Inburgeraar")
    rows = list(Inburgeraar.objects.only("pk", "bsn"))
    for row in rows:
        row.bsn_hash = bsn_key(row.bsn)
    Inburgeraar.objects.bulk_update(rows, ["bsn_hash"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_audit_truncate_guard"),
    ]

    operations = [
        migrations.AddField(
            model_name="inburgeraar",
            name="bsn_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_bsn_hash, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inburgeraar",
            name="bsn_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AlterField(
            model_name="inburgeraar",
            name="bsn",
            field=models.CharField(
                max_length=9, validators=[cases.validators.validate_bsn], verbose_name="BSN"
            ),
        ),
    ]
