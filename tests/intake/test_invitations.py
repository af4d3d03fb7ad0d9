"""The invitations (oproepen) of the brede intake (REQ I-09; Wi art. 14 lid 1–2).

The college invites in writing and sets a term; not appearing, or not cooperating enough,
within it leads to a written warning and a new invitation; after three invitations the
college completes the intake without the person.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cases.models import TimelineEvent
from intake import services
from intake.constants import ConversationStatus
from intake.models import IntakeConversation
from tests.intake.helpers import LINKED, TODAY, new_case, record

pytestmark = pytest.mark.django_db

DAY = TODAY - timedelta(days=10)  # the appointment
INVITED = DAY - timedelta(days=14)


def test_req_i09_the_invitation_records_its_term(world):
    case = new_case(world)
    term = DAY + timedelta(days=3)
    planned = record(
        case,
        world.consultant,
        TODAY + timedelta(days=2),
        ConversationStatus.PLANNED,
        invitation_sent_on=TODAY - timedelta(days=1),
        respond_by=TODAY + timedelta(days=5),
    ).obj
    assert planned.respond_by == TODAY + timedelta(days=5)
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_conversation").get()
    assert "met een termijn tot en met" in event.summary
    with pytest.raises(ValidationError) as refused:
        record(case, world.consultant, DAY, ConversationStatus.NO_SHOW, respond_by=term)
    assert "uitnodiging" in refused.value.message_dict["respond_by"][0]
    with pytest.raises(ValidationError) as refused:
        record(
            case,
            world.consultant,
            DAY,
            ConversationStatus.NO_SHOW,
            invitation_sent_on=INVITED,
            respond_by=INVITED - timedelta(days=1),
        )
    assert "vóór de datum van de uitnodiging" in refused.value.message_dict["respond_by"][0]


def test_req_i09_a_warning_for_not_appearing_only_after_the_term_has_passed(world):
    """Not appearing WITHIN the term: on its last day the person may still come."""
    case = new_case(world)
    term = DAY + timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        record(
            case,
            world.consultant,
            DAY,
            ConversationStatus.NO_SHOW,
            invitation_sent_on=INVITED,
            respond_by=term,
            warning_sent_on=term,  # the last day of the term
        )
    assert "vanaf de dag daarna" in refused.value.message_dict["warning_sent_on"][0]
    outcome = record(
        case,
        world.consultant,
        DAY,
        ConversationStatus.NO_SHOW,
        invitation_sent_on=INVITED,
        respond_by=term,
        warning_sent_on=term + timedelta(days=1),  # the day after
    )
    assert outcome.obj.warning_sent_on == term + timedelta(days=1)


def test_req_i09_not_cooperating_enough_allows_the_warning(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as refused:
        record(case, world.consultant, DAY, ConversationStatus.HELD, warning_sent_on=TODAY)
    assert "onvoldoende heeft meegewerkt" in refused.value.message_dict["warning_sent_on"][0]
    outcome = record(
        case,
        world.consultant,
        DAY,
        ConversationStatus.HELD,
        invitation_sent_on=INVITED,
        cooperated_insufficiently=True,
        warning_sent_on=TODAY,
    )
    saved = IntakeConversation.objects.get(pk=outcome.obj.pk)
    assert saved.cooperated_insufficiently and saved.failed and saved.warning_sent_on == TODAY
    event = TimelineEvent.objects.filter(inburgeraar=case, kind="intake_conversation").get()
    assert "onvoldoende meegewerkt" in event.summary


def test_req_i09_insufficient_cooperation_needs_a_held_conversation(world):
    case = new_case(world)
    with pytest.raises(ValidationError) as refused:
        record(
            case, world.consultant, DAY, ConversationStatus.NO_SHOW, cooperated_insufficiently=True
        )
    assert "cooperated_insufficiently" in refused.value.message_dict
    conversation = record(case, world.consultant, DAY, ConversationStatus.NO_SHOW).obj
    # The database says it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakeConversation.objects.filter(pk=conversation.pk).update(cooperated_insufficiently=True)


def test_req_i09_three_invitations_without_appearing_or_cooperating_complete_without_person(
    world,
):
    case = new_case(world)
    first, second, third = (LINKED + timedelta(days=d) for d in (14, 28, 42))
    record(
        case,
        world.consultant,
        first,
        ConversationStatus.NO_SHOW,
        invitation_sent_on=first - timedelta(days=10),
        warning_sent_on=first + timedelta(days=1),
    )
    record(
        case,
        world.consultant,
        second,
        ConversationStatus.HELD,
        invitation_sent_on=second - timedelta(days=10),
        cooperated_insufficiently=True,
        warning_sent_on=second + timedelta(days=1),
    )
    assert "(nu 2)" in " ".join(services.without_person_problems(case.brede_intake))
    record(
        case,
        world.consultant,
        third,
        ConversationStatus.HELD,
        invitation_sent_on=third - timedelta(days=10),
        cooperated_insufficiently=True,
    )
    case.brede_intake.refresh_from_db()
    assert services.without_person_problems(case.brede_intake) == []
    outcome = services.intake_complete_without_person(
        inburgeraar=case,
        reason="Drie oproepen: niet verschenen en twee keer onvoldoende meegewerkt.",
        by=world.consultant,
        today=TODAY,
    )
    assert outcome.obj.completed_without_person
