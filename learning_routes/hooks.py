"""What this app contributes to the shared mechanisms in `cases` (called from apps.ready):
the timeline kind, the case tab and the navigation entries."""

from django.utils.translation import gettext_lazy as _

from cases import navigation, timeline

from .permissions import CAN_MEET_PROVIDERS, CAN_REGISTER_DLP, CAN_SEE_COSTS, CAN_SEE_LEERROUTE

TIMELINE_KIND = "leerroute"


def register() -> None:
    timeline.register_kind(TIMELINE_KIND, _("Leerroute"))
    navigation.register_case_tab(
        key="leerroute",
        label=_("Leerroute"),
        url_name="learning_routes:case",
        order=40,
        roles=CAN_SEE_LEERROUTE,
    )
    navigation.register(40, _("DLP-werklijst"), "learning_routes:dlp-worklist", CAN_REGISTER_DLP)
    navigation.register(50, _("Overleg aanbieders"), "learning_routes:meetings", CAN_MEET_PROVIDERS)
    navigation.register(85, _("Kosten leerroutes"), "learning_routes:cost-report", CAN_SEE_COSTS)
