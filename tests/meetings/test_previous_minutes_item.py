"""The Minutes of Previous Meeting item: removed when nothing is to be confirmed under it (and
put back at will); while the previous minutes await confirmation the page says why it stays."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Change, Meeting, MeetingStatus, StandardKind

pytestmark = pytest.mark.django_db


def _item(meeting):
    return meeting.items.filter(standard_kind=StandardKind.PREVIOUS_MINUTES).first()


@pytest.fixture
def june(meeting, officer):
    """A meeting on 14 June, before the fixture's 13 September."""
    return services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 6, 14), start_time=meeting.start_time,
        venue=meeting.venue, user=officer,
    )  # fmt: skip


def test_the_first_meetings_item_is_removed_and_put_back(client, officer, meeting):
    client.force_login(officer)
    item = _item(meeting)
    url = reverse("meetings:item_remove", args=[item.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="caution"' not in page
    assert client.post(url).status_code == 302
    assert _item(meeting) is None
    builder = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    add = reverse("meetings:item_add_previous_minutes", args=[meeting.pk])
    assert add in builder
    assert client.post(add).status_code == 302
    back = _item(meeting)
    assert back.order == 3  # after Apologies and Declarations
    assert [i.order for i in meeting.items.order_by("order")] == [1, 2, 3, 4]
    assert Change.objects.filter(summary="Item 3 “Minutes of Previous Meeting” added").exists()
    builder = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert add not in builder


def test_while_the_previous_minutes_await_confirmation_the_page_says_why_it_stays(
    client, officer, meeting, june
):
    client.force_login(officer)
    item = _item(Meeting.objects.get(pk=meeting.pk))
    url = reverse("meetings:item_remove", args=[item.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="caution"' in page
    assert "The minutes of 14 June 2018 are confirmed at this meeting, under this item" in page
    response = client.post(url)
    assert response.status_code == 400
    assert "mark it cancelled or postponed instead" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_once_the_previous_minutes_are_confirmed_the_item_may_go(officer, meeting, june):
    Meeting.objects.filter(pk=june.pk).update(status=MeetingStatus.MINUTES_CONFIRMED)
    services.item_remove(item=_item(meeting), user=officer)
    assert _item(meeting) is None


def test_putting_it_back_twice_is_refused_and_a_board_member_may_not(
    client, officer, board_member, meeting
):
    with pytest.raises(services.ValidationError):
        services.item_add_previous_minutes(meeting=meeting, user=officer)
    client.force_login(board_member)
    url = reverse("meetings:item_add_previous_minutes", args=[meeting.pk])
    assert client.post(url).status_code == 403
