"""What the intake's case pages share: breadcrumbs, the URLs of the two tabs, and the message
that the phase moved on."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.constants import Phase


def phase_messages(request, moved: list[str]) -> None:
    if moved:
        messages.info(
            request,
            _("De fase van het dossier is gewijzigd naar %(phase)s.")
            % {"phase": Phase(moved[-1]).label},
        )


def saved(request, text: str):
    """A `service_form` success: the message, then the phase the case moved to (if any)."""

    def success(outcome):
        messages.success(request, text)
        phase_messages(request, outcome.phases)

    return success


def crumbs(request, case, section, *pages):
    """Caseload › person › section (› page). The last crumb is the current page."""
    caseload = _("Mijn caseload") if request.user.is_consultant else _("Dossiers")
    result = [
        {"label": caseload, "url": reverse("cases:caseload")},
        {
            "label": case.full_name,
            "url": reverse("cases:detail", kwargs={"public_id": case.public_id}),
        },
        {"label": section[0], "url": section[1]},
    ]
    return result + [{"label": label, "url": url} for label, url in pages]


def intake_crumbs(request, case, *pages):
    return crumbs(request, case, (_("Brede intake"), overview_url(case)), *pages)


def toets_crumbs(request, case, *pages):
    return crumbs(request, case, (_("Leerbaarheidstoets"), toets_url(case)), *pages)


def overview_url(case) -> str:
    return reverse("intake:overview", kwargs={"public_id": case.public_id})


def toets_url(case) -> str:
    return reverse("intake:toets", kwargs={"public_id": case.public_id})
