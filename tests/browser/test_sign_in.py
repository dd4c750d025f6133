"""First journey: each demo role signs in, sees its navigation, signs out."""

import re

import pytest
from playwright.sync_api import expect

from sscp.management.commands.seed_demo import DEMO_USERS, demo_password
from tests.browser.conftest import assert_accessible

NAVIGATION = {
    "officer": ["Meetings", "Performance"],
    "member": ["Meetings", "Performance"],
    "marac": ["Meetings", "Performance", "Datasets"],
    "analyst": ["Meetings", "Performance", "Datasets"],
    "admin": ["Meetings", "Performance", "Datasets", "Admin"],
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("username", "role"), [(u[0], u[3]) for u in DEMO_USERS])
def test_each_demo_role_signs_in_sees_its_navigation_and_signs_out(
    demo, live_server, page, username, role
):
    page.goto(f"{live_server.url}/meetings/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/meetings/"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(demo_password(username))
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/meetings/")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link")).to_have_text(NAVIGATION[username])
    expect(page.get_by_text(f"({role})")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_is_refused_with_an_accessible_error(demo, live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_board_member_is_refused_the_admin(demo, live_server, page, login_as):
    from django.contrib.auth import get_user_model

    login_as(get_user_model().objects.get(username="member"))
    response = page.goto(f"{live_server.url}/admin/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    assert_accessible(page)
