"""Issue 12 in the PIP app, through the services and the screens (REQ D-05 … D-08, D-15, C-01).

The beschikking, the stored deadline, the case page and the calculator agree on the bezwaar
date of the issue's example (equated days, Atw art. 3 lid 3); ground (b) is exactly six
months; the third-party wait is validated; a case moved by hand into the term shows "niet
vastgelegd" instead of a made-up PIP date.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.constants import Phase
from cases.deadlines.services import deadlines_recompute
from cases.models import AuditEvent, Deadline, Inburgeraar
from pip_plans import services
from pip_plans.constants import ExtensionGround, ExtensionInitiative, ExtensionStatus
from pip_plans.models import ThirdPartyRequest
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db

FRIDAY = date(2025, 11, 21)


def test_D15_beschikking_deadline_case_page_and_calculator_agree_on_5_january_2026(
    client, world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        beschikking = services.pip_establish(
            version=draft,
            by=draft.created_by,
            on=FRIDAY,
            planned_made_known_on=FRIDAY,
            render=False,
            today=FRIDAY,
        )
    # The letter prints Monday 5 January 2026: Friday 2 January 2026 is an equated day.
    assert beschikking.objection_last_day == date(2026, 1, 5)
    assert beschikking.snapshot["bezwaar"]["last_day"] == "2026-01-05"
    with django_capture_on_commit_callbacks(execute=True):
        services.beschikking_record_made_known(
            beschikking=beschikking,
            made_known_on=FRIDAY,
            how="post",
            by=draft.created_by,
            today=FRIDAY,
        )
    case = draft.pip.inburgeraar
    deadlines_recompute(inburgeraar_ids=[case.pk], today=date(2025, 12, 1))
    stored = Deadline.objects.get(inburgeraar=case, code="bezwaartermijn")
    assert stored.due == date(2026, 1, 5)
    client.force_login(world.consultant)
    calculator = client.get(
        reverse("cases:deadline-calculator"),
        {"today": "2025-12-01", "beschikking_made_known_on": "2025-11-21"},
    )
    assert calculator.status_code == 200
    row = next(e for e in calculator.context["evaluations"] if e.code == "bezwaartermijn")
    assert row.due == date(2026, 1, 5)
    page = client.get(reverse("cases:detail", kwargs={"public_id": case.public_id}))
    panel = page.context["deadline_panel"]
    shown = next(r["ev"] for r in panel["applicable"] if r["ev"].code == "bezwaartermijn")
    assert shown.due == date(2026, 1, 5)
    assert "gelijkgestelde dag" in page.content.decode()


def test_D07_ground_b_is_exactly_six_months(issued_pip):
    pip, term_end = issued_pip
    extension = services.term_extension_record_request(
        pip=pip,
        initiative=ExtensionInitiative.values[0],
        ground=ExtensionGround.EFFORT,
        requested_on=term_end.replace(day=1) if term_end.day > 1 else term_end,
        by=pip.created_by,
        today=term_end,
    )
    with pytest.raises(ValidationError) as error:
        services.term_extension_decide(
            extension=extension,
            status=ExtensionStatus.GRANTED,
            decided_on=term_end,
            months=5,
            by=pip.created_by,
            today=term_end,
        )
    assert "precies zes maanden" in str(error.value)
    granted = services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.GRANTED,
        decided_on=term_end,
        months=6,
        by=pip.created_by,
        today=term_end,
    )
    assert granted.months == 6


@pytest.fixture
def issued_pip(draft):
    services.pip_establish(
        version=draft,
        by=draft.created_by,
        on=date(2026, 3, 2),
        render=False,
        today=date(2026, 3, 2),
    )
    return draft.pip, date(2029, 3, 2)


def test_D05_third_party_request_and_receipt_are_validated_and_audited(pip_case, world):
    by = world.consultant
    with pytest.raises(ValidationError) as error:
        services.third_party_request_record(
            inburgeraar=pip_case,
            party=" ",
            subject="",
            asked_on=date(2026, 12, 2),
            by=by,
            today=date(2026, 12, 1),
        )
    assert set(error.value.message_dict) == {"party", "subject", "asked_on"}
    asked = services.third_party_request_record(
        inburgeraar=pip_case,
        party="Huisarts",
        subject="Beperkingen",
        asked_on=date(2026, 11, 2),
        by=by,
        today=date(2026, 12, 1),
    )
    with pytest.raises(ValidationError, match="vóór het verzoek"):
        services.third_party_received_record(
            third_party_request=asked,
            received_on=date(2026, 11, 1),
            by=by,
            today=date(2026, 12, 1),
        )
    services.third_party_received_record(
        third_party_request=asked, received_on=date(2026, 11, 20), by=by, today=date(2026, 12, 1)
    )
    with pytest.raises(ValidationError, match="al vastgelegd"):
        services.third_party_received_record(
            third_party_request=asked,
            received_on=date(2026, 11, 21),
            by=by,
            today=date(2026, 12, 1),
        )
    assert ThirdPartyRequest.objects.get().received_on == date(2026, 11, 20)
    actions = set(
        AuditEvent.objects.filter(inburgeraar_id=pip_case.pk).values_list("action", flat=True)
    )
    assert {"third_party_request_recorded", "third_party_received_recorded"} <= actions


def test_issue12_a_case_moved_into_the_term_by_hand_shows_niet_vastgelegd(client, world):
    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        phase=Phase.INBURGERINGSTERMIJN,
        doelgroep="asielstatushouder",
    )
    client.force_login(world.consultant)
    body = client.get(reverse("cases:detail", kwargs={"public_id": case.public_id})).content
    text = body.decode()
    assert "Niet vastgelegd: het dossier is al verder in de route" in text
    assert (
        not Deadline.objects.filter(inburgeraar=case, code="inburgeringstermijn")
        .exclude(state="not_applicable")
        .exists()
    )


def test_C01_holds_asylum_permit_is_kept_for_an_asielstatushouder_only(world):
    from cases.services import inburgeraar_update

    case = InburgeraarFactory(
        gemeente=world.noorddorp,
        consultant=world.consultant,
        doelgroep="asielstatushouder",
        linked_on=None,
    )
    inburgeraar_update(
        inburgeraar=case,
        data={
            "holds_asylum_permit": False,
            "duo_doelgroep": "Gezinshereniger met Asielstatushouder",
        },
        by=world.consultant,
    )
    case.refresh_from_db()
    assert case.holds_asylum_permit is False
    inburgeraar_update(inburgeraar=case, data={"doelgroep": "gezinsmigrant"}, by=world.consultant)
    case.refresh_from_db()
    assert case.holds_asylum_permit is None  # a question for asielstatushouders only
    assert Inburgeraar._meta.get_field("duo_doelgroep").choices
