from django.apps import AppConfig


class PipPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pip_plans"
