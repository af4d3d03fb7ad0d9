"""What the PIP's case pages share: the context of the page frame, the version lookup, the
term summary and the URLs the views redirect to."""

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.kit import case_context, service_form
from cases.permissions import may
from learning_routes.rules import college_offers_course

from .. import selectors
from ..constants import ExtensionStatus
from ..models import PipVersion
from ..permissions import (
    CAN_EDIT_PIP,
    CAN_RECORD_EXTENSION,
    CAN_RECORD_MADE_KNOWN,
    CAN_REGISTER_DUO,
)
from ..term import extension_request_opens_on, term_first_day, term_last_day

TAB = "pip"


def detail_url(inburgeraar) -> str:
    return reverse("pip_plans:detail", kwargs={"public_id": inburgeraar.public_id})


def version_url(inburgeraar, number: int) -> str:
    return reverse(
        "pip_plans:version", kwargs={"public_id": inburgeraar.public_id, "number": number}
    )


def get_version(inburgeraar, number: int) -> PipVersion:
    try:
        return selectors.version_for(inburgeraar=inburgeraar, number=number)
    except PipVersion.DoesNotExist:
        raise Http404(_("Deze versie van het PIP bestaat niet.")) from None


def crumbs(request, inburgeraar, *trail) -> list[dict]:
    """Caseload › case › PIP › `trail` (label, url) pairs; the last one has no url."""
    return [
        {
            "label": _("Mijn caseload") if request.user.is_consultant else _("Dossiers"),
            "url": reverse("cases:caseload"),
        },
        {
            "label": inburgeraar.full_name,
            "url": reverse("cases:detail", kwargs={"public_id": inburgeraar.public_id}),
        },
        {"label": _("PIP"), "url": detail_url(inburgeraar) if trail else ""},
        *({"label": label, "url": url} for label, url in trail),
    ]


def version_crumb(inburgeraar, number: int) -> tuple[str, str]:
    return _("Versie %(n)s") % {"n": number}, version_url(inburgeraar, number)


def simple_form_page(request, inburgeraar, form, run, *, success, redirect_to, **context):
    """A short PIP form (talk, extension, DUO, third party, …) on the case frame: the service
    through the kit's `service_form` (success → redirect; refusal → errors on the form, nothing
    typed lost), otherwise `pip_plans/simple_form.html` with `pip_context(**context)`."""
    done = service_form(request, form, run, success=success, redirect_to=redirect_to)
    if done is not None:
        return done
    return render(
        request,
        "pip_plans/simple_form.html",
        pip_context(request, inburgeraar, form=form, **context),
    )


def pip_context(request, inburgeraar, *, title: str, trail=(), **extra) -> dict:
    """The context of a PIP page in `cases/base_case.html` (tab 'pip')."""
    user = request.user
    return case_context(
        inburgeraar,
        tab=TAB,
        title=title,
        can_edit=may(user, CAN_EDIT_PIP) and not inburgeraar.is_closed,
        can_record_made_known=may(user, CAN_RECORD_MADE_KNOWN),
        can_record_extension=may(user, CAN_RECORD_EXTENSION) and not inburgeraar.is_closed,
        can_register_duo=may(user, CAN_REGISTER_DUO),
        # REQ L-03: the college buys the course for asielstatushouders only.
        buys_course=college_offers_course(inburgeraar.doelgroep),
        breadcrumbs=crumbs(request, inburgeraar, *trail),
        **extra,
    )


def term_summary(pip, today: date) -> dict | None:
    """The term from prefetched rows (REQ D-06, D-07): no extra queries."""
    established = selectors.established_versions(pip)
    if not established:
        return None
    start = min(v.dagtekening for v in established)
    granted = [e for e in pip.extensions.all() if e.status == ExtensionStatus.GRANTED]
    months = sum(e.months or 0 for e in granted)
    stated = [e for e in granted if e.new_last_day]
    until = max(stated, key=lambda e: (e.decided_on, e.pk)).new_last_day if stated else None
    last_day = term_last_day(start, extension_months=months, extended_until=until)
    opens_on = extension_request_opens_on(last_day)
    pending = selectors.open_extension(pip)
    return {
        "dagtekening": start,
        "first_day": term_first_day(start),
        "last_day": last_day,
        "extended": bool(granted),
        "months": months,
        "request_opens_on": opens_on,
        # REQ D-07: signal from six months before the end that a request may be due.
        "request_may_be_due": opens_on <= today <= last_day and pending is None,
        "ended": today > last_day,
    }


def date_checks(*, dagtekening: date, sent_on: date, today: date) -> list[dict]:
    """Issue 13: the plausibility of the letter's dates, for the preview and approval pages:
    one row per date with its level ("ok", "warn", "refuse") and the sentence."""
    from ..rules import date_plausibility

    rows = []
    for label, day in ((_("dagtekening"), dagtekening), (_("verzenddatum"), sent_on)):
        level, message = date_plausibility(day, today=today, label=label)
        rows.append({"label": label, "date": day, "level": level, "message": message})
    return rows
