"""Services of the brede intake: conversations (REQ I-03), invitations (REQ I-09), domains
(REQ I-01), sections (REQ I-02, I-04, I-05), completion and the phase (REQ C-04)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.constants import Doelgroep, Phase
from cases.models import AuditEvent, StatusChange, TimelineEvent
from intake import services
from intake.constants import CoaPresence, ConversationStatus
from intake.models import BredeIntake, DomainAssessment, LifeDomain
from tests.intake.factories import LeerbaarheidstoetsFactory
from tests.intake.helpers import (
    LINKED,
    TODAY,
    fill_domains,
    fill_sections,
    level,
    new_case,
    ready_to_complete,
    record,
)

pytestmark = pytest.mark.django_db


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --------------------------------------------------------------------------- conversations


def test_first_conversation_held_moves_gekoppeld_to_brede_intake(world):
    """REQ C-04, I-03: the first conversation starts the intake, through the workflow."""
    case = new_case(world)
    outcome = record(
        case,
        world.consultant,
        TODAY - timedelta(days=3),
        vluchtelingenwerk_present=True,
        coa_presence=CoaPresence.ONLINE,
        interpreter_language="Arabisch",
    )
    assert outcome.phases == [Phase.BREDE_INTAKE]
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE
    change = StatusChange.objects.filter(inburgeraar=case).latest("changed_at")
    assert (change.from_phase, change.to_phase) == (Phase.GEKOPPELD, Phase.BREDE_INTAKE)
    assert change.changed_by == world.consultant
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_conversation").get()
    assert "gehouden" in event.summary
    assert "COA (digitaal)" in event.detail and "tolk Arabisch" in event.detail
    assert (
        AuditEvent.objects.filter(
            inburgeraar_id=case.pk, action="intake_conversation_saved"
        ).count()
        == 1
    )
    assert AuditEvent.objects.filter(inburgeraar_id=case.pk, action="phase_changed").count() == 1


def test_second_conversation_keeps_the_phase(world):
    case = new_case(world)
    record(case, world.consultant, TODAY - timedelta(days=10))
    outcome = record(case, world.consultant, TODAY - timedelta(days=3))
    assert outcome.phases == []
    assert StatusChange.objects.filter(inburgeraar=case, to_phase=Phase.BREDE_INTAKE).count() == 1


def test_a_planned_conversation_does_not_start_the_intake(world):
    case = new_case(world)
    outcome = record(
        case,
        world.consultant,
        TODAY + timedelta(days=5),
        ConversationStatus.PLANNED,
        invitation_sent_on=TODAY,
    )
    assert outcome.phases == []
    case.refresh_from_db()
    assert case.phase == Phase.GEKOPPELD
    assert outcome.obj.consultant == world.consultant  # defaults to the case's consultant


@pytest.mark.parametrize(
    ("status", "day", "field"),
    [
        (ConversationStatus.PLANNED, TODAY - timedelta(days=1), "scheduled_on"),
        (ConversationStatus.HELD, TODAY + timedelta(days=1), "scheduled_on"),
        (ConversationStatus.NO_SHOW, TODAY + timedelta(days=1), "scheduled_on"),
        (ConversationStatus.HELD, LINKED - timedelta(days=1), "scheduled_on"),
    ],
)
def test_impossible_conversation_dates_are_refused(world, status, day, field):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        record(case, world.consultant, day, status)
    assert field in error.value.message_dict
    assert not BredeIntake.objects.filter(inburgeraar=case).exists()


def test_conversation_on_the_day_of_koppeling_and_today_are_accepted(world):
    case = new_case(world)
    record(case, world.consultant, LINKED)
    record(case, world.consultant, TODAY, ConversationStatus.PLANNED)
    record(case, world.consultant, TODAY, ConversationStatus.HELD)


def test_warning_only_after_a_no_show_and_not_before_it(world):
    """REQ I-09: a written warning follows a missed appointment."""
    case = new_case(world)
    day = TODAY - timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        record(case, world.consultant, day, ConversationStatus.HELD, warning_sent_on=TODAY)
    assert "warning_sent_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(
            case,
            world.consultant,
            day,
            ConversationStatus.NO_SHOW,
            warning_sent_on=day - timedelta(days=1),
        )
    assert "warning_sent_on" in error.value.message_dict
    outcome = record(
        case,
        world.consultant,
        day,
        ConversationStatus.NO_SHOW,
        warning_sent_on=day,
        invitation_sent_on=day - timedelta(days=14),
    )
    assert outcome.obj.warning_sent_on == day
    case.refresh_from_db()
    assert case.phase == Phase.GEKOPPELD  # a no-show does not start the intake
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_conversation").get()
    assert "Niet verschenen" in event.summary and "waarschuwing" in event.summary


def test_invitation_after_the_conversation_is_refused(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        record(
            case,
            world.consultant,
            TODAY - timedelta(days=5),
            invitation_sent_on=TODAY - timedelta(days=4),
        )
    assert "invitation_sent_on" in error.value.message_dict


def test_cancelled_needs_a_reason(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        record(case, world.consultant, TODAY + timedelta(days=2), ConversationStatus.CANCELLED)
    assert "cancel_reason" in error.value.message_dict
    record(
        case,
        world.consultant,
        TODAY + timedelta(days=2),
        ConversationStatus.CANCELLED,
        cancel_reason="Ziek gemeld; nieuwe afspraak volgt.",
    )


def test_coa_is_for_asielstatushouders_only(world):
    """REQ D-02 / C-01: COA is not involved with gezins- and overige migranten."""
    case = new_case(world, doelgroep=Doelgroep.GEZINSMIGRANT, linked_on=None, registered_on=LINKED)
    with pytest.raises(ValidationError) as error:
        record(
            case, world.consultant, TODAY - timedelta(days=1), coa_presence=CoaPresence.IN_PERSON
        )
    assert "coa_presence" in error.value.message_dict
    record(case, world.consultant, TODAY - timedelta(days=1))


def test_held_alone_only_for_a_held_conversation(world):
    case = new_case(world)
    with pytest.raises(ValidationError):
        record(
            case,
            world.consultant,
            TODAY + timedelta(days=1),
            ConversationStatus.PLANNED,
            held_alone=True,
        )


@pytest.mark.parametrize("phase", [Phase.AFGEROND, Phase.VERHUISD, Phase.BEEINDIGD])
def test_a_closed_case_refuses_every_intake_write(world, phase):
    case = new_case(
        world, phase=phase, closed_on=TODAY - timedelta(days=1), closing_reason="overig"
    )
    with pytest.raises(ValidationError):
        record(case, world.consultant, TODAY - timedelta(days=2))
    with pytest.raises(ValidationError):
        fill_domains(case, world.consultant)
    with pytest.raises(ValidationError):
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert not BredeIntake.objects.filter(inburgeraar=case).exists()


@pytest.mark.parametrize("phase", [Phase.PIP, Phase.INBURGERINGSTERMIJN])
def test_a_case_further_along_keeps_its_phase(world, phase):
    """Data recorded late (a case already at the PIP or in the term) does not move it back."""
    case = new_case(world, phase=phase)
    ready_to_complete(case, world.consultant)
    outcome = services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert outcome.phases == []
    case.refresh_from_db()
    assert case.phase == phase


# --------------------------------------------------------------------------- domains


def test_domains_are_saved_and_updated_in_place(world):
    case = new_case(world)
    fill_domains(case, world.consultant)
    intake = case.brede_intake
    assert intake.assessments.count() == 14
    opleiding = LifeDomain.objects.get(code="opleiding")
    services.domains_save(
        inburgeraar=case,
        entries={
            opleiding.pk: {
                "level": level("forse"),
                "notes": "Vier jaar school.",
                "action_needed": True,
                "follow_up": "Diplomawaardering aanvragen",
                "follow_up_on": TODAY,
            }
        },
        young_children=False,
        by=world.consultant,
        today=TODAY,
    )
    assert intake.assessments.count() == 14
    assessment = intake.assessments.get(domain=opleiding)
    assert (assessment.level.code, assessment.follow_up) == ("forse", "Diplomawaardering aanvragen")
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_domains").first()
    assert event.summary == "Levensdomeinen bijgewerkt: 14 van 14 verplichte ingevuld."


def test_action_needed_requires_a_follow_up(world):
    case = new_case(world)
    domain = LifeDomain.objects.get(code="motivatie")
    with pytest.raises(ValidationError) as error:
        services.domains_save(
            inburgeraar=case,
            entries={
                domain.pk: {
                    "level": level("forse"),
                    "notes": "",
                    "action_needed": True,
                    "follow_up": " ",
                }
            },
            by=world.consultant,
            today=TODAY,
        )
    assert "7. Motivatie" in _message(error.value)


def test_empty_entries_create_no_rows(world):
    case = new_case(world)
    domain = LifeDomain.objects.get(code="motivatie")
    services.domains_save(
        inburgeraar=case,
        entries={domain.pk: {"level": None, "notes": "", "action_needed": False, "follow_up": ""}},
        by=world.consultant,
        today=TODAY,
    )
    assert not DomainAssessment.objects.exists()


@pytest.mark.parametrize("who", ["administratie", "colleague"])
def test_special_category_domains_are_written_only_by_who_may_read_them(world, who):
    """REQ I-08: administratie (and anyone else outside the rule) cannot write health domains."""
    case = new_case(world)
    health = LifeDomain.objects.get(code="mentale-gezondheid")
    with pytest.raises(PermissionDenied):
        services.domains_save(
            inburgeraar=case,
            entries={
                health.pk: {
                    "level": level("forse"),
                    "notes": "Slaapt slecht.",
                    "action_needed": False,
                }
            },
            by=getattr(world, who),
            today=TODAY,
        )
    assert not DomainAssessment.objects.exists()


def test_a_domain_of_another_catalogue_period_is_refused(world):
    case = new_case(world)
    old = LifeDomain.objects.create(
        code="oud", name="Oud domein", valid_until=TODAY - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.domains_save(
            inburgeraar=case,
            entries={old.pk: {"level": level("geen")}},
            by=world.consultant,
            today=TODAY,
        )


# --------------------------------------------------------------------------- completion


def test_completing_moves_brede_intake_to_leerbaarheidstoets(world):
    """REQ I-01, I-02, C-04."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    outcome = services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert outcome.phases == [Phase.LEERBAARHEIDSTOETS]
    intake = BredeIntake.objects.get(inburgeraar=case)
    assert (intake.completed_on, intake.completed_by) == (TODAY, world.consultant)
    assert not intake.completed_without_person
    case.refresh_from_db()
    assert case.phase == Phase.LEERBAARHEIDSTOETS
    assert AuditEvent.objects.filter(inburgeraar_id=case.pk, action="intake_completed").count() == 1
    assert TimelineEvent.objects.filter(inburgeraar=case, kind="intake_completed").count() == 1


