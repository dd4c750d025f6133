"""Who may open which page: anonymous users nowhere but the login page, /healthz, robots.txt
and the public pages, feeds, API and calendars (each opted in explicitly); each role only its
own areas. A refusal is a redirect to login (anonymous) or a 403, never a 500."""

import pytest
from django.conf import settings
from django.urls import resolve, reverse

from sscp import roles
from tests.urls_walk import all_urls

#: Exactly the URLs open without signing in. Adding a public view means adding it here.
PUBLIC = {
    "public:index",
    "public:body",
    "public:body_calendar",
    "public:feed_rss",
    "public:feed_atom",
    "public:meeting",
    "public:pack",
    "public:minutes",
    "public:minutes_pdf",
    "public:document",
    "api:root",
    "api:bodies",
    "api:body",
    "api:events",
    "api:event",
    "personal_calendar",
    "robots_txt",
}
# The unsubscribe link of an email is opened signed out; its signed token is its authority
# (tests/meetings/test_alerts.py): the sample token here is forged, so a 404.
OPEN_TO_ANONYMOUS = {"login", "healthz", "meetings:unsubscribe"} | PUBLIC
URLS = all_urls()


def test_it_finds_the_urls_of_every_app():
    names = {name for name, _ in URLS}
    assert {"home", "meetings:index", "performance", "datasets", "admin:index"} <= names
    assert len(URLS) > 30  # the admin's pages are included


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] not in OPEN_TO_ANONYMOUS])
def test_it_sends_anonymous_users_to_login(client, name, path):
    response = client.get(path)
    assert response.status_code == 302, name
    assert response["Location"].startswith(reverse(settings.LOGIN_URL)), name


@pytest.mark.django_db
def test_it_lets_anonymous_users_reach_only_login_and_healthz(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(dict(URLS)["meetings:unsubscribe"]).status_code == 404


def test_exactly_the_listed_urls_opt_out_of_signing_in():
    """The anonymous role's row of the matrix: the views that opt out of LoginRequiredMiddleware
    are exactly the listed ones, so a new public view cannot appear unnoticed."""
    opted_out = {
        name for name, path in URLS if not getattr(resolve(path).func, "login_required", True)
    }
    assert opted_out == OPEN_TO_ANONYMOUS


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] in PUBLIC])
def test_public_urls_answer_anonymous_users_without_the_login_page(client, name, path):
    """With nothing published the sample objects do not exist: 200 or 404, never a login."""
    response = client.get(path)
    assert response.status_code in (200, 404), name


# (url name, roles allowed); every other role gets 403.
ROLE_MATRIX = [
    ("home", set(roles.ROLES)),
    ("meetings:index", set(roles.ROLES)),
    ("performance", set(roles.ROLES)),
    ("datasets", {roles.ANALYST, roles.MARAC_COORDINATOR, roles.ADMINISTRATOR}),
    ("admin:index", {roles.ADMINISTRATOR}),
    ("admin:auth_user_changelist", {roles.ADMINISTRATOR}),
    ("admin:sscp_organisation_changelist", {roles.ADMINISTRATOR}),
    ("meetings:calendar_subscription", set(roles.ROLES)),
    ("public:index", set(roles.ROLES)),
    ("api:events", set(roles.ROLES)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize(("name", "allowed"), ROLE_MATRIX)
def test_each_role_reaches_only_its_own_pages(client, user_with_role, role, name, allowed):
    client.force_login(user_with_role(role))
    response = client.get(reverse(name))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [name for name, _ in URLS if name.startswith("admin:")])
def test_a_board_member_cannot_reach_any_administrator_page(client, board_member, name):
    client.force_login(board_member)
    path = dict(URLS)[name]
    assert client.get(path).status_code == 403, name


@pytest.mark.django_db
def test_a_user_without_a_role_sees_no_navigation_and_is_refused_sections(client, user_with_role):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["navigation"] == []
    assert client.get(reverse("meetings:index")).status_code == 403
