"""PIP screens: access per role and scope, audit of reads, the download, query counts."""

import io
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import retention
from cases.constants import ClosingReason, Phase
from cases.models import AuditEvent
from pip_plans import services
from pip_plans.constants import VersionStatus
from pip_plans.models import Beschikking, DuoRegistration, PipVersion
from tests.factories import InburgeraarFactory, PipVersionFactory, issue_beschikking

pytestmark = pytest.mark.django_db


def _url(name, case, **kwargs):
    return reverse(f"pip_plans:{name}", kwargs={"public_id": case.public_id, **kwargs})


@pytest.fixture
def issued(draft):
    today = timezone.localdate()
    return services.pip_establish(
        version=draft, by=draft.created_by, on=today, today=today, render=False
    )


@pytest.fixture
def zuid_issued(world):
    case = InburgeraarFactory(
        gemeente=world.zuiddorp,
        consultant=world.other_consultant,
        phase=Phase.INBURGERINGSTERMIJN,
        street="Dorpsstraat 1",
        postal_code="9999 AA",
        city="Zuiddorp",
    )
    version = PipVersionFactory(pip__inburgeraar=case)
    return issue_beschikking(version, on=timezone.localdate())


# --- access -------------------------------------------------------------------------------


def test_download_of_another_teams_beschikking_is_404_and_logged(client, world, zuid_issued):
    case = zuid_issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    denied_before = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED).count()
    response = client.get(_url("download", case, number=1))
    assert response.status_code == 404
    denied = AuditEvent.objects.filter(result=AuditEvent.Result.DENIED)
    assert denied.count() == denied_before + 1
    event = denied.first()
    assert (event.actor, event.action, event.object_id) == (
        world.consultant,
        "access_denied",
        str(case.public_id),
    )
    # Nothing was rendered for the refused request.
    zuid_issued.refresh_from_db()
    assert not zuid_issued.is_rendered


@pytest.mark.parametrize("role", ["teamleider_zuid", "other_consultant"])
def test_the_own_team_downloads_it(client, world, zuid_issued, role):
    client.force_login(getattr(world, role))
    response = client.get(_url("download", zuid_issued.version.pip.inburgeraar, number=1))
    assert response.status_code == 200


def test_issue22_a_tampered_pdf_gives_a_dutch_page_an_audit_event_and_an_alert(
    client, world, issued, mailoutbox, django_capture_on_commit_callbacks
):
    # Finding 13: the file changed on disk after issue; the download refuses it, audits it
    # and warns the functioneel beheerder (no bare 500, no name or BSN in the mail).
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    assert client.get(_url("download", case, number=1)).status_code == 200
    issued.refresh_from_db()
    with open(issued.pdf.path, "ab") as handle:
        handle.write(b"tampered")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url("download", case, number=1))
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Dit document kan niet worden gedownload" in page
    assert issued.kenmerk in page
    event = AuditEvent.objects.get(action="document_integrity_failed")
    assert (event.actor, event.result, event.inburgeraar_id) == (
        world.consultant,
        AuditEvent.Result.DENIED,
        case.pk,
    )
    assert (event.object_type, event.object_id) == ("beschikking", str(issued.pk))
    assert AuditEvent.objects.filter(action="beschikking_downloaded").count() == 1
    assert [m.to for m in mailoutbox] == [[world.beheerder.email]]
    mail = mailoutbox[0]
    assert issued.kenmerk in mail.body
    for personal in (case.bsn, case.surname, case.given_names):
        assert personal not in mail.subject + mail.body


