"""The analyst's import refuses hostile files (issue 10) quickly, in modest memory, naming what
is wrong, and stores nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import AreaBoundary, DatasetImport, Observation
from tests import hostile_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def imported_during_the_request(settings):
    """These are the request's own refusals; a queued import refuses the same way
    (test_queued_*)."""
    settings.SSCP_QUEUE_IMPORT_MB = settings.SSCP_MAX_UPLOAD_MB


TIDY = ("indicator", "area_code", "area_name", "period", "value")

CASES = [
    pytest.param(
        "declared.xlsx",
        lambda: hostile_files.xlsx_declared_huge(TIDY),
        "declares 1,048,576 rows and 16,384 columns",
        id="xlsx-declaring-a-whole-sheet",
    ),
    pytest.param(
        "ten-million.xlsx",
        lambda: hostile_files.xlsx_ten_million_rows(TIDY),
        "the workbook unpacks to 505 MB; at most 100 MB",
        id="xlsx-of-ten-million-rows",
    ),
    pytest.param(
        "wide.csv",
        hostile_files.csv_wide_header,
        "line 1 has more than 1,000 columns",
        id="csv-of-a-million-columns",
    ),
    pytest.param(
        "long.csv",
        lambda: hostile_files.csv_long_field(header=",".join(TIDY).encode()),
        "line 2 has a field longer than 131,072 characters",
        id="csv-with-a-19-MB-field",
    ),
    pytest.param(
        "deep.geojson",
        hostile_files.geojson_deep,
        "the file nests lists and objects 100,001 levels deep; at most 32",
        id="geojson-100000-levels-deep",
    ),
]


def _post(client, name: str, content: bytes):
    data = {"format": "auto", "dataset": "Hostile", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("assessments:imports"), data)


@pytest.mark.parametrize(("name", "make", "message"), CASES)
def test_a_hostile_file_is_refused_quickly_in_modest_memory(client, analyst, name, make, message):
    content = make()
    client.force_login(analyst)

    response, again = hostile_files.post_twice_measured(lambda: _post(client, name, content))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert [error.reason for error in response.context["report"].errors] == [
        error.reason for error in again.context["report"].errors
    ]
    assert not DatasetImport.objects.exists()
    assert not Observation.objects.exists() and not AreaBoundary.objects.exists()


def test_a_board_member_cannot_post_a_file_to_the_import(client, board_member):
    client.force_login(board_member)
    response = _post(client, "deep.geojson", hostile_files.geojson_deep())

    assert response.status_code == 403
    assert not DatasetImport.objects.exists()
