"""Reads of the deadline domain; every one starts from the scoped queryset (STYLE.md, REQ D)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _g

from .. import calendar as atw
from ..collation import Dutch
from ..constants import ACTIVE_PHASES, NOTICE_STATES, DeadlineState
from ..dates import format_date
from ..models import Deadline, DeadlineNotice, DeadlineSnapshot, Gemeente, Inburgeraar, User
from ..selectors import consultants_for, gemeenten_for, own_cases_for
from .engine import Evaluation, collect_facts, evaluate, rules, tracked_facts

CHART_DAYS = 90


def deadline_panel_for(*, inburgeraar: Inburgeraar, today: date) -> list[Evaluation]:
    """Every rule for one case, evaluated live (the case page): same facts as the scan."""
    if inburgeraar.is_closed:
        return []
    facts = collect_facts([inburgeraar.pk])[inburgeraar.pk]
    return evaluate(facts, today, tracked=tracked_facts())


def _inbox_cases(user: User, today: date) -> QuerySet[Inburgeraar]:
    # A consultant's own caseload and the cases they substitute for, also when the same
    # person is a team lead: the inbox is not the team's.
    return own_cases_for(user=user, today=today)


def notices_for(*, user: User, today: date, status: str = "open") -> QuerySet[DeadlineNotice]:
    """The notice inbox: notices of the user's own (and substituted) cases."""
    current = Deadline.objects.filter(inburgeraar=OuterRef("inburgeraar"), code=OuterRef("code"))
    qs = (
        DeadlineNotice.objects.filter(inburgeraar__in=_inbox_cases(user, today).values("pk"))
        .select_related("inburgeraar", "handled_by")
        .annotate(
            current_state=Subquery(current.values("state")[:1]),
            current_due=Subquery(current.values("due")[:1]),
        )
    )
    if status == "open":
        qs = qs.filter(handled_at__isnull=True)
    elif status == "afgehandeld":
        qs = qs.filter(handled_at__isnull=False)
    return qs.order_by("handled_at", "-kind", "due", Dutch("inburgeraar__surname"), "pk")


def notice_get_for(*, user: User, pk: int, today: date) -> DeadlineNotice:
    """One notice of the inbox, or DeadlineNotice.DoesNotExist (the view answers 404)."""
    return DeadlineNotice.objects.select_related("inburgeraar").get(
        pk=pk, inburgeraar__in=_inbox_cases(user, today).values("pk")
    )


@dataclass
class ChartSeries:
    gemeente: Gemeente
    overdue: list[int | None]
    due_soon: list[int | None]


@dataclass
class Dashboard:
    consultants: list[User]
    # rows per rule: (rule, [(consultant, overdue, due_soon)], total_overdue, total_due_soon)
    matrix: list[dict]
    consultant_totals: list[dict]
    gemeenten: list[dict]
    total_overdue: int
    total_due_soon: int
    days: list[date] = field(default_factory=list)
    series: list[ChartSeries] = field(default_factory=list)


