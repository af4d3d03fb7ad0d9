"""Services of the leerbaarheidstoets: DUO set-up (REQ D-04), planning with conflict refusal
(REQ I-06), sittings, the result with dated pass marks (REQ I-07), exemption, the phase."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.constants import Phase
from cases.models import AuditEvent, TimelineEvent
from intake import services
from intake.constants import SessionStatus
from intake.models import Leerbaarheidstoets, PassMark, ToetsSession, duo_open_until
from tests.intake.factories import DeviceFactory, ToetsbegeleiderFactory, ToetsSessionFactory
from tests.intake.helpers import LINKED, TODAY, at, new_case, ready_to_complete, werkcentrum
from tests.sensitive import remember_text

pytestmark = pytest.mark.django_db

NEXT_WEEK = TODAY + timedelta(days=7)


@pytest.fixture
def kit(world):
    class Kit:
        pass

    kit = Kit()
    kit.location = werkcentrum()
    kit.device = DeviceFactory(name="Laptop 1", location=kit.location)
    kit.device2 = DeviceFactory(name="Laptop 2", location=kit.location)
    kit.begeleider = ToetsbegeleiderFactory(user=world.consultant, trained_on=date(2025, 5, 1))
    kit.begeleider2 = ToetsbegeleiderFactory(name="Joyce Verhoef", trained_on=date(2025, 5, 1))
    return kit


def _slot(kit, start, minutes=90, device=None, begeleider=None, **extra):
    return {
        "starts_at": start,
        "ends_at": start + timedelta(minutes=minutes),
        "location": kit.location,
        "device": device or kit.device,
        "toetsbegeleider": begeleider or kit.begeleider,
        "invitation_sent_on": None,
        "notes": "",
        **extra,
    }


def _plan(case, by, data, today=TODAY, session=None):
    return services.toets_session_plan(
        inburgeraar=case, data=data, by=by, today=today, session=session
    )


# --------------------------------------------------------------------------- DUO (D-04)


def test_duo_ready_date_is_recorded_with_its_closing_day(world):
    case = new_case(world)
    services.toets_set_duo_ready(
        inburgeraar=case,
        duo_ready_on=LINKED + timedelta(days=3),
        by=world.administratie,
        today=TODAY,
    )
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.open_until == date(2027, 1, 15)
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="toets_updated").get()
    assert "open tot en met 15 januari 2027" in event.summary
    assert AuditEvent.objects.filter(inburgeraar_id=case.pk, action="toets_updated").count() == 1


@pytest.mark.parametrize(
    ("ready", "closes"),
    [
        (date(2026, 1, 31), date(2027, 1, 31)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # leap day → 28 February
        (date(2025, 3, 1), date(2026, 3, 1)),
    ],
)
def test_duo_open_until_is_twelve_calendar_months(ready, closes):
    """REQ D-04: open 12 months (relativedelta; 29 February + 12 months = 28 February)."""
    assert duo_open_until(ready) == closes


@pytest.mark.parametrize("day", [TODAY + timedelta(days=1), LINKED - timedelta(days=1)])
def test_duo_ready_date_cannot_be_in_the_future_or_before_koppeling(world, day):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        services.toets_set_duo_ready(
            inburgeraar=case, duo_ready_on=day, by=world.consultant, today=TODAY
        )
    assert "duo_ready_on" in error.value.message_dict


# --------------------------------------------------------------------------- planning (I-06)


def test_planning_a_sitting(world, kit):
    case = new_case(world)
    outcome = _plan(case, world.administratie, _slot(kit, at(NEXT_WEEK, 9, 30)))
    session = outcome.obj
    assert session.status == SessionStatus.PLANNED and session.planned_by == world.administratie
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="toets_session").get()
    assert "Werkcentrum HBEL" in event.summary and "09:30–11:00" in event.summary


def test_a_device_booked_twice_at_once_is_refused(world, kit):
    """REQ I-06: no double booking of a device; the other person's name is not revealed."""
    other = new_case(
        world, consultant=world.colleague, gemeente=world.middendorp, surname="Anderen"
    )
    _plan(other, world.colleague, _slot(kit, at(NEXT_WEEK, 9, 0)))
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 10, 0), begeleider=kit.begeleider2))
    assert "device" in error.value.message_dict
    message = " ".join(error.value.message_dict["device"])
    assert "al geboekt" in message and "09:00–10:30" in message and "Anderen" not in message
    assert ToetsSession.objects.count() == 1


def test_a_toetsbegeleider_booked_twice_at_once_is_refused(world, kit):
    other = new_case(world)
    _plan(other, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0)))
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 10, 29), device=kit.device2))
    assert list(error.value.message_dict) == ["toetsbegeleider"]


