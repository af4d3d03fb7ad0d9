from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningRoutesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning_routes"
    verbose_name = _("Leerroutes")
    catalogue_models = {
        "learning_routes.learningroute",
        "learning_routes.provider",
        "learning_routes.providercontact",
        "learning_routes.contract",
    }

    def ready(self):
        from .hooks import register

        register()
