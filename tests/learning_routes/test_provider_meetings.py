"""Issue 22, finding 5 (REQ L-05 / K-02): the minutes of the provider meetings are seen only
by the recording team and the participants, and every read and write is audited."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AuditEvent
from learning_routes.models import Provider, ProviderMeeting
from learning_routes.services import provider_meeting_record

pytestmark = pytest.mark.django_db

MINUTES = "Casus besproken: slaapt slecht sinds de verhuizing (notulen-proef)."
URL = "/leerroutes/overleg/"


def _meeting(world, *, by, participants=()):
    return provider_meeting_record(
        data={
            "provider": Provider.objects.first(),
            "held_on": timezone.localdate(),
            "attendees": "Teamleider, coördinator aanbieder",
            "minutes": MINUTES,
            "decisions": "",
            "participants": list(participants),
        },
        by=by,
    )


def test_another_teams_minutes_are_not_shown(client, world):
    _meeting(world, by=world.teamleider)  # Team Noord
    client.force_login(world.other_consultant)  # Team Zuid
    response = client.get(URL)
    assert response.status_code == 200
    assert MINUTES not in response.content.decode()
    client.force_login(world.teamleider_zuid)
    assert MINUTES not in client.get(URL).content.decode()


def test_the_team_and_the_participants_see_the_minutes(client, world):
    _meeting(world, by=world.teamleider, participants=[world.other_consultant])
    for user in (world.teamleider, world.consultant, world.other_consultant):
        client.force_login(user)
        assert MINUTES in client.get(URL).content.decode(), user
    client.force_login(world.teamleider_zuid)
    assert MINUTES not in client.get(URL).content.decode()


def test_reading_the_minutes_is_audited(client, world):
    meeting = _meeting(world, by=world.teamleider)
    client.force_login(world.consultant)
    client.get(URL)
    event = AuditEvent.objects.get(action="provider_meetings_viewed")
    assert event.actor == world.consultant
    assert event.object_id == str(meeting.pk)


def test_recording_a_meeting_through_the_page_is_audited_and_belongs_to_the_team(client, world):
    client.force_login(world.consultant)
    response = client.post(
        reverse("learning_routes:meetings"),
        {
            "provider": Provider.objects.first().pk,
            "held_on": timezone.localdate().isoformat(),
            "attendees": "Twee consulenten",
            "participants": [world.colleague.pk],
            "minutes": MINUTES,
        },
    )
    assert response.status_code == 302
    meeting = ProviderMeeting.objects.get()
    assert meeting.team == world.team_noord
    assert list(meeting.participants.all()) == [world.colleague]
    event = AuditEvent.objects.get(action="provider_meeting_recorded")
    assert (event.actor, event.object_id) == (world.consultant, str(meeting.pk))


def test_the_list_has_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(5):
        _meeting(world, by=world.teamleider, participants=[world.colleague])
    client.force_login(world.consultant)
    with django_assert_max_num_queries(25):
        client.get(URL)
