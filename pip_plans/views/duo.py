"""Registering the PIP with DUO (REQ C-08): one case's task, and administratie's worklist."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page, require, same_site_path
from cases.permissions import CAN_SEE_CASES, may

from .. import audit, selectors, services
from ..forms import DuoDoneForm
from ..permissions import CAN_REGISTER_DUO
from ._common import get_version, simple_form_page, version_url

WORKLIST_PAGE_SIZE = 50


@case_page(roles=CAN_REGISTER_DUO, audit="pip_form_opened", methods=("GET", "POST"))
def duo_done(request, inburgeraar, number):
    version = get_version(inburgeraar, number)
    registration = getattr(version, "duo_registration", None)
    if registration is None:
        raise Http404(_("Voor deze versie is geen DUO-registratie nodig."))
    next_url = same_site_path(request.POST.get("next") or request.GET.get("next"))
    form = DuoDoneForm(request.POST or None, initial={"done_on": timezone.localdate()})
    return simple_form_page(
        request,
        inburgeraar,
        form,
        lambda data: services.duo_registration_done(
            registration=registration,
            done_on=data["done_on"],
            note=data["note"],
            by=request.user,
            request=request,
        ),
        success=_("PIP versie %(n)s van %(name)s is als geregistreerd bij DUO vastgelegd.")
        % {"n": number, "name": inburgeraar.full_name},
        redirect_to=next_url or version_url(inburgeraar, number),
        title=_("PIP geregistreerd bij DUO"),
        trail=[(_("DUO-registratie"), "")],
        version=version,
        next_url=next_url,
        lead=_(
            "Leg vast wanneer u PIP versie %(n)s (kenmerk %(kenmerk)s) in het DUO-portaal "
            "heeft geregistreerd. Uw naam wordt erbij vastgelegd."
        )
        % {"n": number, "kenmerk": version.beschikking.kenmerk},
        submit=_("Registratie vastleggen"),
    )


@login_required
def duo_worklist(request):
    """REQ C-08: administratie's worklist of PIPs to report to DUO (fixed query count)."""
    require(request.user, CAN_REGISTER_DUO)
    done = request.GET.get("status") == "afgehandeld"
    registrations = selectors.duo_registrations_for(user=request.user, done=done)
    page_obj = Paginator(registrations, WORKLIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.record_list(
        "duo_worklist_viewed",
        request=request,
        inburgeraar_ids=[r.version.pip.inburgeraar_id for r in rows],
    )
    return render(
        request,
        "pip_plans/duo_worklist.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "done": done,
            "today": timezone.localdate(),
            "can_see_cases": may(request.user, CAN_SEE_CASES),
            "breadcrumbs": [{"label": _("DUO-registraties"), "url": ""}],
        },
    )
