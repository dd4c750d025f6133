"""Searching reports and minutes: published only, every word anywhere."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    MeetingStatus,
)
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
)
from tests.meetings.helpers import minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_search_finds_published_minutes(client, board_member, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="<p>Arson awareness week</p>", parts=[])  # fmt: skip
    client.force_login(board_member)
    draft = client.get(reverse("meetings:search"), {"q": "awareness"})
    assert draft.context["minutes"] == []  # draft minutes are the officer's
    services.minutes_publish(meeting=meeting, user=officer)
    response = client.get(reverse("meetings:search"), {"q": "awareness"})
    assert [m.pk for m in response.context["minutes"]] == [first.pk]


def test_search_finds_every_word_anywhere_in_a_report_or_minute(client, board_member, officer):
    """Words may sit in different sections or resolution parts; a word found nowhere excludes."""
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    report = services.report_save(
        item=item, user=officer, report_to="SSCP", meeting_date=item.meeting.date,
        sections=[("Background", "<p>Arson rose.</p>"), ("Places", "<p>At the depot.</p>")],
        subject="Fires", report_of="Officer",
    )  # fmt: skip
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="<p>Patrols</p>",
                         parts=["the depot be fenced", "arson be reported"])  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    client.force_login(board_member)

    def found(q):
        context = client.get(reverse("meetings:search"), {"q": q}).context
        return context["reports"], context["minutes"]

    assert found("arson depot") == ([report], [first])
    assert found("arson jumble") == ([], [])
