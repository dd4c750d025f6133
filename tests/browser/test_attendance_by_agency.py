"""Attendance by agency in Chromium, with axe: the table for a period, a refused period shown
next to its field, and a deputy refused for someone who is not a member."""

import datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from meetings.models import Attendance, MeetingStatus
from sscp import roles
from tests.browser.conftest import assert_accessible
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)


def _officer():
    officer = UserFactory()
    officer.groups.add(Group.objects.get(name=roles.COMMITTEE_OFFICER))
    return officer


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_board_reads_attendance_by_agency(live_server, page, login_as):
    page.set_default_timeout(10_000)
    body = BodyFactory(municipal_year_start_month=5)
    member = PersonFactory(first_name="Ann", last_name="Hartley")
    MembershipFactory(body=body, person=member, organisation=OrganisationFactory(name="Fire"))
    meeting = MeetingFactory(body=body, date=datetime.date(2018, 9, 13), status=MeetingStatus.HELD)
    Attendance.objects.create(meeting=meeting, person=member, status="present")
    login_as(_officer())
    url = f"{live_server.url}/meetings/bodies/{body.slug}/attendance/"
    page.goto(f"{url}?from=2018-05-01&to=2019-04-30")
    table = page.get_by_test_id("agency-table")
    expect(table).to_contain_text("Fire")
    expect(table).to_contain_text("100%")
    assert_accessible(page)
    page.get_by_label("From").fill("2019-05-01")
    page.get_by_label("To").fill("2018-05-01")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("after its start")
    assert_accessible(page)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/attendance/deputy/")
    stranger = PersonFactory(first_name="Stan", last_name="Dinger")
    page.reload()
    page.get_by_label("Attending for").select_option(label=str(stranger))
    page.get_by_label("Deputy's name").fill("Sam Standin")
    page.get_by_role("button", name="Record deputy").click()
    expect(page.locator("#deputy_for-error, .govuk-error-message").first).to_contain_text(
        "is not a member of"
    )
    assert_accessible(page)
