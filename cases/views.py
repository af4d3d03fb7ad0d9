"""Screens of the case domain. Thin: parse input, call a selector or service, render."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import audit, navigation, selectors, services, start
from .constants import ACTIVE_PHASES, DeadlineState, Doelgroep, Phase
from .deadlines import selectors as deadline_selectors
from .deadlines.engine import get_rule
from .deadlines.engine import rules as deadline_rules
from .forms import BsnSearchForm, HandoverForm, InburgeraarForm, PhaseChangeForm
from .kit.views import (  # noqa: F401  get_case_or_404: imported by the apps' views
    apply_errors,
    case_context,
    case_page,
    get_case_or_404,
    read_as,
    require,
    service_form,
)
from .models import Gemeente, Inburgeraar
from .permissions import (
    CAN_CHANGE_PHASE,
    CAN_CREATE,
    CAN_EDIT,
    CAN_HAND_OVER,
    CAN_SEE_ACCESS_LOG,
    CAN_SEE_CASES,
    CAN_SEE_NOTICES,
    CAN_SEE_OVERVIEW,
    may,
)
from .timeline import kind_label
from .workflow import TransitionNotAllowed, next_phases


def printable(value: str) -> str:
    """`value` without control characters (a NUL byte cannot even reach PostgreSQL)."""
    return "".join(ch for ch in value if ch.isprintable())


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def home(request):
    """Issue 13, item 1: every role starts on a page with its own work (cases.start)."""
    url = start.start_url_for(request.user)
    if url is not None:
        return redirect(url)
    if may(request.user, CAN_SEE_CASES):
        return redirect("cases:caseload")
    if may(request.user, CAN_SEE_OVERVIEW):
        return redirect("cases:overview")
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


@login_required
def today(request):
    """*Vandaag*, the consultant's start page (issue 13, item 1): deadline signals, this
    week's conversations and toets sittings, drafts to finish; own and substituted cases."""
    require(request.user, CAN_SEE_NOTICES)
    day = timezone.localdate()
    sections = start.today_sections_for(request.user, day)
    audit.case_list_viewed(
        request=request,
        action="today_viewed",
        inburgeraar_ids=sorted(
            {row.inburgeraar.pk for section in sections for row in section["rows"]}
        ),
    )
    return render(
        request,
        "cases/today.html",
        {
            "title": _("Vandaag"),
            "sections": sections,
            "today": day,
            "week_end": day + timedelta(days=start.TODAY_DAYS - 1),
        },
    )


@login_required
def caseload(request):
    """'Mijn caseload': filter, sort and page through the visible cases."""
    require(request.user, CAN_SEE_CASES)
    user = request.user
    filters = selectors.CaseloadFilters(
        gemeente=_int_or_none(request.GET.get("gemeente")),
        doelgroep=request.GET.get("doelgroep", "")
        if request.GET.get("doelgroep") in Doelgroep.values
        else "",
        # Issue 22, finding 14: only known values (a NUL byte or any other text is no filter).
        phase=request.GET.get("fase", "")
        if request.GET.get("fase") in {*Phase.values, "alle", "afgesloten", "actief"}
        else "",
        consultant=_int_or_none(request.GET.get("consulent"))
        if user.is_teamleider or user.is_superuser
        else None,
        q=printable(request.GET.get("q", "")).strip()[:100],
        sort=request.GET.get("sorteer", selectors.DEFAULT_SORT),
        # REQ D / M-01: the dashboard's drill-down links filter on a deadline and its state.
        deadline=request.GET.get("deadline", "")
        if get_rule(request.GET.get("deadline", ""))
        else "",
        deadline_state=request.GET.get("termijnstatus", "")
        if request.GET.get("termijnstatus") in DeadlineState.values
        else "",
    )
    cases = selectors.inburgeraar_list_for(user=user, filters=filters)
    paginator = Paginator(cases, per_page=request_page_size())
    page_obj = paginator.get_page(request.GET.get("page"))
    audit.caseload_viewed(request=request, inburgeraars=page_obj.object_list)
    show_consultant_filter = user.is_teamleider or user.is_superuser
    context = {
        "page_obj": page_obj,
        "cases": page_obj.object_list,
        "filters": filters,
        "gemeenten": list(selectors.gemeenten_for(user=user)),
        "consultants": list(selectors.consultants_for(user=user)) if show_consultant_filter else [],
        "show_consultant_filter": show_consultant_filter,
        "doelgroepen": Doelgroep.choices,
        "phases": Phase.choices,
        "deadline_rules": deadline_rules(),
        "deadline_states": [
            (value, label)
            for value, label in DeadlineState.choices
            if value != DeadlineState.NOT_APPLICABLE
        ],
        "filter_rule": get_rule(filters.deadline) if filters.deadline else None,
        "sort": filters.sort if filters.sort in selectors.SORTS else selectors.DEFAULT_SORT,
        "can_create": may(user, CAN_CREATE),
        "title": _("Mijn caseload") if user.is_consultant else _("Dossiers"),
    }
    return render(request, "cases/caseload.html", context)


