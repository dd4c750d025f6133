"""Suppression proven on what partners receive: no count from 1 to 4, and no table cell that a
total minus the other cells would give back, reaches a board member's page, CSV or PDF. The
coordinator sees the exact counts."""

import csv
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from marac.models import Report
from marac.suppression import SMALL, WITHHELD

PERIOD = {"start": "2017-04-01", "end": "2018-03-31"}
SMALL_NUMBER = re.compile(r"^[1-4]$")
ATTENDANCE_NON_CORE = "Other agencies: meetings attended"


def _without_attendance(text: str) -> str:
    """Attendance counts meetings an agency attended, not people: it is never suppressed."""
    return re.sub(
        r'<table[^>]*id="table-attendance(?:_non_core)?".*?</table>', "", text, flags=re.S
    )


def _cells(html: str) -> list[str]:
    html = _without_attendance(html)
    return re.findall(
        r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>', html
    )


def _hidden(value) -> bool:
    return value in (SMALL, WITHHELD)


def assert_no_back_calculation(table):
    """No row (with its total column) or column (with the total row) has one hidden cell."""
    counts = table.counts
    if table.total_column:
        for row in table.rows:
            hidden = [c for c in counts if _hidden(row.get(c))]
            assert len(hidden) != 1, (table.key, row["label"], hidden)
    if table.total_row:
        for column in counts:
            hidden = [r["label"] for r in table.rows if _hidden(r.get(column))]
            assert len(hidden) != 1, (table.key, column, hidden)


@pytest.fixture
def issued(marac_demo):
    """The demo's annual report, issued (so stored) as the coordinator issues it."""
    report = Report.objects.get()
    assert report.issued_content is not None
    return report


def test_a_board_member_sees_no_small_count_on_the_dashboard_csv_or_pdf(
    client, board_member, issued
):
    client.force_login(board_member)
    page = client.get(reverse("marac:dashboard"), PERIOD)
    html = page.content.decode()
    cells = _cells(html)
    assert cells and not [c for c in cells if SMALL_NUMBER.match(c.strip())]
    assert "&lt;5" in html
    content = page.context["content"]
    assert not content["exact"]
    for section in content["sections"]:
        for table in section["tables"]:
            assert_no_back_calculation(table)
            for row in table.rows:
                for column in table.counts:
                    value = row.get(column)
                    assert not (isinstance(value, int) and 1 <= value <= 4), (table.key, row)
    # The charts carry the same suppressed data: a hidden cell is a gap, never a bar.
    for _, figure in content["charts"]:
        for trace in figure["data"]:
            values = trace.get("x" if trace.get("orientation") == "h" else "y") or []
            assert not [v for v in values if isinstance(v, int) and 1 <= v <= 4], trace["name"]

    download = client.get(reverse("marac:dashboard_csv"), PERIOD).content.decode()
    rows = list(csv.reader(io.StringIO(download)))
    for caption in ("Agency attendance at MARAC meetings", ATTENDANCE_NON_CORE):
        first = next(i for i, row in enumerate(rows) if row and row[0].startswith(caption))
        rows = rows[:first] + rows[rows.index([], first) :]
    numbers = [cell for row in rows for cell in row[1:]]
    assert "<5" in numbers
    assert not [c for c in numbers if SMALL_NUMBER.match(c)]

    # The issued report, from its stored circulation content.
    stored = client.get(
        reverse("marac:report_detail", kwargs={"pk": issued.pk, "variant": "circulation"})
    )
    cells = _cells(stored.content.decode())
    assert "Issued on 1 May 2018" in stored.content.decode()
    # The seed's comments per agency, in both attendance tables' Comments column.
    for comment in ("CR chaired 31/8/17.", "Only signed up to Sefton MARAC in September 17"):
        assert f'<td class="govuk-table__cell">{comment}' in stored.content.decode()
    assert "&lt;5" in stored.content.decode()
    assert cells and not [c for c in cells if SMALL_NUMBER.match(c.strip())]
    for section in stored.context["content"]["sections"]:
        for table in section["tables"]:
            assert_no_back_calculation(table)
    pdf = client.get(
        reverse("marac:report_pdf", kwargs={"pk": issued.pk, "variant": "circulation"})
    )
    assert pdf.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    before, _, rest = text.partition("Agency attendance at MARAC meetings")
    text = before + rest[rest.index("Actions agreed per agency") :]
    assert "<5" in text
    # Numbers 1-4 may only appear in labels (dates, "Table 1", "Within 1 month", page numbers).
    scrubbed = re.sub(
        r"(Page \d+ of \d+|Tables? \d+( (to|and) \d+)?|Within \d months?|Over 4 months|"
        r"\d{1,2} [A-Z][a-z]+ \d{4}|from 1 to 4|[0-9.,]+%|\d+\.\d+|\(10 working days\)|"
        r"16-17|30/09/2024|\d{2}/\d{2}/\d{2,4}|aged 16\+|\(16\+\)|10,000|40 per)",
        " ",
        text,
    )
    assert not re.findall(r"(?<![\w.,/-])[1-4](?![\w.,/%-])", scrubbed)


def test_the_coordinator_sees_exact_counts(client, marac_coordinator, marac_demo):
    client.force_login(marac_coordinator)
    page = client.get(reverse("marac:dashboard"), PERIOD)
    content = page.context["content"]
    assert content["exact"]
    html = page.content.decode()
    assert "&lt;5" not in html
    assert any(SMALL_NUMBER.match(c) for c in _cells(html))
    assert content["figures"]["disability_share"] == 1 / 540
