"""Issue 13 item 5: one way to validate dates and input, with Dutch messages that say what is
wrong; no constraint name shown; Dutch 403/404/500 pages also with DEBUG on (the demo)."""

from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, F, Q
from django.forms import modelform_factory
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import path, reverse

from cases.constants import ClosingReason, Phase
from cases.forms import InburgeraarForm, PhaseChangeForm
from cases.middleware import DutchErrorPagesMiddleware
from cases.models import Gemeente, Inburgeraar
from cases.plausible import plausible_range, query_date, query_year
from cases.services import inburgeraar_change_phase
from cases.workflow import CLOSING_REASONS, closing_reason_problem
from tests.factories import InburgeraarFactory
from tests.urls import urlpatterns as application_urls

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


class _DateForm(forms.Form):
    day = forms.DateField()


# --- dates: one plausible range for every date field ------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_an_implausible_date_is_refused_by_every_kind_of_form(value):
    # A plain form, a model form (as the screens and the admin build them).
    plain = _DateForm({"day": value})
    assert not plain.is_valid()
    assert "Ongeldige datum" in plain.errors["day"][0]
    assert "1 januari 1900" in plain.errors["day"][0]
    model_form = modelform_factory(Inburgeraar, fields=["date_of_birth"])({"date_of_birth": value})
    assert not model_form.is_valid()
    assert "Ongeldige datum" in model_form.errors["date_of_birth"][0]


def test_a_plausible_date_passes_and_the_range_ends_ten_years_ahead():
    assert _DateForm({"day": "1950-06-01"}).is_valid()
    assert plausible_range(TODAY) == (date(1900, 1, 1), date(2036, 12, 31))


def test_an_impossible_date_says_so_in_dutch():
    form = _DateForm({"day": "2026-02-31"})
    assert not form.is_valid()
    assert form.errors["day"] == [
        "Ongeldige datum: deze dag bestaat niet. Vul dag, maand en jaar in."
    ]


def test_an_empty_required_date_explains_that_an_impossible_date_counts_as_empty():
    # The browser's date field sends "" for 31-02-2026: "Dit veld is verplicht" misled.
    form = _DateForm({"day": ""})
    assert not form.is_valid()
    assert "31 februari" in form.errors["day"][0]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2026-02-31", None),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("-1", None),
        ("99999", None),
        ("", None),
    ],
)
def test_query_date_gives_none_for_anything_impossible(raw, expected):
    request = RequestFactory().get("/", {"van": raw})
    assert query_date(request, "van", TODAY) == expected


@pytest.mark.parametrize(
    "raw, expected", [("2025", 2025), ("-1", 2026), ("99999", 2026), ("x", 2026)]
)
def test_query_year_falls_back_to_the_default(raw, expected):
    request = RequestFactory().get("/", {"jaar": raw})
    assert query_year(request, "jaar", default=2026, today=TODAY) == expected


def test_the_cost_report_with_an_implausible_year_shows_this_year(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("learning_routes:cost-report"), {"jaar": "99999"})
    assert response.status_code == 200
    assert response.context["year"] != 99999


# --- closing reason fits the phase (REQ C-04) -------------------------------------------


def test_every_closed_phase_has_its_reasons_and_overig_fits_all():
    assert set(CLOSING_REASONS) == {Phase.AFGEROND, Phase.VERHUISD, Phase.BEEINDIGD}
    for reasons in CLOSING_REASONS.values():
        assert ClosingReason.OVERIG in reasons


def test_verhuisd_with_inburgeringsplicht_voldaan_is_refused_by_the_service(world):
    # REQ C-04: a case that moved did not complete its route here.
    case = InburgeraarFactory(gemeente=world.noorddorp, consultant=world.consultant)
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_change_phase(
            inburgeraar=case,
            to_phase=Phase.VERHUISD,
            closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
            by=world.consultant,
        )
    message = excinfo.value.message_dict["closing_reason"][0]
    assert "past niet bij de fase “Verhuisd”" in message
    case.refresh_from_db()
    assert case.phase != Phase.VERHUISD


def test_the_phase_form_refuses_a_reason_that_does_not_fit(world):
    form = PhaseChangeForm(
        {"to_phase": Phase.VERHUISD, "closing_reason": ClosingReason.INBURGERINGSPLICHT_VOLDAAN},
        current_phase=Phase.GEKOPPELD,
    )
    assert not form.is_valid()
    assert "past niet" in form.errors["closing_reason"][0]
    assert closing_reason_problem(Phase.VERHUISD, ClosingReason.VERHUISD) is None


def test_the_empty_option_reads_kies_not_dashes(world):
    html = str(PhaseChangeForm(current_phase=Phase.GEKOPPELD)["closing_reason"])
    assert "Kies …" in html and "---------" not in html
    # Django's own empty option (a model choice field, a model field's choices) too.
    field = forms.ModelChoiceField(queryset=Gemeente.objects.all())
    html = field.widget.render("g", None)
    assert "Kies …" in html and "---------" not in html
    rendered = forms.Select(choices=[("", "---------"), ("a", "A")]).render("x", "")
    assert "Kies …" in rendered and "---------" not in rendered


# --- postcode and phone (NL formats) ------------------------------------------------------


