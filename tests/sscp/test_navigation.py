import pytest
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
