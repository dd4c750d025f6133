"""Scheduling and moving a meeting, and its calendar feeds."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    StandardKind,
)
from tests.factories import (
    BodyFactory,
    MeetingFactory,
)
from tests.meetings.helpers import date_fields

pytestmark = pytest.mark.django_db


def test_a_next_meeting_before_the_meeting_is_refused_next_to_the_field(client, officer):
    body = BodyFactory()
    client.force_login(officer)
    data = {"body": body.pk, "venue": body.default_venue.pk, "start_time": "10:00"}
    data |= date_fields("date", datetime.date(2018, 9, 13))
    data |= date_fields("next_meeting_date", datetime.date(2018, 6, 1))
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["next_meeting_date"] == [
        "The date of the next meeting must be after this meeting (13 September 2018)."
    ]
    assert 'value="10:00"' in response.content.decode()
    assert not Meeting.objects.filter(body=body).exists()


def test_the_officer_schedules_a_meeting(client, officer):
    body = BodyFactory()
    client.force_login(officer)
    data = {"body": body.pk, "venue": body.default_venue.pk, "start_time": "10:00",
            "is_private": "on"} | date_fields("date", datetime.date(2018, 9, 13))  # fmt: skip
    response = client.post(reverse("meetings:create"), data)
    meeting = Meeting.objects.get(body=body)
    assert response["Location"] == reverse("meetings:agenda", args=[meeting.pk])
    assert meeting.items.count() == 4


def _change_data(day, venue, time="10:00", private=True):
    data = {"start_time": time, "venue": venue.pk} | date_fields("date", day)
    return data | ({"is_private": "on"} if private else {})


def test_the_officer_moves_a_meeting_and_the_previous_agenda_follows(client, officer, meeting):
    """September's Date of Next Meeting names December, then January once it is moved."""
    december = services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 12, 13), start_time=datetime.time(10),
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    next_item = meeting.items.get(standard_kind=StandardKind.NEXT_MEETING)
    assert "13 December 2018" in AgendaItem.objects.get(pk=next_item.pk).description
    client.force_login(officer)
    url = reverse("meetings:change", args=[december.pk])
    response = client.post(url, _change_data(datetime.date(2019, 1, 17), december.venue, "14:00"))
    assert response["Location"] == reverse("meetings:detail", args=[december.pk])
    december.refresh_from_db()
    assert (december.date, december.start_time) == (datetime.date(2019, 1, 17), datetime.time(14))
    assert AgendaItem.objects.get(pk=next_item.pk).description.startswith(
        "The next meeting will be held on Thursday, 17 January 2019"
    )
    history = client.get(reverse("meetings:history", args=[december.pk])).content.decode()
    assert "Date, time or place changed" in history and ">17 January 2019</td>" in history
    # September's rewritten item is in its history too, and an edit begun before it is stale.
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Item 4 “Date of Next Meeting” written again from the schedule" in history
    assert ">The next meeting will be held on Thursday, 17 January 2019" in history
    with pytest.raises(services.StaleEdit):
        services.item_update(item=next_item, user=officer, expected_version=next_item.version,
                             description="Typed before the move")  # fmt: skip


def test_moving_a_meeting_is_refused_next_to_the_date(client, officer, meeting):
    client.force_login(officer)
    url = reverse("meetings:change", args=[meeting.pk])
    held = MeetingFactory(body=meeting.body, date=datetime.date(2018, 10, 1),
                          status=MeetingStatus.HELD)  # fmt: skip
    for day, message in [
        (held.date, "This body already meets at that date and time."),
        (datetime.date(2018, 9, 20), "The meeting must be after 1 October 2018"),
    ]:
        response = client.post(url, _change_data(day, meeting.venue))
        assert response.status_code == 200
        assert message in response.context["form"].errors["date"][0]
    response = client.post(
        reverse("meetings:change", args=[held.pk]),
        _change_data(datetime.date(2019, 1, 1), held.venue),
    )
    assert "has been held" in response.context["form"].errors["date"][0]
    meeting.refresh_from_db()
    held.refresh_from_db()
    assert (meeting.date, held.date) == (datetime.date(2018, 9, 13), datetime.date(2018, 10, 1))


def test_the_calendar_feeds(client, board_member, meeting, officer):
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    ics = client.get(reverse("meetings:calendar", args=[meeting.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert "DTSTART:20180913T090000Z" in text and "BEGIN:VEVENT" in text
    draft = MeetingFactory(body=meeting.body, date=datetime.date(2018, 12, 13), status="draft")
    feed = client.get(reverse("meetings:body_calendar", args=[meeting.body.slug]))
    assert feed.content.decode().count("BEGIN:VEVENT") == 1  # not the draft meeting
    assert f"UID:meeting-{draft.pk}@" not in feed.content.decode()
    assert client.get(reverse("meetings:calendar", args=[draft.pk])).status_code == 404
