"""Issue 13 item 6: pages for people carry no requirement codes ("REQ D-01"); they stay in
the code, its comments and the tests."""

import re

import pytest
from django.urls import reverse

from tests.cases.test_access_matrix import ALL, _sample_path
from tests.conftest import MfaClient

pytestmark = pytest.mark.django_db

REQUIREMENT_CODE = re.compile(r"\bREQ\s+[A-Z]{1,2}-\d")
ROLES = ["consultant", "teamleider", "administratie", "boeteambtenaar", "beleid", "beheerder"]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_a_role_opens_shows_a_requirement_code(world, role):
    client = MfaClient(raise_request_exception=False)
    client.force_login(getattr(world, role))
    shown = []
    for name, route, _entry in ALL:
        if route.startswith("beheer/") or name in {"logout", "admin:logout"}:
            continue
        response = client.get(_sample_path(route, str(world.own_case.public_id)))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            found = REQUIREMENT_CODE.findall(response.content.decode())
            if found:
                shown.append((name, sorted(set(found))))
    assert not shown


def test_the_deadline_calculator_result_shows_no_requirement_code(client, world):
    client.force_login(world.consultant)
    response = client.get(
        reverse("cases:deadline-calculator"),
        {"today": "2026-04-01", "doelgroep": "asielstatushouder", "linked_on": "2026-01-12"},
    )
    body = response.content.decode()
    assert "Brede intake gestart" in body
    assert not REQUIREMENT_CODE.search(body)
