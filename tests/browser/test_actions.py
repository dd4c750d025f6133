"""Actions in Chromium: the officer corrects one; a partner records their own's progress; the
log prints."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from meetings.models import Action, Person
from tests.browser.conftest import assert_accessible

STRATEGY = "Prepare the refreshed Domestic and Sexual Abuse Strategy for sign-off"
PLAN = "Share the Merseyside domestic abuse action plan with the Partnership"


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_actions_are_corrected_progressed_by_their_owner_and_printed(
    demo, live_server, page, login_as
):
    page.set_default_timeout(10_000)
    base = live_server.url
    login_as(_user("officer"))
    page.goto(f"{base}/meetings/actions/?status=all")
    page.get_by_role("link", name=f"Update {STRATEGY}").click()
    expect(page.get_by_label("Owner organisation")).not_to_contain_text("Seaforth FC")
    assert_accessible(page)
    page.get_by_label("Action", exact=True).fill(STRATEGY + " by the Executive Group")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Action saved.")).to_be_visible()
    assert Action.objects.filter(description=STRATEGY + " by the Executive Group").exists()
    page.get_by_role("link", name="Printable action log").click()
    expect(page.get_by_role("heading", name=re.compile("Action log as at"))).to_be_visible()
    assert_accessible(page)

    # The police's board member records progress on the police's action, and only that.
    Person.objects.filter(last_name="Bolland").update(user=_user("member"))
    login_as(_user("member"))
    page.goto(f"{base}/meetings/actions/?status=all")
    expect(page.get_by_role("link", name=re.compile(r"^Update "))).to_have_count(1)
    page.get_by_role("link", name=f"Update {PLAN}").click()
    expect(page.get_by_test_id("action-as-agreed")).to_contain_text(PLAN)
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Progress note").fill("Plan shared with the Executive Group.")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("Plan shared with the Executive Group.")).to_be_visible()
