"""The deadline notice is a *termijnmelding*, never a signal (issue 11; handhaving owns `Signal`).

Renames `DeadlineNotice.signalled_on` to `raised_on` (a column rename, no data change), the
Dutch verbose names, and the names of the notice's existing permissions (their codenames,
`add_deadlinenotice` etc., stay; `create_permissions` never updates a stored name).
"""

from django.db import migrations, models


def rename_permission_names(apps, schema_editor, old="termijnsignaal", new="termijnmelding"):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="cases",
        content_type__model="deadlinenotice",
        name__contains=old,
    ):
        permission.name = permission.name.replace(old, new)
        permission.save(update_fields=["name"])


def restore_permission_names(apps, schema_editor):
    rename_permission_names(apps, schema_editor, old="termijnmelding", new="termijnsignaal")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0006_inburgeraar_deadline_fingerprint"),
    ]

    operations = [
        migrations.RenameField(
            model_name="deadlinenotice", old_name="signalled_on", new_name="raised_on"
        ),
        migrations.AlterField(
            model_name="deadlinenotice",
            name="raised_on",
            field=models.DateField(verbose_name="gemeld op"),
        ),
        migrations.AlterModelOptions(
            name="deadlinenotice",
            options={
                "ordering": ["-raised_on", "due", "id"],
                "verbose_name": "termijnmelding",
                "verbose_name_plural": "termijnmeldingen",
            },
        ),
        migrations.AlterField(
            model_name="deadlinescan",
            name="notices_created",
            field=models.PositiveIntegerField(default=0, verbose_name="meldingen"),
        ),
        migrations.RunPython(rename_permission_names, restore_permission_names),
    ]
