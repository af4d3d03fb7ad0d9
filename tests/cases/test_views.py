"""Case screens: access per role (404 + denied audit event), filters, BSN search, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import Doelgroep, Phase
from cases.deadlines.services import deadlines_recompute
from cases.models import AuditEvent, Handover, Inburgeraar
from tests.factories import InburgeraarFactory, WaarnemingFactory, make_bsn

pytestmark = pytest.mark.django_db

CASE_VIEWS = ["cases:detail", "cases:edit", "cases:phase"]


def _url(name, case):
    return reverse(name, kwargs={"public_id": case.public_id})


def _denied_count():
    return AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()


@pytest.mark.parametrize("view", CASE_VIEWS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("colleague", "own_case"),  # same team, other consultant
        ("other_consultant", "own_case"),  # other team
        ("consultant", "zuid_case"),  # other municipality
        ("teamleider_zuid", "own_case"),  # team lead of another team
        ("teamleider", "zuid_case"),  # team lead, municipality not served by the team
        ("administratie", "zuid_case"),
    ],
)
def test_out_of_scope_case_is_404_and_logged(client, world, view, method, who, target):
    case = getattr(world, target)
    before = Inburgeraar.objects.filter(pk=case.pk).values().get()
    client.force_login(getattr(world, who))
    denied = _denied_count()
    response = getattr(client, method)(_url(view, case), {"to_phase": Phase.BREDE_INTAKE})
    assert response.status_code == 404
    assert _denied_count() == denied + 1
    event = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).latest("id")
    assert event.actor == getattr(world, who)
    assert event.object_id == str(case.public_id)
    assert Inburgeraar.objects.filter(pk=case.pk).values().get() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_handover_of_other_teams_case_is_404_for_a_team_lead(client, world, method):
    client.force_login(world.teamleider)
    denied = _denied_count()
    response = getattr(client, method)(
        _url("cases:handover", world.zuid_case), {"to_consultant": world.consultant.pk}
    )
    assert response.status_code == 404
    assert _denied_count() == denied + 1
    assert not Handover.objects.exists()


@pytest.mark.parametrize("who", ["beleid", "beheerder", "boeteambtenaar"])
def test_roles_without_case_scope_get_404_on_any_case(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(_url("cases:detail", world.own_case))
    assert response.status_code in (403, 404)
    assert world.own_case.surname not in response.content.decode()


def test_beleid_cannot_open_the_caseload_but_sees_the_aggregate_overview(client, world):
    client.force_login(world.beleid)
    assert client.get(reverse("cases:caseload")).status_code == 403
    response = client.get(reverse("cases:overview"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Noorddorp" in body
    assert world.own_case.surname not in body


def test_anonymous_users_are_sent_to_login(client, world):
    for url in [reverse("cases:caseload"), _url("cases:detail", world.own_case)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_case_page_for_own_consultant_shows_data_and_is_audited(client, world):
    client.force_login(world.consultant)
    response = client.get(_url("cases:detail", world.own_case))
    assert response.status_code == 200
    body = response.content.decode()
    assert world.own_case.full_name in body
    assert world.own_case.bsn in body
    assert (
        AuditEvent.objects.filter(
            action="case_viewed", inburgeraar_id=world.own_case.pk, actor=world.consultant
        ).count()
        == 1
    )


def test_team_lead_sees_every_case_of_the_team_and_nothing_else(client, world):
    client.force_login(world.teamleider)
    for case in (world.own_case, world.colleague_case):
        assert client.get(_url("cases:detail", case)).status_code == 200
    body = client.get(reverse("cases:caseload")).content.decode()
    assert world.own_case.sort_name in body
    assert world.colleague_case.sort_name in body
    assert world.zuid_case.sort_name not in body


def test_consultant_caseload_lists_only_own_cases(client, world):
    client.force_login(world.consultant)
    body = client.get(reverse("cases:caseload")).content.decode()
    assert world.own_case.sort_name in body
    assert world.colleague_case.sort_name not in body
    assert world.zuid_case.sort_name not in body


def test_caseload_filters(client, world):
    gezins = InburgeraarFactory(
        gemeente=world.middendorp,
        consultant=world.consultant,
        gezinsmigrant=True,
        surname="Oliveira",
        phase=Phase.PIP,
    )
    closed = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.AFGEROND, surname="Kaya"
    )
    client.force_login(world.consultant)

    def names(**params):
        response = client.get(reverse("cases:caseload"), params)
        return {c.pk for c in response.context["cases"]}

    assert names() == {world.own_case.pk, gezins.pk}
    assert names(gemeente=world.middendorp.pk) == {gezins.pk}
    assert names(doelgroep=Doelgroep.GEZINSMIGRANT) == {gezins.pk}
    assert names(fase=Phase.PIP) == {gezins.pk}
    assert names(fase="afgesloten") == {closed.pk}
    assert names(fase="alle") == {world.own_case.pk, gezins.pk, closed.pk}
    assert names(q="olivei") == {gezins.pk}
    # A gemeente outside the team filters to nothing rather than widening the scope.
    assert names(gemeente=world.zuiddorp.pk) == set()


def test_consultant_filter_is_for_team_leads(client, world):
    client.force_login(world.teamleider)
    response = client.get(reverse("cases:caseload"), {"consulent": world.colleague.pk})
    assert {c.pk for c in response.context["cases"]} == {world.colleague_case.pk}
    client.force_login(world.consultant)
    response = client.get(reverse("cases:caseload"), {"consulent": world.colleague.pk})
    assert {c.pk for c in response.context["cases"]} == {world.own_case.pk}


@pytest.mark.parametrize("sort", ["naam", "-naam", "fase", "-gemeente", "consulent", "x"])
def test_caseload_sorting(client, world, sort):
    for surname in ["Aziz", "Zubair", "Moradi"]:
        InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant, surname=surname)
    client.force_login(world.consultant)
    response = client.get(reverse("cases:caseload"), {"sorteer": sort})
    assert response.status_code == 200
    cases = list(response.context["cases"])
    if sort == "naam":
        assert [c.surname for c in cases] == sorted(c.surname for c in cases)
    if sort == "-naam":
        assert [c.surname for c in cases] == sorted((c.surname for c in cases), reverse=True)


def _caseload_queries(client, user, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:caseload"), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["consultant", "teamleider"])
def test_caseload_query_count_is_fixed_for_10_and_300_cases(client, world, who):
    user = getattr(world, who)
    client.force_login(user)
    _caseload_queries(client, user)  # warm-up: first use of the processing register row
    InburgeraarFactory.create_batch(
        9, gemeente=world.noorddorp, consultant=world.consultant, history=False
    )
    deadlines_recompute()  # REQ D: the next-deadline column reads stored deadlines
    small = _caseload_queries(client, user)
    InburgeraarFactory.create_batch(
        290, gemeente=world.noorddorp, consultant=world.consultant, history=False
    )
    deadlines_recompute()
    assert Inburgeraar.objects.visible_to(user).count() >= 300
    large = _caseload_queries(client, user)
    assert small == large
    # Sorted by deadline urgency and drilled down on a deadline, as the dashboard links.
    assert _caseload_queries(client, user, sorteer="termijn") == large
    assert (
        _caseload_queries(client, user, deadline="brede_intake_gestart", termijnstatus="overdue")
        == large
    )
    # And on a later page with every filter set.
    filtered = _caseload_queries(
        client, user, page=3, gemeente=world.noorddorp.pk, doelgroep="asielstatushouder"
    )
    assert filtered == large
    assert large <= 15  # issue 8 target: ≤ 15 queries


def test_team_lead_filtered_list_query_count_is_fixed(client, world):
    """The team lead's filtered list of `make bench` (municipality + phase), 10 vs 300 rows."""
    client.force_login(world.teamleider)
    params = {"gemeente": world.noorddorp.pk, "fase": Phase.INBURGERINGSTERMIJN}
    InburgeraarFactory.create_batch(
        10,
        gemeente=world.noorddorp,
        consultant=world.colleague,
        history=False,
        phase=Phase.INBURGERINGSTERMIJN,
    )
    _caseload_queries(client, world.teamleider, **params)  # warm-up: first processing line
    small = _caseload_queries(client, world.teamleider, **params)
    InburgeraarFactory.create_batch(
        290,
        gemeente=world.noorddorp,
        consultant=world.colleague,
        history=False,
        phase=Phase.INBURGERINGSTERMIJN,
    )
    large = _caseload_queries(client, world.teamleider, **params)
    assert small == large
    assert large <= 15  # issue 8 target: ≤ 15 queries


