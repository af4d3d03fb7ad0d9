"""One last day of the inburgeringstermijn on every screen (REQ D-06, D-07; issue 11 item 7).

A PIP with dagtekening 2 March 2026 and an extension of 6 months that DUO granted with a new
last day of 1 October 2029 in its decision: DUO's date is the last day (REQ D-06: "when DUO
states the last day … that date is the last day"; REQ D-07: never recomputed). The PIP page,
the deadline panel on the case page, the team lead's case list drilled down from the
dashboard and the beschikking snapshot all show 1 October 2029, not the computed
2 September 2029.
"""

from datetime import date

import pytest
from django.urls import reverse

from cases.dates import format_date
from cases.deadlines.services import deadlines_recompute
from pip_plans import services
from pip_plans.constants import (
    Attendee,
    ExtensionGround,
    ExtensionInitiative,
    ExtensionStatus,
    VersionStatus,
)
from pip_plans.models import Beschikking
from pip_plans.term import facts_term_last_day, term_last_day

pytestmark = pytest.mark.django_db

DAGTEKENING = date(2026, 3, 2)
DUO_LAST_DAY = date(2029, 10, 1)
COMPUTED_LAST_DAY = date(2029, 9, 2)  # dagtekening + 3 years + 6 months: not what DUO said


@pytest.fixture
def extended_case(draft, pip_case):
    services.pip_establish(
        version=draft, by=pip_case.consultant, on=DAGTEKENING, today=DAGTEKENING, render=False
    )
    extension = services.term_extension_record_request(
        pip=draft.pip,
        initiative=ExtensionInitiative.REQUEST,
        ground=ExtensionGround.NOT_TO_BLAME,
        requested_on=date(2028, 10, 1),
        by=pip_case.consultant,
        today=date(2028, 10, 1),
    )
    services.term_extension_decide(
        extension=extension,
        status=ExtensionStatus.GRANTED,
        decided_on=date(2028, 11, 20),
        months=6,
        new_last_day=DUO_LAST_DAY,
        by=pip_case.consultant,
        today=date(2028, 11, 20),
    )
    # A progress talk asks for a revision; its beschikking states the term again (REQ D-06).
    services.progress_talk_record(
        pip=draft.pip,
        held_on=date(2028, 11, 25),
        attendees=[Attendee.INBURGERAAR, Attendee.CONSULTANT],
        findings="Voortgang besproken.",
        revision_needed=True,
        revision_reason="Afspraken bijstellen na de verlenging.",
        by=pip_case.consultant,
        today=date(2028, 11, 25),
    )
    revision = draft.pip.versions.get(status=VersionStatus.DRAFT)
    services.pip_establish(
        version=revision,
        by=pip_case.consultant,
        on=date(2028, 12, 1),
        today=date(2028, 12, 1),
        render=False,
    )
    deadlines_recompute(inburgeraar_ids=[pip_case.pk])
    return pip_case


def test_D06_D07_the_term_function_honours_the_last_day_duo_stated():
    from cases.deadlines.engine import Facts

    assert term_last_day(DAGTEKENING, extension_months=6) == COMPUTED_LAST_DAY
    assert (
        term_last_day(DAGTEKENING, extension_months=6, extended_until=DUO_LAST_DAY) == DUO_LAST_DAY
    )
    facts = Facts(
        pip_established_on=DAGTEKENING, term_extension_months=6, term_ends_on=DUO_LAST_DAY
    )
    assert facts_term_last_day(facts) == DUO_LAST_DAY
    assert facts_term_last_day(Facts()) is None


def test_D06_D07_pip_page_panel_case_list_and_snapshot_show_the_same_last_day(
    client, world, extended_case
):
    case = extended_case
    long_day, short_day = format_date(DUO_LAST_DAY), format_date(DUO_LAST_DAY, "short")
    assert long_day == "1 oktober 2029"

    # The PIP page.
    client.force_login(world.consultant)
    page = client.get(reverse("pip_plans:detail", kwargs={"public_id": case.public_id}))
    assert page.context["term"]["last_day"] == DUO_LAST_DAY
    assert long_day in page.content.decode()

    # The deadline panel on the case page (the engine's rule D-06).
    page = client.get(reverse("cases:detail", kwargs={"public_id": case.public_id}))
    rows = page.context["deadline_panel"]["applicable"]
    (term_row,) = [row for row in rows if row["ev"].code == "inburgeringstermijn"]
    assert term_row["ev"].due == DUO_LAST_DAY
    html = page.content.decode()
    assert short_day in html
    assert format_date(COMPUTED_LAST_DAY, "short") not in html

    # The team lead's case list, drilled down from the deadline dashboard (stored rows).
    client.force_login(world.teamleider)
    page = client.get(reverse("cases:caseload"), {"deadline": "inburgeringstermijn"})
    (listed,) = [c for c in page.context["cases"] if c.pk == case.pk]
    assert listed.shown_due == DUO_LAST_DAY
    assert short_day in page.content.decode()

    # The beschikking of the revision, established after DUO's decision.
    latest = Beschikking.objects.filter(version__pip__inburgeraar=case).latest("dagtekening")
    assert latest.snapshot["term"]["last_day"] == DUO_LAST_DAY.isoformat()
