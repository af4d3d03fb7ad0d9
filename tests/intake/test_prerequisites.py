"""REQ P-02: a first PIP is established only after the brede intake and the leerbaarheidstoets
(or with a recorded reason); the intake app registers both checks with pip_plans."""

from datetime import date, timedelta

import pytest

from intake import prerequisites
from pip_plans import services
from pip_plans.prerequisites import missing_prerequisites
from tests.intake.factories import BredeIntakeFactory, LeerbaarheidstoetsFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)
NOT_STARTED = "De brede intake is nog niet gestart."
NOT_COMPLETED = "De brede intake is nog niet afgerond."
NO_RESULT = "De leerbaarheidstoets heeft nog geen uitslag en er is geen ontheffing."


@pytest.fixture
def bare_case(pip_case):
    """The PIP case without its intake and toets."""
    pip_case.brede_intake.delete()
    pip_case.leerbaarheidstoets.delete()
    return pip_case


def test_req_p02_both_checks_are_registered_with_the_pip(bare_case):
    assert missing_prerequisites(bare_case) == [NOT_STARTED, NO_RESULT]


def test_req_p02_an_intake_in_progress_and_a_toets_taken_without_result(bare_case):
    BredeIntakeFactory(inburgeraar=bare_case)
    toets = LeerbaarheidstoetsFactory(inburgeraar=bare_case)
    toets.taken_on = DAY - timedelta(days=3)
    toets.save()
    assert prerequisites.intake_completed(bare_case) == [NOT_COMPLETED]
    assert prerequisites.toets_resolved(bare_case) == [NO_RESULT]


def test_req_p02_an_exemption_resolves_the_toets(bare_case):
    LeerbaarheidstoetsFactory(
        inburgeraar=bare_case, exempted_on=DAY - timedelta(days=10), exemption_ground="visueel"
    )
    assert prerequisites.toets_resolved(bare_case) == []


def test_req_p02_a_negative_result_is_a_result(bare_case):
    LeerbaarheidstoetsFactory(
        inburgeraar=bare_case, taken_on=DAY, result_on=DAY, b1_reachable=False, score=20
    )
    assert prerequisites.toets_resolved(bare_case) == []


def test_req_p02_establishing_without_intake_is_refused_then_allowed_with_a_reason(
    bare_case, draft
):
    with pytest.raises(services.PrerequisitesMissing) as error:
        services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY, render=False)
    assert error.value.missing == [NOT_STARTED, NO_RESULT]
    beschikking = services.pip_establish(
        version=draft,
        by=draft.created_by,
        on=DAY,
        today=DAY,
        render=False,
        proceed_reason="Inburgeraar vertrekt naar een andere gemeente; route moet nu vast.",
    )
    draft.refresh_from_db()
    assert draft.missing_prerequisites == [NOT_STARTED, NO_RESULT]
    assert beschikking.version_id == draft.pk


def test_req_p02_a_done_intake_and_toets_need_no_reason(draft):
    services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY, render=False)
    draft.refresh_from_db()
    assert draft.missing_prerequisites == []
