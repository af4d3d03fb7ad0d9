"""Intake screens: access (scope → 404 + denied audit event), health data (REQ I-08), the
audit event per page view, form flows, planning query counts, and the log scan."""

import logging
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import Phase
from cases.models import AuditEvent, Inburgeraar, TimelineEvent
from intake.constants import ConversationStatus, SessionStatus
from intake.models import BredeIntake, DomainAssessment, IntakeConversation, LifeDomain, PassMark
from intake.permissions import can_see_special_category
from tests.factories import InburgeraarFactory, WaarnemingFactory
from tests.intake.factories import (
    BredeIntakeFactory,
    DeviceFactory,
    DomainAssessmentFactory,
    IntakeConversationFactory,
    LeerbaarheidstoetsFactory,
    ToetsbegeleiderFactory,
    ToetsSessionFactory,
)
from tests.intake.helpers import level, werkcentrum
from tests.sensitive import remember_text

pytestmark = pytest.mark.django_db

HEALTH_NOTE = remember_text("Slaapt slecht sinds de vlucht; doorverwezen naar de POH-GGZ.")
PHYSICAL_NOTE = remember_text("Chronische rugpijn, kan niet lang staan.")


@pytest.fixture
def intake_world(world):
    """The world's own case with an intake: a conversation, two health notes, a toets."""
    case = world.own_case
    intake = BredeIntakeFactory(inburgeraar=case)
    conversation = IntakeConversationFactory(
        intake=intake, scheduled_on=timezone.localdate() - timedelta(days=3)
    )
    DomainAssessmentFactory(intake=intake)
    DomainAssessmentFactory(
        intake=intake,
        domain=LifeDomain.objects.get(code="mentale-gezondheid"),
        level=level("forse"),
        notes=HEALTH_NOTE,
    )
    DomainAssessmentFactory(
        intake=intake,
        domain=LifeDomain.objects.get(code="fysieke-gezondheid"),
        level=level("enige"),
        notes=PHYSICAL_NOTE,
    )
    toets = LeerbaarheidstoetsFactory(
        inburgeraar=case, duo_ready_on=timezone.localdate() - timedelta(days=30)
    )
    session = ToetsSessionFactory(toets=toets, location=werkcentrum())
    world.intake = intake
    world.conversation = conversation
    world.session = session
    # The same things for the case of another team.
    zuid = BredeIntakeFactory(inburgeraar=world.zuid_case)
    world.zuid_conversation = IntakeConversationFactory(intake=zuid)
    zuid_toets = LeerbaarheidstoetsFactory(inburgeraar=world.zuid_case)
    world.zuid_session = ToetsSessionFactory(
        toets=zuid_toets, location=werkcentrum(), starts_at=session.starts_at + timedelta(hours=3)
    )
    return world


def _case_urls(case, conversation, session):
    pid = {"public_id": case.public_id}
    return [
        reverse("intake:overview", kwargs=pid),
        reverse("intake:conversation-create", kwargs=pid),
        reverse("intake:conversation-edit", kwargs={**pid, "pk": conversation.pk}),
        reverse("intake:domains", kwargs=pid),
        reverse("intake:domain", kwargs={**pid, "code": "opleiding"}),
        reverse("intake:domain", kwargs={**pid, "code": "mentale-gezondheid"}),
        reverse("intake:agreements", kwargs=pid),
        reverse("intake:coa", kwargs=pid),
        reverse("intake:report", kwargs=pid),
        reverse("intake:complete", kwargs=pid),
        reverse("intake:complete-without-person", kwargs=pid),
        reverse("intake:toets", kwargs=pid),
        reverse("intake:toets-duo", kwargs=pid),
        reverse("intake:toets-session-create", kwargs=pid),
        reverse("intake:toets-session-edit", kwargs={**pid, "pk": session.pk}),
        reverse("intake:toets-session-outcome", kwargs={**pid, "pk": session.pk}),
        reverse("intake:toets-result", kwargs=pid),
        reverse("intake:toets-exemption", kwargs=pid),
    ]


def _denied():
    return AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()


