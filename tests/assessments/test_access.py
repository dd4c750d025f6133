"""Who may do what: everyone with a role reads; analysts and administrators import, roll back
and record progress; anonymous users are sent to sign in."""

import pytest
from django.conf import settings
from django.urls import reverse

from assessments.imports import dataset_import
from assessments.models import ImportStatus, Recommendation
from sscp import roles
from sscp.demo import load_reference_data
from tests.assessments.helpers import csv_bytes

pytestmark = pytest.mark.django_db

EVERYONE = set(roles.ROLES)
IMPORTERS = {roles.ANALYST, roles.ADMINISTRATOR}


@pytest.fixture
def loaded(db):
    load_reference_data()
    report = dataset_import(
        "tidy",
        csv_bytes("indicator,area_code,area_name,period,value", "Crime,E08000014,Sefton,2017/18,5"),
        dataset_name="T",
    )
    recommendation = Recommendation.objects.create(code="R1", kind="recommendation", text="Do")
    return {"import": report.dataset_import.pk, "recommendation": recommendation.pk}


PAGES = [
    ("assessments:overview", None, EVERYONE),
    ("assessments:categories", None, EVERYONE),
    ("assessments:places", None, EVERYONE),
    ("assessments:spine", None, EVERYONE),
    ("assessments:recommendations", None, EVERYONE),
    ("assessments:import_export", "import", EVERYONE),
    ("assessments:imports", None, IMPORTERS),
    ("assessments:import_detail", "import", IMPORTERS),
    ("assessments:recommendation_edit", "recommendation", IMPORTERS),
]


def _url(loaded, name, key):
    return reverse(name, args=[loaded[key]] if key else [])


@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize(("name", "key", "allowed"), PAGES)
def test_each_role_reaches_only_its_pages(client, user_with_role, loaded, role, name, key, allowed):
    client.force_login(user_with_role(role))
    response = client.get(_url(loaded, name, key))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize(("name", "key", "allowed"), PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, loaded, name, key, allowed):
    response = client.get(_url(loaded, name, key))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("role", roles.ROLES)
def test_only_importers_may_roll_back(client, user_with_role, loaded, role):
    client.force_login(user_with_role(role))
    response = client.post(reverse("assessments:import_rollback", args=[loaded["import"]]))

    from assessments.models import DatasetImport

    status = DatasetImport.objects.get(pk=loaded["import"]).status
    if role in IMPORTERS:
        assert response.status_code == 302
        assert status == ImportStatus.ROLLED_BACK
    else:
        assert response.status_code == 403
        assert status == ImportStatus.LOADED


@pytest.mark.parametrize("role", roles.ROLES)
def test_only_importers_may_upload(client, user_with_role, loaded, role):
    client.force_login(user_with_role(role))
    response = client.post(reverse("assessments:imports"), {"format": "auto", "dataset": "x"})
    assert response.status_code == (400 if role in IMPORTERS else 403)


def test_a_board_member_cannot_record_progress(client, board_member, loaded):
    client.force_login(board_member)
    url = reverse("assessments:recommendation_edit", args=[loaded["recommendation"]])
    response = client.post(url, {"status": "complete", "owner": "x", "progress_notes": "x"})

    assert response.status_code == 403
    assert Recommendation.objects.get().status == "not_started"
