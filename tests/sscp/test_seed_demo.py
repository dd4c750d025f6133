import hashlib
import io

import pytest
from django.apps import apps
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


def _every_row() -> dict[str, tuple]:
    """Per model: how many rows, the highest id, and a digest of every row's every field."""
    snapshot = {}
    for model in apps.get_models():
        if not model._meta.managed:  # no table of its own (the permissions' holder)
            continue
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        snapshot[model._meta.label] = (len(rows), rows[-1][0] if rows else None, digest)
    return snapshot


def test_a_second_run_changes_no_row_anywhere(seeded):
    from marac.models import MaracImport

    assert MaracImport.objects.count() == 3  # the demo's three files, each recorded once
    before = _every_row()
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    after = _every_row()
    assert {label for label in before if before[label] != after[label]} == set()


def test_a_coordinators_reimport_of_the_demo_file_is_still_recorded(seeded):
    from marac.imports import import_marac
    from marac.models import Attendance, MaracImport

    rows = Attendance.objects.values_list("meeting__date", "agency__name", "status")[:3]
    content = "meeting_date,agency,status\n" + "".join(
        f"{day},{agency},{status}\n" for day, agency, status in rows
    )
    for _ in range(2):
        assert import_marac("attendance", content.encode(), filename="again.csv").ok
    assert MaracImport.objects.filter(filename="again.csv").count() == 2


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
