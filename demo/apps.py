from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data: `python manage.py seed_demo` (only with HBEL_DEMO or DEBUG)."""

    name = "demo"
    verbose_name = "Demo"
