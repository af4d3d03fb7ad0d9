"""Four eyes on beschikkingen and herroepen en vervangen (issue 13): the approval queue of the
team lead (and other mandated users), approving or sending back one version, and starting
the replacement of a wrong beschikking."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kit import case_page, service_form

from .. import audit, selectors, services
from ..forms import ApprovalRefuseForm, ApproveForm, ReplacementForm
from ..permissions import CAN_EDIT_PIP
from ._common import date_checks, get_version, pip_context, version_crumb, version_url

QUEUE_PAGE_SIZE = 50
FORM = ("GET", "POST")


def _require_mandate(user) -> None:
    """403 (audited as `denied` by cases.middleware) without the mandate to approve."""
    if not (user.is_superuser or services.may_approve(user)):
        raise PermissionDenied


@login_required
def approval_queue(request):
    """Issue 13: the beschikkingen waiting for approval, oldest first."""
    _require_mandate(request.user)
    page_obj = Paginator(selectors.approvals_for(user=request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page_obj.object_list)
    audit.record_list(
        "approval_queue_viewed",
        request=request,
        inburgeraar_ids=[v.pip.inburgeraar_id for v in rows],
    )
    return render(
        request,
        "pip_plans/approval_queue.html",
        {
            "page_obj": page_obj,
            "rows": rows,
            "user_id": request.user.pk,
            "breadcrumbs": [{"label": _("Beschikkingen goedkeuren"), "url": ""}],
        },
    )


# Who may open the page is checked by the mandate below: a team lead, or a consultant the
# college gave the mandate (roles narrow it first).
@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def approve(request, inburgeraar, number):
    """Issue 13: approve a version; its beschikking is issued now."""
    _require_mandate(request.user)
    version = get_version(inburgeraar, number)
    if not version.is_awaiting_approval:
        raise Http404(_("Deze versie wacht niet op goedkeuring."))
    today = timezone.localdate()
    requested = version.requested_made_known_on or today
    form = ApproveForm(
        request.POST or None, initial={"planned_made_known_on": max(requested, today)}
    )
    done = service_form(
        request,
        form,
        lambda data: services.pip_approve(
            version=version,
            by=request.user,
            planned_made_known_on=data["planned_made_known_on"],
            dates_confirmed=data.get("dates_confirmed", False),
            request=request,
        ),
        success=lambda beschikking: (
            _(
                "Versie %(n)s van het PIP is goedgekeurd en vastgesteld. De beschikking "
                "(kenmerk %(kenmerk)s) staat klaar om te downloaden."
            )
            % {"n": number, "kenmerk": beschikking.kenmerk}
        ),
        redirect_to=version_url(inburgeraar, number),
    )
    if done is not None:
        return done
    sent_on = form.cleaned_data.get("planned_made_known_on") if form.is_bound else None
    context = pip_context(
        request,
        inburgeraar,
        title=_("Beschikking goedkeuren"),
        trail=[version_crumb(inburgeraar, number), (_("Goedkeuren"), "")],
        version=version,
        form=form,
        date_checks=date_checks(
            dagtekening=today, sent_on=sent_on or max(requested, today), today=today
        ),
        own_submission=version.submitted_by_id == request.user.pk,
    )
    return render(request, "pip_plans/approve.html", context)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def approval_refuse(request, inburgeraar, number):
    """Issue 13: send a version back to its consultant; it is a draft again."""
    _require_mandate(request.user)
    version = get_version(inburgeraar, number)
    if not version.is_awaiting_approval:
        raise Http404(_("Deze versie wacht niet op goedkeuring."))
    form = ApprovalRefuseForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.pip_approval_refuse(
            version=version, by=request.user, reason=data["reason"], request=request
        ),
        success=_("Versie %(n)s is teruggestuurd; het is weer een concept.") % {"n": number},
        redirect_to=version_url(inburgeraar, number),
    )
    if done is not None:
        return done
    context = pip_context(
        request,
        inburgeraar,
        title=_("Beschikking niet goedkeuren"),
        trail=[version_crumb(inburgeraar, number), (_("Terugsturen"), "")],
        version=version,
        form=form,
        lead=_("De versie wordt weer een concept; de consulent ziet uw toelichting."),
        submit=_("Terugsturen"),
    )
    return render(request, "pip_plans/simple_form.html", context)


@case_page(roles=CAN_EDIT_PIP, audit="pip_form_opened", methods=FORM)
def replace(request, inburgeraar, number):
    """Issue 13: herroepen en vervangen; starts the replacing draft."""
    version = get_version(inburgeraar, number)
    beschikking = getattr(version, "beschikking", None) if version.is_established else None
    if beschikking is None:
        raise Http404(_("Voor deze versie is geen beschikking uitgegeven."))
    form = ReplacementForm(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: services.pip_replacement_start(
            version=version, by=request.user, explanation=data["explanation"], request=request
        ),
        success=lambda new: (
            _(
                "Versie %(n)s is gemaakt als vervanging van beschikking %(kenmerk)s. Pas aan "
                "wat onjuist was en stel de versie vast; dan wordt de oude beschikking "
                "herroepen."
            )
            % {"n": new.number, "kenmerk": beschikking.kenmerk}
        ),
        redirect_to=lambda new: version_url(inburgeraar, new.number),
    )
    if done is not None:
        return done
    context = pip_context(
        request,
        inburgeraar,
        title=_("Beschikking herroepen en vervangen"),
        trail=[version_crumb(inburgeraar, number), (_("Herroepen en vervangen"), "")],
        version=version,
        form=form,
        lead=_(
            "Er wordt een nieuwe versie gemaakt met dezelfde afspraken; pas aan wat onjuist "
            "was. Bij het vaststellen krijgt de inburgeraar een nieuwe beschikking en wordt "
            "beschikking %(kenmerk)s herroepen. Die blijft bewaard. De inburgeringstermijn "
            "verandert niet; de bezwaartermijn loopt vanaf de nieuwe beschikking."
        )
        % {"kenmerk": beschikking.kenmerk},
        submit=_("Vervangende versie maken"),
    )
    return render(request, "pip_plans/simple_form.html", context)
