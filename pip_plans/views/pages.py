"""The PIP's read pages: the overview, a version, the preview of the beschikking."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page, read_as
from cases.permissions import may
from cases.plausible import query_date

from .. import selectors, services
from ..constants import ExtensionStatus, Theme, VersionStatus
from ..permissions import CAN_EDIT_PIP, CAN_SEE_PIP
from ..snapshot import build_snapshot, letter_context
from ..term import extension_decision_due_on, objection_last_day
from ._common import date_checks, get_version, pip_context, term_summary, version_crumb

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
        # A version waiting for approval (issue 13) is the open one, like a draft.
        draft=next(
            (
                v
                for v in versions
                if v.status in (VersionStatus.DRAFT, VersionStatus.AWAITING_APPROVAL)
            ),
            None,
        ),
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


def _is_latest(version) -> bool:
    latest = services.latest_established(version.pip)
    return latest is not None and latest.pk == version.pk


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
        may_approve=version.is_awaiting_approval and services.may_approve(request.user),
        # Issue 13: herroepen en vervangen, for the beschikking in force only.
        can_replace=bool(
            beschikking
            and not beschikking.is_withdrawn
            and may(request.user, CAN_EDIT_PIP)
            and not inburgeraar.is_closed
            and _is_latest(version)
        ),
    )
    return render(request, "pip_plans/version.html", context)


@case_page(roles=CAN_SEE_PIP, audit="pip_preview_viewed", methods=READ)
def preview(request, inburgeraar, number):
    """The beschikking as it would read if established today (REQ P-03): HTML preview."""
    version = get_version(inburgeraar, number)
    if not (version.is_draft or version.is_awaiting_approval):
        read_as(request, None)  # nothing shown
        return redirect("pip_plans:version", public_id=inburgeraar.public_id, number=number)
    today = timezone.localdate()
    # Issue 13: the dispatch date asked for (four eyes), or one typed to check (?verzenddatum=).
    sent_on = query_date(request, "verzenddatum") or (
        version.requested_made_known_on if version.is_awaiting_approval else None
    )
    sent_on = sent_on or today
    pip = version.pip
    previous = services.latest_established(pip)
    months, until = services.granted_extensions(pip)
    snapshot = build_snapshot(
        version,
        inburgeraar=inburgeraar,
        dagtekening=today,
        kenmerk=_("[volgt bij vaststellen]"),
        planned_made_known_on=sent_on,
        term_dagtekening=services.first_dagtekening(pip) or today,
        extension_months=months,
        extended_until=until,
        previous=previous,
        replaces=getattr(version.replaces, "beschikking", None) if version.replaces_id else None,
    )
    context = pip_context(
        request,
        inburgeraar,
        title=_("Voorbeeld van de beschikking"),
        trail=[version_crumb(inburgeraar, number), (_("Voorbeeld beschikking"), "")],
        version=version,
        b=letter_context(snapshot),
        blockers=services.establish_blockers(version, on=today),
        date_checks=date_checks(dagtekening=today, sent_on=sent_on, today=today),
        sent_on=sent_on,
        approval_pending=services.needs_approval(inburgeraar.gemeente),
    )
    return render(request, "pip_plans/preview.html", context)
