"""Service tests of the PIP, one group per rule (REQ P-01 … P-06, D-06, D-07, D-15, C-04,
C-08, L-02, L-06, A-05, D-13, O-01, O-04)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from cases.constants import ClosingReason, Phase
from cases.models import AuditEvent, FieldChange, ProcessingLogLine, StatusChange, TimelineEvent
from cases.services import inburgeraar_change_phase
from learning_routes.models import Contract, LearningRoute, Provider
from pip_plans import prerequisites, services
from pip_plans.constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    RevisionReason,
    Theme,
    VersionStatus,
)
from pip_plans.models import Beschikking, DuoRegistration, PipVersion
from tests.factories import InburgeraarFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)  # a Monday


def _establish(version, on=DAY, **kwargs):
    kwargs.setdefault("today", on)
    kwargs.setdefault("render", False)
    return services.pip_establish(version=version, by=version.created_by, on=on, **kwargs)


def _revise(pip_case, reason=RevisionReason.OTHER, explanation="Nieuwe afspraken"):
    return services.pip_draft_start(
        inburgeraar=pip_case, by=pip_case.consultant, reason=reason, explanation=explanation
    )


def _update(version, theme, today=DAY, **data):
    return services.pip_version_update(
        version=version, theme=theme, data=data, by=version.created_by, today=today
    )


# --- REQ P-01: four themes, complete before establishing --------------------------------


def test_req_p01_a_first_draft_starts_empty_with_the_consultant_as_contact(pip_case):
    version = services.pip_draft_start(inburgeraar=pip_case, by=pip_case.consultant)
    assert (version.number, version.status, version.reason) == (1, "concept", "eerste")
    assert version.contact_person == pip_case.consultant
    assert version.talks_per_year == 2
    blockers = services.establish_blockers(version, on=DAY)
    assert "Kies een leerroute (thema inburgering)." in blockers
    assert "Leg de afspraak over het PVT vast (thema participatie)." in blockers
    assert "Leg vast of de inburgeraar financieel wordt ontzorgd (thema ontzorgen)." in blockers
    assert "Vul de motivering van het besluit in." in blockers
    with pytest.raises(ValidationError):
        _establish(version)
    assert PipVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT


def test_req_p01_a_complete_draft_has_no_blockers(draft):
    assert services.establish_blockers(draft, on=DAY) == []


def test_req_p01_theme_update_keeps_field_history_and_audit(draft):
    changed = _update(draft, Theme.INBURGERING, intensity="4 dagdelen per week")
    assert changed == ["intensity"]
    change = FieldChange.objects.get(object_type="pipversion", field="intensity")
    assert change.new_value == "4 dagdelen per week"
    assert AuditEvent.objects.filter(action="pip_draft_updated").count() == 1
    assert ProcessingLogLine.objects.filter(activity__code="pip_vaststellen").exists()
    # Nothing changed: nothing written.
    assert _update(draft, Theme.INBURGERING, intensity="4 dagdelen per week") == []


def test_req_l02_provider_needs_a_valid_contract_on_the_pip_date(draft):
    b1 = LearningRoute.objects.get(code="b1")
    newcomer = Provider.objects.create(name="Nieuwe Taalschool")
    Contract.objects.create(
        provider=newcomer,
        route=b1,
        valid_from=date(2026, 1, 1),
        valid_until=DAY,
        price="8200.00",
    )
    # On the last day of the contract: allowed.
    assert _update(draft, Theme.INBURGERING, provider=newcomer) == ["provider"]
    assert services.establish_blockers(draft, on=DAY) == []
    # The day after: the contract has ended.
    blockers = services.establish_blockers(draft, on=date(2026, 3, 3))
    assert any("geen geldig contract" in b for b in blockers)
    # A provider of another route only.
    ivio = Provider.objects.get(name="IVIO")
    with pytest.raises(ValidationError) as error:
        _update(draft, Theme.INBURGERING, provider=ivio)
    assert "provider" in error.value.message_dict


def test_req_l02_establishing_records_the_contract_and_price(draft):
    beschikking = _establish(draft)
    version = beschikking.version
    assert version.contract is not None
    assert version.contract.provider_id == version.provider_id
    assert str(version.contract.price) == "8200.00"


def test_req_l01_onderwijsroute_has_no_provider_yet_and_no_map(pip_case):
    version = services.pip_draft_start(inburgeraar=pip_case, by=pip_case.consultant)
    onderwijs = LearningRoute.objects.get(code="onderwijs")
    _update(version, Theme.INBURGERING, route=onderwijs, target_level="B1", intensity="Voltijd")
    with pytest.raises(ValidationError) as error:
        _update(version, Theme.PARTICIPATIE, pvt="deelnemen", map="deelnemen")
    assert "geen MAP" in error.value.message_dict["map"][0]
    _update(version, Theme.PARTICIPATIE, pvt="deelnemen", map="niet_van_toepassing")
    _update(version, Theme.ONTZORGEN, ontzorgen=False)
    _update(version, Theme.MOTIVERING, motivation="Wil naar het mbo.")
    # The onderwijsroute is still being tendered: no provider can be chosen, none is needed.
    assert services.establish_blockers(version, on=DAY) == []


def test_req_a05_not_applicable_map_only_in_the_onderwijsroute(draft):
    with pytest.raises(ValidationError) as error:
        _update(draft, Theme.PARTICIPATIE, map="niet_van_toepassing")
    assert "alleen in de onderwijsroute" in error.value.message_dict["map"][0]


def test_req_d13_z_route_hours_for_asielstatushouders_only(world):
    migrant = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.PIP, gezinsmigrant=True
    )
    version = services.pip_draft_start(inburgeraar=migrant, by=world.consultant)
    z = LearningRoute.objects.get(code="z")
    _update(version, Theme.INBURGERING, route=z, target_level="A1")
    with pytest.raises(ValidationError) as error:
        _update(version, Theme.PARTICIPATIE, z_route_hours=800)
    assert "alleen voor asielstatushouders" in error.value.message_dict["z_route_hours"][0]


def test_req_d13_z_route_asielstatushouder_needs_the_hours(draft):
    z = LearningRoute.objects.get(code="z")
    fairfield = Provider.objects.get(name="Fairfield")
    _update(draft, Theme.INBURGERING, route=z, provider=fairfield, target_level="zo_hoog_mogelijk")
    assert any("participatie-uren" in b for b in services.establish_blockers(draft, on=DAY))
    _update(draft, Theme.PARTICIPATIE, z_route_hours=800)
    assert services.establish_blockers(draft, on=DAY) == []


def test_req_o01_ontzorgen_is_for_asielstatushouders(world):
    migrant = InburgeraarFactory(
        gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.PIP, overige=True
    )
    version = services.pip_draft_start(inburgeraar=migrant, by=world.consultant)
    with pytest.raises(ValidationError) as error:
        _update(version, Theme.ONTZORGEN, ontzorgen=True)
    assert "alleen voor asielstatushouders" in error.value.message_dict["ontzorgen"][0]
    # A migrant need not answer the ontzorgen question at all.
    assert not any("ontzorgd" in b for b in services.establish_blockers(version, on=DAY))


@pytest.mark.parametrize(
    ("extended_until", "ok"),
    [
        # Six months from 31 January run to 30 July: that is no extension.
        (date(2026, 7, 30), False),
        (date(2026, 7, 31), True),
    ],
)
def test_req_o04_d12_ontzorgen_beyond_six_months_only_with_reason(draft, extended_until, ok):
    data = {
        "ontzorgen": True,
        "ontzorgen_starts_on": date(2026, 1, 31),
        "ontzorgen_extended_until": extended_until,
        "ontzorgen_extension_reason": "Schulden worden nog geregeld.",
    }
    if ok:
        _update(draft, Theme.ONTZORGEN, **data)
        draft.refresh_from_db()
        assert draft.ontzorgen_extended_until == extended_until
    else:
        with pytest.raises(ValidationError) as error:
            _update(draft, Theme.ONTZORGEN, **data)
        assert "standaardperiode" in error.value.message_dict["ontzorgen_extended_until"][0]


def test_req_o04_an_extension_needs_its_reason(draft):
    with pytest.raises(ValidationError) as error:
        _update(
            draft,
            Theme.ONTZORGEN,
            ontzorgen=True,
            ontzorgen_starts_on=date(2026, 1, 31),
            ontzorgen_extended_until=date(2026, 12, 31),
        )
    assert "ontzorgen_extension_reason" in error.value.message_dict


def test_req_p01_at_least_two_progress_talks_a_year(draft):
    with pytest.raises(ValidationError) as error:
        _update(draft, Theme.BEGELEIDING, talks_per_year=1)
    assert "minimaal 2" in error.value.message_dict["talks_per_year"][0]
    assert _update(draft, Theme.BEGELEIDING, talks_per_year=4) == ["talks_per_year"]


def test_req_l06_a2_in_the_b1_route_only_after_afschalen(draft, pip_case):
    with pytest.raises(ValidationError):
        _update(draft, Theme.INBURGERING, target_level="A2")
    _establish(draft)
    revision = _revise(pip_case, RevisionReason.AFSCHALEN, "600 lesuren gevolgd.")
    _update(revision, Theme.INBURGERING, target_level="A2")
    assert services.establish_blockers(revision, on=DAY) == []


def test_req_l06_schakelen_needs_another_route(draft, pip_case):
    _establish(draft)
    revision = _revise(pip_case, RevisionReason.ROUTE_SWITCH, "Gaat naar de Z-route.")
    assert any("andere leerroute" in b for b in services.establish_blockers(revision, on=DAY))


# --- REQ P-02: intake and leerbaarheidstoets first, or a recorded reason -----------------


@pytest.fixture
def intake_not_done():
    def check(inburgeraar):
        return [
            "De brede intake is nog niet afgerond.",
            "De uitslag van de leerbaarheidstoets is nog niet vastgelegd.",
        ]

    prerequisites.register_prerequisite(check)
    yield check
    prerequisites.unregister_prerequisite(check)


def test_req_p02_establishing_is_refused_while_prerequisites_are_missing(draft, intake_not_done):
    with pytest.raises(services.PrerequisitesMissing) as error:
        _establish(draft)
    assert error.value.missing == [
        "De brede intake is nog niet afgerond.",
        "De uitslag van de leerbaarheidstoets is nog niet vastgelegd.",
    ]
    assert "brede intake is nog niet afgerond" in error.value.message_dict["proceed_reason"][0]
    assert not Beschikking.objects.exists()


def test_req_p02_a_recorded_reason_lets_it_through_and_is_kept(draft, intake_not_done):
    beschikking = _establish(draft, proceed_reason="Toets vrijgesteld wegens visuele beperking.")
    version = beschikking.version
    assert version.proceed_reason == "Toets vrijgesteld wegens visuele beperking."
    assert len(version.missing_prerequisites) == 2


def test_req_p02_no_prerequisites_registered_means_nothing_missing(pip_case):
    assert prerequisites.missing_prerequisites(pip_case) == []


# --- REQ P-03, C-04, C-08: establishing -----------------------------------------------------


def test_req_p03_establishing_issues_a_beschikking_with_snapshot(draft, pip_case):
    beschikking = _establish(draft)
    assert beschikking.kenmerk == f"PIP-9001-2026-{draft.pip.pk:06d}-1"
    assert beschikking.dagtekening == DAY
    snapshot = beschikking.snapshot
    assert snapshot["addressee"]["name"] == "Yara Haddad"
    assert snapshot["gemeente"]["name"] == "Noorddorp"
    assert snapshot["term"] == {
        "first_day": "2026-03-03",
        "last_day": "2029-03-02",
        "extended": False,
        "started_by_earlier_decision": False,
    }
    assert snapshot["inburgering"]["route_name"] == "B1-route"
    # REQ D-15: printed last day to object, from the sending date (= dagtekening).
    assert snapshot["bezwaar"] == {
        "sent_on": "2026-03-02",
        "last_day": "2026-04-13",
        "address": pip_case.gemeente.objection_address,
    }
    assert beschikking.objection_last_day == date(2026, 4, 13)
    assert not beschikking.is_rendered  # the task renders after commit
    assert AuditEvent.objects.filter(action="pip_established", inburgeraar_id=pip_case.pk).exists()
    assert TimelineEvent.objects.filter(inburgeraar=pip_case, kind="pip_established").exists()


def test_req_c08_establishing_creates_a_duo_registration_task(draft):
    beschikking = _establish(draft)
    task = DuoRegistration.objects.get(version=beschikking.version)
    assert not task.is_done


def test_req_c04_first_establishment_moves_pip_to_inburgeringstermijn(draft, pip_case):
    _establish(draft)
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.INBURGERINGSTERMIJN
    change = StatusChange.objects.filter(inburgeraar=pip_case).first()
    assert (change.from_phase, change.to_phase) == (Phase.PIP, Phase.INBURGERINGSTERMIJN)
    assert "de inburgeringstermijn loopt van 3 maart 2026 tot en met 2 maart 2029" in change.reason


@pytest.mark.parametrize("start_phase", [Phase.BREDE_INTAKE, Phase.LEERBAARHEIDSTOETS])
def test_req_c04_from_intake_or_toets_the_case_goes_through_pip(draft, pip_case, start_phase):
    pip_case.phase = start_phase
    pip_case.save()
    _establish(draft)
    steps = list(
        StatusChange.objects.filter(inburgeraar=pip_case)
        .order_by("changed_at", "id")
        .values_list("from_phase", "to_phase")
    )[-2:]
    assert steps == [(start_phase, Phase.PIP), (Phase.PIP, Phase.INBURGERINGSTERMIJN)]


def test_req_c04_gekoppeld_is_refused(draft, pip_case):
    pip_case.phase = Phase.GEKOPPELD
    pip_case.save()
    with pytest.raises(ValidationError) as error:
        _establish(draft)
    assert "Gekoppeld" in error.value.messages[0]


def test_req_c04_a_case_already_in_the_term_keeps_its_phase(draft, pip_case):
    pip_case.phase = Phase.INBURGERINGSTERMIJN
    pip_case.save()
    before = StatusChange.objects.filter(inburgeraar=pip_case).count()
    _establish(draft)
    assert StatusChange.objects.filter(inburgeraar=pip_case).count() == before


def test_closed_cases_cannot_change_their_pip(draft, pip_case):
    inburgeraar_change_phase(
        inburgeraar=pip_case,
        to_phase=Phase.BEEINDIGD,
        closing_reason=ClosingReason.VERTROKKEN,
        by=pip_case.consultant,
    )
    with pytest.raises(ValidationError):
        _establish(draft)
    with pytest.raises(ValidationError):
        _update(draft, Theme.INBURGERING, intensity="x")


def test_the_dagtekening_cannot_be_in_the_future(draft):
    with pytest.raises(ValidationError) as error:
        _establish(draft, on=date(2026, 3, 3), today=DAY)
    assert "on" in error.value.message_dict


# --- REQ P-04 / D-06: versions and the term ---------------------------------------------


def test_req_p04_a_revision_copies_the_last_version_and_needs_a_reason(draft, pip_case):
    with pytest.raises(ValidationError):
        _revise(pip_case)  # a draft exists already
    _establish(draft)
    with pytest.raises(ValidationError):
        services.pip_draft_start(inburgeraar=pip_case, by=pip_case.consultant)  # 'eerste'
    revision = _revise(pip_case, RevisionReason.MOVE, "Verhuisd binnen de regio.")
    assert revision.number == 2
    assert revision.route_id == draft.route_id
    assert revision.provider_id == draft.provider_id
    assert revision.motivation == draft.motivation
    assert revision.reason_explanation == "Verhuisd binnen de regio."
    assert revision.dagtekening is None


def test_req_p04_an_established_version_never_changes(draft):
    _establish(draft)
    with pytest.raises(ValidationError):
        _update(draft, Theme.INBURGERING, intensity="anders")
    # Not even behind the service's back: the database refuses it.
    with pytest.raises(DatabaseError), transaction.atomic():
        PipVersion.objects.filter(pk=draft.pk).update(intensity="anders")
    assert PipVersion.objects.get(pk=draft.pk).intensity == draft.intensity


def test_req_p04_a_draft_can_be_discarded_and_a_new_one_started(draft, pip_case):
    _establish(draft)
    revision = _revise(pip_case)
    services.pip_draft_discard(version=revision, by=pip_case.consultant, reason="Per ongeluk")
    assert PipVersion.objects.get(pk=revision.pk).status == VersionStatus.DISCARDED
    again = _revise(pip_case)
    assert again.number == 3


def test_req_d06_the_term_survives_a_revision_unchanged(draft, pip_case):
    first = _establish(draft)
    revision = _revise(pip_case, RevisionReason.PROGRESS_TALK, "Meer lesuren.")
    _update(revision, Theme.INBURGERING, today=date(2026, 9, 1), intensity="4 dagdelen")
    second = _establish(revision, on=date(2026, 9, 1))
    assert second.snapshot["term"] == {
        "first_day": "2026-03-03",
        "last_day": "2029-03-02",
        "extended": False,
        "started_by_earlier_decision": True,
    }
    assert second.snapshot["previous"] == {"kenmerk": first.kenmerk, "dagtekening": "2026-03-02"}
    assert services.current_term(draft.pip) == (date(2026, 3, 3), date(2029, 3, 2))
    # The earlier version and its beschikking are untouched.
    first.refresh_from_db()
    assert first.snapshot["version"] == 1
    assert PipVersion.objects.get(pk=draft.pk).intensity == draft.intensity


def test_req_d06_a_revision_cannot_be_dated_before_the_previous_version(draft, pip_case):
    _establish(draft)
    revision = _revise(pip_case)
    with pytest.raises(ValidationError) as error:
        _establish(revision, on=date(2026, 3, 1), today=DAY)
    assert "vorige versie" in error.value.message_dict["on"][0]


def test_req_d06_leap_day_pip(draft):
    beschikking = _establish(draft, on=date(2024, 2, 29))
    assert beschikking.snapshot["term"]["first_day"] == "2024-03-01"
    assert beschikking.snapshot["term"]["last_day"] == "2027-02-28"
    assert services.current_term(draft.pip) == (date(2024, 3, 1), date(2027, 2, 28))


# --- REQ D-15: made known -------------------------------------------------------------------


def test_req_d15_recording_when_the_beschikking_was_made_known(draft):
    beschikking = _establish(draft)
    with pytest.raises(ValidationError):
        services.beschikking_record_made_known(
            beschikking=beschikking,
            made_known_on=date(2026, 3, 1),
            how="post",
            by=draft.created_by,
            today=DAY,
        )
    with pytest.raises(ValidationError):
        services.beschikking_record_made_known(
            beschikking=beschikking,
            made_known_on=date(2026, 3, 5),
            how="post",
            by=draft.created_by,
            today=date(2026, 3, 4),
        )
    services.beschikking_record_made_known(
        beschikking=beschikking,
        made_known_on=date(2026, 3, 3),
        how="post",
        by=draft.created_by,
        today=date(2026, 3, 4),
    )
    beschikking.refresh_from_db()
    assert beschikking.made_known_on == date(2026, 3, 3)
    # A correction keeps the history; the frozen letter does not change.
    services.beschikking_record_made_known(
        beschikking=beschikking,
        made_known_on=date(2026, 3, 4),
        how="uitgereikt",
        by=draft.created_by,
        today=date(2026, 3, 4),
    )
    history = FieldChange.objects.get(
        object_type="beschikking", field="made_known_on", old_value="2026-03-03"
    )
    assert history.new_value == "2026-03-04"
    beschikking.refresh_from_db()
    assert beschikking.snapshot["bezwaar"]["last_day"] == "2026-04-13"


def test_the_snapshot_of_an_issued_beschikking_cannot_be_changed_in_the_database(draft):
    beschikking = _establish(draft)
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).update(snapshot={"forged": True})
    with pytest.raises(DatabaseError), transaction.atomic():
        Beschikking.objects.filter(pk=beschikking.pk).update(kenmerk="X")
    # The made-known fields may be recorded.
    Beschikking.objects.filter(pk=beschikking.pk).update(made_known_on=DAY)


# --- REQ P-06 / D-08: progress talks --------------------------------------------------------


def _talk(pip, held_on, today=None, **kwargs):
    kwargs.setdefault("attendees", [Attendee.INBURGERAAR, Attendee.CONSULTANT])
    kwargs.setdefault("findings", "Gaat goed; komt op tijd bij de lessen.")
    return services.progress_talk_record(
        pip=pip,
        held_on=held_on,
        by=pip.inburgeraar.consultant,
        today=today or held_on,
        **kwargs,
    )


def test_req_p06_talks_belong_to_an_established_pip(draft):
    with pytest.raises(ValidationError):
        _talk(draft.pip, DAY)
    _establish(draft)
    with pytest.raises(ValidationError) as error:
        _talk(draft.pip, date(2026, 3, 1), today=DAY)
    assert "held_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _talk(draft.pip, date(2026, 3, 10), today=date(2026, 3, 9))
    assert "achteraf" in error.value.message_dict["held_on"][0]
    talk = _talk(draft.pip, DAY)  # on the day itself
    assert not talk.is_three_way


def test_req_p06_a_three_way_talk_with_the_provider(draft):
    _establish(draft)
    talk = _talk(
        draft.pip,
        date(2026, 6, 1),
        attendees=[Attendee.INBURGERAAR, Attendee.CONSULTANT, Attendee.PROVIDER],
    )
    assert talk.is_three_way
    assert talk.attendee_labels == ["Inburgeraar", "Integratieconsulent", "Taalaanbieder"]
    with pytest.raises(ValidationError) as error:
        _talk(draft.pip, date(2026, 6, 1), attendees=[Attendee.OTHER])
    assert "attendees_other" in error.value.message_dict


def test_req_p06_revision_needed_starts_a_new_draft(draft, pip_case):
    _establish(draft)
    talk = _talk(
        draft.pip,
        date(2026, 8, 31),
        revision_needed=True,
        revision_reason="Meer lesuren nodig om B1 te halen.",
    )
    revision = PipVersion.objects.get(pip=draft.pip, status=VersionStatus.DRAFT)
    assert revision.number == 2
    assert revision.reason == RevisionReason.PROGRESS_TALK
    assert revision.progress_talk == talk
    assert revision.reason_explanation == "Meer lesuren nodig om B1 te halen."
    # A second talk that asks for revision joins the same draft.
    _talk(draft.pip, date(2026, 9, 1), revision_needed=True, revision_reason="Ook MAP later.")
    assert PipVersion.objects.filter(pip=draft.pip, status=VersionStatus.DRAFT).count() == 1


def test_req_p06_revision_needed_needs_what_must_change(draft):
    _establish(draft)
    with pytest.raises(ValidationError) as error:
        _talk(draft.pip, date(2026, 6, 1), revision_needed=True)
    assert "revision_reason" in error.value.message_dict


# --- REQ D-07: extensions -------------------------------------------------------------------


def _request(pip, requested_on, today=None, **kwargs):
    return services.term_extension_record_request(
        pip=pip,
        initiative=kwargs.pop("initiative", ExtensionInitiative.REQUEST),
        ground=kwargs.pop("ground", ExtensionGround.EFFORT),
        requested_on=requested_on,
        by=pip.inburgeraar.consultant,
        today=today or requested_on,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("requested_on", "ok"),
    [
        # Last day 2 March 2029: requests from 2 September 2028.
        (date(2028, 9, 1), False),
        (date(2028, 9, 2), True),
        (date(2029, 3, 2), True),
        (date(2029, 3, 3), False),
    ],
)
def test_req_d07_request_window(draft, requested_on, ok):
    _establish(draft)
    if ok:
        assert _request(draft.pip, requested_on).status == ExtensionStatus.REQUESTED
    else:
        with pytest.raises(ValidationError) as error:
            _request(draft.pip, requested_on)
        assert "requested_on" in error.value.message_dict


def test_req_d07_one_open_request_and_duos_decision_moves_the_last_day(draft, pip_case):
    _establish(draft)
    extension = _request(draft.pip, date(2028, 12, 1))
    with pytest.raises(ValidationError):
        _request(draft.pip, date(2028, 12, 2))
    with pytest.raises(ValidationError) as error:
        services.term_extension_decide(
            extension=extension,
            status=ExtensionStatus.GRANTED,
            decided_on=date(2029, 1, 20),
            by=pip_case.consultant,
            today=date(2029, 1, 20),
        )
    assert "months" in error.value.message_dict
    services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.GRANTED,
        decided_on=date(2029, 1, 20),
        months=6,
        duo_reference="DUO-123",
        by=pip_case.consultant,
        today=date(2029, 1, 20),
    )
    assert services.current_term(draft.pip) == (date(2026, 3, 3), date(2029, 9, 2))
    with pytest.raises(ValidationError):
        services.term_extension_decide(
            extension=extension,
            status=ExtensionStatus.REFUSED,
            decided_on=date(2029, 1, 21),
            by=pip_case.consultant,
            today=date(2029, 1, 21),
        )


def test_req_d07_a_date_stated_by_duo_must_lie_after_the_current_last_day(draft, pip_case):
    _establish(draft)
    extension = _request(draft.pip, None, initiative=ExtensionInitiative.OWN_ACCORD, today=DAY)
    kwargs = {
        "extension": extension,
        "status": ExtensionStatus.GRANTED,
        "decided_on": DAY,
        "months": 6,
        "by": pip_case.consultant,
        "today": DAY,
    }
    with pytest.raises(ValidationError) as error:
        services.term_extension_decide(new_last_day=date(2029, 3, 2), **kwargs)
    assert "new_last_day" in error.value.message_dict
    services.term_extension_decide(new_last_day=date(2029, 10, 1), **kwargs)
    assert services.current_term(draft.pip)[1] == date(2029, 10, 1)


def test_req_d07_a_refusal_keeps_the_term(draft, pip_case):
    _establish(draft)
    extension = _request(draft.pip, date(2028, 12, 1))
    services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.REFUSED,
        decided_on=date(2029, 1, 20),
        by=pip_case.consultant,
        today=date(2029, 1, 20),
    )
    assert services.current_term(draft.pip)[1] == date(2029, 3, 2)


# --- REQ C-08: the DUO registration task ---------------------------------------------------------


def test_req_c08_done_with_a_date_and_a_name(draft, world):
    beschikking = _establish(draft)
    task = beschikking.version.duo_registration
    with pytest.raises(ValidationError):
        services.duo_registration_done(
            registration=task, done_on=date(2026, 3, 1), by=world.administratie, today=DAY
        )
    with pytest.raises(ValidationError):
        services.duo_registration_done(
            registration=task, done_on=date(2026, 3, 3), by=world.administratie, today=DAY
        )
    services.duo_registration_done(
        registration=task, done_on=DAY, by=world.administratie, note="Portaal", today=DAY
    )
    task.refresh_from_db()
    assert (task.done_on, task.done_by, task.note) == (DAY, world.administratie, "Portaal")
    with pytest.raises(ValidationError):
        services.duo_registration_done(
            registration=task, done_on=DAY, by=world.administratie, today=DAY
        )
    assert AuditEvent.objects.filter(action="duo_registration_done").count() == 1


def test_req_c08_every_established_version_gets_its_own_task(draft, pip_case):
    _establish(draft)
    revision = _revise(pip_case)
    _establish(revision)
    assert DuoRegistration.objects.filter(version__pip=draft.pip).count() == 2
