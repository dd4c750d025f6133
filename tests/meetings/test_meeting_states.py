"""Meeting states: no sequence of clicks leaves a meeting that can never be minuted, or minutes
that can never be confirmed (issue 11, item 1), on the demo's 2018 meetings."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, MeetingState, MeetingStatus, Minute, StandardKind
from meetings.selectors import meetings_not_closed

SEPT = datetime.date(2018, 9, 13)
DEC = datetime.date(2018, 12, 13)
MARCH = datetime.date(2019, 3, 14)


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


def _schedule_march_and_save_its_attendance(client):
    """The issue's clicks: schedule 14 March 2019 and save its attendance."""
    december = Meeting.objects.get(date=DEC)
    data = {"body": december.body_id, "venue": december.venue_id, "start_time": "10:00",
            "date_0": 14, "date_1": 3, "date_2": 2019, "is_private": "on"}  # fmt: skip
    assert client.post(reverse("meetings:create"), data).status_code == 302
    march = Meeting.objects.get(date=MARCH)
    response = client.post(reverse("meetings:attendance", args=[march.pk]), {"also_present": ""})
    assert response.status_code == 302
    march.refresh_from_db()
    assert march.status == MeetingStatus.HELD
    return december, march


def _start_minutes(client, meeting):
    return client.post(reverse("meetings:minutes", args=[meeting.pk]), follow=True)


def test_a_later_meeting_is_not_minuted_while_an_earlier_one_is_open(seeded, client, officer):
    client.force_login(officer)
    december, march = _schedule_march_and_save_its_attendance(client)
    page = _start_minutes(client, march).content.decode()
    assert "Start the minutes of 13 December 2018 first" in page
    assert not march.minutes.exists()
    # The editor names the open meeting and offers the ways forward instead of the button.
    page = client.get(reverse("meetings:minutes", args=[march.pk])).content.decode()
    assert "Start the minutes</button>" not in page
    assert reverse("meetings:minutes", args=[december.pk]) in page
    assert reverse("meetings:call_off", args=[december.pk]) in page
    # December could still be minuted: that way forward is open.
    assert _start_minutes(client, december).status_code == 200
    assert december.minutes.exists()


def test_cancelling_the_open_meeting_lets_the_year_move_on(seeded, client, officer):
    client.force_login(officer)
    december, march = _schedule_march_and_save_its_attendance(client)
    september = Meeting.objects.get(date=SEPT)
    url = reverse("meetings:call_off", args=[december.pk])
    page = client.get(url).content.decode()
    assert "needs no minutes" in page.replace("It will need", "needs")
    response = client.post(url, {"state": "cancelled", "reason": "Not quorate"})
    assert response.status_code == 302
    december.refresh_from_db()
    assert (december.state, december.state_reason) == (MeetingState.CANCELLED, "Not quorate")
    # December no longer blocks March, whose minutes number on from September's last (21).
    _start_minutes(client, march)
    assert min(march.minutes.values_list("number", flat=True)) == 22
    # September's minutes are confirmed at March, the next meeting that took place.
    response = client.post(reverse("meetings:minutes_confirm", args=[september.pk]))
    assert response.status_code == 302
    september.refresh_from_db()
    assert september.status == MeetingStatus.MINUTES_CONFIRMED
    previous = Minute.objects.get(
        meeting=march, agenda_item__standard_kind=StandardKind.PREVIOUS_MINUTES
    )
    assert "13 September 2018" in previous.resolution_parts.get(order=1).text
    assert "13 September 2018" in previous.agenda_item.description
    # A cancelled meeting has no minutes of its own.
    assert "has no minutes" in _start_minutes(client, december).content.decode()


def test_a_meeting_with_minutes_cannot_be_called_off(seeded, client, officer):
    client.force_login(officer)
    september = Meeting.objects.get(date=SEPT)
    url = reverse("meetings:call_off", args=[september.pk])
    response = client.post(url, {"state": "postponed", "reason": "Moved"})
    assert response.status_code == 400
    assert "have been started" in response.content.decode()
    september.refresh_from_db()
    assert september.state == MeetingState.SCHEDULED


def test_minutes_are_confirmed_in_meeting_order_so_none_is_stranded(seeded, officer):
    """Confirming December's minutes at March before September's at December would lock
    December's, where September's confirmation is recorded: refused."""
    september, december = (Meeting.objects.get(date=day) for day in (SEPT, DEC))
    services.attendance_record(meeting=december, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=december, user=officer)
    services.minutes_publish(meeting=december, user=officer)
    march = services.meeting_create(
        body=december.body, date=MARCH, start_time=datetime.time(10), venue=december.venue,
        user=officer,
    )  # fmt: skip
    services.minutes_generate_standard(meeting=march, user=officer)
    with pytest.raises(Exception, match="Confirm the minutes of 13 September 2018 first"):
        services.minutes_confirm(meeting=december, user=officer)
    december.refresh_from_db()
    assert december.status == MeetingStatus.MINUTES_DRAFTED
    services.minutes_confirm(meeting=september, user=officer)
    services.minutes_confirm(meeting=december, user=officer)
    assert Meeting.objects.get(date=DEC).status == MeetingStatus.MINUTES_CONFIRMED


def test_the_officer_sees_past_meetings_not_yet_closed(seeded, client, officer, board_member):
    not_closed = meetings_not_closed(today=datetime.date(2019, 1, 10))
    assert [m.date for m in not_closed] == [SEPT, DEC]
    client.force_login(officer)
    page = client.get(reverse("meetings:index")).content.decode()
    assert "Past meetings not yet closed" in page
    client.force_login(board_member)
    assert (
        "Past meetings not yet closed" not in client.get(reverse("meetings:index")).content.decode()
    )


def test_a_board_member_cannot_call_a_meeting_off(seeded, client, board_member):
    december = Meeting.objects.get(date=DEC)
    client.force_login(board_member)
    url = reverse("meetings:call_off", args=[december.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"state": "cancelled", "reason": "x"}).status_code == 403
    december.refresh_from_db()
    assert december.state == MeetingState.SCHEDULED
