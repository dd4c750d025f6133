"""Nothing typed is lost, in Chromium (issue 11, item 2): another button on the page keeps what
was typed, and leaving a page with unsaved changes asks first (static/js/unsaved-changes.js)."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.documents import members_on
from meetings.models import AttendanceStatus, Meeting, Minute
from tests.browser.conftest import assert_accessible


def _officer():
    return get_user_model().objects.get(username="officer")


def _december():
    """The demo's meeting of 13 December 2018: agenda published, attendance not yet taken."""
    return Meeting.objects.get(date="2018-12-13")


def _dialogs(page, answer):
    """Record each dialog's type, answering it with ``answer`` ('accept' or 'dismiss')."""
    seen = []

    def handle(dialog):
        seen.append(dialog.type)
        getattr(dialog, answer)()

    page.on("dialog", handle)
    return seen


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_adding_a_declaration_keeps_the_attendance_typed(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_officer())
    meeting = _december()
    members = members_on(meeting)
    chair, declarer, *others = members
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/attendance/")
    assert_accessible(page)

    # Set every member's attendance and who else was present, then add a declaration.
    page.locator(f"input[name=member_{chair.pk}][value=chair]").check()
    page.locator(f"input[name=member_{declarer.pk}][value=present]").check()
    for person in others:
        page.locator(f"input[name=member_{person.pk}][value=apologies]").check()
    page.get_by_label("Also present").fill("Helen Ashworth\nBen Ryder")
    page.get_by_label("Member", exact=True).select_option(str(declarer.pk))
    page.get_by_label("Item", exact=True).select_option(index=1)
    page.get_by_label("Personal interest").check()
    page.get_by_label("Nature of the interest").fill("Trustee of the Marsh Lane Trust")
    dialogs = _dialogs(page, "dismiss")
    page.get_by_role("button", name="Add declaration").click()

    expect(page.get_by_text("Declaration recorded.")).to_be_visible()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    assert dialogs == []  # sending the form is not leaving it
    # Both kept: the attendance as typed, and the declaration in the list.
    expect(page.locator(f"input[name=member_{chair.pk}][value=chair]")).to_be_checked()
    expect(page.locator(f"input[name=member_{declarer.pk}][value=present]")).to_be_checked()
    for person in others:
        expect(page.locator(f"input[name=member_{person.pk}][value=apologies]")).to_be_checked()
    expect(page.get_by_label("Also present")).to_have_value("Helen Ashworth\nBen Ryder")
    expect(page.get_by_role("listitem").filter(has_text=declarer.last_name)).to_be_visible()
    assert_accessible(page)
    statuses = dict(meeting.attendances.values_list("person_id", "status"))
    assert statuses[chair.pk] == AttendanceStatus.CHAIR
    assert meeting.attendances.filter(status=AttendanceStatus.ALSO_PRESENT).count() == 2
    assert meeting.items.filter(declarations__person=declarer).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leaving_the_attendance_page_with_changes_asks_first(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_officer())
    meeting = _december()
    chair = members_on(meeting)[0]
    url = f"{live_server.url}/meetings/{meeting.pk}/attendance/"
    page.goto(url)
    dialogs = _dialogs(page, "dismiss")
    # Unchanged: the page is left without a question.
    page.get_by_role("link", name="Go to the minutes").click()
    expect(page).to_have_url(re.compile(r"/minutes/$"))
    assert dialogs == []

    page.goto(url)
    page.locator(f"input[name=member_{chair.pk}][value=chair]").check()
    page.get_by_role("link", name="Go to the minutes").click()
    # The officer chose to stay: still here, the choice still made.
    expect(page.locator(f"input[name=member_{chair.pk}][value=chair]")).to_be_checked()
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(url)
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_leaving_the_minute_editor_with_text_typed_asks_first(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_officer())
    minute = Minute.objects.filter(meeting__date="2018-09-13").order_by("number").first()
    url = f"{live_server.url}/meetings/minutes/{minute.pk}/"
    page.goto(url)
    box = page.get_by_role("textbox", name="Text", exact=True).and_(
        page.locator("[contenteditable=true]")
    )
    box.click()
    page.keyboard.press("End")
    page.keyboard.type(" Typed but not saved.")
    dialogs = _dialogs(page, "accept")
    page.get_by_role("link", name="Minutes", exact=True).click()
    expect(page).not_to_have_url(url)
    assert dialogs == ["beforeunload"]