def _snapshot():
    return (
        list(BredeIntake.objects.values()),
        list(IntakeConversation.objects.values()),
        list(DomainAssessment.objects.values()),
        list(Inburgeraar.objects.values("pk", "phase")),
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("who", "target"),
    [
        ("colleague", "own_case"),  # same team, other consultant
        ("other_consultant", "own_case"),  # other team
        ("teamleider_zuid", "own_case"),
        ("teamleider", "zuid_case"),
        ("administratie", "zuid_case"),
        ("consultant", "zuid_case"),
    ],
)
def test_out_of_scope_is_404_logged_and_changes_nothing(client, intake_world, method, who, target):
    w = intake_world
    case = getattr(w, target)
    conversation = w.conversation if target == "own_case" else w.zuid_conversation
    session = w.session if target == "own_case" else w.zuid_session
    client.force_login(getattr(w, who))
    before = _snapshot()
    for url in _case_urls(case, conversation, session):
        denied = _denied()
        response = getattr(client, method)(url, {"status": "gehouden", "report": "x", "score": 30})
        assert response.status_code == 404, url
        assert _denied() == denied + 1, url
        event = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).latest("id")
        assert event.actor == getattr(w, who) and event.object_id == str(case.public_id)
    assert _snapshot() == before


def test_a_conversation_of_another_case_is_404_through_a_visible_case(client, intake_world):
    """No IDOR: a sub-object id of another case under a case one may see."""
    w = intake_world
    client.force_login(w.consultant)
    url = reverse(
        "intake:conversation-edit",
        kwargs={"public_id": w.own_case.public_id, "pk": w.zuid_conversation.pk},
    )
    assert client.get(url).status_code == 404
    url = reverse(
        "intake:toets-session-outcome",
        kwargs={"public_id": w.own_case.public_id, "pk": w.zuid_session.pk},
    )
    assert client.post(url, {"status": "afgenomen"}).status_code == 404
    w.zuid_session.refresh_from_db()
    assert w.zuid_session.status == SessionStatus.PLANNED


@pytest.mark.parametrize("who", ["beleid", "beheerder", "boeteambtenaar"])
def test_roles_without_case_scope_see_no_intake(client, intake_world, who):
    client.force_login(getattr(intake_world, who))
    response = client.get(
        reverse("intake:overview", kwargs={"public_id": intake_world.own_case.public_id})
    )
    assert response.status_code in (403, 404)
    assert HEALTH_NOTE not in response.content.decode()


# --------------------------------------------------------------------------- health (I-08)


def _pages(case):
    pid = {"public_id": case.public_id}
    return [
        reverse("intake:overview", kwargs=pid),
        reverse("intake:domains", kwargs=pid),
        reverse("intake:toets", kwargs=pid),
    ]


def test_administratie_sees_the_intake_but_not_the_health_domains(client, intake_world):
    w = intake_world
    client.force_login(w.administratie)
    for url in _pages(w.own_case):
        body = client.get(url).content.decode()
        assert HEALTH_NOTE not in body and PHYSICAL_NOTE not in body, url
        assert "Mentale gezondheid" not in body and "Fysieke gezondheid" not in body, url
    body = client.get(_pages(w.own_case)[0]).content.decode()
    assert "2. Opleiding" in body
    assert "2 levensdomeinen met bijzondere persoonsgegevens" in body


@pytest.mark.parametrize("code", ["mentale-gezondheid", "fysieke-gezondheid"])
def test_health_domain_urls_are_404_and_logged_for_administratie(client, intake_world, code):
    w = intake_world
    client.force_login(w.administratie)
    denied = _denied()
    url = reverse("intake:domain", kwargs={"public_id": w.own_case.public_id, "code": code})
    response = client.get(url)
    assert response.status_code == 404
    assert _denied() == denied + 1
    event = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).latest("id")
    assert event.object_type == "levensdomein" and code in event.object_id
    # The other domains are there for administratie, read-only.
    ok = client.get(
        reverse("intake:domain", kwargs={"public_id": w.own_case.public_id, "code": "opleiding"})
    )
    assert ok.status_code == 200 and b"opleiding-level" not in ok.content


