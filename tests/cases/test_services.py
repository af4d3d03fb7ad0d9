"""Services of the case domain: creation, key dates (REQ C-02), handover (REQ C-03)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from cases.constants import Doelgroep, Phase, TimelineKind
from cases.models import AuditEvent, Handover, Inburgeraar, StatusChange
from cases.services import inburgeraar_create, inburgeraar_hand_over, inburgeraar_update
from tests.factories import make_bsn

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 31)


def _data(world, **overrides):
    data = {
        "bsn": make_bsn(900_001),
        "given_names": "Yara",
        "surname": "Haddad",
        "date_of_birth": date(1990, 2, 28),
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER,
        "gemeente": world.noorddorp,
        "linked_on": date(2026, 1, 31),
        "registered_on": date(2026, 2, 28),
        "housed_on": date(2026, 2, 28),
    }
    data.update(overrides)
    return data


def test_create_writes_case_status_timeline_and_audit(world):
    case = inburgeraar_create(
        data=_data(world), consultant=world.consultant, by=world.teamleider, today=TODAY
    )
    assert case.phase == Phase.GEKOPPELD
    assert case.consultant == world.consultant
    assert StatusChange.objects.get(inburgeraar=case).to_phase == Phase.GEKOPPELD
    assert case.timeline_events.filter(kind=TimelineKind.CREATED).exists()
    assert AuditEvent.objects.filter(action="case_created", inburgeraar_id=case.pk).exists()


def test_housed_before_linked_is_refused_with_a_clear_message(world):
    # REQ C-02
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_create(
            data=_data(world, housed_on=date(2026, 1, 30)),
            consultant=world.consultant,
            by=world.consultant,
            today=TODAY,
        )
    assert "huisvestingsdatum ligt vóór de koppelingsdatum" in str(excinfo.value.message_dict)
    assert not Inburgeraar.objects.filter(bsn=make_bsn(900_001)).exists()


def test_housed_on_the_day_of_linking_is_fine(world):
    # REQ C-02: the boundary day itself is allowed.
    case = inburgeraar_create(
        data=_data(world, housed_on=date(2026, 1, 31), registered_on=date(2026, 1, 31)),
        consultant=world.consultant,
        by=world.consultant,
        today=TODAY,
    )
    assert case.housed_on == case.linked_on


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("linked_on", TODAY + timedelta(days=1), "toekomst"),
        ("registered_on", date(2026, 1, 30), "BRP-inschrijving"),
        ("date_of_birth", TODAY, "verleden"),
        ("duo_notified_on", date(1980, 1, 1), "geboortedatum"),
    ],
)
def test_impossible_key_dates_are_refused(world, field, value, fragment):
    # REQ C-02
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_create(
            data=_data(world, **{field: value}),
            consultant=world.consultant,
            by=world.consultant,
            today=TODAY,
        )
    assert fragment in " ".join(excinfo.value.message_dict[field])


def test_only_asielstatushouders_are_linked_by_coa(world):
    # REQ C-01/C-02: a gezinsmigrant starts at the BRP-inschrijving, not at a koppeling.
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_create(
            data=_data(world, doelgroep=Doelgroep.GEZINSMIGRANT),
            consultant=world.consultant,
            by=world.consultant,
            today=TODAY,
        )
    assert "linked_on" in excinfo.value.message_dict


def test_leap_day_birth_and_month_end_dates_are_accepted(world):
    case = inburgeraar_create(
        data=_data(world, date_of_birth=date(2000, 2, 29)),
        consultant=world.consultant,
        by=world.consultant,
        today=TODAY,
    )
    assert case.age_on(date(2026, 2, 28)) == 25
    assert case.age_on(date(2026, 3, 1)) == 26


def test_duplicate_bsn_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_create(
            data=_data(world, bsn=world.own_case.bsn),
            consultant=world.consultant,
            by=world.consultant,
            today=TODAY,
        )
    assert "bsn" in excinfo.value.message_dict
    assert world.own_case.bsn not in str(excinfo.value)


def test_consultant_must_serve_the_municipality(world):
    with pytest.raises(ValidationError) as excinfo:
        inburgeraar_create(
            data=_data(world, gemeente=world.zuiddorp),
            consultant=world.consultant,
            by=world.teamleider,
            today=TODAY,
        )
    assert "consultant" in excinfo.value.message_dict


def test_update_records_changed_fields_without_values(world):
    case = world.own_case
    changed = inburgeraar_update(
        inburgeraar=case,
        data={"phone": "06 99999999", "surname": case.surname},
        by=world.consultant,
    )
    assert changed == ["phone"]
    event = case.timeline_events.get(kind=TimelineKind.UPDATED)
    assert "telefoonnummer" in event.summary
    assert "06 99999999" not in event.summary


def test_update_without_changes_writes_nothing(world):
    case = world.own_case
    assert (
        inburgeraar_update(inburgeraar=case, data={"phone": case.phone}, by=world.consultant) == []
    )
    assert not case.timeline_events.filter(kind=TimelineKind.UPDATED).exists()


def test_handover_is_a_logged_act(world):
    # REQ C-03
    case = world.own_case
    handover = inburgeraar_hand_over(
        inburgeraar=case, to_consultant=world.colleague, by=world.teamleider, reason="Verlof"
    )
    case.refresh_from_db()
    assert case.consultant == world.colleague
    assert (handover.from_consultant, handover.to_consultant) == (world.consultant, world.colleague)
    assert handover.handed_over_by == world.teamleider
    assert case.timeline_events.filter(kind=TimelineKind.HANDED_OVER).exists()
    assert AuditEvent.objects.filter(action="case_handed_over", inburgeraar_id=case.pk).exists()


def test_handover_needs_a_reason_and_a_consultant_of_the_municipality(world):
    # REQ C-03 / C-05
    case = world.own_case
    with pytest.raises(ValidationError):
        inburgeraar_hand_over(
            inburgeraar=case, to_consultant=world.colleague, by=world.teamleider, reason=" "
        )
    with pytest.raises(ValidationError):
        inburgeraar_hand_over(
            inburgeraar=case,
            to_consultant=world.other_consultant,
            by=world.teamleider,
            reason="Andere regio",
        )
    with pytest.raises(ValidationError):
        inburgeraar_hand_over(
            inburgeraar=case, to_consultant=world.consultant, by=world.teamleider, reason="x"
        )
    assert not Handover.objects.exists()