def test_back_to_back_sittings_and_cancelled_ones_do_not_conflict(world, kit):
    first = new_case(world)
    _plan(first, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0)))
    second = new_case(world)
    _plan(second, world.consultant, _slot(kit, at(NEXT_WEEK, 10, 30)))  # starts when the first ends
    third = new_case(world)
    cancelled = ToetsSessionFactory(
        toets__inburgeraar=third,
        device=kit.device,
        toetsbegeleider=kit.begeleider,
        starts_at=at(NEXT_WEEK, 13, 0),
        status=SessionStatus.CANCELLED,
    )
    fourth = new_case(world)
    _plan(fourth, world.consultant, _slot(kit, cancelled.starts_at))


def test_moving_a_sitting_does_not_conflict_with_itself(world, kit):
    case = new_case(world)
    session = _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0))).obj
    moved = _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 30)), session=session).obj
    assert moved.pk == session.pk and moved.starts_at == at(NEXT_WEEK, 9, 30)
    assert ToetsSession.objects.count() == 1


def test_only_one_planned_sitting_per_person(world, kit):
    case = new_case(world)
    _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0)))
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK + timedelta(days=1), 9, 0)))
    assert "al een afname gepland" in " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("trained_on", "valid_until", "ok"),
    [
        (None, None, False),  # never trained
        (NEXT_WEEK + timedelta(days=1), None, False),  # trained after the sitting
        (NEXT_WEEK, None, True),  # trained that very day
        (date(2025, 1, 1), NEXT_WEEK - timedelta(days=1), False),  # left before the sitting
        (date(2025, 1, 1), NEXT_WEEK, True),
    ],
)
def test_only_trained_toetsbegeleiders_can_be_chosen(world, kit, trained_on, valid_until, ok):
    """REQ I-06: trained by Bureau ICE on or before the day of the sitting."""
    begeleider = ToetsbegeleiderFactory(
        name="Nieuw", trained_on=trained_on, valid_until=valid_until
    )
    case = new_case(world)
    data = _slot(kit, at(NEXT_WEEK, 9, 0), begeleider=begeleider)
    if ok:
        _plan(case, world.consultant, data)
    else:
        with pytest.raises(ValidationError) as error:
            _plan(case, world.consultant, data)
        assert "toetsbegeleider" in error.value.message_dict


def test_an_inactive_consultant_is_no_toetsbegeleider(world, kit):
    world.colleague.is_active = False
    world.colleague.save()
    begeleider = ToetsbegeleiderFactory(user=world.colleague, trained_on=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        _plan(
            new_case(world),
            world.consultant,
            _slot(kit, at(NEXT_WEEK, 9, 0), begeleider=begeleider),
        )


def test_place_and_device_must_fit(world, kit):
    from intake.models import Location

    case = new_case(world)
    gemeentehuis = Location.objects.get(name="Gemeentehuis Huizen")
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0), location=gemeentehuis))
    assert "location" in error.value.message_dict
    elsewhere = DeviceFactory(location=gemeentehuis)
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0), device=elsewhere))
    assert "device" in error.value.message_dict
    portable = DeviceFactory(location=None)
    _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0), device=portable))


def test_sittings_fall_within_the_duo_window(world, kit):
    """REQ D-04: the toets can only be taken while it is open in DUO's portal."""
    case = new_case(world)
    ready = TODAY - timedelta(days=365) + timedelta(days=10)  # closes in 10 days
    services.toets_set_duo_ready(
        inburgeraar=case, duo_ready_on=max(ready, LINKED), by=world.consultant, today=TODAY
    )
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    toets.duo_ready_on = ready  # a ready date before this test's koppeling, set directly
    toets.save()
    last = toets.open_until
    with pytest.raises(ValidationError) as error:
        _plan(case, world.consultant, _slot(kit, at(last + timedelta(days=1), 9, 0)))
    assert "niet meer open" in " ".join(error.value.messages)
    _plan(case, world.consultant, _slot(kit, at(last, 9, 0)))


def test_a_sitting_before_duo_set_it_ready_or_in_the_past_is_refused(world, kit):
    case = new_case(world)
    services.toets_set_duo_ready(
        inburgeraar=case, duo_ready_on=TODAY, by=world.consultant, today=TODAY
    )
    with pytest.raises(ValidationError) as error:  # in the past
        _plan(case, world.consultant, _slot(kit, at(TODAY - timedelta(days=1), 9, 0)), today=TODAY)
    assert "vandaag of later" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:  # planned earlier, for a day before DUO's
        _plan(
            case,
            world.consultant,
            _slot(kit, at(TODAY - timedelta(days=1), 9, 0)),
            today=TODAY - timedelta(days=3),
        )
    assert "nog niet klaar" in " ".join(error.value.messages)
    _plan(case, world.consultant, _slot(kit, at(TODAY, 14, 0)), today=TODAY)


