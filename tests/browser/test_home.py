"""A home page for each role (issue 11, item 7), in Chromium, with axe: each user lands on what
they have to read and do, and sees only their roles' panels."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_officer_lands_on_what_is_due_and_follows_it(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    login_as(_user("officer"))
    page.goto(live_server.url)
    officer = page.get_by_test_id("panel-officer")
    expect(officer.get_by_role("heading", name="Agendas to publish")).to_be_visible()
    expect(officer.get_by_role("heading", name="Minutes")).to_be_visible()
    expect(officer.get_by_role("heading", name="Meetings not closed")).to_be_visible()
    expect(page.get_by_test_id("panel-next-meeting")).to_be_visible()
    expect(page.get_by_test_id("panel-my-actions")).to_be_visible()
    expect(page.get_by_test_id("panel-analyst")).to_have_count(0)
    assert_accessible(page)
    # The demo's past meetings wait on the officer: one is followed to its page.
    link = officer.get_by_role("link").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_each_role_sees_its_own_panels(demo, live_server, page, login_as):
    page.set_default_timeout(10_000)
    expected = {
        "member": set(),
        "analyst": {"panel-analyst"},
        "marac": {"panel-coordinator"},
    }
    role_panels = {"panel-officer", "panel-analyst", "panel-coordinator"}
    for username, own in expected.items():
        login_as(_user(username))
        page.goto(live_server.url)
        expect(page.get_by_test_id("panel-my-actions")).to_be_visible()
        expect(page.get_by_test_id("panel-next-meeting")).to_be_visible()
        for panel in role_panels:
            expect(page.get_by_test_id(panel)).to_have_count(1 if panel in own else 0)
        assert_accessible(page)
    expect(page.get_by_text("Reports due")).to_be_visible()
    expect(page.get_by_role("link", name="Upload MARAC records")).to_be_visible()
