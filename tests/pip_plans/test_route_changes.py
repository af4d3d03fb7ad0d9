"""The PIP and the leerroute together (REQ L-04, L-06, P-04): establishing puts the route on
the DLP worklist; schakelen and afschalen open a draft PIP version."""

from datetime import date, timedelta

import pytest

from learning_routes import services as routes
from learning_routes.constants import EnrolmentStatus
from learning_routes.models import Enrolment, LearningRoute, Provider
from pip_plans import services
from pip_plans.constants import RevisionReason, TargetLevel, VersionStatus
from pip_plans.models import PipVersion

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)


@pytest.fixture
def established(draft, world):
    services.pip_establish(version=draft, by=draft.created_by, on=DAY, today=DAY)
    draft.refresh_from_db()
    return draft


def test_establishing_the_pip_puts_its_route_on_the_dlp_worklist(established):
    # REQ L-04
    enrolment = Enrolment.objects.get(inburgeraar=established.pip.inburgeraar)
    assert (enrolment.route, enrolment.provider) == (established.route, established.provider)
    assert enrolment.status == EnrolmentStatus.TO_REGISTER
    assert enrolment.requested_on == DAY


def _started(established, world, hours):
    enrolment = Enrolment.objects.get(inburgeraar=established.pip.inburgeraar)
    enrolment = routes.enrolment_register_dlp(
        enrolment=enrolment, on=DAY + timedelta(days=5), by=world.administratie
    )
    enrolment = routes.enrolment_start(
        enrolment=enrolment, on=DAY + timedelta(days=20), by=world.consultant
    )
    routes.progress_report_record(
        enrolment=enrolment,
        data={
            "reported_on": DAY + timedelta(days=300),
            "period_start": DAY + timedelta(days=20),
            "period_end": DAY + timedelta(days=290),
            "hours_scheduled": hours,
            "hours_attended": hours,
        },
        by=world.consultant,
    )
    return enrolment


def test_afschalen_opens_a_draft_pip_version_at_a2(established, world):
    # REQ L-06, P-04
    assert established.route.code == "b1"
    enrolment = _started(established, world, hours=620)
    routes.enrolment_afschalen(
        enrolment=enrolment,
        ground="B1 niet haalbaar",
        on=DAY + timedelta(days=300),
        by=world.consultant,
    )
    draft = PipVersion.objects.get(pip=established.pip, status=VersionStatus.DRAFT)
    assert draft.number == 2
    assert draft.reason == RevisionReason.AFSCHALEN
    assert draft.target_level == TargetLevel.A2
    # Version 1 is unchanged.
    assert PipVersion.objects.get(pk=established.pk).target_level == established.target_level


def test_schakelen_opens_a_draft_pip_version_with_the_new_route(established, world):
    # REQ L-06, P-04
    enrolment = _started(established, world, hours=100)
    z = LearningRoute.objects.get(code="z")
    ivio = Provider.objects.get(name="IVIO")
    routes.enrolment_schakelen(
        enrolment=enrolment,
        to_route=z,
        provider=ivio,
        ground="A2 niet haalbaar",
        on=DAY + timedelta(days=300),
        by=world.consultant,
    )
    draft = PipVersion.objects.get(pip=established.pip, status=VersionStatus.DRAFT)
    assert draft.reason == RevisionReason.ROUTE_SWITCH
    assert (draft.route, draft.provider) == (z, ivio)
    assert "A2 niet haalbaar" in draft.reason_explanation


def test_the_revision_opened_by_a_route_change_keeps_its_audit_and_field_history(
    established, world
):
    # REQ L-06, P-04: the hook changes the draft through the kit, like any other write.
    from cases.models import AuditEvent, FieldChange

    enrolment = _started(established, world, hours=100)
    z = LearningRoute.objects.get(code="z")
    ivio = Provider.objects.get(name="IVIO")
    routes.enrolment_schakelen(
        enrolment=enrolment,
        to_route=z,
        provider=ivio,
        ground="A2 niet haalbaar",
        on=DAY + timedelta(days=300),
        by=world.consultant,
    )
    draft = PipVersion.objects.get(pip=established.pip, status=VersionStatus.DRAFT)
    event = AuditEvent.objects.get(action="pip_draft_updated", object_id=str(draft.pk))
    assert (event.actor, event.inburgeraar_id) == (world.consultant, draft.pip.inburgeraar_id)
    history = {
        change.field: (change.old_value, change.new_value)
        for change in FieldChange.objects.filter(object_type="pipversion", object_id=draft.pk)
    }
    assert history["route"] == (str(established.route), str(z))
    assert history["provider"] == (str(established.provider), str(ivio))


def test_a_route_change_amends_the_open_draft_with_history_and_a_timeline_event(established, world):
    # REQ L-06, P-04: one draft at a time; the route change adds to it.
    from cases.models import FieldChange, TimelineEvent

    open_draft = services.pip_draft_start(
        inburgeraar=established.pip.inburgeraar,
        by=world.consultant,
        reason=RevisionReason.MOVE,
        explanation="Verhuisd binnen de regio.",
    )
    enrolment = _started(established, world, hours=620)
    routes.enrolment_afschalen(
        enrolment=enrolment,
        ground="B1 niet haalbaar",
        on=DAY + timedelta(days=300),
        by=world.consultant,
    )
    draft = PipVersion.objects.get(pip=established.pip, status=VersionStatus.DRAFT)
    assert draft.pk == open_draft.pk
    assert draft.target_level == TargetLevel.A2
    assert draft.reason_explanation.startswith("Verhuisd binnen de regio.\n")
    assert draft.reason_explanation.endswith("B1 niet haalbaar")
    history = FieldChange.objects.filter(object_type="pipversion", object_id=draft.pk)
    assert {"target_level", "reason_explanation"} <= set(history.values_list("field", flat=True))
    amended = TimelineEvent.objects.filter(
        inburgeraar=established.pip.inburgeraar, summary__contains="aangepast"
    ).get()
    assert (amended.kind, amended.summary) == (
        "pip_draft_started",
        "PIP-concept versie 2 aangepast: Afschalen van B1 naar A2.",
    )