def test_completing_twice_is_refused(world):
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "al afgerond" in _message(error.value)


def test_completing_with_a_missing_domain_is_refused_naming_it(world):
    """REQ I-01: no completion while a mandatory domain is empty; the message names it."""
    case = new_case(world)
    ready_to_complete(case, world.consultant, skip=("fysieke-gezondheid", "sociaal-netwerk"))
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    message = _message(error.value)
    assert "11. Fysieke gezondheid" in message and "13. Sociaal netwerk" in message
    assert "2. Opleiding" not in message
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE
    assert BredeIntake.objects.get(inburgeraar=case).completed_on is None


def test_onbekend_without_a_note_does_not_count_as_filled(world):
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    domain = LifeDomain.objects.get(code="taalniveau")
    services.domains_save(
        inburgeraar=case,
        entries={domain.pk: {"level": level("onbekend"), "notes": ""}},
        young_children=False,
        by=world.consultant,
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "Licht de beoordeling toe bij: 6. Taalniveau." in _message(error.value)
    services.domains_save(
        inburgeraar=case,
        entries={domain.pk: {"level": level("onbekend"), "notes": "Nog niet getest."}},
        young_children=False,
        by=world.consultant,
        today=TODAY,
    )
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)


def test_vve_is_mandatory_with_young_children_only(world):
    """REQ I-01: VVE whenever there are young children; the question itself must be answered."""
    case = new_case(world)
    record(case, world.consultant, TODAY - timedelta(days=7))
    fill_sections(case, world.consultant)
    fill_domains(case, world.consultant, young_children=None)
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "jonge kinderen" in _message(error.value)
    fill_domains(case, world.consultant, young_children=True, skip=("vve",))
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "Voor- en vroegschoolse educatie (VVE)" in _message(error.value)
    fill_domains(case, world.consultant, young_children=False)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)


