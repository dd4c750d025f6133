"""Periods in the analyst's files lie in the app's stated date range (issue 10, item 6): a
tidy file with period "0001" or "2150" is refused naming the row, not stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import DatasetImport, Observation, Period
from assessments.periods import PeriodError, parse_period

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("label", ["0001", "1989", "2150", "2099/00", "Q1 1989/90"])
def test_a_period_outside_the_stated_range_is_not_a_period(label):
    with pytest.raises(PeriodError, match="outside the dates the app accepts"):
        parse_period(label)


@pytest.mark.parametrize("label", ["1990", "2017/18", "2099-12", "2014 - 16"])
def test_periods_inside_the_range_are_read(label):
    assert parse_period(label).start.year >= 1990


def test_year_zero_is_refused_as_unreadable_not_a_crash():
    with pytest.raises(PeriodError, match="cannot read period '0000'"):
        parse_period("0000")


@pytest.mark.parametrize("label", ["0001", "2150"])
def test_a_tidy_file_with_an_absurd_period_is_refused_naming_it(client, analyst, label):
    rows = f"indicator,area_code,area_name,period,value\nCrime rate,E08000014,Sefton,{label},5\n"
    client.force_login(analyst)
    response = client.post(
        reverse("assessments:imports"),
        {
            "format": "auto",
            "dataset": "Absurd periods",
            "file": SimpleUploadedFile("absurd.csv", rows.encode()),
        },
    )
    assert response.status_code == 400
    assert "outside the dates the app accepts" in response.content.decode()
    assert not DatasetImport.objects.exists()
    assert not Observation.objects.exists()
    assert not Period.objects.exists()
