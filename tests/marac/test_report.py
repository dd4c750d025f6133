"""The annual / quarterly report: commentary edited before issue, restricted (exact) and
circulation (suppressed) variants in HTML and PDF, attached to an agenda item through the
meetings API; and the SafeLives return."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from marac.models import Report
from meetings.models import FrozenPaper, MeetingStatus
from sscp.spreadsheets import neutralise
from tests.factories import AgendaItemFactory, MeetingFactory

PERIOD = {"start": "2017-04-01", "end": "2018-03-31", "title": "MARAC report 2017/18"}


def pdf_text(response) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def report(small_marac, client, marac_coordinator):
    client.force_login(marac_coordinator)
    response = client.post(reverse("marac:report_list"), PERIOD)
    assert response.status_code == 302
    return Report.objects.get()


def test_it_saves_commentary_per_section_until_issued(client, report):
    url = reverse("marac:report_edit", kwargs={"pk": report.pk})
    client.post(
        url,
        {"referrals": "Volumes rose after training.", "repeat": "", "swaca": "SWACA grew."},
    )
    report.refresh_from_db()
    assert report.commentary["referrals"] == "Volumes rose after training."
    assert report.commentary["swaca"] == "SWACA grew."
    client.post(reverse("marac:report_issue", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    assert report.issued_at is not None
    client.post(url, {"referrals": "Changed after issue"})
    report.refresh_from_db()
    assert report.commentary["referrals"] == "Volumes rose after training."
    html = client.get(
        reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "restricted"})
    ).content.decode()
    assert "Volumes rose after training." in html
    assert "SWACA grew." in html
    for heading in [
        "Repeat and returning cases",
        "Referrals per agency",
        "IDVA engagement",
        "SWACA engagement",
        "MARAC review action plan",
        "Against the benchmarks",
    ]:
        assert heading in html


def test_restricted_pdf_is_exact_and_circulation_pdf_suppressed(client, report):
    restricted = client.get(
        reverse("marac:report_pdf", kwargs={"pk": report.pk, "variant": "restricted"})
    )
    circulation = client.get(
        reverse("marac:report_pdf", kwargs={"pk": report.pk, "variant": "circulation"})
    )
    assert restricted["Content-Type"] == "application/pdf"
    exact, suppressed = pdf_text(restricted), pdf_text(circulation)
    assert "Restricted: exact counts" in exact
    assert "Cases discussed\n13" in exact
    assert "<5" not in exact
    assert "<5" in suppressed
    assert "Cases discussed\n13" in suppressed  # 13 is not small
    for text in (exact, suppressed):
        assert "SWACA engagement" in text
        assert "Open to SWACA" in text
    assert "Total 12 3 25.0%" in exact  # eligible, open, share of eligible open


def test_the_report_is_attached_to_an_agenda_item_via_the_meetings_api(client, report):
    item = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED), title="MARAC performance"
    )
    attach = reverse("marac:report_attach", kwargs={"pk": report.pk})
    client.post(reverse("marac:report_issue", kwargs={"pk": report.pk}))
    assert "MARAC performance" in client.get(attach).content.decode()
    response = client.post(attach, {"agenda_item": item.pk})
    assert response.status_code == 302
    paper = FrozenPaper.objects.get(agenda_item=item)
    assert paper.title == "MARAC report 2017/18"
    assert paper.kind == "report"
    assert "&lt;5" in paper.html or "<5" in paper.html
    assert "Restricted" not in paper.html


def test_a_draft_cannot_be_attached(client, report):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    client.post(reverse("marac:report_attach", kwargs={"pk": report.pk}), {"agenda_item": item.pk})
    assert not FrozenPaper.objects.exists()


def test_safelives_return_has_a_row_per_meeting_in_csv_and_xlsx(
    client, small_marac, marac_coordinator
):
    client.force_login(marac_coordinator)
    query = {"start": "2017-04-01", "end": "2018-03-31"}
    response = client.get(reverse("marac:safelives_return", kwargs={"fmt": "csv"}), query)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Meeting date", "Cases discussed", "Repeat cases"]
    assert [row[0] for row in rows[1:]] == ["2017-04-13", "2017-05-13", "2017-06-13"]
    assert sum(int(row[1]) for row in rows[1:]) == 13
    response = client.get(reverse("marac:safelives_return", kwargs={"fmt": "xlsx"}), query)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == "2017-04-13"
    assert sheet.max_row == 4


def test_spreadsheet_formulas_are_neutralised():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("Police") == "Police"
    assert neutralise(5) == 5


def test_a_period_report_can_be_quarterly(client, small_marac, marac_coordinator):
    client.force_login(marac_coordinator)
    client.post(
        reverse("marac:report_list"),
        {"start": "2017-04-01", "end": "2017-06-30", "title": "Q1 2017/18"},
    )
    report = Report.objects.get()
    assert (report.start, report.end) == (datetime.date(2017, 4, 1), datetime.date(2017, 6, 30))
    page = client.get(
        reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "restricted"})
    )
    assert list(page.context["content"]["figures"]["by_month"]) == ["2017-04", "2017-05", "2017-06"]


def test_the_report_opens_with_an_introduction_and_the_review_has_its_account(client, report):
    """The seed opens with an introduction and tells of the MARAC review before its action
    plan: both are the coordinator's commentary, printed in those places."""
    client.post(
        reverse("marac:report_edit", kwargs={"pk": report.pk}),
        {"introduction": "MARAC is a key part of the strategy.", "review": "Reviewed in 2017."},
    )
    html = client.get(
        reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "circulation"})
    ).content.decode()
    introduction = html.index("MARAC is a key part of the strategy.")
    assert html.index('id="report-introduction"') < introduction < html.index("Against the")
    review = html.index('id="report-review"')
    assert review < html.index("Reviewed in 2017.") < html.index('id="review-plan"')


