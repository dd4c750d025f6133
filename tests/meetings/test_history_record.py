"""The history page reads like a record (issue 11, item 6): who, when, and what changed, each
field named as the forms name it, its text before and after as words: no diff syntax, no tags."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.history import change_differences, html_as_text
from meetings.models import Change, Minute
from tests.factories import AgendaItemFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _page(client, user, meeting) -> str:
    client.force_login(user)
    return client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()


def test_a_report_change_shows_its_text_before_and_after_as_words(client, officer, meeting):
    item = meeting.items.get(order=1)
    fields = {"report_to": "SSCP", "meeting_date": meeting.date, "report_of": "Officer"}
    report = services.report_save(item=item, user=officer, subject="Plan",
                                  sections=[("Background", "<p>Crime fell.</p>")], **fields)  # fmt: skip
    services.report_save(item=item, user=officer, report=report, expected_version=1,
                         subject="Plan", sections=[("Background", "<p>Crime &amp; disorder rose.</p>")],
                         **fields)  # fmt: skip
    page = _page(client, officer, meeting)
    assert "Report “Plan” changed" in page
    assert "Report sections" in page and "Crime fell." in page
    assert "Crime &amp; disorder rose." in page  # escaped once, read as "Crime & disorder"
    assert "&lt;p&gt;" not in page and "@@" not in page and "-Crime" not in page
    assert f"by {officer.get_full_name() or officer.username}" in page


def test_a_minute_change_names_its_fields_as_the_editor_does(client, officer, meeting):
    AgendaItemFactory(meeting=meeting, title="Arson")
    services.agenda_publish(meeting=meeting, user=officer)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting).order_by("number").last()
    services.minute_save(minute=minute, user=officer, expected_version=minute.version,
                         number=minute.number, title=minute.title,
                         text="<p>Discussed the <strong>depot</strong>.</p><ul><li>One</li></ul>",
                         parts=["the report be noted"])  # fmt: skip
    page = _page(client, officer, meeting)
    assert "Minute text" in page and "minute_text" not in page and ">text<" not in page.lower()
    assert "Discussed the depot.<br>One" in page
    assert "Resolution" in page and "the report be noted" in page
    assert "+noted" not in page and "&lt;strong&gt;" not in page


def test_an_item_change_shows_choices_and_yes_no_as_labels(client, officer, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=item.version,
                         is_confidential=True, kind="presentation")  # fmt: skip
    page = _page(client, officer, meeting)
    assert "Confidential" in page and "is_confidential" not in page
    assert ">No</td>" in page and ">Yes</td>" in page
    assert "Presentation</td>" in page and "presentation</td>" not in page


def test_attendance_is_recorded_by_name_and_status(client, officer, meeting):
    person = MembershipFactory(body=meeting.body, person=PersonFactory(last_name="Quill")).person
    services.attendance_record(meeting=meeting, user=officer,
                               statuses={person.pk: "chair"}, also_present=["Ben Ryder"])  # fmt: skip
    page = _page(client, officer, meeting)
    assert f"{person}: Present (in the Chair)" in page
    assert "Also present" in page and "Ben Ryder" in page
    assert f"&quot;{person.pk}&quot;" not in page and "{" not in page.split("<main")[1]


def test_html_as_text_keeps_one_line_a_paragraph_and_unescapes():
    html = "<h2>Plan</h2><p>A &amp; B</p><p>C<br>D</p><table><tr><td>1</td><td>2</td></tr></table>"
    assert html_as_text(html) == "Plan\nA & B\nC\nD\n12"
    assert html_as_text("plain text") == "plain text"


def test_the_history_is_the_officers(client, board_member, meeting):
    client.force_login(board_member)
    assert client.get(reverse("meetings:history", args=[meeting.pk])).status_code == 403


def test_a_record_created_lists_only_what_was_filled_in():
    change = Change(object_type="action", before={}, after={"description": "Do it", "rag": ""})
    assert [row["label"] for row in change_differences(change)] == ["Description"]
