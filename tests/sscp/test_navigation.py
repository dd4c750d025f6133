import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sscp import roles

EXPECTED = {
    roles.COMMITTEE_OFFICER: ["Meetings", "Performance"],
    roles.BOARD_MEMBER: ["Meetings", "Performance"],
    roles.MARAC_COORDINATOR: ["Meetings", "Performance", "Datasets"],
    roles.ANALYST: ["Meetings", "Performance", "Datasets"],
    roles.ADMINISTRATOR: ["Meetings", "Performance", "Datasets", "Admin"],
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "labels"), EXPECTED.items())
def test_each_role_sees_the_navigation_it_can_use(client, user_with_role, role, labels):
    client.force_login(user_with_role(role))
    response = client.get(reverse("home"))
    assert [item["label"] for item in response.context["navigation"]] == labels


@pytest.mark.django_db
def test_it_marks_the_current_section(client, board_member):
    client.force_login(board_member)
    response = client.get(reverse("meetings:index"))
    current = [item["label"] for item in response.context["navigation"] if item["current"]]
    assert current == ["Meetings"]
    assert 'aria-current="true"' in response.content.decode()


def _auth_queries(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    return response.content.decode(), [
        s for s in sql if "auth_group" in s or "auth_permission" in s
    ]


@pytest.mark.django_db
def test_the_header_names_the_roles_read_with_the_permissions(client, user_with_role):
    user = user_with_role(roles.ANALYST)
    user.groups.add(Group.objects.get(name=roles.BOARD_MEMBER))
    client.force_login(user)

    page, queries = _auth_queries(client, reverse("meetings:index"))

    assert "(Board member, Analyst)" in page
    # The user's own permissions, then their groups' permissions with the groups' names: no
    # query of its own for the roles in the header.
    assert len(queries) == 2
    user.groups.remove(Group.objects.get(name=roles.ANALYST))
    page, _ = _auth_queries(client, reverse("meetings:index"))
    assert "(Board member)" in page  # read afresh on each request
    assert [i["label"] for i in client.get(reverse("home")).context["navigation"]] == [
        "Meetings",
        "Performance",
    ]


@pytest.mark.django_db
def test_a_superuser_still_sees_their_roles(client, user_with_role):
    client.force_login(user_with_role(roles.ADMINISTRATOR, is_superuser=True))
    page, _ = _auth_queries(client, reverse("home"))
    assert "(Administrator)" in page
