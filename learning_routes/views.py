"""Screens of the leerroute: the case's route, provider reports, exams, absences, afschalen
and schakelen; the DLP worklist of administratie; the cost report; provider meetings.

The pages of one case are `case_page`s (cases.kit): scope (404 and a denied event), method,
role, and one read audit event; the forms go through `service_form`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.kit import case_context, case_page, require, same_site_path, service_form
from cases.models import Gemeente
from cases.permissions import may
from cases.plausible import query_year
from finance.selectors import route_cost_report, spuk_route_norm

from . import audit, selectors, services
from .forms import (
    AbsenceForm,
    AfschalenForm,
    DateForm,
    ExamForm,
    ProgressReportForm,
    ProviderMeetingForm,
    SchakelenForm,
    WorklistFilterForm,
)
from .models import Enrolment
from .permissions import (
    CAN_CHANGE_LEERROUTE,
    CAN_MEET_PROVIDERS,
    CAN_RECORD_PROGRESS,
    CAN_REGISTER_DLP,
    CAN_SEE_COSTS,
    CAN_SEE_LEERROUTE,
)
from .rules import college_offers_course

TAB = "leerroute"
FORM_OPENED = "leerroute_form_opened"


def _enrolment_or_404(request, case, enrolment_id) -> Enrolment:
    """The enrolment of this case; another case's (or none) is a 404 and a denied event."""
    try:
        return Enrolment.objects.select_related("route", "provider", "inburgeraar").get(
            pk=enrolment_id, inburgeraar=case
        )
    except Enrolment.DoesNotExist:
        audit.access_denied(request=request, object_type="enrolment", object_ref=str(enrolment_id))
        raise Http404 from None


def _route_url(case) -> str:
    return reverse("learning_routes:case", kwargs={"public_id": case.public_id})


def _breadcrumbs(case, title=None) -> list[dict]:
    """Dossier › Leerroute (› the form); the last one is the current page."""
    crumbs = [
        {
            "label": case.full_name,
            "url": reverse("cases:detail", kwargs={"public_id": case.public_id}),
        },
        {"label": _("Leerroute"), "url": _route_url(case)},
    ]
    if title:
        crumbs.append({"label": title})
    return crumbs


def _form_context(case, enrolment, *, title, form, **extra) -> dict:
    return case_context(
        case,
        tab=TAB,
        title=title,
        form=form,
        enrolment=enrolment,
        lead=_("%(route)s bij %(provider)s")
        % {"route": enrolment.route, "provider": enrolment.provider},
        cancel_url=_route_url(case),
        breadcrumbs=_breadcrumbs(case, title),
        **extra,
    )


@case_page(roles=CAN_SEE_LEERROUTE, audit="leerroute_viewed")
def case_route(request, case):
    """The leerroute of one case: status, reports, exams, absences, changes."""
    enrolments = list(selectors.enrolments_for_case(inburgeraar=case))
    current = next((e for e in enrolments if e.is_open), None)
    hours = sum(r.hours_attended for r in current.reports.all()) if current else 0
    can_change = may(request.user, CAN_CHANGE_LEERROUTE)
    return render(
        request,
        "learning_routes/case_route.html",
        case_context(
            case,
            tab=TAB,
            title=_("Leerroute"),
            breadcrumbs=_breadcrumbs(case),  # the last crumb is the current page
            enrolments=enrolments,
            current=current,
            hours=hours,
            afschalen_hours=services.settings.HBEL_AFSCHALEN_HOURS,
            can_afschalen=current is not None
            and services.can_afschalen(current, hours)
            and can_change,
            can_record=may(request.user, CAN_RECORD_PROGRESS),
            can_change=can_change,
            own_course=not college_offers_course(case.doelgroep),  # REQ L-03
        ),
    )


