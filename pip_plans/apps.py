from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pip_plans"
    verbose_name = _("PIP en beschikking")

    def ready(self):
        from .hooks import register

        register()
