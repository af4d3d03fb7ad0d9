"""Issue 22, finding 14: no input gives a 500 — a user name longer than any account's at the
login (and the admin's login), NUL bytes in the caseload's filters."""

import pytest
from django.urls import reverse

from cases.models import AuditEvent
from tests.conftest import MfaClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/login/", "/beheer/login/"])
@pytest.mark.parametrize("username", ["a" * 256, "b" * 10_000, "consulent_a\x07"])
def test_an_impossible_user_name_is_a_wrong_login_not_a_500(world, path, username):
    client = MfaClient(raise_request_exception=False)
    response = client.post(path, {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "gebruikersnaam en wachtwoord" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed").count() == 1


def test_a_user_name_of_the_columns_length_is_still_an_ordinary_wrong_login(world):
    client = MfaClient(raise_request_exception=False)
    response = client.post("/login/", {"username": "c" * 150, "password": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a\x00b"},
        {"fase": "\x00"},
        {"fase": "pip\x00"},
        {"sorteer": "\x00"},
        {"doelgroep": "\x00"},
        {"gemeente": "1\x00"},
        {"consulent": "\x00"},
        {"deadline": "\x00"},
        {"termijnstatus": "\x00"},
        {"page": "\x00"},
    ],
)
@pytest.mark.parametrize("who", ["consultant", "teamleider"])
def test_nul_bytes_in_the_caseload_filters_are_no_500(world, who, params):
    client = MfaClient(raise_request_exception=False)
    client.force_login(getattr(world, who))
    response = client.get(reverse("cases:caseload"), params)
    assert response.status_code == 200


def test_the_name_filter_still_works_without_its_control_characters(client, world):
    client.force_login(world.consultant)
    surname = world.own_case.surname
    response = client.get(reverse("cases:caseload"), {"q": f"{surname[:3]}\x00{surname[3:]}"})
    assert world.own_case in response.context["cases"]
