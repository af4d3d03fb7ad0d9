"""The PIP's read pages: the overview, a version, the preview of the beschikking."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page, read_as

from .. import selectors, services
from ..constants import ExtensionStatus, Theme, VersionStatus
from ..permissions import CAN_SEE_PIP
from ..snapshot import build_snapshot, letter_context
from ..term import extension_decision_due_on, objection_last_day
from ._common import get_version, pip_context, term_summary, version_crumb

READ = ("GET", "HEAD")


@case_page(roles=CAN_SEE_PIP, audit="pip_viewed", methods=READ)
def detail(request, inburgeraar):
    """The PIP of a case: term, versions with their beschikkingen, talks, extensions."""
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    today = timezone.localdate()
    versions = list(pip.versions.all()) if pip else []
    context = pip_context(
        request,
        inburgeraar,
        title=_("Plan inburgering en participatie"),
        pip=pip,
        versions=versions,
        draft=next((v for v in versions if v.status == VersionStatus.DRAFT), None),
        has_established=any(v.status == VersionStatus.ESTABLISHED for v in versions),
        term=term_summary(pip, today) if pip else None,
        talks=list(pip.talks.all()) if pip else [],
        extensions=list(pip.extensions.all()) if pip else [],
        open_extension=selectors.open_extension(pip) if pip else None,
        # REQ D-05 lid 2: information of third parties the first PIP waits for.
        third_party_requests=list(inburgeraar.third_party_requests.all()),
        today=today,
    )
    for extension in context["extensions"]:
        if extension.status == ExtensionStatus.REQUESTED and extension.requested_on:
            extension.decision_due_on = extension_decision_due_on(extension.requested_on)
    return render(request, "pip_plans/detail.html", context)


@case_page(roles=CAN_SEE_PIP, audit="pip_version_viewed", methods=READ)
def version_detail(request, inburgeraar, number):
    version = get_version(inburgeraar, number)
    today = timezone.localdate()
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    context = pip_context(
        request,
        inburgeraar,
        title=_("PIP versie %(n)s") % {"n": number},
        trail=[(_("Versie %(n)s") % {"n": number}, "")],
        version=version,
        beschikking=beschikking,
        blockers=services.establish_blockers(version, on=today) if version.is_draft else [],
        themes=Theme,
        actual_objection_last_day=objection_last_day(beschikking.made_known_on)
        if beschikking and beschikking.made_known_on
        else None,
    )
    return render(request, "pip_plans/version.html", context)


@case_page(roles=CAN_SEE_PIP, audit="pip_preview_viewed", methods=READ)
def preview(request, inburgeraar, number):
    """The beschikking as it would read if established today (REQ P-03): HTML preview."""
    version = get_version(inburgeraar, number)
    if not version.is_draft:
        read_as(request, None)  # nothing shown
        return redirect("pip_plans:version", public_id=inburgeraar.public_id, number=number)
    today = timezone.localdate()
    pip = version.pip
    previous = services.latest_established(pip)
    months, until = services.granted_extensions(pip)
    snapshot = build_snapshot(
        version,
        inburgeraar=inburgeraar,
        dagtekening=today,
        kenmerk=_("[volgt bij vaststellen]"),
        planned_made_known_on=today,
        term_dagtekening=services.first_dagtekening(pip) or today,
        extension_months=months,
        extended_until=until,
        previous=previous,
    )
    context = pip_context(
        request,
        inburgeraar,
        title=_("Voorbeeld van de beschikking"),
        trail=[version_crumb(inburgeraar, number), (_("Voorbeeld beschikking"), "")],
        version=version,
        b=letter_context(snapshot),
        blockers=services.establish_blockers(version, on=today),
    )
    return render(request, "pip_plans/preview.html", context)
