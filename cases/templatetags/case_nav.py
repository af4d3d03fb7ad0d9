"""`{% case_subnav inburgeraar current %}`: the tabs of a case page (cases.navigation)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.navigation import case_tabs

register = template.Library()


@register.inclusion_tag("cases/_case_subnav.html", takes_context=True)
def case_subnav(context, inburgeraar, current: str = "dossier"):
    request = context.get("request")
    user = getattr(request, "user", None)
    tabs = [
        {
            "label": _("Dossier"),
            "url": reverse("cases:detail", kwargs={"public_id": inburgeraar.public_id}),
            "current": current == "dossier",
        }
    ]
    for tab in case_tabs(user):
        tabs.append(
            {
                "label": tab.label,
                "url": reverse(tab.url_name, kwargs={"public_id": inburgeraar.public_id}),
                "current": current == tab.key,
            }
        )
    return {"tabs": tabs}
