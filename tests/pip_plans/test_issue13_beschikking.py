"""Issue 13, items 3 and 4: four eyes on beschikkingen, the plausibility of the letter's dates,
and herroepen en vervangen (the old beschikking stays, marked withdrawn; the term does not
restart, Wi 11 lid 3; the bezwaartermijn follows the replacement, REQ D-15)."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cases.constants import Phase, Role
from cases.models import AuditEvent, FieldChange
from pip_plans import services
from pip_plans.constants import RevisionReason, VersionStatus
from pip_plans.facts import pip_facts
from pip_plans.models import Beschikking, PipVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def four_eyes(pip_case):
    gemeente = pip_case.gemeente
    gemeente.beschikking_four_eyes = True
    gemeente.save(update_fields=["beschikking_four_eyes"])
    return gemeente


def _submit(version, today=DAY, **kwargs):
    return services.pip_submit_for_approval(
        version=version, by=version.created_by, today=today, **kwargs
    )


def _text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).replace(
        "\n", " "
    )


# --- four eyes ---------------------------------------------------------------------------


def test_issue13_four_eyes_establishing_waits_for_approval_and_issues_nothing(
    draft, four_eyes, pip_case
):
    with pytest.raises(ValidationError, match="pas gemaakt na goedkeuring"):
        services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY)
    _submit(draft, planned_made_known_on=date(2026, 3, 3))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AWAITING_APPROVAL
    assert draft.submitted_by == pip_case.consultant
    assert draft.requested_made_known_on == date(2026, 3, 3)
    assert not Beschikking.objects.exists()
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.PIP  # the term starts only with the beschikking
    assert AuditEvent.objects.filter(action="pip_submitted_for_approval").count() == 1


def test_issue13_the_team_lead_approves_and_the_letter_prints_approver_and_time(
    draft, four_eyes, pip_case, world, settings, tmp_path
):
    _submit(draft, planned_made_known_on=date(2026, 3, 3))
    beschikking = services.pip_approve(
        version=draft, by=world.teamleider, today=date(2026, 3, 3), render=False
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.ESTABLISHED
    assert draft.established_by == pip_case.consultant
    assert draft.approved_by == world.teamleider and draft.approved_at is not None
    assert beschikking.dagtekening == date(2026, 3, 3)  # the day of the approval
    signature = beschikking.snapshot["signature"]
    assert signature["approved_by"] == str(world.teamleider)
    assert signature["approved_on"] == "2026-03-03"
    pip_case.refresh_from_db()
    assert pip_case.phase == Phase.INBURGERINGSTERMIJN
    text = _text(services.beschikking_pdf_bytes(beschikking))
    assert f"Goedgekeurd door {world.teamleider} op 3 maart 2026 om" in text
    assert AuditEvent.objects.filter(action="pip_approved").count() == 1


def test_issue13_the_submitter_cannot_approve_and_a_consultant_needs_the_mandate(
    draft, four_eyes, world
):
    _submit(draft)
    with pytest.raises(ValidationError, match="geen mandaat"):
        services.pip_approve(version=draft, by=world.colleague, today=DAY, render=False)
    submitter_with_mandate = draft.created_by
    submitter_with_mandate.beschikking_mandate = True
    submitter_with_mandate.save()
    with pytest.raises(ValidationError, match="Vier ogen"):
        services.pip_approve(version=draft, by=submitter_with_mandate, today=DAY, render=False)
    # Another consultant with the mandate may approve.
    world.colleague.beschikking_mandate = True
    world.colleague.save()
    services.pip_approve(version=draft, by=world.colleague, today=DAY, render=False)
    draft.refresh_from_db()
    assert draft.approved_by == world.colleague


def test_issue13_sending_back_makes_it_a_draft_again_with_the_reason_kept(draft, four_eyes, world):
    _submit(draft)
    services.pip_approval_refuse(version=draft, by=world.teamleider, reason="Motivering te kort")
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and draft.submitted_by is None
    assert FieldChange.objects.filter(field="status", old_value="ter_goedkeuring").exists()
    assert AuditEvent.objects.filter(action="pip_approval_refused").count() == 1


def test_issue13_the_approval_queue_keeps_its_query_count_as_rows_grow(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.factories import InburgeraarFactory, PipVersionFactory

    def add(n):
        for _ in range(n):
            case = InburgeraarFactory(
                gemeente=world.noorddorp, consultant=world.consultant, phase=Phase.PIP
            )
            PipVersionFactory(
                pip__inburgeraar=case,
                status=VersionStatus.AWAITING_APPROVAL,
                submitted_by=world.consultant,
                submitted_at=timezone.now(),
            )

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("pip_plans:approval-queue"))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["rows"])

    client.force_login(world.teamleider)
    add(2)
    queries()  # warm-up
    small, rows = queries()
    assert rows == 2
    add(12)
    large, rows = queries()
    assert rows == 14
    assert large == small


def test_issue13_the_approval_queue_lists_only_the_team_leads_scope(
    client, draft, four_eyes, world
):
    _submit(draft)
    client.force_login(world.teamleider)
    response = client.get(reverse("pip_plans:approval-queue"))
    assert response.status_code == 200
    assert draft.pip.inburgeraar.sort_name in response.content.decode()
    client.force_login(world.teamleider_zuid)
    response = client.get(reverse("pip_plans:approval-queue"))
    assert draft.pip.inburgeraar.sort_name not in response.content.decode()
    # A consultant without the mandate: 403, audited as denied.
    client.force_login(world.consultant)
    assert client.get(reverse("pip_plans:approval-queue")).status_code == 403
    assert AuditEvent.objects.filter(result="denied", actor=world.consultant).exists()


# --- plausibility of the letter's dates ----------------------------------------------------


def test_issue13_a_dispatch_date_beyond_60_days_is_refused(draft):
    """The issue's case: 1 June 2027 typed for 1 June 2026."""
    with pytest.raises(ValidationError) as error:
        services.pip_establish(
            version=draft,
            by=draft.created_by,
            on=date(2026, 6, 1),
            planned_made_known_on=date(2027, 6, 1),
            today=date(2026, 6, 1),
            dates_confirmed=True,
        )
    assert "planned_made_known_on" in error.value.error_dict
    assert not Beschikking.objects.exists()


