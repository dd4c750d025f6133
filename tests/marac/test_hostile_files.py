"""The MARAC upload refuses hostile files (issue 10) quickly, in modest memory, naming what is
wrong, and stores no case, action or attendance: only the refused attempt is recorded.

Before the shared guards (`sscp.uploads`), the whole-sheet and ten-million-row workbooks were
read cell by cell until the worker timed out, the million-column header went through a quadratic
duplicate-column check, and the 19 MB field raised an uncaught `_csv.Error` (a 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from marac.models import Action, Attendance, Discussion, MaracImport, MaracMeeting
from tests import hostile_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def imported_during_the_request(settings):
    """These are the request's own refusals; a queued import refuses the same way
    (test_queued_*)."""
    settings.SSCP_QUEUE_IMPORT_MB = settings.SSCP_MAX_UPLOAD_MB


HEADER = ("meeting_date", "victim_ref", "referring_agency", "referral_basis")

CASES = [
    pytest.param(
        "declared.xlsx",
        lambda: hostile_files.xlsx_declared_huge(HEADER),
        "The sheet xl/worksheets/sheet1.xml (A1:XFD1048576) declares 1,048,576 rows and 16,384 "
        "columns; at most 1,048,576 rows and 1,000 columns.",
        id="xlsx-declaring-a-whole-sheet",
    ),
    pytest.param(
        "ten-million.xlsx",
        lambda: hostile_files.xlsx_ten_million_rows(HEADER),
        "The workbook unpacks to 505 MB; at most 100 MB.",
        id="xlsx-of-ten-million-rows",
    ),
    pytest.param(
        "wide.csv",
        hostile_files.csv_wide_header,
        "Line 1 has more than 1,000 columns.",
        id="csv-of-a-million-columns",
    ),
    pytest.param(
        "long.csv",
        lambda: hostile_files.csv_long_field(header=",".join(HEADER).encode()),
        "Line 2 has a field longer than 131,072 characters.",
        id="csv-with-a-19-MB-field",
    ),
]


def _post(client, name: str, content: bytes):
    data = {"kind": "discussions", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("marac:upload"), data)


def _stored() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (MaracMeeting, Discussion, Action, Attendance))


@pytest.mark.parametrize(("name", "make", "message"), CASES)
def test_a_hostile_file_is_refused_quickly_in_modest_memory(
    client, reference, marac_coordinator, name, make, message
):
    content = make()
    client.force_login(marac_coordinator)
    before = _stored()

    response, again = hostile_files.post_twice_measured(lambda: _post(client, name, content))

    assert response.status_code == again.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported: 1 problem in the file" in html
    assert escape(message) in html
    assert [error.reason for error in response.context["result"].errors] == [message]
    assert [error.reason for error in again.context["result"].errors] == [message]
    assert _stored() == before
    attempts = MaracImport.objects.all()
    assert [(attempt.filename, attempt.succeeded) for attempt in attempts] == [(name, False)] * 2


def test_a_board_member_cannot_post_a_file_to_the_upload(client, reference, board_member):
    client.force_login(board_member)
    response = _post(client, "wide.csv", hostile_files.csv_wide_header())

    assert response.status_code == 403
    assert not MaracImport.objects.exists()
    assert _stored() == (0, 0, 0, 0)