def test_attendance_comments_per_agency_are_saved_shown_frozen_and_refused_after_issue(
    client, report
):
    """The seed's Table 12 has a Comments column: the coordinator writes one per agency with
    the commentary; it prints in both variants (HTML and PDF), escaped, and is frozen on issue."""
    url = reverse("marac:report_edit", kwargs={"pk": report.pk})
    page = client.get(url).content.decode()
    assert "Attendance comments: Merseyside Police" in page
    comment = "CR chaired 31/8/17 <b>written</b> information provided"
    response = client.post(url, {"referrals": "Rose.", "comment-merseyside-police": comment})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.commentary["attendance_comments"] == {"Merseyside Police": comment}
    assert report.commentary["referrals"] == "Rose."
    client.post(reverse("marac:report_issue", kwargs={"pk": report.pk}))
    response = client.post(url, {"comment-merseyside-police": "Changed after issue"})
    report.refresh_from_db()
    assert report.commentary["attendance_comments"] == {"Merseyside Police": comment}
    assert "Changed after issue" not in client.get(response.url).content.decode()
    escaped = "CR chaired 31/8/17 &lt;b&gt;written&lt;/b&gt; information provided"
    for variant in ("restricted", "circulation"):
        kwargs = {"pk": report.pk, "variant": variant}
        html = client.get(reverse("marac:report_detail", kwargs=kwargs)).content.decode()
        table = html[html.index('id="table-attendance"') :]
        table = table[: table.index("</table>")]
        assert "Comments</th>" in table
        assert f'<td class="govuk-table__cell">{escaped}</td>' in table
        assert "<b>written" not in html
        assert "CR chaired 31/8/17" in pdf_text(
            client.get(reverse("marac:report_pdf", kwargs=kwargs))
        )
    # Frozen: the draft's commentary changing behind the issued report changes nothing shown.
    Report.objects.filter(pk=report.pk).update(
        commentary={"attendance_comments": {"Merseyside Police": "Rewritten in the database"}}
    )
    html = client.get(
        reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "restricted"})
    ).content.decode()
    assert escaped in html
    assert "Rewritten in the database" not in html


def test_an_attendance_comment_too_long_is_refused_and_keeps_the_saved_one(client, report):
    url = reverse("marac:report_edit", kwargs={"pk": report.pk})
    client.post(url, {"comment-merseyside-police": "Kept."})
    response = client.post(url, {"comment-merseyside-police": "x" * 501})
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()
    report.refresh_from_db()
    assert report.commentary["attendance_comments"] == {"Merseyside Police": "Kept."}


def test_attach_offers_and_accepts_only_items_the_coordinator_may_see(client, report):
    """Issue 10 items 9 and 10: an unpublished agenda's titles stay hidden, a POST to one of
    its items is refused, and a malformed id is a form error, never a 500."""
    hidden = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.DRAFT), title="Zephyr unpublished item"
    )
    AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    attach = reverse("marac:report_attach", kwargs={"pk": report.pk})
    assert "Zephyr unpublished item" not in client.get(attach).content.decode()
    for value in (hidden.pk, "abc", "1.5", ""):
        response = client.post(attach, {"agenda_item": value})
        assert response.status_code == 200, value
        assert "Choose an agenda item" in response.content.decode()
    assert not FrozenPaper.objects.exists()