def test_substituting_consultant_sees_both_caseloads_in_fixed_queries(client, world):
    """The consultant scope is one UNION subquery (own, substituted caseload, single cases)."""
    today = timezone.localdate()
    client.force_login(world.consultant)
    _caseload_queries(client, world.consultant)  # warm-up
    without = _caseload_queries(client, world.consultant)
    WaarnemingFactory(
        consultant=world.colleague,
        substitute=world.consultant,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
    )
    single = InburgeraarFactory(gemeente=world.zuiddorp, consultant=world.other_consultant)
    WaarnemingFactory(
        consultant=world.other_consultant,
        substitute=world.consultant,
        inburgeraar=single,
        starts_on=today,
        ends_on=today,
    )
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:caseload"))
    shown = {case.pk for case in response.context["page_obj"].paginator.object_list}
    assert shown == {world.own_case.pk, world.colleague_case.pk, single.pk}
    assert len(ctx.captured_queries) == without


def test_case_page_query_count_is_fixed(client, world):
    client.force_login(world.consultant)
    url = _url("cases:detail", world.own_case)
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(20):
        client.post(
            _url("cases:edit", world.own_case), {**_form_data(world.own_case), "phone": "06 1"}
        )
        client.post(
            _url("cases:edit", world.own_case), {**_form_data(world.own_case), "phone": "06 2"}
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_bsn_search_is_a_post_and_finds_only_visible_cases(client, world):
    client.force_login(world.consultant)
    search = reverse("cases:search-bsn")
    response = client.post(search, {"bsn": world.own_case.bsn})
    assert response.status_code == 302
    assert response.url == _url("cases:detail", world.own_case)
    assert world.own_case.bsn not in response.url
    # Dotted notation works too.
    dotted = f"{world.own_case.bsn[:4]}.{world.own_case.bsn[4:6]}.{world.own_case.bsn[6:]}"
    assert client.post(search, {"bsn": dotted}).status_code == 302
    # Someone else's case: not found, and nothing about them is shown.
    response = client.post(search, {"bsn": world.zuid_case.bsn})
    assert response.status_code == 200
    assert response.context["not_found"] is True
    assert world.zuid_case.surname not in response.content.decode()
    # An invalid number gets the elfproef message.
    response = client.post(search, {"bsn": "123456789"})
    assert "elfproef" in response.content.decode()
    # The search itself is audited without its term.
    events = AuditEvent.objects.filter(action="case_search_bsn")
    assert events.count() == 3
    assert all(world.own_case.bsn not in e.object_id for e in events)


def test_bsn_search_ignores_a_bsn_in_the_query_string(client, world):
    client.force_login(world.consultant)
    response = client.get(reverse("cases:search-bsn"), {"bsn": world.own_case.bsn})
    assert response.status_code == 200
    assert response.context["form"].is_bound is False


def _form_data(case, **overrides):
    data = {
        "bsn": case.bsn,
        "given_names": case.given_names,
        "surname_prefix": case.surname_prefix,
        "surname": case.surname,
        "date_of_birth": case.date_of_birth.isoformat(),
        "language": case.language,
        "interpreter_language": case.interpreter_language,
        "phone": case.phone,
        "doelgroep": case.doelgroep,
        "gemeente": case.gemeente_id,
        "linked_on": case.linked_on.isoformat() if case.linked_on else "",
        "registered_on": case.registered_on.isoformat() if case.registered_on else "",
        "housed_on": case.housed_on.isoformat() if case.housed_on else "",
        "duo_notified_on": case.duo_notified_on.isoformat() if case.duo_notified_on else "",
    }
    if case.interpreter_needed:
        data["interpreter_needed"] = "on"
    data.update(overrides)
    return data


def test_create_by_consultant_puts_the_case_in_own_caseload(client, world):
    client.force_login(world.consultant)
    data = _form_data(world.own_case, bsn=make_bsn(777_777), surname="Nieuw")
    response = client.post(reverse("cases:create"), data)
    assert response.status_code == 302
    created = Inburgeraar.objects.get(surname="Nieuw")
    assert created.consultant == world.consultant
    assert created.phase == Phase.GEKOPPELD


def test_create_by_team_lead_assigns_a_consultant_of_the_team(client, world):
    client.force_login(world.teamleider)
    data = _form_data(
        world.own_case, bsn=make_bsn(777_778), surname="Toegewezen", consultant=world.colleague.pk
    )
    assert client.post(reverse("cases:create"), data).status_code == 302
    assert Inburgeraar.objects.get(surname="Toegewezen").consultant == world.colleague
    # A consultant of another team is not a valid choice.
    data = _form_data(
        world.own_case, bsn=make_bsn(777_779), surname="Fout", consultant=world.other_consultant.pk
    )
    response = client.post(reverse("cases:create"), data)
    assert response.status_code == 200
    assert not Inburgeraar.objects.filter(surname="Fout").exists()


def test_edit_with_housed_before_linked_shows_a_clear_message(client, world):
    case = world.own_case
    today = timezone.localdate()
    client.force_login(world.consultant)
    response = client.post(
        _url("cases:edit", case),
        _form_data(
            case,
            housed_on=(today - timedelta(days=40)).isoformat(),
            registered_on="",
            linked_on=(today - timedelta(days=30)).isoformat(),
        ),
    )
    assert response.status_code == 200
    assert "huisvestingsdatum ligt vóór de koppelingsdatum" in response.content.decode()


def test_edit_saves_and_records_timeline(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    response = client.post(_url("cases:edit", case), _form_data(case, phone="06 12345678"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phone == "06 12345678"
    assert case.timeline_events.filter(kind="case_updated").exists()


def test_phase_change_through_the_screen(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    response = client.get(_url("cases:phase", case))
    choices = [value for value, _ in response.context["form"].fields["to_phase"].choices]
    assert choices == [Phase.BREDE_INTAKE, Phase.VERHUISD, Phase.BEEINDIGD]
    response = client.post(
        _url("cases:phase", case), {"to_phase": Phase.BREDE_INTAKE, "reason": "Intake gepland"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE
    # A forbidden target is refused by the form (not in the choices).
    response = client.post(_url("cases:phase", case), {"to_phase": Phase.AFGEROND})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE


def test_only_team_leads_hand_over(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    assert client.get(_url("cases:handover", case)).status_code == 403
    client.force_login(world.teamleider)
    response = client.post(
        _url("cases:handover", case), {"to_consultant": world.colleague.pk, "reason": "Ziekte"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.consultant == world.colleague
    assert Handover.objects.get(inburgeraar=case).handed_over_by == world.teamleider
