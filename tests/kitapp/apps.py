from django.apps import AppConfig


class KitappConfig(AppConfig):
    """A small legal-task app that exists only in the test suite (tests/settings.py): it is
    written on the case-app kit end to end, as README "Een wettelijke taak toevoegen" says."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tests.kitapp"
    label = "kitapp"
    verbose_name = "Werkafspraken (testapp)"

    def ready(self):
        from . import hooks

        hooks.register()
