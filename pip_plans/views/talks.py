"""Voortgangsgesprekken and extensions of the term (REQ P-06, D-07)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.dates import format_date
from cases.kit import case_page, read_as

from .. import selectors, services
from ..constants import ExtensionStatus, VersionStatus
from ..forms import ExtensionDecisionForm, ExtensionRequestForm, ProgressTalkForm
from ..models import TermExtension
from ..permissions import CAN_EDIT_PIP, CAN_RECORD_EXTENSION
from ._common import detail_url, simple_form_page, term_summary, version_url

FORM = ("GET", "POST")


def _established_pip_or_none(inburgeraar):
    pip = selectors.pip_for(inburgeraar=inburgeraar)
    return pip if pip is not None and selectors.established_versions(pip) else None


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def talk_create(request, inburgeraar):
    """REQ P-06: record a voortgangsgesprek; 'revision needed' starts a new draft."""
    pip = _established_pip_or_none(inburgeraar)
    if pip is None:
        read_as(request, None)  # no form opened
        messages.error(request, _("Stel eerst het PIP vast; gesprekken horen bij de termijn."))
        return redirect(detail_url(inburgeraar))
    form = ProgressTalkForm(request.POST or None, initial={"held_on": timezone.localdate()})

    def record(data):
        talk = services.progress_talk_record(
            pip=pip,
            held_on=data["held_on"],
            attendees=data["attendees"],
            attendees_other=data["attendees_other"],
            findings=data["findings"],
            revision_needed=data["revision_needed"],
            revision_reason=data["revision_reason"],
            by=request.user,
            request=request,
        )
        talk.draft = pip.versions.get(status=VersionStatus.DRAFT) if talk.revision_needed else None
        return talk

    return simple_form_page(
        request,
        inburgeraar,
        form,
        record,
        success=lambda talk: (
            _(
                "Het gesprek is vastgelegd. Er staat een nieuwe conceptversie (versie "
                "%(n)s) klaar om het PIP te herzien."
            )
            % {"n": talk.draft.number}
            if talk.draft
            else _("Het voortgangsgesprek is vastgelegd.")
        ),
        redirect_to=lambda talk: (
            version_url(inburgeraar, talk.draft.number) if talk.draft else detail_url(inburgeraar)
        ),
        title=_("Voortgangsgesprek vastleggen"),
        trail=[(_("Voortgangsgesprek"), "")],
        lead=_(
            "Minimaal twee gesprekken per jaar. Moet het PIP anders? Kruis dat aan: er "
            "komt dan een nieuwe conceptversie."
        ),
        submit=_("Gesprek vastleggen"),
    )


@case_page(roles=CAN_RECORD_EXTENSION, audit="pip_form_opened", methods=FORM)
def extension_create(request, inburgeraar):
    """REQ D-07: record a request for extension (DUO decides)."""
    pip = _established_pip_or_none(inburgeraar)
    if pip is None:
        read_as(request, None)  # no form opened
        messages.error(request, _("Er is nog geen vastgesteld PIP, dus ook geen termijn."))
        return redirect(detail_url(inburgeraar))
    today = timezone.localdate()
    term = term_summary(pip, today)
    form = ExtensionRequestForm(
        request.POST or None, initial={"initiative": "aanvraag", "requested_on": today}
    )
    return simple_form_page(
        request,
        inburgeraar,
        form,
        lambda data: services.term_extension_record_request(
            pip=pip,
            initiative=data["initiative"],
            requested_on=data["requested_on"],
            ground=data["ground"],
            ground_explanation=data["ground_explanation"],
            by=request.user,
            request=request,
        ),
        success=_("De verlenging is vastgelegd. DUO beslist binnen 8 weken."),
        redirect_to=detail_url(inburgeraar),
        title=_("Verlenging van de inburgeringstermijn"),
        trail=[(_("Verlenging"), "")],
        lead=_(
            "De termijn loopt tot en met %(last)s. Een aanvraag kan vanaf %(opens)s; DUO "
            "beslist en verlengt bij grond b met zes maanden."
        )
        % {
            "last": format_date(term["last_day"]),
            "opens": format_date(term["request_opens_on"]),
        },
        submit=_("Vastleggen"),
    )


@case_page(roles=CAN_RECORD_EXTENSION, audit="pip_form_opened", methods=FORM)
def extension_decide(request, inburgeraar, extension_id):
    """REQ D-07: record DUO's decision and the new last day."""
    try:
        extension = TermExtension.objects.get(pk=extension_id, pip__inburgeraar=inburgeraar)
    except TermExtension.DoesNotExist:
        raise Http404(_("Deze verlenging bestaat niet.")) from None
    if extension.status != ExtensionStatus.REQUESTED:
        read_as(request, None)  # no form opened
        messages.info(request, _("Over deze verlenging is al besloten."))
        return redirect(detail_url(inburgeraar))
    form = ExtensionDecisionForm(request.POST or None, initial={"months": 6})
    return simple_form_page(
        request,
        inburgeraar,
        form,
        lambda data: services.term_extension_decide(
            extension=extension,
            status=data["status"],
            decided_on=data["decided_on"],
            months=data["months"],
            new_last_day=data["new_last_day"],
            duo_reference=data["duo_reference"],
            decision_notes=data["decision_notes"],
            by=request.user,
            request=request,
        ),
        success=_("Het besluit van DUO is vastgelegd."),
        redirect_to=detail_url(inburgeraar),
        title=_("Besluit van DUO over de verlenging"),
        trail=[(_("Besluit DUO"), "")],
        lead=_("Neem de gegevens over uit het besluit van DUO."),
        submit=_("Besluit vastleggen"),
    )
