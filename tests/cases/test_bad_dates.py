"""Issue 13 item 5: no date or year anywhere gives a 500.

Every URL pattern (enumerated from the resolver, as the access matrix does) is requested by
every role with an impossible or implausible value in every date and year parameter the views
read from the query string; then each of those parameters alone on the pages that read it.
A guard test keeps the list of parameters complete: a new `request.GET.get("…")` in a view,
or a new date field on a form bound to the query string, must be classified here.
"""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from cases.deadlines.forms import DateListField, DeadlineCalculatorForm
from cases.privacy_views import AuditSearchForm
from learning_routes.forms import WorklistFilterForm
from tests.cases.test_access_matrix import ALL, _sample_path
from tests.conftest import MfaClient

pytestmark = pytest.mark.django_db

BAD_VALUES = ["2026-02-31", "0001-01-01", "9999-12-31", "-1", "99999"]

# Query-string parameters the views read with request.GET.get, by kind.
DATE_PARAMS = {"van", "tot", "datum", "jaar", "verzenddatum"}
OTHER_PARAMS = {
    "page",
    "next",
    "gemeente",
    "doelgroep",
    "fase",
    "consulent",
    "q",
    "sorteer",
    "deadline",
    "termijnstatus",
    "status",
    "export",
    "locatie",
}
# Forms bound to request.GET: their date fields are query parameters too.
GET_FORMS = [AuditSearchForm, DeadlineCalculatorForm, WorklistFilterForm]


def _form_date_params() -> set[str]:
    return {
        name
        for form_class in GET_FORMS
        for name, field in form_class().fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField | DateListField)
    }


ALL_DATE_PARAMS = sorted(DATE_PARAMS | _form_date_params())
# The pages that read a date from the query string, each parameter on its own (with the
# calculator's peildatum valid, so the other facts are evaluated too).
DATE_PAGES = [
    "intake:planning",
    "intake:planning-toetsen",
    "cases:deadline-calculator",
    "privacy:audit-search",
    "learning_routes:cost-report",
]


def test_every_query_parameter_a_view_reads_is_classified():
    read = set()
    for app in ("cases", "intake", "pip_plans", "learning_routes", "participation", "finance"):
        for source in Path(settings.BASE_DIR, app).rglob("*.py"):
            read |= set(re.findall(r"request\.GET\.get\(\s*\"(\w+)\"", source.read_text()))
    assert read, "the scan found no query parameter at all"
    unknown = read - DATE_PARAMS - OTHER_PARAMS
    assert not unknown, f"classify these query parameters in this test: {sorted(unknown)}"
    assert {"today", "linked_on", "date_from", "date_to"} <= set(ALL_DATE_PARAMS)


def _user_and_case(world, role):
    user = getattr(world, role)
    return user, world.own_case


def _get_paths(world, role):
    _user, case = _user_and_case(world, role)
    for name, route, _entry in ALL:
        if route.startswith("beheer/") and role != "beheerder":
            continue
        if name in {"logout", "admin:logout"}:
            continue
        yield name, _sample_path(route, str(case.public_id))


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize(
    "role", ["consultant", "teamleider", "administratie", "boeteambtenaar", "beleid", "beheerder"]
)
def test_every_url_with_a_bad_date_in_every_date_parameter_is_no_500(world, role, value):
    client = MfaClient(raise_request_exception=False)
    client.force_login(getattr(world, role))
    params = dict.fromkeys(ALL_DATE_PARAMS, value)
    failures = []
    for name, path in _get_paths(world, role):
        response = client.get(path, params)
        if response.status_code >= 500:
            failures.append((name, path, response.status_code))
    assert not failures


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("param", ALL_DATE_PARAMS)
def test_each_date_parameter_alone_is_no_500(world, param, value):
    client = MfaClient(raise_request_exception=False)
    client.force_login(world.beheerder)
    consultant = MfaClient(raise_request_exception=False)
    consultant.force_login(world.consultant)
    beleid = MfaClient(raise_request_exception=False)
    beleid.force_login(world.beleid)
    params = {"today": "2026-03-01", param: value}
    failures = []
    for name in DATE_PAGES:
        for who in (client, consultant, beleid):
            response = who.get(reverse(name), params)
            if response.status_code >= 500:
                failures.append((name, response.status_code))
    toets_new = reverse("intake:toets-session-create", args=[world.own_case.public_id])
    response = consultant.get(toets_new, {param: value})
    if response.status_code >= 500:
        failures.append(("intake:toets-session-create", response.status_code))
    assert not failures
