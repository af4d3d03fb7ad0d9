"""What this app contributes to the shared mechanisms (called from apps.ready): the AVG
inzage section, the PIP prerequisites, timeline kinds, the two case tabs and the planning
entry of the navigation. Its audit events are declared in `audit.py`, its deadline rules
in `deadlines.py` (both discovered by `cases`)."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from cases import navigation, timeline
    from pip_plans.prerequisites import register_prerequisite

    from . import inzage, prerequisites
    from .constants import TimelineKind
    from .permissions import CAN_SEE_PLANNING

    inzage.register()  # AVG inzage export (cases.inzage)
    register_prerequisite(prerequisites.intake_completed)  # REQ P-02
    register_prerequisite(prerequisites.toets_resolved)
    for kind in TimelineKind:
        timeline.register_kind(kind.value, kind.label)
    navigation.register_case_tab(
        key="intake", label=_("Brede intake"), url_name="intake:overview", order=10
    )
    navigation.register_case_tab(
        key="toets", label=_("Leerbaarheidstoets"), url_name="intake:toets", order=20
    )
    navigation.register(35, _("Planning"), "intake:planning", CAN_SEE_PLANNING)
