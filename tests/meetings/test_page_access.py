"""Who may reach which meetings page, and what a refusal looks like."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    Meeting,
    MeetingStatus,
)
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


OFFICER_ONLY_GET = ["meetings:create", "meetings:agenda", "meetings:attendance", "meetings:minutes",
                    "meetings:history", "meetings:change"]  # fmt: skip


@pytest.mark.parametrize("name", OFFICER_ONLY_GET)
def test_a_board_member_is_refused_the_officers_pages(client, board_member, meeting, name):
    client.force_login(board_member)
    args = [] if name == "meetings:create" else [meeting.pk]
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("name", OFFICER_ONLY_GET)
def test_the_officer_reaches_the_officers_pages(client, officer, meeting, name):
    client.force_login(officer)
    args = [] if name == "meetings:create" else [meeting.pk]
    assert client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.parametrize(
    "name", ["meetings:publish", "meetings:minutes_publish", "meetings:minutes_confirm"]
)
def test_a_board_member_cannot_post_to_the_officers_actions(client, board_member, meeting, name):
    client.force_login(board_member)
    assert client.post(reverse(name, args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DRAFT


def test_a_board_member_cannot_change_items(client, board_member, meeting):
    item = meeting.items.first()
    client.force_login(board_member)
    for name in ("meetings:item_move", "meetings:item_remove", "meetings:item_edit"):
        assert client.post(reverse(name, args=[item.pk]), {"direction": "up"}).status_code == 403
    assert client.post(reverse("meetings:item_add", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:upload", args=[item.pk])).status_code == 403
    assert client.get(reverse("meetings:report_new", args=[item.pk])).status_code == 403
    assert meeting.items.count() == 4


def test_anonymous_users_are_sent_to_sign_in(client, meeting):
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_agenda_is_hidden_from_board_members(client, board_member, meeting):
    client.force_login(board_member)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:agenda_print", args=[meeting.pk])).status_code == 404


def test_draft_minutes_are_hidden_from_board_members_until_published(client, board_member, officer):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=meeting, title="Arson")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    client.force_login(board_member)
    assert "ARSON" not in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert client.get(reverse("meetings:minutes_print", args=[meeting.pk])).status_code == 403
    services.minutes_publish(meeting=meeting, user=officer)
    assert "ARSON" in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
