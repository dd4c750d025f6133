"""Issue 10 item 7: "a police.uk month is loaded once" is kept by the database, so two imports
of one month at the same moment (both passing the importer's check) store it once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import imports
from assessments.imports import dataset_import, dataset_import_rollback
from assessments.models import DatasetImport, Indicator, Observation, Period, PoliceMonth
from sscp.demo import load_reference_data
from tests.assessments.sefton import police_csv, sefton_with_lsoas

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    load_reference_data()
    sefton_with_lsoas()


@pytest.fixture
def check_passes(monkeypatch):
    """The race: the second import's check ran before the first import committed."""
    monkeypatch.setattr(imports, "_check_police_months_once", lambda record, rows, report: None)


def _month_counts():
    return sorted(
        Observation.objects.filter(dataset_import__format="police-uk").values_list(
            "indicator_id", "area_id", "period_id"
        )
    )


def test_the_second_import_of_a_month_is_refused_by_the_database(reference, check_passes):
    first = dataset_import(
        "police-uk", police_csv(months=("2018-04",)), dataset_name="p", filename="april.csv"
    )
    assert first.ok
    stored = _month_counts()

    second = dataset_import(
        "police-uk", police_csv(months=("2018-04",), seed=9), dataset_name="q", filename="b.csv"
    )

    assert not second.ok
    assert [e.reason for e in second.errors] == [
        f"2018-04 is already loaded from police.uk by import #{first.dataset_import.pk} "
        "(april.csv) in the dataset 'p': the places view adds up every police.uk import, "
        "so a month is loaded once; roll that import back first"
    ]
    assert _month_counts() == stored
    assert DatasetImport.objects.filter(format="police-uk").count() == 1
    assert PoliceMonth.objects.filter(dataset_import=first.dataset_import).exists()


def test_rolling_back_releases_the_month(reference, check_passes):
    first = dataset_import("police-uk", police_csv(months=("2018-04",)), dataset_name="p")
    dataset_import_rollback(first.dataset_import)

    again = dataset_import("police-uk", police_csv(months=("2018-04",), seed=9), dataset_name="q")

    assert again.ok, again.as_text()
    assert set(PoliceMonth.objects.values_list("dataset_import", flat=True)) == {
        again.dataset_import.pk
    }


def test_the_upload_page_shows_the_refusal_not_a_500(client, analyst, reference, check_passes):
    dataset_import("police-uk", police_csv(months=("2018-04",)), dataset_name="p")
    stored = _month_counts()
    client.force_login(analyst)

    response = client.post(
        reverse("assessments:imports"),
        {
            "format": "police-uk",
            "dataset": "q",
            "file": SimpleUploadedFile("b.csv", police_csv(months=("2018-04",), seed=9)),
        },
    )

    assert response.status_code == 400
    assert "2018-04 is already loaded from police.uk" in response.content.decode()
    assert _month_counts() == stored


@pytest.fixture
def created_meanwhile(monkeypatch):
    """The race for a new month: another import creates the month and the crime types after
    this import looked them up (the lookups see none) and before it creates them."""

    def arm():
        for model in (Period, Indicator):
            manager = model.objects
            real = manager.filter
            calls = {"n": 0}

            def stale_first(*args, _real=real, _calls=calls, **kwargs):
                _calls["n"] += 1
                return _real(pk__in=[]) if _calls["n"] == 1 else _real(*args, **kwargs)

            monkeypatch.setattr(manager, "filter", stale_first)

    return arm


def test_a_month_and_crime_types_created_meanwhile_are_used_not_a_500(reference, created_meanwhile):
    other = dataset_import("police-uk", police_csv(months=("2018-04",)), dataset_name="p")
    assert other.ok, other.as_text()
    Period.objects.create(label="2018-05", start="2018-05-01", end="2018-05-31", kind="month")
    periods, indicators = Period.objects.count(), Indicator.objects.count()
    created_meanwhile()

    second = dataset_import("police-uk", police_csv(months=("2018-05",)), dataset_name="q")

    assert second.ok, second.as_text()
    assert (Period.objects.count(), Indicator.objects.count()) == (periods, indicators)
