"""Leerroute execution: DLP, reports, afschalen and schakelen, costs (REQ L-02 … L-06, F-03)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import Phase
from cases.models import AuditEvent, ProcessingLogLine
from finance.models import Cost
from finance.selectors import route_cost_report
from learning_routes import plan_hooks, services
from learning_routes.constants import EndReason, EnrolmentStatus, RouteChangeKind
from learning_routes.models import Enrolment, LearningRoute, Provider, RouteChange
from tests.factories import EnrolmentFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def revisions(monkeypatch):
    """Stands in for the PIP app's revision opener and records what was asked (the real one
    is tested with a PIP in tests/pip_plans/test_route_changes.py)."""
    opened = []

    def opener(**kwargs):
        opened.append(kwargs)
        return kwargs

    monkeypatch.setattr(plan_hooks, "_openers", [opener])
    return opened


def _route(code):
    return LearningRoute.objects.get(code=code)


def _provider(name):
    return Provider.objects.get(name=name)


def _case(world, **kwargs):
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.INBURGERINGSTERMIJN,
        **kwargs,
    )


def _started(world, hours=0, route="b1", provider="Fairfield"):
    enrolment = services.enrolment_create(
        inburgeraar=_case(world),
        route=_route(route),
        provider=_provider(provider),
        by=world.consultant,
        on=TODAY - timedelta(days=400),
    )
    enrolment = services.enrolment_register_dlp(
        enrolment=enrolment, on=TODAY - timedelta(days=390), by=world.administratie
    )
    enrolment = services.enrolment_start(
        enrolment=enrolment, on=TODAY - timedelta(days=380), by=world.consultant
    )
    if hours:
        services.progress_report_record(
            enrolment=enrolment,
            data={
                "reported_on": TODAY - timedelta(days=10),
                "period_start": TODAY - timedelta(days=370),
                "period_end": TODAY - timedelta(days=10),
                "hours_scheduled": max(hours, 1),
                "hours_attended": hours,
            },
            by=world.consultant,
        )
    return Enrolment.objects.get(pk=enrolment.pk)


def test_provider_without_valid_contract_cannot_be_chosen(world):
    # REQ L-02: IVIO has no B1 contract; nobody has an onderwijsroute contract yet.
    case = _case(world)
    with pytest.raises(ValidationError) as excinfo:
        services.enrolment_create(
            inburgeraar=case, route=_route("b1"), provider=_provider("IVIO"), by=world.consultant
        )
    assert "geen geldig contract" in str(excinfo.value)
    with pytest.raises(ValidationError):
        services.enrolment_create(
            inburgeraar=case,
            route=_route("onderwijs"),
            provider=_provider("Fairfield"),
            by=world.consultant,
        )
    # Before the contract's first day: refused too.
    with pytest.raises(ValidationError):
        services.enrolment_create(
            inburgeraar=case,
            route=_route("b1"),
            provider=_provider("Fairfield"),
            by=world.consultant,
            on=date(2021, 12, 31),
        )
    assert not Enrolment.objects.exists()


def test_price_is_the_contracts_on_the_day_and_one_open_enrolment_per_person(world):
    case = _case(world)
    enrolment = services.enrolment_create(
        inburgeraar=case, route=_route("z"), provider=_provider("IVIO"), by=world.consultant
    )
    assert enrolment.price == Decimal("7000.00")  # REQ L-03
    assert enrolment.status == EnrolmentStatus.TO_REGISTER
    with pytest.raises(ValidationError):
        services.enrolment_create(
            inburgeraar=case,
            route=_route("b1"),
            provider=_provider("Fairfield"),
            by=world.consultant,
        )


def test_dlp_registration_is_tracked_and_books_the_route_cost(world):
    # REQ L-04, C-08 (who and when), L-03 / F-03 (cost on the municipality)
    case = _case(world)
    enrolment = services.enrolment_create(
        inburgeraar=case,
        route=_route("b1"),
        provider=_provider("Top Taal"),
        by=world.consultant,
        on=TODAY - timedelta(days=3),
    )
    with pytest.raises(ValidationError):  # before the request date
        services.enrolment_register_dlp(
            enrolment=enrolment, on=TODAY - timedelta(days=4), by=world.administratie
        )
    services.enrolment_register_dlp(enrolment=enrolment, on=TODAY, by=world.administratie)
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.registered_on, enrolment.registered_by) == (
        EnrolmentStatus.REGISTERED,
        TODAY,
        world.administratie,
    )
    cost = Cost.objects.get(inburgeraar=case)
    assert (cost.gemeente, cost.provision, cost.amount) == (
        world.noorddorp,
        "route_b1",
        Decimal("8200.00"),
    )
    with pytest.raises(ValidationError):  # twice is refused, and never books twice
        services.enrolment_register_dlp(enrolment=enrolment, on=TODAY, by=world.administratie)
    assert Cost.objects.filter(inburgeraar=case).count() == 1
    assert AuditEvent.objects.filter(action="enrolment_registered_dlp").count() == 1
    assert ProcessingLogLine.objects.filter(
        inburgeraar_id=case.pk, activity__code="leerroute"
    ).exists()


def test_start_needs_registration_first(world):
    enrolment = services.enrolment_create(
        inburgeraar=_case(world),
        route=_route("b1"),
        provider=_provider("Fairfield"),
        by=world.consultant,
    )
    with pytest.raises(ValidationError):
        services.enrolment_start(enrolment=enrolment, on=TODAY, by=world.consultant)


@pytest.mark.parametrize(("hours", "allowed"), [(599, False), (600, True), (601, True)])
def test_afschalen_is_offered_from_the_hours_threshold(world, revisions, hours, allowed):
    # REQ L-06: afschalen after 600 course hours (configurable), B1-route only.
    enrolment = _started(world, hours=hours)
    assert services.can_afschalen(enrolment) is allowed
    if allowed:
        change = services.enrolment_afschalen(
            enrolment=enrolment,
            ground="Onvoldoende voortgang ondanks inzet",
            on=TODAY,
            by=world.consultant,
        )
        assert change.kind == RouteChangeKind.AFSCHALEN
        assert change.hours_attended == hours
        assert Enrolment.objects.get(pk=enrolment.pk).afgeschaald_on == TODAY
        assert len(revisions) == 1
        assert "Afschalen" in revisions[0]["reason"]
    else:
        with pytest.raises(ValidationError) as excinfo:
            services.enrolment_afschalen(
                enrolment=enrolment, ground="te vroeg", on=TODAY, by=world.consultant
            )
        assert "600" in str(excinfo.value)
        assert not RouteChange.objects.exists()
        assert revisions == []


def test_afschalen_threshold_is_a_setting(world, revisions, settings):
    settings.HBEL_AFSCHALEN_HOURS = 400
    assert services.can_afschalen(_started(world, hours=400))


def test_afschalen_only_in_the_b1_route(world, revisions):
    enrolment = _started(world, hours=800, route="z")
    with pytest.raises(ValidationError):
        services.enrolment_afschalen(enrolment=enrolment, ground="x", on=TODAY, by=world.consultant)


def test_schakelen_ends_the_route_starts_a_new_one_and_opens_a_pip_revision(world, revisions):
    # REQ L-06
    enrolment = _started(world, hours=200)
    new = services.enrolment_schakelen(
        enrolment=enrolment,
        to_route=_route("z"),
        provider=_provider("IVIO"),
        ground="A2 blijkt niet haalbaar",
        on=TODAY,
        by=world.consultant,
    )
    old = Enrolment.objects.get(pk=enrolment.pk)
    assert (old.status, old.end_reason, old.ended_on) == (
        EnrolmentStatus.ENDED,
        EndReason.SWITCHED,
        TODAY,
    )
    assert (new.route.code, new.provider.name, new.status) == ("z", "IVIO", "aan_te_melden")
    assert revisions[-1]["route"].code == "z"
    # A provider without a contract for the new route is refused, and nothing changes.
    with pytest.raises(ValidationError):
        services.enrolment_schakelen(
            enrolment=new,
            to_route=_route("b1"),
            provider=_provider("IVIO"),
            ground="x",
            on=TODAY,
            by=world.consultant,
        )
    assert Enrolment.objects.get(pk=new.pk).status == EnrolmentStatus.TO_REGISTER


def test_report_checks_its_period_and_hours(world):
    enrolment = _started(world)
    base = {"reported_on": TODAY, "hours_scheduled": 10, "hours_attended": 8}
    with pytest.raises(ValidationError):
        services.progress_report_record(
            enrolment=enrolment,
            data={**base, "period_start": TODAY, "period_end": TODAY - timedelta(days=1)},
            by=world.consultant,
        )
    with pytest.raises(ValidationError):
        services.progress_report_record(
            enrolment=enrolment,
            data={
                **base,
                "hours_attended": 11,
                "period_start": TODAY - timedelta(days=30),
                "period_end": TODAY,
            },
            by=world.consultant,
        )


def test_cost_report_average_against_the_norm_per_municipality_and_total(world):
    # REQ L-03 / F-08: B1 8,200 and Z 7,000 average 7,600, under the 10,000 norm.
    for route, provider in [("b1", "Fairfield"), ("z", "IVIO")]:
        _started(world, route=route, provider=provider)
    rows, overall = route_cost_report(year=(TODAY - timedelta(days=390)).year)
    noord = next(r for r in rows if r.gemeente_id == world.noorddorp.pk)
    assert (noord.b1_count, noord.z_count) == (1, 1)
    assert noord.average == Decimal("7600.00")
    assert overall.average == Decimal("7600.00")
    assert next(r for r in rows if r.gemeente_id == world.zuiddorp.pk).average is None


def test_cost_report_page_and_worklist_query_counts_are_fixed(client, world):
    client.force_login(world.teamleider)
    for _ in range(2):
        EnrolmentFactory(inburgeraar=_case(world))
    client.get(reverse("learning_routes:dlp-worklist"))
    with CaptureQueriesContext(connection) as few_worklist:
        client.get(reverse("learning_routes:dlp-worklist"))
    with CaptureQueriesContext(connection) as few_costs:
        client.get(reverse("learning_routes:cost-report"))
    for _ in range(40):
        enrolment = EnrolmentFactory(inburgeraar=_case(world))
        services.enrolment_register_dlp(enrolment=enrolment, on=TODAY, by=world.administratie)
    with CaptureQueriesContext(connection) as many_worklist:
        response = client.get(reverse("learning_routes:dlp-worklist"))
    assert response.context["page_obj"].paginator.count == 42
    with CaptureQueriesContext(connection) as many_costs:
        client.get(reverse("learning_routes:cost-report"))
    assert len(few_worklist.captured_queries) == len(many_worklist.captured_queries)
    assert len(few_costs.captured_queries) == len(many_costs.captured_queries)


def test_worklist_marks_stalled_enrolments(client, world):
    enrolment = EnrolmentFactory(inburgeraar=_case(world), requested_on=TODAY - timedelta(days=80))
    services.enrolment_register_dlp(
        enrolment=enrolment, on=TODAY - timedelta(days=43), by=world.administratie
    )
    fresh = EnrolmentFactory(inburgeraar=_case(world), requested_on=TODAY - timedelta(days=60))
    services.enrolment_register_dlp(
        enrolment=fresh, on=TODAY - timedelta(days=42), by=world.administratie
    )
    client.force_login(world.administratie)
    rows = {
        e.pk: e.stalled
        for e in client.get(reverse("learning_routes:dlp-worklist")).context["page_obj"]
    }
    assert rows == {enrolment.pk: True, fresh.pk: False}


def test_worklist_shows_only_the_users_scope(client, world):
    mine = EnrolmentFactory(inburgeraar=_case(world))
    other = EnrolmentFactory(
        inburgeraar=InburgeraarFactory(gemeente=world.zuiddorp, consultant=world.other_consultant)
    )
    client.force_login(world.administratie)
    shown = {e.pk for e in client.get(reverse("learning_routes:dlp-worklist")).context["page_obj"]}
    assert mine.pk in shown and other.pk not in shown
    # Registering another team's enrolment: 404, logged, nothing changed.
    url = reverse(
        "learning_routes:dlp-register",
        kwargs={"public_id": other.inburgeraar.public_id, "enrolment_id": other.pk},
    )
    assert client.post(url, {"on": TODAY.isoformat()}).status_code == 404
    assert Enrolment.objects.get(pk=other.pk).status == EnrolmentStatus.TO_REGISTER
    assert AuditEvent.objects.filter(result="denied").count() == 1


def test_enrolment_id_of_another_case_is_404(client, world):
    mine = EnrolmentFactory(inburgeraar=_case(world))
    other_case = _case(world)
    client.force_login(world.consultant)
    url = reverse(
        "learning_routes:report-create",
        kwargs={"public_id": other_case.public_id, "enrolment_id": mine.pk},
    )
    assert client.get(url).status_code == 404
