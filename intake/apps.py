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
        from cases import navigation
        from cases.navigation import register_case_tab
        from cases.timeline import register_kind
        from pip_plans.prerequisites import register_prerequisite

        from . import inzage, prerequisites
        from .constants import TimelineKind
        from .permissions import CAN_SEE_PLANNING

        inzage.register()  # AVG inzage export (cases.inzage)
        register_prerequisite(prerequisites.intake_completed)  # REQ P-02
        register_prerequisite(prerequisites.toets_resolved)
        for kind in TimelineKind:
            register_kind(kind.value, kind.label)
        register_case_tab(
            key="intake", label=_("Brede intake"), url_name="intake:overview", order=10
        )
        register_case_tab(
            key="toets", label=_("Leerbaarheidstoets"), url_name="intake:toets", order=20
        )
        navigation.register(35, _("Planning"), "intake:planning", CAN_SEE_PLANNING)