def _record(request, case, enrolment_id, form_class, service, title, success):
    enrolment = _enrolment_or_404(request, case, enrolment_id)
    form = form_class(request.POST or None)
    done = service_form(
        request,
        form,
        lambda data: service(enrolment=enrolment, data=data, by=request.user, request=request),
        success=success,
        redirect_to=_route_url(case),
    )
    return done or render(
        request,
        "cases/case_form.html",
        _form_context(case, enrolment, title=title, form=form),
    )


@case_page(roles=CAN_RECORD_PROGRESS, audit=FORM_OPENED, methods=("GET", "POST"))
def report_create(request, case, enrolment_id):
    """REQ L-05: a provider's progress report."""
    return _record(
        request,
        case,
        enrolment_id,
        ProgressReportForm,
        services.progress_report_record,
        _("Voortgangsrapportage vastleggen"),
        _("De rapportage is vastgelegd."),
    )


@case_page(roles=CAN_RECORD_PROGRESS, audit=FORM_OPENED, methods=("GET", "POST"))
def exam_create(request, case, enrolment_id):
    """REQ L-05: an exam and its result."""
    return _record(
        request,
        case,
        enrolment_id,
        ExamForm,
        services.exam_record,
        _("Examen vastleggen"),
        _("Het examen is vastgelegd."),
    )


@case_page(roles=CAN_RECORD_PROGRESS, audit=FORM_OPENED, methods=("GET", "POST"))
def absence_create(request, case, enrolment_id):
    """REQ L-05: absence reported by the provider."""
    return _record(
        request,
        case,
        enrolment_id,
        AbsenceForm,
        services.absence_record,
        _("Afwezigheid vastleggen"),
        _("De afwezigheid is vastgelegd."),
    )


@case_page(roles=CAN_CHANGE_LEERROUTE, audit=FORM_OPENED, methods=("GET", "POST"))
def afschalen(request, case, enrolment_id):
    """REQ L-06: afschalen B1 → A2 with its ground; opens a draft PIP version."""
    enrolment = _enrolment_or_404(request, case, enrolment_id)
    form = AfschalenForm(request.POST or None, initial={"on": timezone.localdate()})
    hours = services.hours_attended(enrolment)
    done = service_form(
        request,
        form,
        lambda data: services.enrolment_afschalen(
            enrolment=enrolment,
            ground=data["ground"],
            on=data["on"],
            by=request.user,
            request=request,
        ),
        success=_("Afgeschaald naar A2. Er staat een nieuwe conceptversie van het PIP klaar."),
        redirect_to=_route_url(case),
    )
    return done or render(
        request,
        "learning_routes/change_form.html",
        _form_context(
            case,
            enrolment,
            title=_("Afschalen van B1 naar A2"),
            form=form,
            submit_label=_("Vastleggen"),
            hours=hours,
            threshold=services.settings.HBEL_AFSCHALEN_HOURS,
        ),
    )


@case_page(roles=CAN_CHANGE_LEERROUTE, audit=FORM_OPENED, methods=("GET", "POST"))
def schakelen(request, case, enrolment_id):
    """REQ L-06: switch route; a new enrolment and a draft PIP version."""
    enrolment = _enrolment_or_404(request, case, enrolment_id)
    form = SchakelenForm(request.POST or None, initial={"on": timezone.localdate()})
    done = service_form(
        request,
        form,
        lambda data: services.enrolment_schakelen(
            enrolment=enrolment,
            to_route=data["to_route"],
            provider=data["provider"],
            ground=data["ground"],
            on=data["on"],
            by=request.user,
            request=request,
        ),
        success=lambda new: (
            _("Geschakeld naar de %(route)s. Er staat een nieuwe conceptversie van het PIP klaar.")
            % {"route": new.route}
        ),
        redirect_to=_route_url(case),
    )
    return done or render(
        request,
        "learning_routes/change_form.html",
        _form_context(
            case,
            enrolment,
            title=_("Schakelen naar een andere leerroute"),
            form=form,
            submit_label=_("Vastleggen"),
            hours=services.hours_attended(enrolment),
        ),
    )


