# Issue 22, finding 5: a provider meeting belongs to a team and has participants; only they
# see its minutes. Existing meetings go to the team their recorder is in.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def team_of_recorder(apps, schema_editor):
    ProviderMeeting = apps.get_model("learning_routes", "ProviderMeeting")
    for meeting in ProviderMeeting.objects.select_related("recorded_by"):
        if meeting.recorded_by.team_id is not None:
            meeting.team_id = meeting.recorded_by.team_id
            meeting.save(update_fields=["team"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("learning_routes", "0003_execution"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="providermeeting",
            name="participants",
            field=models.ManyToManyField(
                blank=True,
                related_name="provider_meetings",
                to=settings.AUTH_USER_MODEL,
                verbose_name="deelnemers van de uitvoeringsdienst",
            ),
        ),
        migrations.AddField(
            model_name="providermeeting",
            name="team",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.team",
                verbose_name="team",
            ),
        ),
        migrations.RunPython(team_of_recorder, migrations.RunPython.noop),
    ]
