"""A cancelled or postponed meeting can be reinstated, so marking it is never a dead end."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Change, Meeting, MeetingState, StandardKind

pytestmark = pytest.mark.django_db
DECEMBER = datetime.date(2018, 12, 13)


@pytest.fixture
def cancelled(meeting, officer):
    """14 June held, 13 September cancelled; 13 December, the next meeting, has a draft
    agenda."""
    services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 6, 14), start_time=meeting.start_time,
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.meeting_create(
        body=meeting.body, date=DECEMBER, start_time=meeting.start_time, venue=meeting.venue,
        user=officer,
    )  # fmt: skip
    services.meeting_call_off(
        meeting=meeting, user=officer, state=MeetingState.CANCELLED, reason="Not quorate"
    )
    return Meeting.objects.get(pk=meeting.pk)


def _previous_minutes_text(day):
    december = Meeting.objects.get(date=day)
    return december.items.get(standard_kind=StandardKind.PREVIOUS_MINUTES).description


def test_the_officer_reinstates_a_cancelled_meeting(client, officer, cancelled):
    client.force_login(officer)
    assert _previous_minutes_text(DECEMBER) == "Minutes of the meeting held on 14 June 2018."
    detail = client.get(reverse("meetings:detail", args=[cancelled.pk])).content.decode()
    url = reverse("meetings:reinstate", args=[cancelled.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert "Reinstate the meeting of 13 September 2018?" in page
    response = client.post(url, {"reason": "Marked cancelled in error"})
    assert response.status_code == 302
    cancelled.refresh_from_db()
    assert cancelled.state == MeetingState.SCHEDULED and cancelled.state_reason == ""
    change = Change.objects.get(summary="Meeting reinstated: Marked cancelled in error")
    assert change.before == {"state": "Cancelled", "reason": "Not quorate"}
    assert _previous_minutes_text(DECEMBER) == "Minutes of the meeting held on 13 September 2018."


def test_a_reason_is_needed(client, officer, cancelled):
    client.force_login(officer)
    response = client.post(reverse("meetings:reinstate", args=[cancelled.pk]), {"reason": " "})
    assert response.status_code == 400
    assert Meeting.objects.get(pk=cancelled.pk).state == MeetingState.CANCELLED


def test_refused_once_a_later_meetings_minutes_are_started_with_the_reason_shown(
    client, officer, cancelled
):
    june = Meeting.objects.get(date=datetime.date(2018, 6, 14))
    services.minutes_generate_standard(meeting=june, user=officer)
    december = Meeting.objects.get(date=DECEMBER)
    services.minutes_generate_standard(meeting=december, user=officer)
    client.force_login(officer)
    url = reverse("meetings:reinstate", args=[cancelled.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="caution"' in page
    assert "The minutes of 13 December 2018 have been started" in page
    response = client.post(url, {"reason": "It went ahead"})
    assert response.status_code == 400
    assert "Schedule a new meeting instead." in response.content.decode()
    assert Meeting.objects.get(pk=cancelled.pk).state == MeetingState.CANCELLED


def test_a_meeting_taking_place_is_not_reinstated(officer, meeting):
    with pytest.raises(services.ValidationError):
        services.meeting_reinstate(meeting=meeting, user=officer, reason="Why not")


def test_a_board_member_may_not_reinstate(client, board_member, cancelled):
    client.force_login(board_member)
    url = reverse("meetings:reinstate", args=[cancelled.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