def test_every_missing_section_is_named(world):
    """REQ I-02: rechten & plichten, verwachtingen, the right to talk alone, the verslag."""
    case = new_case(world)
    fill_domains(case, world.consultant)
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    messages = error.value.messages
    assert "Er is nog geen gehouden intakegesprek vastgelegd." in messages
    assert "Leg vast wanneer de rechten en plichten zijn uitgelegd." in messages
    assert "Leg de verwachtingen van de inburgeraar en van de gemeente vast." in messages
    assert "Leg vast dat de inburgeraar is gewezen op het recht op een gesprek alleen." in messages
    assert "Schrijf het verslag van de brede intake." in messages


def test_a_planned_conversation_blocks_completion(world):
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    record(case, world.consultant, TODAY + timedelta(days=3), ConversationStatus.PLANNED)
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "gepland" in _message(error.value)


def test_wanted_conversation_alone_must_be_held(world):
    """REQ I-02: the right to a conversation alone, once asked for, is honoured and recorded."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.intake_update(
        inburgeraar=case,
        section="afspraken",
        data={"alone_conversation_wanted": True},
        by=world.consultant,
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert "gesprek alleen" in _message(error.value)
    record(case, world.consultant, TODAY - timedelta(days=1), held_alone=True)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)


def test_coa_travel_and_wegwijzer_are_attention_points_not_blockers(world):
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    notes = services.intake_completion_notes(case.brede_intake, case=case)
    assert any("warme overdracht" in n for n in notes)
    assert any("reiskosten" in n for n in notes)
    assert any("wegwijzer" in n for n in notes)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)


def test_completing_when_exempt_from_the_toets_goes_straight_to_pip(world):
    """REQ I-07: no toets (exemption): workflow edge brede_intake → pip."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.toets_exempt(
        inburgeraar=case,
        exempted_on=TODAY,
        ground="visueel",
        note="",
        by=world.consultant,
        today=TODAY,
    )
    case.refresh_from_db()
    assert case.phase == Phase.BREDE_INTAKE  # the intake is not done yet (REQ P-02)
    outcome = services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert outcome.phases == [Phase.PIP]


