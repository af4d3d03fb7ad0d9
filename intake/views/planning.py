"""Planning lists: upcoming intake conversations and the werkcentrum's toets sittings
(REQ I-03, I-06). Not case pages: one audit event per list, one processing line per person
on the page, no case content."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from cases.kit import require
from cases.plausible import query_date

from .. import audit, selectors
from ..permissions import CAN_SEE_PLANNING

# A page of a planning list: bounded, so a page (and its processing-log lines) stays fixed.
PLANNING_PAGE_SIZE = 100


def _period(request, default_days: int) -> selectors.Period:
    today = timezone.localdate()
    # Issue 13 item 5: an impossible or implausible date in the URL is ignored, never a 500.
    start = query_date(request, "van", today) or today
    end = query_date(request, "tot", today) or start + timedelta(days=default_days)
    if end < start:
        end = start
    end = min(end, start + timedelta(days=92))
    return selectors.Period(start, end)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def planning_conversations(request):
    """REQ I-03: upcoming intake conversations per consultant. No case content."""
    require(request.user, CAN_SEE_PLANNING)
    period = _period(request, 13)
    consultants = list(selectors.consultants_for_planning(user=request.user))
    consultant_id = _int_or_none(request.GET.get("consulent"))
    if consultant_id not in {c.pk for c in consultants}:
        consultant_id = None
    page_obj = Paginator(
        selectors.conversation_planning_for(
            user=request.user, period=period, consultant_id=consultant_id
        ),
        PLANNING_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.planning_viewed(
        request=request, kind="intake", inburgeraar_ids=[r.intake.inburgeraar_id for r in rows]
    )
    groups: list[tuple] = []
    for row in rows:
        if not groups or groups[-1][0] != row.consultant_id:
            groups.append((row.consultant_id, row.consultant, []))
        groups[-1][2].append(row)
    return render(
        request,
        "intake/planning_conversations.html",
        {
            "period": period,
            "groups": groups,
            "count": page_obj.paginator.count,
            "page_obj": page_obj,
            "consultants": consultants,
            "consultant_id": consultant_id,
            "show_consultant_filter": len(consultants) > 1,
            "tab": "gesprekken",
        },
    )


@login_required
def planning_toetsen(request):
    """REQ I-06: the werkcentrum's toets planning: who, when, which device and toetsbegeleider.
    Sittings of cases outside the user's scope show as booked, without a name."""
    require(request.user, CAN_SEE_PLANNING)
    period = _period(request, 13)
    today = timezone.localdate()
    locations = list(selectors.toets_locations(day=today))
    location_id = _int_or_none(request.GET.get("locatie"))
    if location_id not in {loc.pk for loc in locations}:
        location_id = None
    page_obj = Paginator(
        selectors.toets_planning_for(user=request.user, period=period, location_id=location_id),
        PLANNING_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    audit.planning_viewed(
        request=request,
        kind="toets",
        inburgeraar_ids=[r.toets.inburgeraar_id for r in rows if r.visible],
    )
    days: list[tuple] = []
    for row in rows:
        day = timezone.localdate(row.starts_at)
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(row)
    return render(
        request,
        "intake/planning_toetsen.html",
        {
            "period": period,
            "days": days,
            "count": page_obj.paginator.count,
            "page_obj": page_obj,
            "locations": locations,
            "location_id": location_id,
            "devices": list(selectors.devices_on(day=today)),
            "toetsbegeleiders": list(selectors.toetsbegeleiders_on(day=today)),
            "tab": "toetsen",
        },
    )
