"""The history reads like a record and the attendance page is a compact grid (issue 11, item 6),
in Chromium, with axe."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import Meeting
from meetings.selectors import members_in_surname_order
from tests.browser.conftest import assert_accessible


def _officer():
    return get_user_model().objects.get(username="officer")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_reads_the_history_as_a_record(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_officer())
    meeting = Meeting.objects.get(date="2018-09-13")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", name="History", level=1)).to_be_visible()
    changes = page.get_by_test_id("change")
    expect(changes.first).to_be_visible()
    text = page.locator("main").inner_text()
    assert "@@" not in text and "<p>" not in text and "minute_text" not in text
    assert " by " in changes.first.inner_text()  # who
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_attendance_grid_is_compact_and_in_surname_order(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_officer())
    meeting = Meeting.objects.get(date="2018-12-13")
    members = members_in_surname_order(meeting)
    assert len(members) >= 14
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/attendance/")
    grid = page.get_by_test_id("attendance-grid")
    rows = grid.locator("tbody th[scope=row]")
    expect(rows).to_have_count(len(members))
    assert [r.split(",")[0].strip() for r in rows.all_inner_texts()] == [
        p.last_name for p in members
    ]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2000, f"the attendance page is {height} px tall"
    # A radio, chosen by its member and status, is set from the grid.
    first = members[0]
    page.get_by_label(f"{first}: Present", exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    expect(page.get_by_label(f"{first}: Present", exact=True)).to_be_checked()
    assert_accessible(page)