def deadline_dashboard_for(*, user: User, today: date) -> Dashboard:
    """REQ M-01: due soon and overdue per consultant × rule and per municipality, 90-day chart.

    Counts come from the stored deadlines of active cases in the user's scope; a fixed number
    of queries whatever the number of cases.
    """
    visible = Inburgeraar.objects.visible_to(user).filter(phase__in=ACTIVE_PHASES).values("pk")
    noticed = Deadline.objects.filter(inburgeraar__in=visible, state__in=NOTICE_STATES)
    per_consultant = list(
        noticed.values("inburgeraar__consultant_id", "code", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_gemeente = list(
        noticed.values("inburgeraar__gemeente_id", "state").annotate(n=Count("id")).order_by()
    )
    ids = {row["inburgeraar__consultant_id"] for row in per_consultant}
    consultants = list(
        User.objects.filter(Q(pk__in=ids) | Q(pk__in=consultants_for(user=user).values("pk")))
        .distinct()
        .order_by(Dutch("first_name"), Dutch("last_name"), "username")
    )
    counts = {
        (row["inburgeraar__consultant_id"], row["code"], row["state"]): row["n"]
        for row in per_consultant
    }
    matrix = []
    for rule in rules():
        cells = [
            {
                "consultant": consultant,
                "overdue": counts.get((consultant.pk, rule.code, DeadlineState.OVERDUE), 0),
                "due_soon": counts.get((consultant.pk, rule.code, DeadlineState.DUE_SOON), 0),
            }
            for consultant in consultants
        ]
        overdue = sum(c["overdue"] for c in cells)
        due_soon = sum(c["due_soon"] for c in cells)
        if overdue or due_soon:
            matrix.append({"rule": rule, "cells": cells, "overdue": overdue, "due_soon": due_soon})
    consultant_totals = [
        {
            "consultant": consultant,
            "overdue": sum(r["cells"][i]["overdue"] for r in matrix),
            "due_soon": sum(r["cells"][i]["due_soon"] for r in matrix),
        }
        for i, consultant in enumerate(consultants)
    ]
    gemeenten = list(gemeenten_for(user=user))
    by_gemeente = {(r["inburgeraar__gemeente_id"], r["state"]): r["n"] for r in per_gemeente}
    gemeente_rows = [
        {
            "gemeente": g,
            "overdue": by_gemeente.get((g.pk, DeadlineState.OVERDUE), 0),
            "due_soon": by_gemeente.get((g.pk, DeadlineState.DUE_SOON), 0),
        }
        for g in gemeenten
    ]
    first = today - timedelta(days=CHART_DAYS - 1)
    days = [first + timedelta(days=n) for n in range(CHART_DAYS)]
    snapshots = DeadlineSnapshot.objects.filter(
        gemeente__in=[g.pk for g in gemeenten], day__gte=first, day__lte=today
    ).values_list("gemeente_id", "day", "overdue", "due_soon")
    points = {(g, d): (o, s) for g, d, o, s in snapshots}
    series = [
        ChartSeries(
            gemeente=g,
            overdue=[points.get((g.pk, d), (None, None))[0] for d in days],
            due_soon=[points.get((g.pk, d), (None, None))[1] for d in days],
        )
        for g in gemeenten
    ]
    return Dashboard(
        consultants=consultants,
        matrix=matrix,
        consultant_totals=consultant_totals,
        gemeenten=gemeente_rows,
        total_overdue=sum(r["overdue"] for r in gemeente_rows),
        total_due_soon=sum(r["due_soon"] for r in gemeente_rows),
        days=days,
        series=series,
    )


def panel_rows(
    evaluations: list[Evaluation], today: date, *, phase: str | None = None
) -> dict[str, list[dict]]:
    """The deadline panel's rows with their Dutch sentences: applicable first, then the rest.

    `phase`: the case's route phase. A step the case has evidently passed without its date
    recorded reads "niet vastgelegd" (Rule.passed_in_phases): a phase invents no date.
    """
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    def d(day):
        return format_date(day)

    applicable, other = [], []
    for ev in evaluations:
        label, start_day = ev.start if ev.start else (None, None)
        basis = status = ""
        if not ev.tracked:
            status = _("Wordt nog niet bewaakt: de gegevens hiervoor worden nog niet vastgelegd.")
        elif ev.state == DeadlineState.NOT_APPLICABLE:
            status = _("Geldt niet voor deze inburgeraar.")
        else:
            if start_day:
                basis = _("Gerekend vanaf %(what)s op %(day)s.") % {
                    "what": label,
                    "day": d(start_day),
                }
            if ev.due is None:
                status = _(
                    "De uiterste datum is nog niet te berekenen: %(what)s is niet bekend."
                ) % {"what": label or _("de startdatum")}
            elif (
                phase in ev.rule.passed_in_phases
                and ev.met_on is None
                and ev.state not in (DeadlineState.MET, DeadlineState.MET_LATE)
            ):
                status = _(
                    "Niet vastgelegd: het dossier is al verder in de route, maar de datum van "
                    "deze stap is niet vastgelegd. Leg die vast om de termijn te sluiten."
                )
            elif ev.state == DeadlineState.OVERDUE:
                days = (today - ev.due).days
                status = ngettext(
                    "De uiterste datum was %(day)s: %(count)s dag geleden.",
                    "De uiterste datum was %(day)s: %(count)s dagen geleden.",
                    days,
                ) % {"day": d(ev.due), "count": days}
            elif ev.state in (DeadlineState.MET, DeadlineState.MET_LATE) and ev.met_on:
                late = (ev.met_on - ev.due).days
                status = (
                    ngettext(
                        "Gehaald op %(day)s, %(count)s dag na de uiterste datum.",
                        "Gehaald op %(day)s, %(count)s dagen na de uiterste datum.",
                        late,
                    )
                    % {"day": d(ev.met_on), "count": late}
                    if late > 0
                    else _("Gehaald op %(day)s.") % {"day": d(ev.met_on)}
                )
            elif ev.state == DeadlineState.MET:
                status = _("Gehaald.")
            elif ev.due == today:
                status = _("Vandaag is de laatste dag.")
            else:
                days = (ev.due - today).days
                status = ngettext("Nog %(count)s dag.", "Nog %(count)s dagen.", days) % {
                    "count": days
                }
        row = {"ev": ev, "basis": basis, "status": status}
        if ev.state == DeadlineState.NOT_APPLICABLE:
            other.append(row)
        else:
            applicable.append(row)
    overdue = sum(1 for row in applicable if row["ev"].state == DeadlineState.OVERDUE)
    return {"applicable": applicable, "other": other, "overdue": overdue}


RUNNING_STATES = (DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.OPEN)


def next_deadlines(panel: dict, *, count: int = 3) -> list[dict]:
    """Issue 13, item 2: the next `count` running deadlines of a panel, the earliest first
    (an overdue one is earlier than any that is still open)."""
    running = [
        row
        for row in panel.get("applicable", [])
        if row["ev"].state in RUNNING_STATES and row["ev"].due is not None
    ]
    return sorted(running, key=lambda row: (row["ev"].due, row["ev"].code))[:count]


def open_notices_of_case(*, inburgeraar: Inburgeraar) -> QuerySet[DeadlineNotice]:
    """The case's deadline notices nobody has handled yet (one query)."""
    return DeadlineNotice.objects.filter(inburgeraar=inburgeraar, handled_at__isnull=True).order_by(
        "due", "pk"
    )


def coverage_warning(today) -> str | None:
    """REQ D-15: the Dutch warning when no decree covers a coming year; None when all is well."""
    years = atw.uncovered_years(today)
    if not years:
        return None
    return _g(
        "Voor %(years)s is nog geen besluit met gelijkgestelde dagen (Algemene termijnenwet "
        "art. 3 lid 3) vastgelegd. Termijnen in die periode worden zonder gelijkgestelde dagen "
        "berekend; voeg het besluit toe zodra het is gepubliceerd."
    ) % {"years": ", ".join(str(year) for year in years)}