def test_download_is_a_pdf_attachment_never_cached_and_audited(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    response = client.get(_url("download", case, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert response["Content-Disposition"] == f'attachment; filename="{issued.download_name}"'
    assert case.bsn not in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    # The first download rendered and stored it; later ones serve the same bytes.
    issued.refresh_from_db()
    assert issued.is_rendered
    assert client.get(_url("download", case, number=1)).content == response.content
    events = AuditEvent.objects.filter(action="beschikking_downloaded", inburgeraar_id=case.pk)
    assert events.count() == 2
    assert events.first().actor == world.consultant


def test_a_draft_has_no_download(client, world, draft):
    client.force_login(world.consultant)
    response = client.get(_url("download", draft.pip.inburgeraar, number=1))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("consultant", 200),
        ("colleague", 404),  # another consultant's case, no waarneming
        ("teamleider", 200),
        ("administratie", 403),
        ("boeteambtenaar", 404),  # no enforcement file: outside the scope
        ("beleid", 404),
        ("beheerder", 404),
    ],
)
def test_theme_edit_by_role(client, world, draft, role, status):
    client.force_login(getattr(world, role))
    response = client.get(_url("theme-edit", draft.pip.inburgeraar, number=1, theme="inburgering"))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("consultant", 200), ("teamleider", 200), ("administratie", 200)]
)
def test_the_pip_is_readable_by_the_roles_that_work_on_cases(client, world, issued, role, status):
    client.force_login(getattr(world, role))
    case = issued.version.pip.inburgeraar
    assert client.get(_url("detail", case)).status_code == status
    assert client.get(_url("version", case, number=1)).status_code == status


def test_administratie_may_not_establish(client, world, draft):
    client.force_login(world.administratie)
    case = draft.pip.inburgeraar
    assert client.post(_url("establish", case, number=1), {}).status_code == 403
    assert client.post(_url("talk-create", case), {}).status_code == 403
    assert PipVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT


def test_consultant_may_not_register_with_duo(client, world, issued):
    client.force_login(world.consultant)
    case = issued.version.pip.inburgeraar
    response = client.post(_url("duo-done", case, number=1), {"done_on": "2026-01-01"})
    assert response.status_code == 403
    assert client.get(reverse("pip_plans:duo-worklist")).status_code == 403


def test_unknown_theme_and_version_are_404(client, world, draft):
    client.force_login(world.consultant)
    case = draft.pip.inburgeraar
    assert client.get(_url("theme-edit", case, number=1, theme="x")).status_code == 404
    assert client.get(_url("version", case, number=9)).status_code == 404