def test_exemption_page_is_404_for_administratie(client, intake_world):
    w = intake_world
    client.force_login(w.administratie)
    url = reverse("intake:toets-exemption", kwargs={"public_id": w.own_case.public_id})
    denied = _denied()
    assert (
        client.post(url, {"exempted_on": "2026-01-01", "exemption_ground": "visueel"}).status_code
        == 404
    )
    assert _denied() == denied + 1


def test_exemption_ground_is_shown_only_to_who_may_see_it(client, intake_world):
    w = intake_world
    toets = w.own_case.leerbaarheidstoets
    toets.exempted_on = timezone.localdate()
    toets.exemption_ground = "auditief"
    toets.exemption_note = remember_text("Doof sinds de geboorte.")
    toets.save()
    url = reverse("intake:toets", kwargs={"public_id": w.own_case.public_id})
    client.force_login(w.administratie)
    body = client.get(url).content.decode()
    assert "Ontheffing verleend op" in body and "auditieve" not in body and "Doof" not in body
    client.force_login(w.consultant)
    body = client.get(url).content.decode()
    assert "auditieve beperking" in body and "Doof sinds de geboorte." in body


@pytest.mark.parametrize("who", ["consultant", "teamleider"])
def test_consultant_and_team_lead_see_the_health_domains(client, intake_world, who):
    w = intake_world
    client.force_login(getattr(w, who))
    body = client.get(_pages(w.own_case)[0]).content.decode()
    assert HEALTH_NOTE in body and "12. Mentale gezondheid" in body
    url = reverse(
        "intake:domain", kwargs={"public_id": w.own_case.public_id, "code": "mentale-gezondheid"}
    )
    assert HEALTH_NOTE in client.get(url).content.decode()


def test_an_active_waarneming_substitute_sees_health_and_loses_it_when_it_ends(
    client, intake_world
):
    """Decision (intake/permissions.py): the substitute stands in as contact person."""
    w = intake_world
    today = timezone.localdate()
    WaarnemingFactory(
        consultant=w.consultant,
        substitute=w.colleague,
        starts_on=today - timedelta(days=1),
        ends_on=today,
    )
    assert can_see_special_category(w.colleague, w.own_case, today)
    client.force_login(w.colleague)
    assert HEALTH_NOTE in client.get(_pages(w.own_case)[0]).content.decode()
    tomorrow = today + timedelta(days=1)
    assert not can_see_special_category(w.colleague, w.own_case, tomorrow)


def test_a_waarneming_for_one_case_covers_that_case_only(world):
    today = timezone.localdate()
    other = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    WaarnemingFactory(
        consultant=world.consultant,
        substitute=world.colleague,
        inburgeraar=world.own_case,
        starts_on=today,
        ends_on=today,
    )
    assert can_see_special_category(world.colleague, world.own_case, today)
    assert not can_see_special_category(world.colleague, other, today)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("consultant", True),
        ("teamleider", True),
        ("colleague", False),
        ("administratie", False),
        ("boeteambtenaar", False),
        ("teamleider_zuid", False),
        ("beheerder", False),
        ("beleid", False),
    ],
)
def test_special_category_rule_per_role(world, who, expected):
    assert can_see_special_category(getattr(world, who), world.own_case) is expected


def test_a_superuser_is_no_exception(world):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert not can_see_special_category(root, world.own_case)


# --------------------------------------------------------------------------- audit per page


def test_each_page_view_writes_one_audit_event(client, intake_world):
    w = intake_world
    url = _pages(w.own_case)[0]
    for who, action in (
        ("consultant", "intake_special_viewed"),
        ("administratie", "intake_viewed"),
    ):
        client.force_login(getattr(w, who))
        before = AuditEvent.objects.count()
        assert client.get(url).status_code == 200
        assert AuditEvent.objects.count() == before + 1
        event = AuditEvent.objects.latest("id")
        assert (event.action, event.actor, event.inburgeraar_id) == (
            action,
            getattr(w, who),
            w.own_case.pk,
        )


