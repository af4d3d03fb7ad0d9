from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import navigation
from .permissions import (
    CAN_AUDIT,
    CAN_SEE_CASES,
    CAN_SEE_DEADLINE_DASHBOARD,
    CAN_SEE_NOTICES,
    CAN_SEE_OVERVIEW,
)

navigation.register(5, _("Vandaag"), "cases:today", CAN_SEE_NOTICES)
navigation.register(
    10,
    lambda user: _("Mijn caseload") if user.is_consultant else _("Dossiers"),
    "cases:caseload",
    CAN_SEE_CASES,
)
navigation.register(20, _("Zoeken op BSN"), "cases:search-bsn", CAN_SEE_CASES)
navigation.register(25, _("Meldingen"), "cases:notices", CAN_SEE_NOTICES)
navigation.register(30, _("Termijnen"), "cases:deadline-dashboard", CAN_SEE_DEADLINE_DASHBOARD)
navigation.register(70, _("Rekenhulp termijnen"), "cases:deadline-calculator", None)
navigation.register(80, _("Overzicht"), "cases:overview", CAN_SEE_OVERVIEW)
navigation.register(90, _("Privacy en audit"), "privacy:audit-search", CAN_AUDIT)
navigation.register(99, _("Beheer"), "admin:index", None, staff_only=True)


def navigation_context(request):
    """The primary navigation for the user; `demo_mode` shows the demo banner."""
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items = navigation.items_for(user, request.path)
    return {"nav_items": items, "demo_mode": settings.HBEL_DEMO}
