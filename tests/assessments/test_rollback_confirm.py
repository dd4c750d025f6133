"""Rolling back an import asks first: its URL answers GET with a confirmation page saying which
rows and periods go, and only the POST from that page rolls back (the GOV.UK pattern)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import views
from assessments.imports import RollbackRefused
from assessments.models import DatasetImport, ImportStatus, Observation
from sscp.demo import load_reference_data
from tests.assessments.helpers import csv_bytes

HEADER = "indicator,area_code,area_name,period,value"


@pytest.fixture
def record(client, analyst, db):
    load_reference_data()
    client.force_login(analyst)
    rows = csv_bytes(HEADER, "Crime,E08000014,Sefton,2017/18,5", "Crime,E08000014,Sefton,2018/19,7")
    data = {
        "format": "auto",
        "dataset": "Recorded crime",
        "file": SimpleUploadedFile("crime.csv", rows, content_type="text/csv"),
    }
    assert client.post(reverse("assessments:imports"), data).status_code == 302
    return DatasetImport.objects.get()


def _url(record):
    return reverse("assessments:import_rollback", args=[record.pk])


def test_the_page_says_which_rows_and_periods_go_and_removes_nothing(client, record):
    page = client.get(_url(record))
    text = page.content.decode()
    assert page.status_code == 200
    assert f"Roll back import #{record.pk} (crime.csv)?" in text
    assert "2 figures of Recorded crime are removed, for 2017/18, 2018/19." in text
    assert "can be loaded again" in text
    record.refresh_from_db()
    assert record.status == ImportStatus.LOADED and Observation.objects.count() == 2


def test_the_import_page_links_to_the_confirmation_not_a_one_click_form(client, record):
    text = client.get(reverse("assessments:import_detail", args=[record.pk])).content.decode()
    assert f'href="{_url(record)}"' in text and f'action="{_url(record)}"' not in text


def test_posting_from_the_confirmation_page_rolls_back(client, record):
    response = client.post(_url(record))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.ROLLED_BACK and not Observation.objects.exists()
    again = client.get(_url(record), follow=True).content.decode()
    assert "already rolled back" in again


def test_a_refused_rollback_is_named_on_the_page(client, record, monkeypatch):
    def refuse(*args, **kwargs):
        raise RollbackRefused("areas this import added are used by later imports")

    monkeypatch.setattr(views, "dataset_import_rollback", refuse)
    response = client.post(_url(record))
    assert response.status_code == 400
    assert "was not rolled back: areas this import added" in response.content.decode()


@pytest.mark.parametrize("role", ["board_member", "marac_coordinator"])
def test_others_are_refused_the_page(client, record, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(record)).status_code == 403
    record.refresh_from_db()
    assert record.status == ImportStatus.LOADED
