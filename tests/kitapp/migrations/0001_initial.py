import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import cases.documents.models
from cases.documents.triggers import ImmutableDocument


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Werkafspraak",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("omschrijving", models.TextField(verbose_name="omschrijving")),
                ("start_op", models.DateField(verbose_name="start op")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "inburgeraar",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="werkafspraak",
                        to="cases.inburgeraar",
                    ),
                ),
            ],
            options={"verbose_name": "werkafspraak", "verbose_name_plural": "werkafspraken"},
        ),
        migrations.CreateModel(
            name="Bevestiging",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("kenmerk", models.CharField(max_length=40, unique=True)),
                ("dagtekening", models.DateField()),
                ("snapshot", models.JSONField()),
                (
                    "pdf",
                    models.FileField(
                        blank=True, upload_to=cases.documents.models.issued_document_path
                    ),
                ),
                ("sha256", models.CharField(blank=True, max_length=64)),
                ("rendered_at", models.DateTimeField(blank=True, null=True)),
                ("made_known_on", models.DateField(blank=True, null=True)),
                ("made_known_how", models.CharField(blank=True, max_length=20)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "made_known_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "inburgeraar",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cases.inburgeraar",
                    ),
                ),
            ],
            options={"verbose_name": "bevestiging"},
        ),
        ImmutableDocument("kitapp_bevestiging", name="bevestiging", frozen=["inburgeraar_id"]),
    ]
