"""Issue 22, findings 7 and 8: `next` leads only to a path on this site, and every refusal
(404, 403, 405) a signed-in user gets writes a `denied` audit event."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.constants import Phase
from cases.kit import same_site_path
from cases.models import AuditEvent
from learning_routes import services
from learning_routes.constants import EnrolmentStatus
from learning_routes.models import Enrolment
from tests.factories import EnrolmentFactory, InburgeraarFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
WORKLIST = "/leerroutes/dlp/"


def _enrolment(world):
    case = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.INBURGERINGSTERMIJN
    )
    return EnrolmentFactory(inburgeraar=case)


def _denied():
    return AuditEvent.objects.filter(result=AuditEvent.Result.DENIED)


# --- finding 7: no open redirect ----------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/leerroutes/dlp/",
        "/\\evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "http:/evil.example",
        "/leerroutes/dlp/\r\nLocation: https://evil.example/",
        "leerroutes/dlp/",
    ],
)
@pytest.mark.parametrize("action", ["learning_routes:dlp-register", "learning_routes:dlp-start"])
def test_dlp_actions_never_redirect_off_the_site(client, world, action, target):
    enrolment = _enrolment(world)
    if action == "learning_routes:dlp-start":
        services.enrolment_register_dlp(enrolment=enrolment, on=TODAY, by=world.administratie)
    client.force_login(world.administratie)
    url = reverse(
        action,
        kwargs={"public_id": enrolment.inburgeraar.public_id, "enrolment_id": enrolment.pk},
    )
    response = client.post(url, {"on": TODAY.isoformat(), "next": target})
    assert response.status_code == 302
    assert response.url == WORKLIST


def test_dlp_action_returns_to_the_worklist_page_it_came_from(client, world):
    enrolment = _enrolment(world)
    client.force_login(world.administratie)
    url = reverse(
        "learning_routes:dlp-register",
        kwargs={"public_id": enrolment.inburgeraar.public_id, "enrolment_id": enrolment.pk},
    )
    response = client.post(url, {"on": TODAY.isoformat(), "next": f"{WORKLIST}?page=2"})
    assert response.url == f"{WORKLIST}?page=2"
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.REGISTERED


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("/caseload/?fase=pip", "/caseload/?fase=pip"),
        ("", ""),
        (None, ""),
        ("https://testserver/caseload/", ""),
        ("///evil.example", ""),
        ("/\tevil", ""),
    ],
)
def test_same_site_path(candidate, expected):
    assert same_site_path(candidate) == expected


# --- finding 8: every refusal is audited --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("pip_plans:version", {"number": 99}),
        ("intake:conversation-edit", {"pk": 999_999}),
    ],
)
def test_a_foreign_sub_object_under_an_own_case_is_404_and_audited(client, world, name, kwargs):
    client.force_login(world.consultant)
    url = reverse(name, kwargs={"public_id": world.own_case.public_id, **kwargs})
    assert client.get(url).status_code == 404
    event = _denied().get()
    assert event.actor == world.consultant
    assert event.action == "access_denied"
    assert event.inburgeraar_id == world.own_case.pk


def test_notice_handle_with_a_wrong_method_is_405_and_audited(client, world):
    client.force_login(world.consultant)
    response = client.get(reverse("cases:notice-handle", kwargs={"pk": 1}))
    assert response.status_code == 405
    assert _denied().filter(actor=world.consultant).count() == 1


def test_notice_handle_by_a_role_without_an_inbox_is_403_and_audited(client, world):
    client.force_login(world.beleid)
    response = client.post(reverse("cases:notice-handle", kwargs={"pk": 1}))
    assert response.status_code == 403
    assert _denied().filter(actor=world.beleid).count() == 1


def test_a_wrong_role_on_a_case_page_is_403_and_audited_on_the_case(client, world):
    client.force_login(world.consultant)
    url = reverse("cases:handover", kwargs={"public_id": world.own_case.public_id})
    assert client.get(url).status_code == 403
    assert _denied().get().inburgeraar_id == world.own_case.pk


def test_a_refusal_is_recorded_once(client, world):
    client.force_login(world.consultant)
    url = reverse("cases:detail", kwargs={"public_id": world.zuid_case.public_id})
    assert client.get(url).status_code == 404
    assert _denied().count() == 1


def test_anonymous_refusals_do_not_fill_the_trail(client, world):
    assert client.get("/bestaat-niet/").status_code in (302, 404)
    assert not _denied().exists()
