"""REQ D-15: the days equated with feestdagen by royal decree (Algemene termijnenwet art. 3 lid 3).

Seeded with the decrees for 2023–2025 and 2026–2028; the functioneel beheerder adds the next
decree in the admin when it is published.
"""

from datetime import date

from django.db import migrations

DECREES = [
    (
        "Besluit gelijkstelling dagen 2023, 2024 en 2025 (Algemene termijnenwet art. 3 lid 3)",
        2023,
        2025,
        [
            (date(2023, 4, 28), "de vrijdag na Koningsdag"),
            (date(2023, 5, 19), "de vrijdag na Hemelvaartsdag"),
            (date(2024, 5, 10), "de vrijdag na Hemelvaartsdag"),
            (date(2024, 12, 27), "de vrijdag na Tweede Kerstdag"),
            (date(2025, 5, 30), "de vrijdag na Hemelvaartsdag"),
        ],
    ),
    (
        "Besluit gelijkstelling dagen 2026, 2027 en 2028 (Algemene termijnenwet art. 3 lid 3)",
        2026,
        2028,
        [
            (date(2026, 1, 2), "de vrijdag na Nieuwjaarsdag"),
            (date(2026, 5, 15), "de vrijdag na Hemelvaartsdag"),
            (date(2027, 5, 7), "de vrijdag na Hemelvaartsdag"),
            (date(2028, 4, 28), "de vrijdag na Koningsdag"),
            (date(2028, 5, 26), "de vrijdag na Hemelvaartsdag"),
        ],
    ),
]


def seed(apps, schema_editor):
    Decree = apps.get_model("cases", "EquatedDayDecree")
    Day = apps.get_model("cases", "EquatedDay")
    for title, first, last, days in DECREES:
        decree, _created = Decree.objects.get_or_create(
            first_year=first, last_year=last, defaults={"title": title}
        )
        for day, description in days:
            Day.objects.get_or_create(day=day, defaults={"decree": decree, "description": description})


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_equated_days")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