def test_the_case_page_links_to_the_intake_and_the_toets(client, world):
    client.force_login(world.consultant)
    body = client.get(
        reverse("cases:detail", kwargs={"public_id": world.own_case.public_id})
    ).content.decode()
    assert reverse("intake:overview", kwargs={"public_id": world.own_case.public_id}) in body
    assert reverse("intake:toets", kwargs={"public_id": world.own_case.public_id}) in body


# --------------------------------------------------------------------------- forms


def _form_case(world):
    return InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.GEKOPPELD,
        linked_on=timezone.localdate() - timedelta(days=40),
        registered_on=None,
        housed_on=None,
        duo_notified_on=None,
    )


def test_administratie_plans_but_does_not_record_content(client, world):
    case = _form_case(world)
    client.force_login(world.administratie)
    url = reverse("intake:conversation-create", kwargs={"public_id": case.public_id})
    body = client.get(url).content.decode()
    assert 'value="gehouden"' not in body and "Gespreksnotities" not in body
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(
        url,
        {
            "status": "gepland",
            "scheduled_on": day.isoformat(),
            "starts_at": "10:00",
            "location": werkcentrum().pk,
            "consultant": world.consultant.pk,
            "invitation_sent_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "status": "gehouden",
            "scheduled_on": timezone.localdate().isoformat(),
            "location": werkcentrum().pk,
            "consultant": world.consultant.pk,
        },
    )
    assert response.status_code == 200  # "gehouden" is no choice for administratie
    assert IntakeConversation.objects.filter(intake__inburgeraar=case).count() == 1
    domains = reverse("intake:domains", kwargs={"public_id": case.public_id})
    assert client.post(domains, {}).status_code == 403