def test_issue13_a_dispatch_date_beyond_14_days_needs_confirmation(draft):
    kwargs = {
        "version": draft,
        "by": draft.created_by,
        "on": DAY,
        "planned_made_known_on": date(2026, 3, 20),  # 18 days
        "today": DAY,
        "render": False,
    }
    with pytest.raises(ValidationError, match="Controleer de datum"):
        services.pip_establish(**kwargs)
    beschikking = services.pip_establish(**kwargs, dates_confirmed=True)
    assert beschikking.planned_made_known_on == date(2026, 3, 20)


def test_issue13_the_window_is_configurable(draft, settings):
    settings.HBEL_BESCHIKKING_DATE_WARN_DAYS = 2
    with pytest.raises(ValidationError, match="Controleer de datum"):
        services.pip_establish(
            version=draft,
            by=draft.created_by,
            on=DAY,
            planned_made_known_on=date(2026, 3, 5),
            today=DAY,
        )


def test_issue13_the_preview_shows_the_plausibility_of_a_typed_date(client, draft, world):
    client.force_login(world.consultant)
    url = reverse(
        "pip_plans:preview", kwargs={"public_id": draft.pip.inburgeraar.public_id, "number": 1}
    )
    from django.utils import timezone

    far = timezone.localdate().replace(year=timezone.localdate().year + 1)
    page = client.get(url, {"verzenddatum": far.isoformat()}).content.decode()
    assert "Niet mogelijk" in page and "dat kan niet kloppen" in page
    # Anything unreadable falls back to today; never a 500.
    for value in ("2026-02-31", "0001-01-01", "9999-12-31", "-1", "99999"):
        assert client.get(url, {"verzenddatum": value}).status_code == 200


# --- herroepen en vervangen ----------------------------------------------------------------


def _replace(version, explanation="Verkeerde verzenddatum"):
    return services.pip_replacement_start(
        version=version, by=version.created_by, explanation=explanation
    )


