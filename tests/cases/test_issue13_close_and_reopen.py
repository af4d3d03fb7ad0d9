"""Issue 13, item 4: closing a case asks for confirmation, and the functioneel beheerder can
reopen a case closed in error (audited; the closing stays in the history)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases import services
from cases.constants import ClosingReason, Phase
from cases.models import AuditEvent, FieldChange, StatusChange

pytestmark = pytest.mark.django_db


def _close(case, by):
    return services.inburgeraar_change_phase(
        inburgeraar=case,
        to_phase=Phase.VERHUISD,
        closing_reason=ClosingReason.VERHUISD,
        by=by,
    )


def test_issue13_closing_through_the_screen_needs_confirmation(client, world):
    case = world.own_case
    client.force_login(world.consultant)
    url = reverse("cases:phase", kwargs={"public_id": case.public_id})
    data = {"to_phase": Phase.VERHUISD, "closing_reason": ClosingReason.VERHUISD}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Bevestig dat u het dossier wilt sluiten" in response.content.decode()
    case.refresh_from_db()
    assert case.phase == Phase.GEKOPPELD
    response = client.post(url, {**data, "confirm_close": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.phase == Phase.VERHUISD


def test_issue13_the_beheerder_reopens_a_closed_case_to_its_earlier_phase(world):
    case = world.own_case
    _close(case, world.consultant)
    with pytest.raises(PermissionDenied):
        services.inburgeraar_reopen(inburgeraar=case, by=world.teamleider, reason="Fout")
    with pytest.raises(ValidationError):
        services.inburgeraar_reopen(inburgeraar=case, by=world.beheerder, reason=" ")
    services.inburgeraar_reopen(
        inburgeraar=case, by=world.beheerder, reason="Verkeerd dossier gesloten"
    )
    case.refresh_from_db()
    assert case.phase == Phase.GEKOPPELD and case.closed_on is None and not case.closing_reason
    last = StatusChange.objects.filter(inburgeraar=case).order_by("-changed_at", "-id").first()
    assert (last.from_phase, last.to_phase) == (Phase.VERHUISD, Phase.GEKOPPELD)
    assert AuditEvent.objects.filter(action="case_reopened", actor=world.beheerder).count() == 1
    assert FieldChange.objects.filter(field="closing_reason", old_value="verhuisd").exists()
    with pytest.raises(ValidationError, match="niet gesloten"):
        services.inburgeraar_reopen(inburgeraar=case, by=world.beheerder, reason="Nogmaals")


def test_issue13_the_reopen_screen_is_for_the_beheerder_only(client, world):
    case = world.own_case
    _close(case, world.consultant)
    url = reverse("privacy:reopen", kwargs={"public_id": case.public_id})
    client.force_login(world.teamleider)  # sees the case, but has no right to reopen
    assert client.get(url).status_code == 403
    client.force_login(world.consultant)  # no privacy scope: 404
    assert client.get(url).status_code == 404
    client.force_login(world.beheerder)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Verkeerd dossier gesloten"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert not case.is_closed
    # An open case has nothing to reopen.
    assert client.get(url).status_code == 404