@login_required
def dlp_worklist(request):
    """REQ L-04 / C-08: administratie registers leerroutes in DLP and records the start."""
    require(request.user, CAN_REGISTER_DLP)
    form = WorklistFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    gemeente_id = request.GET.get("gemeente")
    gemeente_id = int(gemeente_id) if gemeente_id and gemeente_id.isdigit() else None
    today = timezone.localdate()
    rows = selectors.dlp_worklist_for(
        user=request.user, status=status, gemeente_id=gemeente_id, today=today
    )
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    audit.caseload_viewed(request=request, inburgeraars=[e.inburgeraar for e in page_obj])
    return render(
        request,
        "learning_routes/dlp_worklist.html",
        {
            "form": form,
            "page_obj": page_obj,
            "today": today,
            "gemeenten": list(Gemeente.objects.filter(teams=request.user.team_id))
            if request.user.team_id
            else [],
            "gemeente_id": gemeente_id,
        },
    )


def _worklist_action(request, case, enrolment_id, service, success):
    """A row action of the DLP worklist on one case's enrolment; the service writes its own
    audit event, so the page itself records no read."""
    enrolment = _enrolment_or_404(request, case, enrolment_id)
    form = DateForm(request.POST)
    if form.is_valid():
        try:
            service(
                enrolment=enrolment, on=form.cleaned_data["on"], by=request.user, request=request
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success % {"name": case.full_name})
    else:
        messages.error(request, _("Vul een geldige datum in."))
    # Issue 22, finding 7: back to the worklist page it came from, never off the site.
    return redirect(same_site_path(request.POST.get("next")) or "learning_routes:dlp-worklist")


@case_page(roles=CAN_REGISTER_DLP, audit=None, methods=("POST",))
def dlp_register(request, case, enrolment_id):
    """REQ L-04 / C-08: administratie records the DLP registration."""
    return _worklist_action(
        request,
        case,
        enrolment_id,
        services.enrolment_register_dlp,
        _("De leerroute van %(name)s is aangemeld in DLP."),
    )


@case_page(roles=CAN_REGISTER_DLP, audit=None, methods=("POST",))
def dlp_start(request, case, enrolment_id):
    """REQ L-04: administratie records the start the provider reported."""
    return _worklist_action(
        request,
        case,
        enrolment_id,
        services.enrolment_start,
        _("De start van de leerroute van %(name)s is vastgelegd."),
    )


@login_required
def cost_report(request):
    """REQ L-03 / F-08: the average price of B1 and Z routes bought per year, per municipality
    and for HBEL together, against the SPUK norm. Aggregates only."""
    require(request.user, CAN_SEE_COSTS)
    today = timezone.localdate()
    # Issue 13 item 5: a year outside the plausible range (-1, 99999) shows this year.
    year = query_year(request, "jaar", default=today.year, today=today)
    rows, overall = route_cost_report(year=year)
    norm = spuk_route_norm(on=today.replace(year=year, month=12, day=31))
    return render(
        request,
        "learning_routes/cost_report.html",
        {
            "rows": rows,
            "overall": overall,
            "norm": norm,
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_meetings(request):
    """REQ L-05 / K-02: quarterly progress and case meetings with providers, minuted."""
    require(request.user, CAN_MEET_PROVIDERS)
    form = ProviderMeetingForm(
        request.POST or None, initial={"held_on": timezone.localdate()}, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        services.provider_meeting_record(data=form.cleaned_data, by=request.user, request=request)
        messages.success(request, _("Het overleg is vastgelegd."))
        return redirect("learning_routes:meetings")
    # Issue 22, finding 5: only the team's and the user's own meetings, and the read audited.
    meetings = selectors.provider_meetings_for(user=request.user)
    page_obj = Paginator(meetings, 20).get_page(request.GET.get("page"))
    audit.record(
        "provider_meetings_viewed",
        request=request,
        object_type="providermeeting",
        object_id=",".join(str(m.pk) for m in page_obj.object_list)[:64],
    )
    return render(request, "learning_routes/meetings.html", {"form": form, "page_obj": page_obj})
