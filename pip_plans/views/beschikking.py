"""The issued beschikking: its download and its bekendmaking (REQ P-03, D-15)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases import documents
from cases.dates import format_date
from cases.kit import case_page, service_form

from .. import services
from ..forms import MadeKnownForm
from ..permissions import CAN_RECORD_MADE_KNOWN, CAN_SEE_PIP
from ..term import objection_last_day
from ._common import get_version, pip_context, version_crumb, version_url


# The download records its own read event (cases.documents.download_response).
@case_page(roles=CAN_SEE_PIP, audit=None, methods=("GET", "HEAD"))
def download(request, inburgeraar, number):
    """The issued PDF (REQ P-03), authorised, audited and never cached."""
    version = get_version(inburgeraar, number)
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    if beschikking is None:
        raise Http404(_("Voor deze versie is geen beschikking uitgegeven."))
    # Rendered when missing; audited as "beschikking_downloaded"; no-store (cases.documents).
    return documents.download_response(request, beschikking, inburgeraar=inburgeraar)


@case_page(roles=CAN_RECORD_MADE_KNOWN, audit="pip_form_opened", methods=("GET", "POST"))
def made_known(request, inburgeraar, number):
    """REQ D-15: record when the beschikking was sent or handed over."""
    version = get_version(inburgeraar, number)
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    if beschikking is None:
        raise Http404(_("Voor deze versie is geen beschikking uitgegeven."))
    form = MadeKnownForm(
        request.POST or None,
        initial={
            "made_known_on": beschikking.made_known_on or beschikking.planned_made_known_on,
            "how": beschikking.made_known_how or "post",
        },
    )
    done = service_form(
        request,
        form,
        lambda data: services.beschikking_record_made_known(
            beschikking=beschikking,
            made_known_on=data["made_known_on"],
            how=data["how"],
            by=request.user,
            request=request,
        ),
        success=lambda _result: (
            _("De bekendmaking is vastgelegd. Bezwaar kan tot en met %(date)s.")
            % {"date": format_date(objection_last_day(form.cleaned_data["made_known_on"]))}
        ),
        redirect_to=version_url(inburgeraar, number),
    )
    if done is not None:
        return done
    context = pip_context(
        request,
        inburgeraar,
        title=_("Bekendmaking van de beschikking"),
        trail=[version_crumb(inburgeraar, number), (_("Bekendmaking"), "")],
        version=version,
        form=form,
        lead=_(
            "Leg vast wanneer de beschikking %(kenmerk)s is verzonden of uitgereikt. De "
            "bezwaartermijn van zes weken begint de dag daarna."
        )
        % {"kenmerk": beschikking.kenmerk},
        submit=_("Opslaan"),
    )
    return render(request, "pip_plans/simple_form.html", context)
