import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from meetings.models import Body, Meeting, Membership
from sscp.management.commands.seed_demo import DEMO_USERS, demo_password
from sscp.models import Area, AreaType, Organisation
from sscp.places import LOCALITIES
from sscp.roles import user_roles


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


def _counts():
    return (
        Organisation.objects.count(),
        Area.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
        get_user_model().objects.count(),
    )


def test_it_loads_the_2018_partnership(seeded):
    body = Body.objects.get()
    assert body.name == "Sefton Safer Communities Partnership"
    assert body.committee_officer_email
    assert body.memberships.count() == 14
    assert body.memberships.filter(role="chair").count() == 1
    assert [m.date.isoformat() for m in Meeting.objects.all()] == [
        "2018-06-14",
        "2018-09-13",
        "2018-12-13",
    ]
    assert Area.objects.filter(area_type=AreaType.WARD).count() == 22
    localities = Area.objects.filter(area_type=AreaType.LOCALITY)
    assert sorted(loc.name for loc in localities) == ["Central", "North", "South"]
    assert {loc.name: loc.children.count() for loc in localities} == {
        name: len(wards) for name, wards in LOCALITIES.items()
    }
    assert Organisation.objects.filter(name="Sefton Women's and Children's Aid").exists()


def test_it_is_safe_to_run_twice(seeded):
    before = _counts()
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    assert _counts() == before


def test_it_gives_each_demo_login_its_role(seeded):
    request = RequestFactory().post("/accounts/login/")
    for username, _, _, role in DEMO_USERS:
        user = authenticate(request, username=username, password=demo_password(username))
        assert user is not None, username
        assert user_roles(user) == [role]


@pytest.mark.django_db
def test_it_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG=1"):
        call_command("seed_demo")
