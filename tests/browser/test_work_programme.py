"""The work programme in Chromium, with axe: the officer plans an item for a meeting to come,
it shows on the programme and drops into that meeting's agenda builder."""

import datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from meetings.models import MeetingStatus, PlannedItem
from sscp import roles
from tests.browser.conftest import assert_accessible
from tests.factories import BodyFactory, MeetingFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_plans_an_item_and_adds_it_to_the_agenda(live_server, page, login_as):
    page.set_default_timeout(10_000)
    officer = UserFactory()
    officer.groups.add(Group.objects.get(name=roles.COMMITTEE_OFFICER))
    body = BodyFactory(name="Northshire Safer Communities Partnership")
    meeting = MeetingFactory(body=body, date=datetime.date(2030, 3, 14),
                             status=MeetingStatus.DRAFT)  # fmt: skip
    login_as(officer)
    page.goto(f"{live_server.url}/meetings/bodies/{body.slug}/work-programme/")
    expect(page.get_by_role("heading", name="Work programme", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Plan an item").click()
    page.get_by_label("Meeting", exact=True).select_option(label="14 March 2030")
    page.get_by_label("Title", exact=True).fill("Anti-social behaviour review")
    page.get_by_label("Each quarter").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add to the work programme").click()
    expect(page.get_by_text("added to the work programme")).to_be_visible()
    expect(page.get_by_test_id("programme-meeting").first).to_contain_text(
        "Anti-social behaviour review"
    )
    assert_accessible(page)
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    expect(page.get_by_role("heading", name="Planned for this meeting")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("added to the agenda")).to_be_visible()
    expect(page.get_by_test_id("planned")).to_contain_text("On the agenda")
    assert meeting.items.filter(title="Anti-social behaviour review").exists()
    assert PlannedItem.objects.count() == 1
