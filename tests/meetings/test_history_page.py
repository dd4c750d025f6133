"""The meeting's history page: who changed what, with differences and names."""

import pytest
from django.urls import reverse

from meetings import services
from tests.factories import (
    PersonFactory,
)
from tests.meetings.helpers import minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_what(client, officer, board_member, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=1, title="Apologies")
    client.force_login(officer)
    page = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Item 1 “Apologies” changed" in page
    assert "-Apologies for Absence" in page and "+Apologies" in page
    client.force_login(board_member)
    assert client.get(reverse("meetings:history", args=[meeting.pk])).status_code == 403


def test_the_history_shows_the_differences_of_reports_and_minutes(client, officer, meeting):
    item = meeting.items.get(order=1)
    fields = {"report_to": "SSCP", "meeting_date": meeting.date, "report_of": "Officer"}
    report = services.report_save(item=item, user=officer, subject="Plan",
                                  sections=[("Background", "<p>Crime fell.</p>")], **fields)  # fmt: skip
    services.report_save(item=item, user=officer, report=report, expected_version=1,
                         subject="Plan", sections=[("Background", "<p>Crime rose.</p>")],
                         **fields)  # fmt: skip
    services.agenda_publish(meeting=meeting, user=officer)
    held, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="<p>Discussed.</p>", parts=["noted"])  # fmt: skip
    client.force_login(officer)
    page = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Report “Plan” changed" in page and "Agenda published" in page
    assert "-&lt;p&gt;Crime fell.&lt;/p&gt;" in page and "+&lt;p&gt;Crime rose.&lt;/p&gt;" in page
    page = client.get(reverse("meetings:history", args=[held.pk])).content.decode()
    assert f"Minute {first.number} “{first.title}” changed" in page
    assert "+&lt;p&gt;Discussed.&lt;/p&gt;" in page and "+noted" in page


def test_the_history_names_related_records(client, officer, meeting):
    """A presenter, a venue or a cited minute shows as its name, not a number."""
    item = meeting.items.get(order=1)
    presenter = PersonFactory(title="Superintendent", first_name="Mark", last_name="Bolland")
    services.item_update(item=item, user=officer, expected_version=1, presenter=presenter)
    client.force_login(officer)
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "+Superintendent Mark Bolland" in history
    assert f"+{presenter.pk}\n" not in history
