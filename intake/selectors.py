"""Reads of the intake app; every one starts from the scoped queryset (STYLE.md).

Special-category domains (REQ I-08) are filtered out here unless the caller says the user may
see them (`intake.permissions.can_see_special_category`). Planning lists never touch domains.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from cases.constants import Role
from cases.models import Inburgeraar, User

from .constants import ConversationStatus, SessionStatus
from .models import (
    BredeIntake,
    Device,
    DomainAssessment,
    IntakeConversation,
    Leerbaarheidstoets,
    LifeDomain,
    Location,
    Toetsbegeleider,
    ToetsSession,
)
from .services import applicable_domains


def intake_for(*, inburgeraar: Inburgeraar, include_special: bool) -> BredeIntake | None:
    """The intake of a case with its conversations and (visible) assessments prefetched."""
    assessments = DomainAssessment.objects.select_related("domain", "level", "updated_by")
    if not include_special:
        assessments = assessments.exclude(domain__is_special_category=True)
    return (
        BredeIntake.objects.filter(inburgeraar=inburgeraar)
        .select_related("completed_by")
        .prefetch_related(
            Prefetch(
                "conversations",
                queryset=IntakeConversation.objects.select_related("location", "consultant"),
            ),
            Prefetch("assessments", queryset=assessments),
        )
        .first()
    )


def domains_for(
    *, intake: BredeIntake | None, day: date, include_special: bool
) -> list[LifeDomain]:
    domains = applicable_domains(day=day, intake=intake)
    if not include_special:
        domains = domains.exclude(is_special_category=True)
    return list(domains)


def completion_inputs(*, intake: BredeIntake, day: date) -> tuple[list, dict]:
    """Every applicable domain and every assessment (levels only) for the completion check."""
    domains = list(applicable_domains(day=day, intake=intake))
    assessments = {
        a.domain_id: a
        for a in DomainAssessment.objects.filter(intake=intake).select_related("level")
    }
    return domains, assessments


def hidden_domain_count(*, day: date, include_special: bool) -> int:
    if include_special:
        return 0
    return LifeDomain.objects.valid_on(day).filter(is_special_category=True).count()


def toets_for(*, inburgeraar: Inburgeraar) -> Leerbaarheidstoets | None:
    return (
        Leerbaarheidstoets.objects.filter(inburgeraar=inburgeraar)
        .select_related("pass_mark", "result_recorded_by")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=ToetsSession.objects.select_related(
                    "location", "device", "toetsbegeleider__user", "planned_by"
                ),
            )
        )
        .first()
    )


# --------------------------------------------------------------------------- planning


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


def conversation_planning_for(
    *, user: User, period: Period, consultant_id: int | None = None
) -> QuerySet[IntakeConversation]:
    """Planned intake conversations in the period, of the cases the user may see (REQ I-03).

    Names and places only: no domains, no notes. A fixed number of queries.
    """
    visible = Inburgeraar.objects.visible_to(user)
    qs = (
        IntakeConversation.objects.filter(
            status=ConversationStatus.PLANNED,
            scheduled_on__gte=period.start,
            scheduled_on__lte=period.end,
            intake__inburgeraar__in=visible,
        )
        .select_related("consultant", "location", "intake__inburgeraar__gemeente")
        .only(
            "scheduled_on",
            "starts_at",
            "invitation_sent_on",
            "interpreter_language",
            "consultant__first_name",
            "consultant__last_name",
            "consultant__username",
            "location__name",
            "intake__inburgeraar__public_id",
            "intake__inburgeraar__given_names",
            "intake__inburgeraar__surname_prefix",
            "intake__inburgeraar__surname",
            "intake__inburgeraar__interpreter_needed",
            "intake__inburgeraar__interpreter_language",
            "intake__inburgeraar__gemeente__name",
        )
        .order_by(
            "consultant__first_name", "consultant__last_name", "scheduled_on", "starts_at", "id"
        )
    )
    if consultant_id:
        qs = qs.filter(consultant_id=consultant_id)
    return qs


def toets_planning_for(
    *, user: User, period: Period, location_id: int | None = None
) -> QuerySet[ToetsSession]:
    """Every booked sitting in the period (REQ I-06), so the werkcentrum sees what is taken.

    `visible` tells whether the user may see whose sitting it is; names of cases outside the
    user's scope are not shown (the template shows "bezet").
    """
    visible = Inburgeraar.objects.visible_to(user).filter(pk=OuterRef("toets__inburgeraar_id"))
    qs = (
        ToetsSession.objects.filter(
            status__in=(SessionStatus.PLANNED, SessionStatus.TAKEN),
            starts_at__gte=period.start_at,
            starts_at__lt=period.end_at,
        )
        .annotate(visible=Exists(visible))
        .select_related("location", "device", "toetsbegeleider__user", "toets__inburgeraar")
        .order_by("starts_at", "location__name", "id")
    )
    if location_id:
        qs = qs.filter(location_id=location_id)
    return qs


def consultants_for_planning(*, user: User) -> QuerySet[User]:
    from cases.selectors import consultants_for

    if user.is_teamleider or user.has_role(Role.ADMINISTRATIE) or user.is_superuser:
        return consultants_for(user=user)
    return User.objects.filter(pk=user.pk)


def toets_locations(*, day: date) -> QuerySet[Location]:
    return Location.objects.valid_on(day).filter(hosts_toets=True).order_by("name")


def devices_on(*, day: date) -> QuerySet[Device]:
    return Device.objects.valid_on(day).select_related("location").order_by("name")


def toetsbegeleiders_on(*, day: date) -> QuerySet[Toetsbegeleider]:
    return (
        Toetsbegeleider.objects.selectable_on(day)
        .select_related("user")
        .order_by("name", "user__first_name")
    )