def _case_form(world, **data):
    case = world.own_case
    values = {
        name: "" if value is None else value
        for name, value in model_to_dict(case, fields=InburgeraarForm._meta.fields).items()
    }
    values.update(data)
    return InburgeraarForm(values, instance=case, gemeenten=Gemeente.objects.all())


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("postal_code", "ABCDEFG", "geen Nederlandse postcode"),
        ("postal_code", "0271 AB", "geen Nederlandse postcode"),
        ("postal_code", "1271 SS", "geen Nederlandse postcode"),
        ("phone", "hallo", "geen geldig telefoonnummer"),
        ("phone", "06 1", "geen geldig telefoonnummer"),
    ],
)
def test_a_postcode_or_phone_that_cannot_be_is_refused(world, field, value, message):
    form = _case_form(world, **{field: value})
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_a_postcode_is_written_the_dutch_way_and_phones_stay_as_typed(world):
    form = _case_form(world, postal_code="1271ab", phone="035 528 1911")
    form.is_valid()
    assert "postal_code" not in form.errors and "phone" not in form.errors
    assert form.cleaned_data["postal_code"] == "1271 AB"
    assert form.cleaned_data["phone"] == "035 528 1911"
    assert "phone" not in _case_form(world, phone="+32 2 555 12 12").errors


# --- no constraint name is ever shown ---------------------------------------------------


def test_a_constraint_without_its_own_message_is_reported_without_its_name():
    constraint = CheckConstraint(condition=Q(b__gte=F("a")), name="report_period_order")
    message = constraint.get_violation_error_message()
    assert "report_period_order" not in message
    assert message.startswith("Deze gegevens passen niet bij elkaar")
    # Its migration state is unchanged: the Django default still counts as the default.
    assert "violation_error_message" not in constraint.deconstruct()[2]


def test_the_progress_report_period_order_is_said_in_words(world):
    from learning_routes.forms import ProgressReportForm

    form = ProgressReportForm(
        {
            "reported_on": "2026-03-02",
            "period_start": "2026-02-01",
            "period_end": "2026-01-01",
            "hours_scheduled": "10",
            "hours_attended": "5",
        }
    )
    assert not form.is_valid()
    text = str(form.errors)
    assert "report_period_order" not in text
    assert "Het einde van de periode ligt vóór het begin." in form.errors["period_end"]


# --- toets sittings: the end before the start, a Saturday (REQ I-06) --------------------


def test_an_end_before_the_start_says_it_is_before(world):
    from intake.forms import SessionForm
    from intake.models import Device, Location, Toetsbegeleider

    form = SessionForm(
        {"day": "2026-03-10", "starts": "11:00", "ends": "09:30"},
        locations=Location.objects.all(),
        devices=Device.objects.all(),
        toetsbegeleiders=Toetsbegeleider.objects.all(),
    )
    assert not form.is_valid()
    assert form.errors["ends"][0].startswith("De eindtijd ligt vóór de begintijd")


def test_a_sitting_on_a_saturday_or_a_feestdag_warns_and_a_weekday_does_not():
    from intake.services import session_day_warning

    assert "zaterdag" in session_day_warning(date(2026, 3, 7))
    assert "zondag" in session_day_warning(date(2026, 3, 8))
    assert "feestdag" in session_day_warning(date(2026, 4, 27))  # Koningsdag
    assert session_day_warning(date(2026, 3, 10)) is None


# --- Dutch error pages with DEBUG on (the demo) -----------------------------------------


def _boom(request):
    raise RuntimeError("kapot")


def _fine(request):
    return HttpResponse("ok")


# The application's URLs (the page's navigation reverses them) and two of this test.
urlpatterns = [path("kapot/", _boom), path("goed/", _fine), *application_urls]


@pytest.mark.urls(__name__)
@override_settings(DEBUG=True, HBEL_DUTCH_ERROR_PAGES=True)
def test_with_debug_on_a_missing_page_and_an_error_are_the_dutch_pages(world):
    from tests.conftest import MfaClient

    client = MfaClient(raise_request_exception=False)
    client.force_login(world.consultant)
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404
    assert "Pagina niet gevonden" in missing.content.decode()
    assert "Using the URLconf" not in missing.content.decode()
    error = client.get("/kapot/")
    assert error.status_code == 500
    assert "Er is iets misgegaan" in error.content.decode()
    assert "Traceback" not in error.content.decode()
    assert client.get("/goed/").content == b"ok"


@override_settings(DEBUG=True, HBEL_DUTCH_ERROR_PAGES=True)
def test_with_debug_on_a_refusal_is_the_dutch_403_and_a_scope_404_the_dutch_404(client, world):
    client.force_login(world.beleid)
    refused = client.get(reverse("cases:caseload"))
    assert refused.status_code == 403
    assert "Geen toegang" in refused.content.decode()
    client.force_login(world.other_consultant)
    hidden = client.get(reverse("cases:detail", args=[world.own_case.public_id]))
    assert hidden.status_code == 404
    assert "Pagina niet gevonden" in hidden.content.decode()


@override_settings(DEBUG=True, HBEL_DUTCH_ERROR_PAGES=False)
def test_the_dutch_pages_can_be_switched_off_for_debugging():
    request = RequestFactory().get("/kapot/")
    middleware = DutchErrorPagesMiddleware(lambda request: HttpResponse("ok"))
    assert middleware.process_exception(request, RuntimeError("kapot")) is None