def request_page_size() -> int:
    from django.conf import settings

    return settings.CASELOAD_PAGE_SIZE


@login_required
@require_http_methods(["GET", "POST"])
def search_bsn(request):
    """Search by full BSN through POST only: a BSN never goes into a URL (REQ C-07)."""
    require(request.user, CAN_SEE_CASES)
    not_found = False
    if request.method == "POST":
        form = BsnSearchForm(request.POST)
        if form.is_valid():
            audit.case_search(request=request, by_bsn=True)
            found = selectors.inburgeraar_find_by_bsn(
                user=request.user, bsn=form.cleaned_data["bsn"]
            )
            if found is not None:
                return redirect("cases:detail", public_id=found.public_id)
            not_found = True
    else:
        form = BsnSearchForm()
    return render(request, "cases/search_bsn.html", {"form": form, "not_found": not_found})


@case_page(audit="case_viewed", detail=True)
def detail(request, inburgeraar):
    """The case page: person, key dates, phase with history, contact person, timeline."""
    user = request.user
    household_members = list(selectors.household_members_for(user=user, inburgeraar=inburgeraar))
    read_as(request, "case_viewed", also=household_members)
    events = [(event, kind_label(event.kind)) for event in inburgeraar.recent_events]
    today = timezone.localdate()
    # REQ D: the deadline panel, evaluated live with the same facts and rules as the scan.
    deadline_panel = deadline_selectors.panel_rows(
        deadline_selectors.deadline_panel_for(inburgeraar=inburgeraar, today=today),
        today,
        phase=inburgeraar.phase,
    )
    status_changes = list(inburgeraar.status_changes.all())
    context = {
        "inburgeraar": inburgeraar,
        "tab": "dossier",
        "deadline_panel": deadline_panel,
        # Issue 13, item 2: the dossier at a glance, above everything else.
        "summary": {
            "phase_since": status_changes[0].changed_at if status_changes else None,
            "next_deadlines": deadline_selectors.next_deadlines(deadline_panel, count=3),
            "notices": list(deadline_selectors.open_notices_of_case(inburgeraar=inburgeraar)),
            "tasks": navigation.case_tasks_for(inburgeraar, today),
        },
        "status_changes": status_changes,
        "events": events,
        "household_members": household_members,
        "can_see_access_log": may(user, CAN_SEE_ACCESS_LOG),
        "can_edit": may(user, CAN_EDIT),
        "can_change_phase": may(user, CAN_CHANGE_PHASE) and bool(next_phases(inburgeraar.phase)),
        "can_hand_over": may(user, CAN_HAND_OVER) and not inburgeraar.is_closed,
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    require(request.user, CAN_CREATE)
    user = request.user
    gemeenten = selectors.gemeenten_for(user=user)
    consultants = None if user.is_consultant else selectors.consultants_for(user=user)
    form = InburgeraarForm(request.POST or None, gemeenten=gemeenten, consultants=consultants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consultant = data.get("consultant") or user
        try:
            inburgeraar = services.inburgeraar_create(
                data=data, consultant=consultant, by=user, request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het dossier is aangemaakt."))
            return redirect("cases:detail", public_id=inburgeraar.public_id)
    return render(request, "cases/form.html", {"form": form, "title": _("Nieuwe inburgeraar")})


@case_page(roles=CAN_EDIT, audit="case_edit_form", methods=("GET", "POST"))
def edit(request, inburgeraar):
    original = Inburgeraar.objects.get(pk=inburgeraar.pk)
    form = InburgeraarForm(
        request.POST or None,
        instance=inburgeraar,
        gemeenten=selectors.gemeenten_for(user=request.user),
    )
    done = service_form(
        request,
        form,
        lambda data: services.inburgeraar_update(
            inburgeraar=original, data=data, by=request.user, request=request
        ),
        success=lambda changed: (
            _("De gegevens zijn opgeslagen.")
            if changed
            else (messages.INFO, _("Er is niets gewijzigd."))
        ),
        redirect_to=_detail_url(original),
    )
    if done is not None:
        return done
    return render(
        request,
        "cases/case_form.html",
        case_context(original, tab="dossier", title=_("Gegevens wijzigen"), form=form),
    )


@case_page(roles=CAN_CHANGE_PHASE, audit="case_phase_form", methods=("GET", "POST"))
def change_phase(request, inburgeraar):
    form = PhaseChangeForm(request.POST or None, current_phase=inburgeraar.phase)

    def change(data):
        try:
            return services.inburgeraar_change_phase(
                inburgeraar=inburgeraar,
                to_phase=data["to_phase"],
                reason=data["reason"],
                closing_reason=data["closing_reason"],
                by=request.user,
                request=request,
            )
        except TransitionNotAllowed as error:
            raise ValidationError({"to_phase": str(error)}) from error

    done = service_form(
        request,
        form,
        change,
        success=lambda _change: (
            _("De fase is gewijzigd naar %(phase)s.") % {"phase": Phase(inburgeraar.phase).label}
        ),
        redirect_to=_detail_url(inburgeraar),
    )
    return done or render(
        request, "cases/phase_form.html", case_context(inburgeraar, tab="dossier", form=form)
    )


@case_page(roles=CAN_HAND_OVER, audit="case_handover_form", methods=("GET", "POST"))
def hand_over(request, inburgeraar):
    """REQ C-03: a team lead hands a case to another consultant."""
    form = HandoverForm(request.POST or None, inburgeraar=inburgeraar)
    done = service_form(
        request,
        form,
        lambda data: services.inburgeraar_hand_over(
            inburgeraar=inburgeraar,
            to_consultant=data["to_consultant"],
            reason=data["reason"],
            by=request.user,
            request=request,
        ),
        success=lambda _handover: (
            _("Het dossier is overgedragen aan %(name)s.")
            % {"name": form.cleaned_data["to_consultant"]}
        ),
        redirect_to=_detail_url(inburgeraar),
    )
    return done or render(
        request, "cases/handover_form.html", case_context(inburgeraar, tab="dossier", form=form)
    )


def _detail_url(inburgeraar) -> str:
    from django.urls import reverse

    return reverse("cases:detail", kwargs={"public_id": inburgeraar.public_id})


@login_required
def overview(request):
    """Aggregate counts per municipality and phase: no personal data (for beleid as well)."""
    require(request.user, CAN_SEE_OVERVIEW)
    rows = Inburgeraar.objects.values("gemeente_id", "phase").annotate(n=Count("id")).order_by()
    counts: dict[tuple[int, str], int] = {(r["gemeente_id"], r["phase"]): r["n"] for r in rows}
    gemeenten = list(Gemeente.objects.all())
    table = []
    for gemeente in gemeenten:
        cells = [counts.get((gemeente.pk, phase), 0) for phase in Phase.values]
        active = sum(counts.get((gemeente.pk, phase), 0) for phase in ACTIVE_PHASES)
        table.append({"gemeente": gemeente, "cells": cells, "active": active})
    totals = [sum(row["cells"][i] for row in table) for i in range(len(Phase.values))]
    return render(
        request,
        "cases/overview.html",
        {
            "phases": Phase.choices,
            "table": table,
            "totals": totals,
            "total_active": sum(row["active"] for row in table),
        },
    )
