"""Screens of the leerroute: the case's route, provider reports, exams, absences, afschalen
and schakelen; the DLP worklist of administratie; the cost report; provider meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.constants import Role
from cases.models import Gemeente
from cases.permissions import CAN_CHANGE_PHASE, CAN_EDIT, CAN_SEE_OVERVIEW, may
from cases.views import get_case_or_404
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
from .models import Enrolment, ProviderMeeting

CAN_REGISTER_DLP = (Role.ADMINISTRATIE, Role.TEAMLEIDER)
CAN_MEET = (Role.CONSULTANT, Role.TEAMLEIDER)


def _require(user, roles):
    if not may(user, roles):
        raise PermissionDenied


def _case_and_enrolment(request, public_id, enrolment_id):
    inburgeraar = get_case_or_404(request, public_id)
    try:
        enrolment = Enrolment.objects.select_related("route", "provider", "inburgeraar").get(
            pk=enrolment_id, inburgeraar=inburgeraar
        )
    except Enrolment.DoesNotExist:
        audit.access_denied(request=request, object_type="enrolment", object_ref=str(enrolment_id))
        raise Http404 from None
    return inburgeraar, enrolment


def _apply(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def case_route(request, public_id):
    """The leerroute of one case: status, reports, exams, absences, changes."""
    inburgeraar = get_case_or_404(request, public_id)
    audit.record_read("leerroute_viewed", request=request, inburgeraar=inburgeraar)
    enrolments = list(selectors.enrolments_for_case(inburgeraar=inburgeraar))
    current = next((e for e in enrolments if e.is_open), None)
    hours = sum(r.hours_attended for r in current.reports.all()) if current else 0
    return render(
        request,
        "learning_routes/case_route.html",
        {
            "inburgeraar": inburgeraar,
            "enrolments": enrolments,
            "current": current,
            "hours": hours,
            "afschalen_hours": services.settings.HBEL_AFSCHALEN_HOURS,
            "can_afschalen": current is not None
            and services.can_afschalen(current, hours)
            and may(request.user, CAN_CHANGE_PHASE),
            "can_record": may(request.user, CAN_EDIT),
            "can_change": may(request.user, CAN_CHANGE_PHASE),
        },
    )


def _record(request, public_id, enrolment_id, form_class, service, title, success):
    inburgeraar, enrolment = _case_and_enrolment(request, public_id, enrolment_id)
    _require(request.user, CAN_EDIT)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(enrolment=enrolment, data=form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, success)
            return redirect("learning_routes:case", public_id=inburgeraar.public_id)
    return render(
        request,
        "learning_routes/form.html",
        {"form": form, "inburgeraar": inburgeraar, "enrolment": enrolment, "title": title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, public_id, enrolment_id):
    return _record(
        request,
        public_id,
        enrolment_id,
        ProgressReportForm,
        services.progress_report_record,
        _("Voortgangsrapportage vastleggen"),
        _("De rapportage is vastgelegd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def exam_create(request, public_id, enrolment_id):
    return _record(
        request,
        public_id,
        enrolment_id,
        ExamForm,
        services.exam_record,
        _("Examen vastleggen"),
        _("Het examen is vastgelegd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def absence_create(request, public_id, enrolment_id):
    return _record(
        request,
        public_id,
        enrolment_id,
        AbsenceForm,
        services.absence_record,
        _("Afwezigheid vastleggen"),
        _("De afwezigheid is vastgelegd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def afschalen(request, public_id, enrolment_id):
    """REQ L-06: afschalen B1 → A2 with its ground; opens a draft PIP version."""
    inburgeraar, enrolment = _case_and_enrolment(request, public_id, enrolment_id)
    _require(request.user, CAN_CHANGE_PHASE)
    form = AfschalenForm(request.POST or None, initial={"on": timezone.localdate()})
    hours = services.hours_attended(enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_afschalen(
                enrolment=enrolment,
                ground=form.cleaned_data["ground"],
                on=form.cleaned_data["on"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request,
                _("Afgeschaald naar A2. Er staat een nieuwe conceptversie van het PIP klaar."),
            )
            return redirect("learning_routes:case", public_id=inburgeraar.public_id)
    return render(
        request,
        "learning_routes/change_form.html",
        {
            "form": form,
            "inburgeraar": inburgeraar,
            "enrolment": enrolment,
            "hours": hours,
            "title": _("Afschalen van B1 naar A2"),
            "threshold": services.settings.HBEL_AFSCHALEN_HOURS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schakelen(request, public_id, enrolment_id):
    """REQ L-06: switch route; a new enrolment and a draft PIP version."""
    inburgeraar, enrolment = _case_and_enrolment(request, public_id, enrolment_id)
    _require(request.user, CAN_CHANGE_PHASE)
    form = SchakelenForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enrolment_schakelen(
                enrolment=enrolment,
                to_route=data["to_route"],
                provider=data["provider"],
                ground=data["ground"],
                on=data["on"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request,
                _(
                    "Geschakeld naar de %(route)s. "
                    "Er staat een nieuwe conceptversie van het PIP klaar."
                )
                % {"route": data["to_route"]},
            )
            return redirect("learning_routes:case", public_id=inburgeraar.public_id)
    return render(
        request,
        "learning_routes/change_form.html",
        {
            "form": form,
            "inburgeraar": inburgeraar,
            "enrolment": enrolment,
            "hours": services.hours_attended(enrolment),
            "title": _("Schakelen naar een andere leerroute"),
        },
    )


@login_required
def dlp_worklist(request):
    """REQ L-04 / C-08: administratie registers leerroutes in DLP and records the start."""
    _require(request.user, CAN_REGISTER_DLP)
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


def _worklist_action(request, public_id, enrolment_id, service, field, success):
    # Scope first (404 and logged), then role (403), then method (405).
    inburgeraar, enrolment = _case_and_enrolment(request, public_id, enrolment_id)
    _require(request.user, CAN_REGISTER_DLP)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
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
            messages.success(request, success % {"name": inburgeraar.full_name})
    else:
        messages.error(request, _("Vul een geldige datum in."))
    return redirect(request.POST.get("next") or "learning_routes:dlp-worklist")


@login_required
def dlp_register(request, public_id, enrolment_id):
    return _worklist_action(
        request,
        public_id,
        enrolment_id,
        services.enrolment_register_dlp,
        "registered_on",
        _("De leerroute van %(name)s is aangemeld in DLP."),
    )


@login_required
def dlp_start(request, public_id, enrolment_id):
    return _worklist_action(
        request,
        public_id,
        enrolment_id,
        services.enrolment_start,
        "started_on",
        _("De start van de leerroute van %(name)s is vastgelegd."),
    )


@login_required
def cost_report(request):
    """REQ L-03 / F-08: the average price of B1 and Z routes bought per year, per municipality
    and for HBEL together, against the SPUK norm. Aggregates only."""
    _require(request.user, CAN_SEE_OVERVIEW)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        year = today.year
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
    _require(request.user, CAN_MEET)
    form = ProviderMeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.recorded_by = request.user
        meeting.save()
        messages.success(request, _("Het overleg is vastgelegd."))
        return redirect("learning_routes:meetings")
    meetings = ProviderMeeting.objects.select_related("provider", "recorded_by")
    page_obj = Paginator(meetings, 20).get_page(request.GET.get("page"))
    return render(request, "learning_routes/meetings.html", {"form": form, "page_obj": page_obj})
