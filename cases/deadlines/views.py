"""Screens of the deadline domain (REQ D, M-01): notice inbox, team-lead dashboard, calculator.

Thin: parse, call a selector or service, render. The deadline panel on the case page and the
next-deadline column of the caseload live in `cases.views`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import audit
from ..charts import line_chart
from ..constants import DeadlineState
from ..kit.views import require, same_site_path
from ..models import DeadlineNotice
from ..permissions import CAN_SEE_DEADLINE_DASHBOARD, CAN_SEE_NOTICES
from . import selectors, services
from .engine import evaluate, get_rule, rules
from .forms import DeadlineCalculatorForm

INBOX_STATUSES = {
    "open": _("Open meldingen"),
    "afgehandeld": _("Afgehandelde meldingen"),
    "alle": _("Alle meldingen"),
}


@login_required
def notices(request):
    """The consultant's notice inbox: deadlines that became due soon or overdue."""
    require(request.user, CAN_SEE_NOTICES)
    status = request.GET.get("status", "open")
    if status not in INBOX_STATUSES:
        status = "open"
    today = timezone.localdate()
    notices = selectors.notices_for(user=request.user, today=today, status=status)
    page_obj = Paginator(notices, per_page=25).get_page(request.GET.get("page"))
    for notice in page_obj.object_list:
        notice.rule = get_rule(notice.code)
    return render(
        request,
        "cases/notices.html",
        {
            "page_obj": page_obj,
            "notices": page_obj.object_list,
            "status": status,
            "statuses": INBOX_STATUSES.items(),
            "title": _("Meldingen"),
        },
    )


@login_required
@require_POST
def notice_handle(request, pk: int):
    """Mark one notice as handled (the case must be in the user's inbox scope)."""
    require(request.user, CAN_SEE_NOTICES)
    try:
        notice = selectors.notice_get_for(user=request.user, pk=pk, today=timezone.localdate())
    except DeadlineNotice.DoesNotExist:
        audit.access_denied(request=request, object_type="deadlinenotice", object_ref=str(pk))
        raise Http404(_("Deze melding bestaat niet of u heeft er geen toegang toe.")) from None
    if services.deadline_notice_handle(notice=notice, by=request.user, request=request):
        messages.success(request, _("De melding is afgehandeld."))
    else:
        messages.info(request, _("Deze melding was al afgehandeld."))
    return redirect(same_site_path(request.POST.get("next")) or "cases:notices")


@login_required
def dashboard(request):
    """REQ M-01: the team lead's deadline dashboard with drill-down to the filtered cases."""
    require(request.user, CAN_SEE_DEADLINE_DASHBOARD)
    today = timezone.localdate()
    data = selectors.deadline_dashboard_for(user=request.user, today=today)
    y_max = max([v for s in data.series for v in (*s.overdue, *s.due_soon) if v is not None] or [0])
    charts = [
        {
            "series": series,
            "chart": line_chart(
                data.days,
                [
                    ("hbel-chart__line--overdue", _("Verlopen"), series.overdue),
                    ("hbel-chart__line--due-soon", _("Verloopt binnenkort"), series.due_soon),
                ],
                y_max=y_max,
            ),
        }
        for series in data.series
    ]
    table_rows = [
        {
            "day": day,
            "cells": [(s.overdue[i], s.due_soon[i]) for s in data.series],
        }
        for i, day in enumerate(data.days)
    ]
    return render(
        request,
        "cases/deadline_dashboard.html",
        {
            "data": data,
            "charts": charts,
            "table_rows": table_rows,
            "today": today,
            # REQ D-15: no decree of equated days for a coming year is said, not guessed.
            "calendar_warning": selectors.coverage_warning(today),
            "overdue": DeadlineState.OVERDUE.value,
            "due_soon": DeadlineState.DUE_SOON.value,
        },
    )


@login_required
def calculator(request):
    """The deadline calculator: every rule on a hypothetical case (like `manage.py deadlines`)."""
    today = timezone.localdate()
    submitted = "today" in request.GET
    form = DeadlineCalculatorForm(request.GET if submitted else None, initial={"today": today})
    evaluations = panel = None
    if submitted and form.is_valid():
        evaluations = evaluate(form.facts(), form.cleaned_data["today"])
        panel = selectors.panel_rows(evaluations, form.cleaned_data["today"])
    return render(
        request,
        "cases/deadline_calculator.html",
        {
            "form": form,
            "evaluations": evaluations,
            "panel": panel,
            "peildatum": form.cleaned_data["today"] if evaluations is not None else today,
            "rule_count": len(rules()),
        },
    )
