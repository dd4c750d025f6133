"""Optimistic locking over HTTP: a stale or versionless save is refused and the typed text kept."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    Minute,
)
from tests.meetings.helpers import minute_form, minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_a_stale_minute_save_shows_the_others_changes(client, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    client.force_login(officer)
    client.post(reverse("meetings:minute_edit", args=[first.pk]), minute_form(first))
    response = client.post(
        reverse("meetings:minute_edit", args=[first.pk]),
        minute_form(first, text="<p>My version</p>"),
    )
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert "Kept text" in response.content.decode()  # the other's change, shown
    assert "My version" in response.content.decode()  # mine, kept in the form
    assert Minute.objects.get(pk=first.pk).text == "<p>Kept text</p>"


def test_a_stale_report_save_is_refused_keeping_the_text(client, officer, meeting):
    item = meeting.items.get(order=1)
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>One</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    services.report_save(
        item=item, user=officer, report=report, expected_version=1,
        sections=[("Background", "<p>Theirs</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    client.force_login(officer)
    data = {"report_to": "SSCP", "subject": "Plan", "report_of": "Officer", "version": 1,
            "section_1_heading": "Background", "section_1_body": "<p>Mine</p>",
            "meeting_date_0": 13, "meeting_date_1": 9, "meeting_date_2": 2018}  # fmt: skip
    response = client.post(reverse("meetings:report_edit", args=[item.pk, report.pk]), data)
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert "&lt;p&gt;Mine&lt;/p&gt;" in response.content.decode()


VERSION_MISSING = "sent without the version it was read at"


def test_a_report_save_without_its_version_is_refused(client, officer, meeting):
    """Issue 10 item 11: no version, no overwrite (as on minutes); the text typed is kept."""
    item = meeting.items.get(order=1)
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>One</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    services.report_save(
        item=item, user=officer, report=report, expected_version=1,
        sections=[("Background", "<p>Theirs</p>")], report_to="SSCP",
        meeting_date=meeting.date, subject="Plan", report_of="Officer",
    )  # fmt: skip
    client.force_login(officer)
    data = {"report_to": "SSCP", "subject": "Plan", "report_of": "Officer",
            "section_1_heading": "Background", "section_1_body": "<p>Mine</p>",
            "meeting_date_0": 13, "meeting_date_1": 9, "meeting_date_2": 2018}  # fmt: skip
    response = client.post(reverse("meetings:report_edit", args=[item.pk, report.pk]), data)
    assert response.status_code == 200
    assert VERSION_MISSING in response.content.decode()
    assert "&lt;p&gt;Mine&lt;/p&gt;" in response.content.decode()
    assert report.sections.get().body == "<p>Theirs</p>"
    # A new report has no version yet: it is written without one.
    response = client.post(reverse("meetings:report_new", args=[item.pk]), data)
    assert response.status_code == 302


def test_an_item_save_without_its_version_is_refused(client, officer, board_member, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=1, title="Theirs")
    url = reverse("meetings:item_edit", args=[item.pk])
    client.force_login(board_member)
    assert client.post(url, {"title": "Mine", "kind": "standard"}).status_code == 403
    client.force_login(officer)
    response = client.post(url, {"title": "Mine", "kind": "standard"})
    assert response.status_code == 200
    assert VERSION_MISSING in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Theirs"
    # Adding an item needs no version.
    add = reverse("meetings:item_add", args=[meeting.pk])
    assert client.post(add, {"title": "New item", "kind": "report"}).status_code == 302