# --------------------------------------------------------------------------- sitting outcome


def test_a_sitting_taken_sets_the_taken_date(world, kit):
    case = new_case(world)
    session = _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0))).obj
    with pytest.raises(ValidationError):
        services.toets_session_record(
            session=session, status=SessionStatus.TAKEN, by=world.consultant, today=TODAY
        )
    services.toets_session_record(
        session=session, status=SessionStatus.TAKEN, by=world.consultant, today=NEXT_WEEK
    )
    toets = Leerbaarheidstoets.objects.get(inburgeraar=case)
    assert toets.taken_on == NEXT_WEEK
    with pytest.raises(ValidationError):
        services.toets_session_record(
            session=session, status=SessionStatus.NO_SHOW, by=world.consultant, today=NEXT_WEEK
        )


def test_a_no_show_frees_the_way_for_a_new_sitting(world, kit):
    case = new_case(world)
    session = _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0))).obj
    services.toets_session_record(
        session=session, status=SessionStatus.NO_SHOW, by=world.consultant, today=NEXT_WEEK
    )
    _plan(
        case, world.consultant, _slot(kit, at(NEXT_WEEK + timedelta(days=7), 9, 0)), today=NEXT_WEEK
    )
    assert Leerbaarheidstoets.objects.get(inburgeraar=case).taken_on is None
    event = TimelineEvent.objects.filter(
        inburgeraar=case, kind="toets_session", summary__startswith="Niet"
    ).get()
    assert "Niet verschenen" in event.summary


# --------------------------------------------------------------------------- result (I-07)


def _result(case, by, taken_on, result_on, score, today=None, reason=""):
    return services.toets_result_record(
        inburgeraar=case,
        taken_on=taken_on,
        result_on=result_on,
        score=score,
        by=by,
        today=today or result_on,
        reason=reason,
    )


def test_the_result_is_visible_48_hours_after_the_toets(world):
    """REQ D-04: taken on a Monday, the result can be recorded from Wednesday."""
    case = new_case(world)
    monday = date(2026, 3, 2)
    with pytest.raises(ValidationError) as error:
        _result(case, world.consultant, monday, monday + timedelta(days=1), 30)
    assert "48 uur" in " ".join(error.value.message_dict["result_on"])
    _result(case, world.consultant, monday, monday + timedelta(days=2), 30)


@pytest.mark.parametrize(
    ("taken_on", "score", "reachable", "pass_score"),
    [
        (date(2023, 4, 11), 30, False, 31),  # the day before the change: 31 of 40
        (date(2023, 4, 11), 31, True, 31),
        (date(2023, 4, 12), 27, False, 28),  # from 12 April 2023: 28 of 40
        (date(2023, 4, 12), 28, True, 28),
        (date(2022, 1, 1), 31, True, 31),
    ],
)
def test_the_outcome_follows_the_pass_mark_of_the_day_of_the_toets(
    world, taken_on, score, reachable, pass_score
):
    """REQ I-07 (verify): pass marks are dated catalogue data: 31/40, 28/40 from 12 April 2023."""
    case = new_case(world, linked_on=date(2021, 12, 1))
    toets = _result(case, world.consultant, taken_on, taken_on + timedelta(days=2), score).obj
    assert toets.b1_reachable is reachable
    assert (toets.pass_mark.pass_score, toets.pass_mark.max_score) == (pass_score, 40)


def test_a_pass_mark_changed_by_the_beheerder_is_used_without_code_changes(world):
    PassMark.objects.filter(valid_until__isnull=True).update(valid_until=date(2025, 12, 31))
    PassMark.objects.create(valid_from=date(2026, 1, 1), pass_score=25, max_score=40, source="test")
    case = new_case(world)
    toets = _result(case, world.consultant, date(2026, 3, 2), date(2026, 3, 4), 25).obj
    assert toets.b1_reachable is True


def test_no_pass_mark_for_the_day_is_a_clear_error(world):
    case = new_case(world, linked_on=date(2021, 6, 1))
    with pytest.raises(ValidationError) as error:
        _result(case, world.consultant, date(2021, 12, 31), date(2022, 1, 3), 30)
    # REQ I-07: without DUO's required score the local pass mark is the fallback; none → ask
    # for DUO's required score.
    assert "geen cesuur" in " ".join(error.value.message_dict["required_score"])


