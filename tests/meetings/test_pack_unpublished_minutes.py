"""A pack carries only minutes its reader could open on their own (issue 10, item 1).

The demo's June 2018 minutes are taken back to unpublished (the officer has drafted them but
not published them): September's pack, members' and public, then says they will follow, and
the draft wording is in neither. Publishing June's minutes builds September's pack again, with
them.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings import pack, tasks
from meetings.demo import load_demo
from meetings.models import Meeting, MeetingStatus, Minute
from meetings.pack_pdf import read_back
from sscp import roles
from sscp.demo import load_reference_data

DRAFT_WORDING = "Zephyr draft wording not for circulation"
FOLLOW = "have not yet been published. They will follow."


@pytest.fixture
def meetings(db):
    """(June, September) with June's minutes drafted by the officer but not published."""
    roles.roles_sync()
    load_reference_data()
    load_demo()
    june = Meeting.objects.get(date=datetime.date(2018, 6, 14))
    september = Meeting.objects.select_related("body").get(date=datetime.date(2018, 9, 13))
    minute = Minute.objects.filter(meeting=june).order_by("number").first()
    Minute.objects.filter(pk=minute.pk).update(text=f"<p>{DRAFT_WORDING}</p>")
    Meeting.objects.filter(pk=june.pk).update(status=MeetingStatus.HELD)
    june.refresh_from_db()
    return june, september


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(read_back(b"".join(response.streaming_content))).replace("\n", " ")


def _pack(client, user, meeting, **query) -> str:
    client.force_login(user)
    return _text(client.get(reverse("meetings:pack", args=[meeting.pk]), query))


def test_the_board_members_pack_says_the_minutes_will_follow(client, board_member, meetings):
    june, september = meetings
    client.force_login(board_member)
    assert client.get(reverse("meetings:minutes_pdf", args=[june.pk])).status_code == 403
    text = _pack(client, board_member, september)
    assert DRAFT_WORDING not in text
    assert "14 June 2018" in text and FOLLOW in text


def test_the_public_pack_says_the_minutes_will_follow(client, analyst, meetings):
    _, september = meetings
    text = _pack(client, analyst, september)
    assert DRAFT_WORDING not in text
    assert FOLLOW in text


def test_the_officers_pack_carries_no_draft_either(client, officer, meetings):
    """The officer may open the draft on its own, but the pack is what gets circulated."""
    june, september = meetings
    client.force_login(officer)
    assert client.get(reverse("meetings:minutes_pdf", args=[june.pk])).status_code == 200
    for variant in pack.VARIANTS:
        text = _pack(client, officer, september, variant=variant)
        assert DRAFT_WORDING not in text
        assert FOLLOW in text


def test_the_meeting_page_says_the_minutes_will_follow(client, board_member, meetings):
    june, september = meetings
    client.force_login(board_member)
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert "they will follow" in page
    assert reverse("meetings:minutes_print", args=[june.pk]) not in page


def test_publishing_the_next_agenda_warns_the_officer(client, officer, meetings):
    _, september = meetings
    Meeting.objects.filter(pk=september.pk).update(status=MeetingStatus.DRAFT)
    client.force_login(officer)
    response = client.post(reverse("meetings:publish", args=[september.pk]))
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("14 June 2018 are not yet published" in w for w in warnings)


def test_no_warning_when_the_previous_minutes_are_published(client, officer, meetings):
    june, september = meetings
    Meeting.objects.filter(pk=june.pk).update(status=MeetingStatus.MINUTES_DRAFTED)
    Meeting.objects.filter(pk=september.pk).update(status=MeetingStatus.DRAFT)
    client.force_login(officer)
    response = client.post(reverse("meetings:publish", args=[september.pk]))
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_publishing_the_minutes_rebuilds_the_next_pack(
    client,
    officer,
    board_member,
    meetings,
    monkeypatch,
    settings,
    django_capture_on_commit_callbacks,
):
    june, september = meetings
    before = _pack(client, board_member, september)
    assert FOLLOW in before
    settings.SSCP_BUILD_PACK_ON_PUBLISH = True
    built = []
    monkeypatch.setattr(tasks, "build_after_publish", lambda pk, **_: built.append(pk))
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:minutes_publish", args=[june.pk]))
    assert response.status_code == 302
    assert built == [september.pk]
    assert not (pack.cache_root() / "packs" / str(september.pk)).exists()
    after = _pack(client, board_member, september)
    assert DRAFT_WORDING in after
    assert FOLLOW not in after
