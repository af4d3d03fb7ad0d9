"""Reads of the case domain; every one starts from the scoped queryset (STYLE.md)."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from .bsn import bsn_key
from .collation import Dutch
from .constants import (
    ACTIVE_PHASES,
    CLOSED_PHASES,
    DEADLINE_URGENCY,
    NO_DEADLINE_RANK,
    DeadlineState,
    Phase,
    Role,
)
from .models import Gemeente, Inburgeraar, StatusChange, TimelineEvent, User

# Issue 13, item 7: phases in the order of the route (REQ C-04), not by their codes.
PHASE_RANK = Case(
    *[When(phase=phase, then=Value(rank)) for rank, phase in enumerate(Phase.values)],
    default=Value(len(Phase.values)),
    output_field=IntegerField(),
)
# Issue 13, item 7: names in Dutch alphabetical order ("Çelik" with the C).
SURNAME, GIVEN_NAMES = Dutch("surname"), Dutch("given_names")

SORTS = {
    "naam": (SURNAME.asc(), GIVEN_NAMES.asc(), "id"),
    "-naam": (SURNAME.desc(), GIVEN_NAMES.desc(), "-id"),
    "doelgroep": ("doelgroep", SURNAME.asc(), "id"),
    "-doelgroep": ("-doelgroep", SURNAME.asc(), "id"),
    "gemeente": ("gemeente__name", SURNAME.asc(), "id"),
    "-gemeente": ("-gemeente__name", SURNAME.asc(), "id"),
    "fase": (PHASE_RANK.asc(), SURNAME.asc(), "id"),
    "-fase": (PHASE_RANK.desc(), SURNAME.asc(), "id"),
    "consulent": (
        Dutch("consultant__first_name").asc(),
        Dutch("consultant__last_name").asc(),
        SURNAME.asc(),
        "id",
    ),
    "-consulent": (
        Dutch("consultant__first_name").desc(),
        Dutch("consultant__last_name").desc(),
        SURNAME.asc(),
        "id",
    ),
    "gekoppeld": ("linked_on", SURNAME.asc(), "id"),
    "-gekoppeld": ("-linked_on", SURNAME.asc(), "id"),
    # REQ D: by urgency of the (shown) deadline: overdue, due soon, open, then none.
    "termijn": ("shown_rank", F("shown_due").asc(nulls_last=True), SURNAME.asc(), "id"),
    "-termijn": ("-shown_rank", F("shown_due").desc(nulls_last=True), SURNAME.asc(), "id"),
}
DEFAULT_SORT = "naam"


@dataclass(frozen=True)
class CaseloadFilters:
    gemeente: int | None = None
    doelgroep: str = ""
    phase: str = ""  # a Phase value, "actief" (default) or "alle"
    consultant: int | None = None
    q: str = ""
    sort: str = DEFAULT_SORT
    deadline: str = ""  # a registered deadline code (REQ D)
    deadline_state: str = ""  # a DeadlineState value


def inburgeraar_list_for(*, user: User, filters: CaseloadFilters) -> QuerySet[Inburgeraar]:
    """The caseload: the user's visible cases, filtered and sorted; a fixed number of queries."""
    qs = Inburgeraar.objects.visible_to(user).select_related("gemeente", "consultant")
    if filters.phase == "alle":
        pass
    elif filters.phase == "afgesloten":
        qs = qs.filter(phase__in=CLOSED_PHASES)
    elif filters.phase and filters.phase != "actief":
        qs = qs.filter(phase=filters.phase)
    else:
        qs = qs.filter(phase__in=ACTIVE_PHASES)
    if filters.gemeente:
        qs = qs.filter(gemeente_id=filters.gemeente)
    if filters.doelgroep:
        qs = qs.filter(doelgroep=filters.doelgroep)
    if filters.consultant:
        qs = qs.filter(consultant_id=filters.consultant)
    if filters.q:
        for term in filters.q.split()[:5]:
            qs = qs.filter(
                Q(given_names__icontains=term)
                | Q(surname__icontains=term)
                | Q(surname_prefix__icontains=term)
            )
    qs = _with_deadline(qs, filters)
    return qs.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def _with_deadline(qs: QuerySet[Inburgeraar], filters: CaseloadFilters) -> QuerySet[Inburgeraar]:
    """Filter on a deadline code and/or state and annotate the deadline the list shows.

    Without a code the list shows the case's next deadline (denormalised on Inburgeraar, kept
    by the recompute); with a code it shows that deadline, from the same join that filters.
    """
    from .deadlines.models import Deadline

    if filters.deadline:
        condition = {"deadlines__code": filters.deadline}
        if filters.deadline_state:
            condition["deadlines__state"] = filters.deadline_state
        else:
            condition["deadlines__state__in"] = [
                s for s in DeadlineState.values if s != DeadlineState.NOT_APPLICABLE
            ]
        qs = qs.filter(**condition).annotate(
            shown_code=F("deadlines__code"),
            shown_due=F("deadlines__due"),
            shown_state=F("deadlines__state"),
        )
        return qs.annotate(
            shown_rank=Case(
                *[
                    When(shown_state=state, then=Value(rank))
                    for state, rank in DEADLINE_URGENCY.items()
                ],
                default=Value(NO_DEADLINE_RANK),
                output_field=IntegerField(),
            )
        )
    if filters.deadline_state:
        qs = qs.filter(
            Exists(
                Deadline.objects.filter(inburgeraar=OuterRef("pk"), state=filters.deadline_state)
            )
        )
    return qs.annotate(
        shown_code=F("next_deadline_code"),
        shown_due=F("next_deadline_due"),
        shown_state=F("next_deadline_state"),
        shown_rank=F("next_deadline_rank"),
    )