def test_completing_with_a_toets_result_walks_through_the_toets_to_pip(world):
    """REQ P-02: both done → PIP; the history keeps the leerbaarheidstoets step."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    LeerbaarheidstoetsFactory(
        inburgeraar=case,
        taken_on=TODAY - timedelta(days=5),
        result_on=TODAY - timedelta(days=2),
        score=30,
        b1_reachable=True,
    )
    outcome = services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    assert outcome.phases == [Phase.LEERBAARHEIDSTOETS, Phase.PIP]
    assert list(
        StatusChange.objects.filter(inburgeraar=case)
        .order_by("changed_at", "id")
        .values_list("to_phase", flat=True)
    )[-2:] == [Phase.LEERBAARHEIDSTOETS, Phase.PIP]


# ------------------------------------------------------------- without the person (I-09)


def _no_show(case, by, day, warned=True, invited=True):
    return record(
        case,
        by,
        day,
        ConversationStatus.NO_SHOW,
        invitation_sent_on=day - timedelta(days=10) if invited else None,
        warning_sent_on=day + timedelta(days=1) if warned else None,
    )


def test_without_person_needs_three_invitations(world):
    """REQ I-09: after three invitations, not before."""
    case = new_case(world)
    _no_show(case, world.consultant, LINKED + timedelta(days=14))
    _no_show(case, world.consultant, LINKED + timedelta(days=28))
    with pytest.raises(ValidationError) as error:
        services.intake_complete_without_person(
            inburgeraar=case, reason="Drie keer niet gekomen.", by=world.consultant, today=TODAY
        )
    assert "(nu 2)" in _message(error.value)
    _no_show(case, world.consultant, LINKED + timedelta(days=42), warned=False)
    outcome = services.intake_complete_without_person(
        inburgeraar=case,
        reason="Drie keer niet verschenen, ook niet na twee waarschuwingen.",
        by=world.consultant,
        today=TODAY,
    )
    # Never started with the person: gekoppeld → brede_intake → leerbaarheidstoets.
    assert outcome.phases == [Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS]
    intake = BredeIntake.objects.get(inburgeraar=case)
    assert intake.completed_without_person and intake.completed_on == TODAY
    assert intake.without_person_reason.startswith("Drie keer")
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_completed").get()
    assert "zonder de inburgeraar" in event.summary


def test_without_person_needs_the_warnings_between_invitations(world):
    case = new_case(world)
    first = LINKED + timedelta(days=14)
    _no_show(case, world.consultant, first, warned=False)
    _no_show(case, world.consultant, LINKED + timedelta(days=28))
    _no_show(case, world.consultant, LINKED + timedelta(days=42), warned=False)
    with pytest.raises(ValidationError) as error:
        services.intake_complete_without_person(
            inburgeraar=case, reason="x", by=world.consultant, today=TODAY
        )
    assert "26 januari 2026" in _message(error.value)  # the first missed one, unwarned


def test_missed_appointments_without_a_written_invitation_do_not_count(world):
    case = new_case(world)
    for weeks in (2, 4, 6):
        _no_show(case, world.consultant, LINKED + timedelta(weeks=weeks), invited=False)
    assert services.without_person_problems(case.brede_intake)


def test_without_person_needs_a_reason(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as error:
        services.intake_complete_without_person(
            inburgeraar=case, reason="  ", by=world.consultant, today=TODAY
        )
    assert "reason" in error.value.message_dict


# --------------------------------------------------------------------------- sections


def test_after_completion_only_the_after_steps_can_be_recorded(world):
    """REQ I-04, I-05, D-02: travel claim, wegwijzer and the COA meeting follow the intake."""
    case = new_case(world)
    ready_to_complete(case, world.consultant)
    services.intake_complete(inburgeraar=case, by=world.consultant, today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.intake_update(
            inburgeraar=case,
            section="verslag",
            data={"report": "Anders."},
            by=world.consultant,
            today=TODAY,
        )
    assert "report" in error.value.message_dict
    outcome = services.intake_update(
        inburgeraar=case,
        section="verslag",
        data={"wegwijzer_handed_on": TODAY},
        by=world.consultant,
        today=TODAY,
    )
    assert outcome.obj == ["wegwijzer_handed_on"]
    services.intake_update(
        inburgeraar=case,
        section="coa",
        data={
            "travel_claim_on": TODAY,
            "travel_claim_amount": 23,
            "coa_meeting_on": LINKED + timedelta(days=40),
        },
        by=world.consultant,
        today=TODAY,
    )
    intake = BredeIntake.objects.get(inburgeraar=case)
    assert (intake.wegwijzer_handed_on, intake.travel_claim_on) == (TODAY, TODAY)
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_updated").first()
    assert "reiskosten gedeclareerd bij COA op" in event.summary


def test_coa_section_is_for_asielstatushouders_only(world):
    case = new_case(
        world, doelgroep=Doelgroep.OVERIGE_MIGRANT, linked_on=None, registered_on=LINKED
    )
    with pytest.raises(ValidationError) as error:
        services.intake_update(
            inburgeraar=case,
            section="coa",
            data={"travel_claim_on": TODAY},
            by=world.consultant,
            today=TODAY,
        )
    assert "travel_claim_on" in error.value.message_dict


@pytest.mark.parametrize("field", ["rights_duties_explained_on", "wegwijzer_handed_on"])
def test_section_dates_cannot_be_in_the_future_or_before_koppeling(world, field):
    case = new_case(world)
    section = "afspraken" if field.startswith("rights") else "verslag"
    for day in (TODAY + timedelta(days=1), LINKED - timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.intake_update(
                inburgeraar=case,
                section=section,
                data={field: day},
                by=world.consultant,
                today=TODAY,
            )
        assert field in error.value.message_dict
    services.intake_update(
        inburgeraar=case, section=section, data={field: TODAY}, by=world.consultant, today=TODAY
    )


def test_an_unchanged_section_writes_nothing(world):
    case = new_case(world)
    services.intake_update(
        inburgeraar=case,
        section="verslag",
        data={"report": "Tekst"},
        by=world.consultant,
        today=TODAY,
    )
    before = AuditEvent.objects.count()
    outcome = services.intake_update(
        inburgeraar=case,
        section="verslag",
        data={"report": "Tekst"},
        by=world.consultant,
        today=TODAY,
    )
    assert outcome.obj == []
    assert AuditEvent.objects.count() == before


def test_next_phase_rule_table():
    """REQ C-04 / P-02: the pure rule behind the phase moves, every branch."""
    rule = services.next_phase
    none = {"started": False, "completed": False, "exempt": False, "resolved": False}
    assert rule(Phase.GEKOPPELD, **none) is None
    assert rule(Phase.GEKOPPELD, **{**none, "started": True}) == Phase.BREDE_INTAKE
    assert rule(Phase.BREDE_INTAKE, **{**none, "started": True}) is None
    assert rule(Phase.BREDE_INTAKE, **{**none, "completed": True}) == Phase.LEERBAARHEIDSTOETS
    assert (
        rule(Phase.BREDE_INTAKE, **{**none, "completed": True, "exempt": True, "resolved": True})
        == Phase.PIP
    )
    assert rule(Phase.LEERBAARHEIDSTOETS, **{**none, "resolved": True}) is None
    assert (
        rule(Phase.LEERBAARHEIDSTOETS, **{**none, "completed": True, "resolved": True}) == Phase.PIP
    )
    for phase in (
        Phase.PIP,
        Phase.INBURGERINGSTERMIJN,
        Phase.AFGEROND,
        Phase.VERHUISD,
        Phase.BEEINDIGD,
    ):
        assert rule(phase, started=True, completed=True, exempt=False, resolved=True) is None
