"""The app's case pages, on the view kit (scope, role, read audit, service form)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from cases import audit, documents
from cases.constants import Role
from cases.kit import case_context, case_page, service_form

from . import services
from .forms import WerkafspraakForm
from .models import Bevestiging, Werkafspraak

CAN_SEE = (Role.CONSULTANT, Role.TEAMLEIDER)
CAN_EDIT = (Role.CONSULTANT,)


def _url(case) -> str:
    return reverse("kitapp:overzicht", kwargs={"public_id": case.public_id})


@case_page(roles=CAN_SEE, audit="werkafspraak_viewed")
def overzicht(request, case):
    context = case_context(
        case,
        tab="werkafspraak",
        title="Werkafspraak",
        afspraak=Werkafspraak.objects.filter(inburgeraar=case).first(),
        brieven=Bevestiging.objects.filter(inburgeraar=case).order_by("-id"),
    )
    return render(request, "kitapp/overzicht.html", context)


@case_page(roles=CAN_EDIT, audit="werkafspraak_form_opened", methods=("GET", "POST"))
def vastleggen(request, case):
    form = WerkafspraakForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.werkafspraak_vastleggen(
            inburgeraar=case, data=data, by=request.user, request=request
        ),
        success="De werkafspraak is vastgelegd.",
        redirect_to=_url(case),
    )
    context = case_context(case, tab="werkafspraak", title="Werkafspraak vastleggen", form=form)
    return done or render(request, "cases/case_form.html", context)


@case_page(roles=CAN_SEE, audit=None)  # the download records its own read event
def download(request, case, pk):
    brief = Bevestiging.objects.filter(pk=pk, inburgeraar=case).first()
    if brief is None:
        audit.access_denied(request=request, object_type="bevestiging", object_ref=str(pk))
        raise Http404("Deze brief bestaat niet of u heeft er geen toegang toe.")
    return documents.download_response(request, brief, inburgeraar=case)
