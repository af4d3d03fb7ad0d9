from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = _("Brede intake en leerbaarheidstoets")
    # cases.roles gives the functioneel beheerder admin rights on these catalogues.
    catalogue_models = {
        "intake.lifedomain",
        "intake.assessmentlevel",
        "intake.passmark",
        "intake.location",
        "intake.device",
        "intake.toetsbegeleider",
    }

    def ready(self):
        from .hooks import register

        register()
