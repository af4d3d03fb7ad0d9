"""Reads of the leerroute catalogue."""

from datetime import date

from django.db.models import Q, QuerySet

from .models import Contract, Provider, ProviderMeeting


def providers_with_contract(*, route_id: int, on: date) -> QuerySet[Provider]:
    """REQ L-02: the providers that may be chosen for a route on a day (valid contract)."""
    contracted = Contract.objects.valid_on(on).filter(route_id=route_id).values("provider_id")
    return Provider.objects.filter(is_active=True, pk__in=contracted).order_by("name")


def contract_for(*, provider_id: int, route_id: int, on: date) -> Contract | None:
    """The contract (and so the price, REQ L-03) of a provider for a route on a day."""
    return (
        Contract.objects.valid_on(on)
        .filter(provider_id=provider_id, route_id=route_id)
        .order_by("-valid_from")
        .first()
    )


STALLED_REGISTERED_DAYS = 42  # aangemeld maar na 6 weken nog niet gestart
STALLED_REPORT_DAYS = 122  # gestart maar 4 maanden geen rapportage


def enrolments_for_case(*, inburgeraar):
    """The case's leerroutes with everything the page shows, in a fixed number of queries."""
    from django.db.models import Prefetch

    from .models import Absence, Enrolment, Exam, ProgressReport, RouteChange

    return (
        Enrolment.objects.filter(inburgeraar=inburgeraar)
        .select_related("route", "provider", "registered_by", "contract")
        .prefetch_related(
            Prefetch("reports", queryset=ProgressReport.objects.order_by("-period_end")),
            Prefetch("exams", queryset=Exam.objects.order_by("-exam_on")),
            Prefetch("absences", queryset=Absence.objects.order_by("-absent_from")),
            Prefetch("changes", queryset=RouteChange.objects.select_related("to_route")),
        )
        .order_by("-requested_on", "-id")
    )


def dlp_worklist_for(*, user, status: str = "", gemeente_id: int | None = None, today: date):
    """REQ L-04 / C-08: enrolments waiting for DLP registration or a start, in the user's
    scope, oldest first, each with `hours` attended and whether it is stalled."""
    from datetime import timedelta

    from django.db.models import Max, Q, Sum

    from cases.models import Inburgeraar

    from .constants import EnrolmentStatus
    from .models import Enrolment

    visible = Inburgeraar.objects.visible_to(user).values("pk")
    qs = (
        Enrolment.objects.filter(inburgeraar__in=visible)
        .select_related(
            "inburgeraar", "inburgeraar__gemeente", "route", "provider", "registered_by"
        )
        .annotate(last_report=Max("reports__period_end"), hours=Sum("reports__hours_attended"))
    )
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=[EnrolmentStatus.TO_REGISTER, EnrolmentStatus.REGISTERED])
    if gemeente_id:
        qs = qs.filter(inburgeraar__gemeente_id=gemeente_id)
    stalled = Q(
        status=EnrolmentStatus.REGISTERED,
        registered_on__lt=today - timedelta(days=STALLED_REGISTERED_DAYS),
    ) | Q(status=EnrolmentStatus.STARTED) & (
        Q(last_report__lt=today - timedelta(days=STALLED_REPORT_DAYS))
        | Q(last_report__isnull=True, started_on__lt=today - timedelta(days=STALLED_REPORT_DAYS))
    )
    from django.db.models import BooleanField, Case, Value, When

    return qs.annotate(
        stalled=Case(
            When(stalled, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    ).order_by("requested_on", "id")


def provider_meetings_for(*, user) -> QuerySet[ProviderMeeting]:
    """REQ L-05 / K-02, issue 22 finding 5: the meetings of the user's team and those the user
    recorded or took part in; never another team's minutes."""
    visible = Q(recorded_by=user) | Q(participants=user)
    if user.team_id is not None:
        visible |= Q(team_id=user.team_id)
    ids = ProviderMeeting.objects.filter(visible).values("pk")
    return (
        ProviderMeeting.objects.filter(pk__in=ids)
        .select_related("provider", "recorded_by", "team")
        .prefetch_related("participants")
    )
