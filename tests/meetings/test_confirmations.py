"""Irreversible meetings actions ask first (issue 11, item 3): a GET page says what will happen,
only its POST acts; unpublishing an agenda keeps the reason in the history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Change, MeetingStatus, UploadedDocument
from tests.factories import tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def item_with_paper(meeting, officer):
    item = services.item_add(meeting=meeting, user=officer, title="Youth Service")
    services.document_upload(
        item=item, user=officer, title="Youth plan",
        file=SimpleUploadedFile("plan.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    return item


def test_removing_an_item_asks_first_and_says_its_papers_go(client, officer, item_with_paper):
    client.force_login(officer)
    url = reverse("meetings:item_remove", args=[item_with_paper.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Remove item 4 “Youth Service” from the agenda?" in text
    assert "Its papers are deleted: 1 uploaded PDF." in text
    assert AgendaItem.objects.filter(pk=item_with_paper.pk).exists()
    response = client.post(url)
    assert response["Location"] == reverse("meetings:agenda", args=[item_with_paper.meeting_id])
    assert not AgendaItem.objects.filter(pk=item_with_paper.pk).exists()
    assert not UploadedDocument.objects.exists()


def test_publishing_the_agenda_asks_first(client, officer, meeting):
    client.force_login(officer)
    url = reverse("meetings:publish", args=[meeting.pk])
    assert "Board members can read the agenda" in client.get(url).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    # Publishing again is refused on the page itself, not with a 500.
    response = client.post(url)
    assert response.status_code == 400
    assert "already been published" in response.content.decode()


def test_an_agenda_is_unpublished_with_a_reason_kept_in_the_history(client, officer, meeting):
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(officer)
    url = reverse("meetings:unpublish", args=[meeting.pk])
    assert "Unpublish the agenda of 13 September 2018?" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    response = client.post(url, {"reason": "The wrong report was attached to item 5"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT
    change = Change.objects.filter(meeting=meeting).first()
    assert change.summary == "Agenda unpublished: The wrong report was attached to item 5"
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "The wrong report was attached to item 5" in history


def test_a_held_meetings_agenda_is_not_unpublished(client, officer, meeting):
    services.attendance_record(meeting=meeting, user=officer, statuses={}, also_present=[])
    client.force_login(officer)
    response = client.post(reverse("meetings:unpublish", args=[meeting.pk]), {"reason": "Late"})
    assert response.status_code == 400
    assert "has been held" in response.content.decode()


def test_publishing_draft_minutes_asks_first(client, officer, meeting):
    services.attendance_record(meeting=meeting, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=meeting, user=officer)
    client.force_login(officer)
    url = reverse("meetings:minutes_publish", args=[meeting.pk])
    assert "Board members can read the draft minutes" in client.get(url).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFTED


@pytest.mark.parametrize("name", ["publish", "unpublish", "minutes_publish", "call_off"])
def test_a_board_member_is_refused_the_confirmation_pages(client, board_member, meeting, name):
    client.force_login(board_member)
    url = reverse(f"meetings:{name}", args=[meeting.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x", "state": "cancelled"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT


def test_a_board_member_cannot_remove_an_item(client, board_member, item_with_paper):
    client.force_login(board_member)
    url = reverse("meetings:item_remove", args=[item_with_paper.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert AgendaItem.objects.filter(pk=item_with_paper.pk).exists()
