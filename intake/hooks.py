"""What this app contributes to the shared mechanisms (called from apps.ready): the AVG
inzage section, the PIP prerequisites, timeline kinds, the two case tabs and the planning
entry of the navigation. Its audit events are declared in `audit.py`, its deadline rules
in `deadlines.py` (both discovered by `cases`)."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from cases import navigation, timeline
    from pip_plans.prerequisites import register_prerequisite

    from . import inzage, prerequisites
    from .constants import TimelineKind
    from .permissions import CAN_SEE_PLANNING

    inzage.register()  # AVG inzage export (cases.inzage)
    register_prerequisite(prerequisites.intake_completed)  # REQ P-02
    register_prerequisite(prerequisites.toets_resolved)
    for kind in TimelineKind:
        timeline.register_kind(kind.value, kind.label)
    navigation.register_case_tab(
        key="intake", label=_("Brede intake"), url_name="intake:overview", order=10
    )
    navigation.register_case_tab(
        key="toets", label=_("Leerbaarheidstoets"), url_name="intake:toets", order=20
    )
    navigation.register(35, _("Planning"), "intake:planning", CAN_SEE_PLANNING)

    from cases import start

    # Issue 13, item 1: this week's conversations and toets sittings on *Vandaag*.
    start.register_today_section(
        "gesprekken",
        order=20,
        title=_("Intakegesprekken deze week"),
        empty=_("Deze week staan er geen intakegesprekken gepland."),
        rows=conversations_today,
        more_url_name="intake:planning",
        more_label=_("Planning"),
    )
    start.register_today_section(
        "toetsen",
        order=30,
        title=_("Afnames leerbaarheidstoets deze week"),
        empty=_("Deze week staan er geen afnames van de leerbaarheidstoets gepland."),
        rows=toets_sittings_today,
        more_url_name="intake:planning-toetsen",
        more_label=_("Toetsplanning"),
    )


def conversations_today(user, today):
    """REQ I-03: the planned intake conversations of the user's own cases, this week."""
    from datetime import timedelta

    from cases.selectors import own_cases_for
    from cases.start import TODAY_DAYS, TODAY_LIMIT, TodayRow, case_url

    from .constants import ConversationStatus
    from .models import IntakeConversation

    conversations = (
        IntakeConversation.objects.filter(
            status=ConversationStatus.PLANNED,
            scheduled_on__gte=today,
            scheduled_on__lte=today + timedelta(days=TODAY_DAYS - 1),
            intake__inburgeraar__in=own_cases_for(user=user, today=today),
        )
        .select_related("location", "intake__inburgeraar")
        .order_by("scheduled_on", "starts_at", "id")[:TODAY_LIMIT]
    )
    return [
        TodayRow(
            inburgeraar=c.intake.inburgeraar,
            when=c.scheduled_on,
            at=c.starts_at.strftime("%H:%M") if c.starts_at else "",
            what=c.location.name,
            url=case_url(c.intake.inburgeraar, "intake:overview"),
        )
        for c in conversations
    ]


def toets_sittings_today(user, today):
    """REQ I-06: the planned toets sittings of the user's own cases, this week."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from cases.selectors import own_cases_for
    from cases.start import TODAY_DAYS, TODAY_LIMIT, TodayRow, case_url

    from .constants import SessionStatus
    from .models import ToetsSession

    start_at = timezone.make_aware(datetime.combine(today, time.min))
    end_at = timezone.make_aware(datetime.combine(today + timedelta(days=TODAY_DAYS), time.min))
    sittings = (
        ToetsSession.objects.filter(
            status=SessionStatus.PLANNED,
            starts_at__gte=start_at,
            starts_at__lt=end_at,
            toets__inburgeraar__in=own_cases_for(user=user, today=today),
        )
        .select_related("location", "toets__inburgeraar")
        .order_by("starts_at", "id")[:TODAY_LIMIT]
    )
    rows = []
    for sitting in sittings:
        local = timezone.localtime(sitting.starts_at)
        rows.append(
            TodayRow(
                inburgeraar=sitting.toets.inburgeraar,
                when=local.date(),
                at=local.strftime("%H:%M"),
                what=sitting.location.name,
                url=case_url(sitting.toets.inburgeraar, "intake:toets"),
            )
        )
    return rows
