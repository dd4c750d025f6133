import pytest
from django.contrib.auth.models import Group

from sscp import roles
from tests.factories import UserFactory


@pytest.fixture
def user_with_role(db):
    """Make a user holding one of the five roles (by its group name)."""

    def make(role: str, **kwargs):
        user = UserFactory(**kwargs)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def officer(user_with_role):
    return user_with_role(roles.COMMITTEE_OFFICER, username="test-officer")


@pytest.fixture
def board_member(user_with_role):
    return user_with_role(roles.BOARD_MEMBER, username="test-member")


@pytest.fixture
def marac_coordinator(user_with_role):
    return user_with_role(roles.MARAC_COORDINATOR, username="test-marac")


@pytest.fixture
def analyst(user_with_role):
    return user_with_role(roles.ANALYST, username="test-analyst")


@pytest.fixture
def administrator(user_with_role):
    return user_with_role(roles.ADMINISTRATOR, username="test-admin")