def test_reading_the_pip_is_audited_under_its_processing_activity(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    client.get(_url("detail", case))
    event = AuditEvent.objects.get(action="pip_viewed")
    assert (event.actor, event.inburgeraar_id) == (world.consultant, case.pk)
    from cases.models import ProcessingLogLine

    line = ProcessingLogLine.objects.get(trace_id=event.trace_id)
    assert line.activity.code == "pip_vaststellen"
    assert line.activity.name == "PIP opstellen, vaststellen en uitvoeren"


# --- flows through the views ---------------------------------------------------------------


def test_draft_theme_preview_establish_through_the_views(client, world, pip_case):
    client.force_login(world.consultant)
    response = client.post(_url("draft-start", pip_case))
    assert response.status_code == 302
    version = PipVersion.objects.get(pip__inburgeraar=pip_case)
    from learning_routes.models import LearningRoute, Provider

    b1 = LearningRoute.objects.get(code="b1")
    top_taal = Provider.objects.get(name="Top Taal")
    posts = {
        "inburgering": {
            "route": b1.pk,
            "provider": top_taal.pk,
            "target_level": "B1",
            "intensity": "3 dagdelen",
        },
        "participatie": {"pvt": "deelnemen", "map": "deelnemen"},
        "ontzorgen": {"ontzorgen": "ja", "ontzorgen_decision_reference": "PW-1"},
        "begeleiding": {"contact_person": world.consultant.pk, "talks_per_year": 2},
        "motivering": {"motivation": "Op basis van de toets."},
    }
    for theme, data in posts.items():
        response = client.post(_url("theme-edit", pip_case, number=1, theme=theme), data)
        assert response.status_code == 302, (theme, response.context["form"].errors)
    # A provider without a contract for the route is refused with a message on the field.
    ivio = Provider.objects.get(name="IVIO")
    response = client.post(
        _url("theme-edit", pip_case, number=1, theme="inburgering"),
        {**posts["inburgering"], "provider": ivio.pk},
    )
    assert response.status_code == 200
    assert "geen geldig contract" in str(response.context["form"].errors["provider"])
    preview = client.get(_url("preview", pip_case, number=1))
    assert preview.status_code == 200
    assert "Top Taal" in preview.content.decode()
    assert AuditEvent.objects.filter(action="pip_preview_viewed").count() == 1
    response = client.post(
        _url("establish", pip_case, number=1),
        {"planned_made_known_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.ESTABLISHED
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.INBURGERINGSTERMIJN


def test_establish_page_lists_what_is_missing_and_refuses(client, world, pip_case):
    client.force_login(world.consultant)
    client.post(_url("draft-start", pip_case))
    response = client.get(_url("establish", pip_case, number=1))
    assert "Kies een leerroute (thema inburgering)." in response.content.decode()
    response = client.post(
        _url("establish", pip_case, number=1),
        {"planned_made_known_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert not Beschikking.objects.exists()


def test_an_address_is_needed_to_send_the_beschikking(world, draft, pip_case):
    pip_case.street = ""
    pip_case.save()
    blockers = services.establish_blockers(draft, on=timezone.localdate())
    assert any("adres van de inburgeraar" in b for b in blockers)


def test_progress_talk_asking_for_revision_opens_the_new_draft(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    response = client.post(
        _url("talk-create", case),
        {
            "held_on": timezone.localdate().isoformat(),
            "attendees": ["inburgeraar", "consulent", "taalaanbieder"],
            "findings": "Examen lezen gehaald.",
            "revision_needed": "on",
            "revision_reason": "Naar A2 afschalen.",
        },
    )
    assert response.status_code == 302
    assert response.url == _url("version", case, number=2)


def test_made_known_and_duo_done_through_the_views(client, world, issued):
    case = issued.version.pip.inburgeraar
    today = timezone.localdate()
    client.force_login(world.administratie)
    response = client.post(
        _url("made-known", case, number=1), {"made_known_on": today.isoformat(), "how": "post"}
    )
    assert response.status_code == 302
    worklist = reverse("pip_plans:duo-worklist")
    response = client.post(
        _url("duo-done", case, number=1), {"done_on": today.isoformat(), "next": worklist}
    )
    assert response.status_code == 302 and response.url == worklist
    task = DuoRegistration.objects.get()
    assert (task.done_on, task.done_by) == (today, world.administratie)
    issued.refresh_from_db()
    assert issued.made_known_on == today


def test_duo_done_ignores_an_outside_next(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.administratie)
    response = client.post(
        _url("duo-done", case, number=1),
        {"done_on": timezone.localdate().isoformat(), "next": "https://evil.example/"},
    )
    assert response.url == _url("version", case, number=1)


def test_extension_request_and_decision_through_the_views(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    response = client.post(
        _url("extension-create", case),
        {"initiative": "ambtshalve", "ground": "niet_verwijtbaar"},
    )
    assert response.status_code == 302
    extension = issued.version.pip.extensions.get()
    response = client.post(
        _url("extension-decide", case, extension_id=extension.pk),
        {"status": "verleend", "decided_on": timezone.localdate().isoformat(), "months": 6},
    )
    assert response.status_code == 302
    from pip_plans.term import term_last_day

    assert services.current_term(issued.version.pip)[1] == term_last_day(
        issued.dagtekening, extension_months=6
    )


# --- the DUO worklist -----------------------------------------------------------------------


def _issued_cases(world, n, gemeente=None):
    for _ in range(n):
        case = InburgeraarFactory(
            gemeente=gemeente or world.noorddorp,
            consultant=world.consultant,
            phase=Phase.INBURGERINGSTERMIJN,
        )
        issue_beschikking(PipVersionFactory(pip__inburgeraar=case), on=timezone.localdate())


def test_duo_worklist_shows_open_tasks_in_scope_only(client, world, zuid_issued):
    _issued_cases(world, 2)
    client.force_login(world.administratie)
    response = client.get(reverse("pip_plans:duo-worklist"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2  # team Zuid's case is not in this scope
    event = AuditEvent.objects.get(action="duo_worklist_viewed")
    assert event.actor == world.administratie


def test_duo_worklist_query_count_is_fixed(client, world):
    client.force_login(world.administratie)
    _issued_cases(world, 10)
    client.get(reverse("pip_plans:duo-worklist"))
    with CaptureQueriesContext(connection) as few:
        response = client.get(reverse("pip_plans:duo-worklist"))
    assert len(response.context["rows"]) == 10
    _issued_cases(world, 290)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("pip_plans:duo-worklist"))
    assert response.context["page_obj"].paginator.count == 300
    assert len(response.context["rows"]) == 50  # one page
    assert len(few.captured_queries) == len(many.captured_queries)


def test_pip_page_query_count_is_fixed(client, world, issued):
    case = issued.version.pip.inburgeraar
    client.force_login(world.consultant)
    client.get(_url("detail", case))
    with CaptureQueriesContext(connection) as few:
        client.get(_url("detail", case))
    for month in range(1, 9):
        services.progress_talk_record(
            pip=issued.version.pip,
            held_on=issued.dagtekening,
            attendees=["consulent"],
            findings=f"Gesprek {month}",
            by=world.consultant,
            today=issued.dagtekening,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(_url("detail", case))
    assert len(few.captured_queries) == len(many.captured_queries)


# --- AVG inzage and retention ----------------------------------------------------------------


def test_inzage_export_holds_the_pip_and_the_stored_pdfs(client, world, issued):
    services.beschikking_render(beschikking_id=issued.pk)
    case = issued.version.pip.inburgeraar
    client.force_login(world.beheerder)
    response = client.post(reverse("privacy:inzage", kwargs={"public_id": case.public_id}))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert f"documenten/pip-versie-1-{issued.download_name}" in names
    import json

    document = json.loads(archive.read("inzage.json"))
    pip = document["onderdelen"]["pip"]
    assert pip["versies"][0]["status"] == "vastgesteld"
    assert pip["beschikkingen"][0]["kenmerk"] == issued.kenmerk
    assert pip["duo_registraties"][0]["done_on"] is None


def test_retention_purge_deletes_the_stored_pdfs(world, issued, django_capture_on_commit_callbacks):
    from cases.services import inburgeraar_change_phase

    services.beschikking_render(beschikking_id=issued.pk)
    issued.refresh_from_db()
    path = issued.pdf.path
    case = issued.version.pip.inburgeraar
    inburgeraar_change_phase(
        inburgeraar=case,
        to_phase=Phase.AFGEROND,
        closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
        by=world.consultant,
        today=date(2020, 1, 1),
    )
    import os

    assert os.path.exists(path)
    # The files are deleted once the purge commits (the test's transaction never does).
    with django_capture_on_commit_callbacks(execute=True):
        retention.purge_expired_cases(today=date(2031, 1, 2))
    assert not os.path.exists(path)
    assert not Beschikking.objects.exists()


def test_every_pip_url_with_a_case_is_in_the_access_matrix():
    from tests.cases.test_access_matrix import OBJECT_PATTERNS

    names = {name for name, _route in OBJECT_PATTERNS if name.startswith("pip_plans:")}
    assert names == {
        "pip_plans:detail",
        "pip_plans:draft-start",
        "pip_plans:talk-create",
        "pip_plans:extension-create",
        "pip_plans:extension-decide",
        "pip_plans:third-party-create",
        "pip_plans:third-party-received",
        "pip_plans:version",
        "pip_plans:preview",
        "pip_plans:establish",
        "pip_plans:discard",
        "pip_plans:download",
        "pip_plans:made-known",
        "pip_plans:duo-done",
        "pip_plans:theme-edit",
        # Issue 13: four eyes and herroepen en vervangen.
        "pip_plans:approve",
        "pip_plans:approval-refuse",
        "pip_plans:replace",
    }


def test_the_admin_lists_are_read_only_and_scoped(client, world, issued):
    from cases.models import User

    admin = User.objects.create_superuser("root", "root@hbel.example", "x-very-long-password-1")
    client.force_login(admin)
    for model in ("pip", "pipversion", "beschikking", "duoregistration"):
        response = client.get(reverse(f"admin:pip_plans_{model}_changelist"))
        assert response.status_code == 200, model
    response = client.get(reverse("admin:pip_plans_beschikking_change", args=[issued.pk]))
    assert response.status_code == 200
    assert issued.version.pip.inburgeraar.bsn not in response.content.decode()
    assert client.get(reverse("admin:pip_plans_beschikking_add")).status_code == 403
    # The functioneel beheerder has no case scope: the lists are empty.
    client.force_login(world.beheerder)
    response = client.get(reverse("admin:pip_plans_pipversion_changelist"))
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert response.context["cl"].result_count == 0
