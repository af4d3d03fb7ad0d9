from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import (
    CAN_SEE_CASES,
    CAN_SEE_DEADLINE_DASHBOARD,
    CAN_SEE_OVERVIEW,
    CAN_SEE_SIGNALS,
    may,
)


def navigation(request):
    """The primary navigation, by role; `demo_mode` shows the demo banner."""
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        path = request.path
        entries = []
        if may(user, CAN_SEE_CASES):
            title = _("Mijn caseload") if user.is_consultant else _("Dossiers")
            entries.append((title, reverse("cases:caseload")))
            entries.append((_("Zoeken op BSN"), reverse("cases:search-bsn")))
        if may(user, CAN_SEE_SIGNALS):
            entries.append((_("Signalen"), reverse("cases:signals")))
        if may(user, CAN_SEE_DEADLINE_DASHBOARD):
            entries.append((_("Termijnen"), reverse("cases:deadline-dashboard")))
        entries.append((_("Rekenhulp termijnen"), reverse("cases:deadline-calculator")))
        if may(user, CAN_SEE_OVERVIEW):
            entries.append((_("Overzicht"), reverse("cases:overview")))
        if user.is_staff:
            entries.append((_("Beheer"), reverse("admin:index")))
        for label, url in entries:
            items.append({"label": label, "url": url, "active": path.startswith(url)})
    return {"nav_items": items, "demo_mode": settings.HBEL_DEMO}
