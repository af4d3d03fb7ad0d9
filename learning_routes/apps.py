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
        from cases import navigation
        from cases.constants import Role

        navigation.register_case_tab(
            key="leerroute", label=_("Leerroute"), url_name="learning_routes:case", order=40
        )

        navigation.register(
            40,
            _("DLP-werklijst"),
            "learning_routes:dlp-worklist",
            (Role.ADMINISTRATIE, Role.TEAMLEIDER),
        )
        navigation.register(
            50,
            _("Overleg aanbieders"),
            "learning_routes:meetings",
            (Role.CONSULTANT, Role.TEAMLEIDER),
        )
        navigation.register(
            85,
            _("Kosten leerroutes"),
            "learning_routes:cost-report",
            (Role.TEAMLEIDER, Role.BELEID, Role.FUNCTIONEEL_BEHEERDER),
        )