def test_score_above_the_maximum_is_refused(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        _result(case, world.consultant, date(2026, 3, 2), date(2026, 3, 4), 41)
    assert "score" in error.value.message_dict


def test_taken_after_the_duo_window_closed_is_refused(world):
    case = new_case(world, linked_on=date(2024, 1, 2))
    services.toets_set_duo_ready(
        inburgeraar=case, duo_ready_on=date(2024, 1, 10), by=world.consultant, today=TODAY
    )
    with pytest.raises(ValidationError) as error:
        _result(case, world.consultant, date(2025, 1, 11), date(2025, 1, 14), 30, today=TODAY)
    assert "taken_on" in error.value.message_dict
    _result(case, world.consultant, date(2025, 1, 10), date(2025, 1, 14), 30, today=TODAY)


def test_result_with_the_intake_completed_moves_the_case_to_pip(world):
    """REQ P-02 / C-04: leerbaarheidstoets → pip once both are done."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    outcome = _result(case, world.consultant, TODAY - timedelta(days=3), TODAY, 33)
    assert outcome.phases == [Phase.PIP]
    case.refresh_from_db()
    assert case.phase == Phase.PIP
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="toets_result").get()
    assert event.summary == (
        "Uitslag leerbaarheidstoets: B1-route haalbaar (score 33,00, benodigd 28,00)."
    )
    assert (
        AuditEvent.objects.filter(inburgeraar_id=case.pk, action="toets_result_recorded").count()
        == 1
    )


def test_result_before_the_intake_is_completed_keeps_the_phase(world):
    """REQ P-02: the PIP needs the intake too; the case stays in brede_intake until then."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    outcome = _result(case, world.consultant, TODAY - timedelta(days=3), TODAY, 33)
    assert outcome.phases == []
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE


@pytest.mark.parametrize("phase", [Phase.PIP, Phase.INBURGERINGSTERMIJN])
def test_result_recorded_late_keeps_a_later_phase(world, phase):
    case = new_case(world, phase=phase)
    assert _result(case, world.consultant, TODAY - timedelta(days=3), TODAY, 10).phases == []


def test_a_corrected_result_is_marked_as_correction(world):
    case = new_case(world)
    _result(case, world.consultant, TODAY - timedelta(days=3), TODAY, 10)
    # Issue 13: a correction names its reason.
    toets = _result(
        case, world.consultant, TODAY - timedelta(days=3), TODAY, 35, reason="Tikfout"
    ).obj
    assert toets.b1_reachable is True
    assert TimelineEvent.objects.filter(inburgeraar=case, summary__contains="gecorrigeerd").exists()


# --------------------------------------------------------------------------- exemption


def test_exemption_by_the_consultant_cancels_sittings_and_hides_the_ground(world, kit):
    """REQ I-07, I-08: the ground is health data: not on the timeline."""
    case = new_case(world)
    session = _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 9, 0))).obj
    services.toets_exempt(
        inburgeraar=case,
        exempted_on=TODAY,
        ground="auditief",
        not_able=True,
        note=remember_text("Doof sinds de geboorte."),
        by=world.consultant,
        today=TODAY,
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    summaries = " ".join(
        TimelineEvent.objects.filter(inburgeraar=case).values_list("summary", flat=True)
    )
    details = " ".join(
        TimelineEvent.objects.filter(inburgeraar=case).values_list("detail", flat=True)
    )
    assert "Ontheffing" in summaries
    assert "auditief" not in (summaries + details).lower() and "Doof" not in summaries + details
    with pytest.raises(ValidationError):
        _plan(case, world.consultant, _slot(kit, at(NEXT_WEEK, 13, 0)))


@pytest.mark.parametrize("who", ["administratie", "colleague"])
def test_exemption_cannot_be_recorded_by_who_may_not_see_health_data(world, who):
    case = new_case(world)
    with pytest.raises(PermissionDenied):
        services.toets_exempt(
            inburgeraar=case,
            exempted_on=TODAY,
            ground="visueel",
            note="",
            by=getattr(world, who),
            today=TODAY,
        )


def test_no_exemption_after_the_toets_was_taken(world):
    case = new_case(world)
    _result(case, world.consultant, TODAY - timedelta(days=3), TODAY, 30)
    with pytest.raises(ValidationError):
        services.toets_exempt(
            inburgeraar=case,
            exempted_on=TODAY,
            ground="visueel",
            note="",
            by=world.consultant,
            today=TODAY,
        )


def test_exemption_with_the_intake_completed_moves_leerbaarheidstoets_to_pip(world):
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    outcome = services.toets_exempt(
        inburgeraar=case,
        exempted_on=TODAY,
        ground="visueel",
        note="",
        by=world.teamleider,
        today=TODAY,
    )
    assert outcome.phases == [Phase.PIP]