def test_recording_a_conversation_through_the_form_moves_the_phase(client, world):
    case = _form_case(world)
    client.force_login(world.consultant)
    url = reverse("intake:conversation-create", kwargs={"public_id": case.public_id})
    response = client.post(
        url,
        {
            "status": "gehouden",
            "scheduled_on": timezone.localdate().isoformat(),
            "starts_at": "10:00",
            "location": werkcentrum().pk,
            "consultant": world.consultant.pk,
            "coa_presence": "online",
            "interpreter_language": "Tigrinya",
            "notes": "Kennismaking.",
        },
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "De fase van het dossier is gewijzigd naar Brede intake." in body
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE


def test_form_shows_the_service_error_on_the_field(client, world):
    case = _form_case(world)
    client.force_login(world.consultant)
    url = reverse("intake:conversation-create", kwargs={"public_id": case.public_id})
    response = client.post(
        url,
        {
            "status": "gepland",
            "scheduled_on": "2020-01-01",
            "location": werkcentrum().pk,
            "consultant": world.consultant.pk,
            "coa_presence": "afwezig",
        },
    )
    assert response.status_code == 200
    assert "vóór de koppeling" in response.content.decode()


def _domain_post(levels, notes=None, **extra):
    data = {"young_children": "nee", "wants_further_education": "ja"}
    for domain in LifeDomain.objects.exclude(requirement="aanvullend"):
        code = levels.get(domain.code, "geen")
        if code:
            data[f"{domain.code}-level"] = level(code).pk
        data[f"{domain.code}-notes"] = (notes or {}).get(domain.code, "")
    data.update(extra)
    return data


def test_the_domains_page_saves_all_domains_at_once(client, world):
    case = _form_case(world)
    client.force_login(world.consultant)
    url = reverse("intake:domains", kwargs={"public_id": case.public_id})
    response = client.post(url, _domain_post({"vve": ""}, {"mentale-gezondheid": HEALTH_NOTE}))
    assert response.status_code == 302
    intake = BredeIntake.objects.get(inburgeraar=case)
    assert intake.assessments.count() == 14
    assert intake.young_children is False and intake.wants_further_education is True
    assert intake.assessments.get(domain__code="mentale-gezondheid").notes == HEALTH_NOTE


def test_the_domains_page_shows_errors_per_domain(client, world):
    case = _form_case(world)
    client.force_login(world.consultant)
    url = reverse("intake:domains", kwargs={"public_id": case.public_id})
    response = client.post(url, _domain_post({}, **{"motivatie-action_needed": "on"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "7. Motivatie, vervolgactie: Vul de vervolgactie in" in body
    assert not BredeIntake.objects.filter(inburgeraar=case).exists()


def test_completing_with_a_missing_domain_shows_what_is_missing(client, world):
    case = _form_case(world)
    client.force_login(world.consultant)
    client.post(
        reverse("intake:domains", kwargs={"public_id": case.public_id}),
        _domain_post({"vve": "", "sociaal-netwerk": ""}),
    )
    response = client.post(reverse("intake:complete", kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "De brede intake kan nog niet worden afgerond." in body
    assert "13. Sociaal netwerk" in body
    assert BredeIntake.objects.get(inburgeraar=case).completed_on is None


def test_toets_session_conflict_is_shown_on_the_form(client, world):
    case = _form_case(world)
    other = _form_case(world)
    device = DeviceFactory(location=werkcentrum())
    begeleider = ToetsbegeleiderFactory(trained_on=date(2024, 1, 1))
    day = timezone.localdate() + timedelta(days=3)
    ToetsSessionFactory(
        toets__inburgeraar=other,
        device=device,
        toetsbegeleider=begeleider,
        location=werkcentrum(),
        starts_at=timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
        + timedelta(hours=9),
    )
    client.force_login(world.consultant)
    url = reverse("intake:toets-session-create", kwargs={"public_id": case.public_id})
    response = client.post(
        url,
        {
            "day": day.isoformat(),
            "starts": "10:00",
            "ends": "11:30",
            "location": werkcentrum().pk,
            "device": device.pk,
            "toetsbegeleider": begeleider.pk,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        "Dit device is dan al geboekt" in body
        and "Deze toetsbegeleider is dan al ingepland" in body
    )
    assert other.full_name not in body


def test_untrained_toetsbegeleiders_are_not_offered(client, world):
    trained = ToetsbegeleiderFactory(name="Getraind Persoon", trained_on=date(2024, 1, 1))
    untrained = ToetsbegeleiderFactory(name="Ongetraind Persoon", trained_on=None)
    client.force_login(world.consultant)
    body = client.get(
        reverse("intake:toets-session-create", kwargs={"public_id": world.own_case.public_id})
    )
    body = body.content.decode()
    assert trained.name in body and untrained.name not in body


# --------------------------------------------------------------------------- planning


def _planning_rows(world, n, start):
    device = DeviceFactory(location=werkcentrum())
    begeleider = ToetsbegeleiderFactory(trained_on=date(2024, 1, 1))
    for i in range(n):
        case = InburgeraarFactory(
            gemeente=world.noorddorp, consultant=world.consultant if i % 2 else world.colleague
        )
        intake = BredeIntakeFactory(inburgeraar=case)
        IntakeConversationFactory(
            intake=intake,
            status=ConversationStatus.PLANNED,
            scheduled_on=timezone.localdate() + timedelta(days=1 + i % 10),
        )
        DomainAssessmentFactory(
            intake=intake,
            domain=LifeDomain.objects.get(code="mentale-gezondheid"),
            notes=HEALTH_NOTE,
        )
        ToetsSessionFactory(
            toets__inburgeraar=case,
            device=device,
            toetsbegeleider=begeleider,
            location=werkcentrum(),
            starts_at=start + timedelta(hours=2 * i),
        )


@pytest.mark.parametrize("name", ["intake:planning", "intake:planning-toetsen"])
def test_planning_query_count_is_fixed_as_rows_grow(client, world, name):
    """DESIGN principle 6: 10 and 300 rows, the same number of queries."""
    start = timezone.make_aware(
        timezone.datetime.combine(
            timezone.localdate() + timedelta(days=1), timezone.datetime.min.time()
        )
    ) + timedelta(hours=8)
    client.force_login(world.teamleider)
    url = reverse(name) + f"?tot={(timezone.localdate() + timedelta(days=60)).isoformat()}"
    _planning_rows(world, 10, start)
    with CaptureQueriesContext(connection) as small:
        first = client.get(url)
    _planning_rows(world, 290, start + timedelta(days=2))
    with CaptureQueriesContext(connection) as large:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert len(small) == len(large)
    assert second.content.decode().count("<tr") > first.content.decode().count("<tr")
    assert HEALTH_NOTE not in second.content.decode()


def test_conversation_planning_is_scoped(client, world):
    mine = BredeIntakeFactory(inburgeraar=world.own_case)
    IntakeConversationFactory(
        intake=mine,
        status=ConversationStatus.PLANNED,
        scheduled_on=timezone.localdate() + timedelta(days=2),
    )
    theirs = BredeIntakeFactory(inburgeraar=world.zuid_case)
    IntakeConversationFactory(
        intake=theirs,
        status=ConversationStatus.PLANNED,
        scheduled_on=timezone.localdate() + timedelta(days=2),
    )
    client.force_login(world.consultant)
    body = client.get(reverse("intake:planning")).content.decode()
    assert world.own_case.full_name in body and world.zuid_case.full_name not in body
    assert (
        AuditEvent.objects.filter(action="intake_planning_viewed", actor=world.consultant).count()
        == 1
    )


def test_toets_planning_shows_other_bookings_as_busy_without_a_name(client, world):
    device = DeviceFactory(location=werkcentrum())
    begeleider = ToetsbegeleiderFactory(trained_on=date(2024, 1, 1))
    ToetsSessionFactory(
        toets__inburgeraar=world.zuid_case,
        device=device,
        toetsbegeleider=begeleider,
        location=werkcentrum(),
    )
    ToetsSessionFactory(
        toets__inburgeraar=world.own_case,
        device=device,
        toetsbegeleider=begeleider,
        location=werkcentrum(),
        starts_at=timezone.now() + timedelta(days=2),
    )
    client.force_login(world.consultant)
    body = client.get(reverse("intake:planning-toetsen")).content.decode()
    assert world.own_case.full_name in body
    assert world.zuid_case.full_name not in body and "Bezet (ander dossier)" in body


# --------------------------------------------------------------------------- logs and trail


def test_no_health_text_in_logs_audit_or_timeline(client, world, caplog):
    """REQ I-08: health notes never reach a log line, the audit trail or the timeline."""
    caplog.set_level(logging.DEBUG)
    case = _form_case(world)
    client.force_login(world.consultant)
    client.post(
        reverse("intake:domains", kwargs={"public_id": case.public_id}),
        _domain_post(
            {"vve": ""}, {"mentale-gezondheid": HEALTH_NOTE, "fysieke-gezondheid": PHYSICAL_NOTE}
        ),
    )
    client.get(reverse("intake:overview", kwargs={"public_id": case.public_id}))
    client.get(
        reverse("intake:domain", kwargs={"public_id": case.public_id, "code": "mentale-gezondheid"})
    )
    client.force_login(world.administratie)
    client.get(
        reverse("intake:domain", kwargs={"public_id": case.public_id, "code": "mentale-gezondheid"})
    )
    client.force_login(world.colleague)
    client.get(reverse("intake:overview", kwargs={"public_id": case.public_id}))
    assert DomainAssessment.objects.filter(notes=HEALTH_NOTE).exists()
    logged = caplog.text + " ".join(r.getMessage() for r in caplog.records)
    assert caplog.records  # the denied accesses were logged
    for text in (HEALTH_NOTE, PHYSICAL_NOTE, "Slaapt slecht", "rugpijn"):
        assert text not in logged
    trail = " ".join(
        str(v) for row in AuditEvent.objects.values() for v in row.values()
    ) + " ".join(f"{e.summary} {e.detail}" for e in TimelineEvent.objects.all())
    for text in (HEALTH_NOTE, PHYSICAL_NOTE, "Mentale gezondheid"):
        assert text not in trail


# --------------------------------------------------------------------------- admin and catalogues


def test_the_functioneel_beheerder_maintains_the_catalogues(client, world):
    beheerder = world.beheerder
    for model in (
        "lifedomain",
        "assessmentlevel",
        "passmark",
        "location",
        "device",
        "toetsbegeleider",
    ):
        assert beheerder.has_perm(f"intake.change_{model}"), model
        assert beheerder.has_perm(f"intake.add_{model}"), model
    client.force_login(beheerder)
    for model in ("lifedomain", "passmark", "toetsbegeleider"):
        assert client.get(reverse(f"admin:intake_{model}_changelist")).status_code == 200
    assert not beheerder.has_perm("intake.view_domainassessment")


def test_pass_marks_may_not_overlap():
    from django.core.exceptions import ValidationError

    mark = PassMark(valid_from=date(2024, 1, 1), pass_score=30, max_score=40)
    with pytest.raises(ValidationError):
        mark.clean()
    mark = PassMark(
        valid_from=date(2021, 1, 1), valid_until=date(2021, 12, 31), pass_score=30, max_score=40
    )
    mark.clean()


def _grow(case, n):
    intake = BredeIntakeFactory(inburgeraar=case)
    for i in range(n):
        IntakeConversationFactory(
            intake=intake, scheduled_on=timezone.localdate() - timedelta(days=i + 1)
        )
    for domain in LifeDomain.objects.all()[: min(n, LifeDomain.objects.count())]:
        DomainAssessmentFactory(intake=intake, domain=domain, notes=f"Notitie bij {domain.name}.")
    toets = LeerbaarheidstoetsFactory(inburgeraar=case)
    for i in range(n):
        ToetsSessionFactory(
            toets=toets,
            location=werkcentrum(),
            status=SessionStatus.CANCELLED,
            starts_at=timezone.now() + timedelta(days=i + 1),
        )


@pytest.mark.parametrize("name", ["intake:overview", "intake:domains", "intake:toets"])
def test_case_pages_run_a_fixed_number_of_queries(client, world, name):
    small = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    large = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    _grow(small, 2)
    _grow(large, 18)
    client.force_login(world.consultant)
    client.get(reverse(name, kwargs={"public_id": small.public_id}))  # warm caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name, kwargs={"public_id": small.public_id})).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse(name, kwargs={"public_id": large.public_id})).status_code == 200
    assert len(few) == len(many)


def test_catalogue_codes_are_fixed_once_created(client, world):
    client.force_login(world.beheerder)
    domain = LifeDomain.objects.get(code="opleiding")
    url = reverse("admin:intake_lifedomain_change", args=[domain.pk])
    body = client.get(url).content.decode()
    assert 'name="code"' not in body and 'name="name"' in body
    assert (
        client.post(reverse("admin:intake_lifedomain_delete", args=[domain.pk])).status_code == 403
    )


def test_the_avg_inzage_export_holds_the_intake_including_health(intake_world):
    """AVG art. 15 / REQ I-08: the one export the health domains may appear in."""
    from cases.inzage import build_document

    document = build_document(intake_world.own_case)["onderdelen"]
    intake = document["brede_intake"]
    assert len(intake["gesprekken"]) == 1
    assert HEALTH_NOTE in [row["notes"] for row in intake["levensdomeinen"]]
    assert len(document["leerbaarheidstoets"]["afnames"]) == 1
    assert build_document(intake_world.colleague_case)["onderdelen"]["brede_intake"] == {}


def test_an_intake_conversation_planned_for_9999_is_refused_and_nothing_typed_is_lost(
    client, world
):
    # Issue 13 item 5: the plausible-date range holds on every date field.
    case = _form_case(world)
    client.force_login(world.administratie)
    url = reverse("intake:conversation-create", kwargs={"public_id": case.public_id})
    response = client.post(
        url,
        {
            "status": "gepland",
            "scheduled_on": "9999-12-31",
            "starts_at": "10:00",
            "location": werkcentrum().pk,
            "consultant": world.consultant.pk,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ongeldige datum: 31 december 9999 kan niet kloppen" in body
    assert 'value="9999-12-31"' in body
    assert not IntakeConversation.objects.filter(intake__inburgeraar=case).exists()
