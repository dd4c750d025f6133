"""A confirmed minute opens as a page showing what it records, not as a form refused on save;
an open minute's editor links to the actions added from it."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, MeetingStatus, Minute
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def minute(meeting, officer):
    """A report's minute with its text, a resolution and an action."""
    services.item_add(meeting=meeting, user=officer, title="Community Grants")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.get(meeting=meeting, title="COMMUNITY GRANTS")
    services.minute_save(
        minute=minute, user=officer, expected_version=minute.version, number=minute.number,
        title=minute.title, text="<p>The Partnership considered the grants.</p>",
        parts=["the report be noted"],
    )  # fmt: skip
    services.action_add(
        resolution_part=minute.resolution_parts.get(),
        user=officer,
        description="Publish the grants list",
        owner_organisation=OrganisationFactory(name="Sefton Council"),
    )
    return minute


def _confirm(minute):
    Meeting.objects.filter(pk=minute.meeting_id).update(status=MeetingStatus.MINUTES_CONFIRMED)


def test_a_confirmed_minute_opens_read_only(client, officer, minute):
    _confirm(minute)
    client.force_login(officer)
    response = client.get(reverse("meetings:minute_edit", args=[minute.pk]))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "meetings/minute_read.html"
    page = response.content.decode()
    assert "The Partnership considered the grants." in page
    assert "RESOLVED:" in page and "That the report be noted." in page
    assert "Publish the grants list – Sefton Council" in page
    assert "confirmed as a correct record" in page
    assert "<textarea" not in page and "Save minute" not in page
    assert page.count("<form") == 1  # signing out only


def test_a_save_sent_after_confirmation_is_refused_with_the_text_kept(client, officer, minute):
    _confirm(minute)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[minute.pk]),
        {"number": minute.number, "title": minute.title, "text": "<p>Late words</p>"},
    )
    page = response.content.decode()
    assert "Your change was not saved" in page
    assert "&lt;p&gt;Late words&lt;/p&gt;" in page  # shown, escaped
    assert "<textarea" not in page
    assert Minute.objects.get(pk=minute.pk).text == "<p>The Partnership considered the grants.</p>"


def test_an_open_minutes_editor_links_to_its_actions(client, officer, minute):
    client.force_login(officer)
    page = client.get(reverse("meetings:minute_edit", args=[minute.pk])).content.decode()
    action = minute.resolution_parts.get().actions.get()
    assert reverse("meetings:action_edit", args=[action.pk]) in page
    assert "Correct or remove" in page
    assert "Save minute" in page


def test_a_board_member_may_not_open_the_minute_page(client, board_member, minute):
    _confirm(minute)
    client.force_login(board_member)
    assert client.get(reverse("meetings:minute_edit", args=[minute.pk])).status_code == 403