def inburgeraar_get_for(*, user: User, public_id) -> Inburgeraar:
    """One visible case, or Inburgeraar.DoesNotExist (the view answers 404)."""
    return (
        Inburgeraar.objects.visible_to(user)
        .select_related("gemeente", "consultant", "household")
        .get(public_id=public_id)
    )


def inburgeraar_detail_for(*, user: User, public_id) -> Inburgeraar:
    """A case with what its page shows, prefetched: phase history, timeline, household."""
    visible = Inburgeraar.objects.visible_to(user)
    return (
        visible.select_related("gemeente", "consultant", "consultant__team", "household")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("changed_by"),
            ),
            Prefetch(
                "timeline_events",
                queryset=TimelineEvent.objects.select_related("actor")[:50],
                to_attr="recent_events",
            ),
        )
        .get(public_id=public_id)
    )


def own_cases_for(*, user: User, today) -> QuerySet[Inburgeraar]:
    """The user's own and substituted cases (the notice inbox, *Vandaag*), also when the
    same person is a team lead: those are the team's, not the user's own work."""
    from .scope import _consultant_scope

    visible = Inburgeraar.objects.visible_to(user)
    if not user.is_superuser:
        visible = visible.filter(_consultant_scope(user, today))
    return visible


def household_members_for(*, user: User, inburgeraar: Inburgeraar) -> QuerySet[Inburgeraar]:
    """Other members of the household that the user may also see."""
    if inburgeraar.household_id is None:
        return Inburgeraar.objects.none()
    return (
        Inburgeraar.objects.visible_to(user)
        .filter(household_id=inburgeraar.household_id)
        .exclude(pk=inburgeraar.pk)
        .only("public_id", "given_names", "surname_prefix", "surname", "date_of_birth")
    )


def inburgeraar_find_by_bsn(*, user: User, bsn: str) -> Inburgeraar | None:
    return (
        Inburgeraar.objects.visible_to(user).filter(bsn_hash=bsn_key(bsn)).only("public_id").first()
    )


def gemeenten_for(*, user: User) -> QuerySet[Gemeente]:
    """Municipalities a user works for: those of their team (all for a superuser)."""
    if user.is_superuser:
        return Gemeente.objects.all()
    if user.team_id is None:
        return Gemeente.objects.none()
    return Gemeente.objects.filter(teams=user.team_id)


def consultants_for(*, user: User) -> QuerySet[User]:
    """Consultants a team lead can filter on or hand cases to: those of the same teams."""
    qs = User.objects.filter(is_active=True, groups__name=Role.CONSULTANT)
    if not user.is_superuser:
        qs = qs.filter(team__gemeenten__in=gemeenten_for(user=user))
    return qs.distinct().order_by(Dutch("first_name"), Dutch("last_name"), "id")
