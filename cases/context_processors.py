from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import CAN_AUDIT, CAN_SEE_CASES, CAN_SEE_OVERVIEW, may

# Menu entries of other apps: (label, URL name, roles), registered from their AppConfig.ready
# with `register_nav_item`, so `cases` imports none of them.
_app_items: list[tuple[str, str, tuple]] = []


def register_nav_item(label, url_name: str, roles) -> None:
    if all(name != url_name for _label, name, _roles in _app_items):
        _app_items.append((label, url_name, tuple(roles)))


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
        if may(user, CAN_SEE_OVERVIEW):
            entries.append((_("Overzicht"), reverse("cases:overview")))
        for label, url_name, roles in _app_items:
            if may(user, roles):
                entries.append((label, reverse(url_name)))
        if may(user, CAN_AUDIT):
            entries.append((_("Privacy en audit"), reverse("privacy:audit-search")))
        if user.is_staff:
            entries.append((_("Beheer"), reverse("admin:index")))
        for label, url in entries:
            items.append({"label": label, "url": url, "active": path.startswith(url)})
    return {"nav_items": items, "demo_mode": settings.HBEL_DEMO}