def test_issue13_withdraw_and_replace_keeps_the_old_one_and_the_term(draft, pip_case):
    old = services.pip_establish(
        version=draft, by=draft.created_by, on=DAY, today=DAY, render=False
    )
    services.beschikking_record_made_known(
        beschikking=old, made_known_on=DAY, how="post", by=draft.created_by, today=DAY
    )
    before = pip_facts([pip_case.pk])[pip_case.pk]
    replacement = _replace(draft)
    assert replacement.reason == RevisionReason.REPLACEMENT
    assert replacement.replaces_id == draft.pk
    assert replacement.route_id == draft.route_id  # copied
    later = date(2026, 3, 10)
    new = services.pip_establish(
        version=replacement, by=draft.created_by, on=later, today=later, render=False
    )
    old.refresh_from_db()
    assert old.is_withdrawn and old.replaced_by == new
    assert old.withdrawal_reason == "Verkeerde verzenddatum"
    assert old.snapshot["kenmerk"] == old.kenmerk  # stored as issued
    # Both PDFs stay downloadable; the new letter says what it replaces.
    assert services.beschikking_pdf_bytes(old).startswith(b"%PDF")
    text = _text(services.beschikking_pdf_bytes(new))
    assert f"vervangt ons besluit van 2 maart 2026 met kenmerk {old.kenmerk}" in text
    after = pip_facts([pip_case.pk])[pip_case.pk]
    # Wi 11 lid 3: the term does not restart.
    assert after["term_first_day"] == before["term_first_day"] == date(2026, 3, 3)
    assert after["term_last_day"] == before["term_last_day"]
    # REQ D-15: the withdrawn one drops out of the bezwaartermijnen; the new one not yet known.
    assert before["beschikkingen_made_known_on"] == (DAY,)
    assert after["beschikkingen_made_known_on"] == ()
    services.beschikking_record_made_known(
        beschikking=new, made_known_on=later, how="post", by=draft.created_by, today=later
    )
    assert pip_facts([pip_case.pk])[pip_case.pk]["beschikkingen_made_known_on"] == (later,)
    assert AuditEvent.objects.filter(action="beschikking_withdrawn").count() == 1


def test_issue13_only_the_beschikking_in_force_can_be_replaced(draft, pip_case):
    services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY, render=False)
    with pytest.raises(ValidationError, match="onjuist"):
        _replace(draft, explanation=" ")
    replacement = _replace(draft)
    with pytest.raises(ValidationError, match="al een concept"):
        _replace(draft)
    services.pip_establish(
        version=replacement, by=draft.created_by, on=DAY, today=DAY, render=False
    )
    draft.refresh_from_db()
    with pytest.raises(ValidationError, match="al herroepen"):
        _replace(PipVersion.objects.get(pk=draft.pk))


def test_issue13_replacement_under_four_eyes_withdraws_on_approval(draft, pip_case, world):
    old = services.pip_establish(
        version=draft, by=draft.created_by, on=DAY, today=DAY, render=False
    )
    gemeente = pip_case.gemeente
    gemeente.beschikking_four_eyes = True
    gemeente.save()
    replacement = _replace(draft)
    _submit(replacement)
    old.refresh_from_db()
    assert not old.is_withdrawn  # still in force until approved
    new = services.pip_approve(version=replacement, by=world.teamleider, today=DAY, render=False)
    old.refresh_from_db()
    assert old.replaced_by == new


def test_issue13_a_mandated_user_is_a_team_lead_or_has_the_mandate(world):
    assert services.may_approve(world.teamleider)
    assert not services.may_approve(world.consultant)
    assert services.may_approve(UserFactory(role=Role.CONSULTANT, beschikking_mandate=True))


def test_issue13_the_retention_purge_removes_a_replaced_beschikking_with_its_case(
    draft, pip_case, world
):
    """The replacement links (RESTRICT) do not block deleting the whole case."""
    from cases import retention
    from cases.constants import ClosingReason
    from cases.services import inburgeraar_change_phase

    services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY, render=False)
    replacement = _replace(draft)
    services.pip_establish(
        version=replacement, by=draft.created_by, on=DAY, today=DAY, render=False
    )
    inburgeraar_change_phase(
        inburgeraar=pip_case,
        to_phase=Phase.AFGEROND,
        closing_reason=ClosingReason.INBURGERINGSPLICHT_VOLDAAN,
        by=world.consultant,
        today=date(2020, 1, 1),
    )
    retention.purge_expired_cases(today=date(2031, 1, 2))
    assert not Beschikking.objects.exists() and not PipVersion.objects.exists()


def test_issue13_the_approve_page_is_403_without_the_mandate_and_audited(
    client, draft, four_eyes, world
):
    _submit(draft)
    url = reverse(
        "pip_plans:approve",
        kwargs={"public_id": draft.pip.inburgeraar.public_id, "number": draft.number},
    )
    client.force_login(world.consultant)  # sees the case, has no mandate
    assert client.post(url, {"planned_made_known_on": DAY.isoformat()}).status_code == 403
    assert AuditEvent.objects.filter(result="denied", actor=world.consultant).exists()
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AWAITING_APPROVAL
    client.force_login(world.teamleider)
    assert client.get(url).status_code == 200
