"""The public JSON API: Open Civic Data events, public data only, paginated."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from meetings import api_views, services
from tests.factories import MeetingFactory
from tests.meetings.public_records import published_meeting


@pytest.fixture
def published(meeting, officer):
    cache.clear()
    return published_meeting(meeting, officer)


@pytest.mark.django_db
def test_an_event_has_the_open_civic_data_shape(client, published):
    meeting, open_item, secret_item, _ = published
    event = client.get(reverse("api:event", args=[meeting.pk])).json()
    assert event["_type"] == "event"
    assert event["name"] == meeting.body.name
    assert event["start_date"] == "2018-09-13T10:00:00+01:00"
    assert event["status"] == "passed"
    assert event["location"]["name"] == meeting.venue.name
    assert {d["note"] for d in event["documents"]} == {"Agenda pack (public)", "Minutes"}
    items = {i["description"]: i for i in event["agenda"]}
    open_record = items["Community safety update"]
    assert open_record["media"][0]["note"] == "Open paper"
    assert open_record["media"][0]["links"][0]["media_type"] == "application/pdf"
    assert open_record["extras"]["minute"]["resolutions"][-1].endswith("the open update be noted.")
    exempt = items["Exempt case review"]
    assert exempt["extras"] == {"exempt": True, "minute": None}
    assert exempt["media"] == [] and exempt["notes"] == []


@pytest.mark.django_db
def test_events_are_paginated_newest_first(client, officer):
    cache.clear()
    for week in range(api_views.PAGE_SIZE + 1):
        MeetingFactory(date=datetime.date(2019, 1, 1) + datetime.timedelta(weeks=week),
                       status="agenda_published")  # fmt: skip
    first = client.get(reverse("api:events")).json()
    assert first["count"] == api_views.PAGE_SIZE + 1
    assert len(first["results"]) == api_views.PAGE_SIZE and first["previous"] is None
    assert first["results"][0]["start_date"] > first["results"][1]["start_date"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert client.get(reverse("api:events"), {"page": 3}).status_code == 404
    assert client.get(reverse("api:events"), {"page": "x"}).status_code == 404


@pytest.mark.django_db
def test_drafts_and_bodies_that_do_not_publish_are_not_in_the_api(client, published, officer):
    meeting, _, _, draft = published
    assert client.get(reverse("api:event", args=[draft.pk])).status_code == 404
    ids = [e["id"] for e in client.get(reverse("api:events")).json()["results"]]
    assert ids == [f"sscp-meeting-{meeting.pk}"]
    meeting.body.publishes_papers = False
    meeting.body.save()
    assert client.get(reverse("api:events")).json()["count"] == 0
    assert client.get(reverse("api:bodies")).json()["count"] == 0


@pytest.mark.django_db
def test_a_cancelled_meeting_is_a_cancelled_event(client, officer):
    body_meeting = MeetingFactory(status="agenda_published", date=datetime.date(2030, 3, 1))
    services.meeting_call_off(meeting=body_meeting, user=officer, state="cancelled",
                              reason="Not quorate")  # fmt: skip
    event = client.get(reverse("api:event", args=[body_meeting.pk])).json()
    assert event["status"] == "cancelled" and event["description"] == "Not quorate"


@pytest.mark.django_db
def test_bodies_list_their_current_members(client, published):
    meeting, *_ = published
    body = client.get(reverse("api:body", args=[meeting.body.slug])).json()
    assert body["_type"] == "organization"
    assert any(m["person_name"].endswith("Rowan Pemberton") for m in body["memberships"])
