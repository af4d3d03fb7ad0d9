"""Waiting for a third party's information before the PIP (REQ D-05 lid 2, Besluit 5.3 lid 2)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page

from .. import services
from ..forms import ThirdPartyReceivedForm, ThirdPartyRequestForm
from ..models import ThirdPartyRequest
from ..permissions import CAN_EDIT_PIP
from ._common import detail_url, simple_form_page

FORM = ("GET", "POST")
LEAD = _(
    "Kan het PIP niet binnen 10 weken worden vastgesteld zonder informatie van een derde, dan "
    "mag de termijn alleen daarvoor worden overschreden: het PIP volgt uiterlijk 2 weken na "
    "ontvangst (Besluit inburgering 2021 art. 5.3 lid 2)."
)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def third_party_create(request, inburgeraar):
    form = ThirdPartyRequestForm(request.POST or None, initial={"asked_on": timezone.localdate()})
    return simple_form_page(
        request,
        inburgeraar,
        form,
        lambda data: services.third_party_request_record(
            inburgeraar=inburgeraar, by=request.user, request=request, **data
        ),
        success=_("Het verzoek om informatie is vastgelegd; de termijn van het PIP wacht erop."),
        redirect_to=detail_url(inburgeraar),
        title=_("Informatie van een derde gevraagd"),
        trail=[(_("Informatie van een derde"), "")],
        lead=LEAD,
        submit=_("Verzoek vastleggen"),
    )


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def third_party_received(request, inburgeraar, request_id):
    asked = get_object_or_404(ThirdPartyRequest, pk=request_id, inburgeraar=inburgeraar)
    form = ThirdPartyReceivedForm(
        request.POST or None, initial={"received_on": timezone.localdate()}
    )
    return simple_form_page(
        request,
        inburgeraar,
        form,
        lambda data: services.third_party_received_record(
            third_party_request=asked,
            received_on=data["received_on"],
            by=request.user,
            request=request,
        ),
        success=_("De ontvangst is vastgelegd; het PIP volgt uiterlijk 2 weken daarna."),
        redirect_to=detail_url(inburgeraar),
        title=_("Informatie van een derde ontvangen"),
        trail=[(_("Informatie van een derde"), "")],
        lead=_("%(party)s: %(subject)s.") % {"party": asked.party, "subject": asked.subject},
        submit=_("Ontvangst vastleggen"),
    )
