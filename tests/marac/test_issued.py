"""An issued report is a document of record: issuing stores its content, and its HTML, PDF and
agenda paper come from that content only, whatever later happens to the records or the
definitions. A draft keeps following the records."""

import datetime
import io
import re
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from marac import selectors, services
from marac.imports import import_marac
from marac.models import CaseAccessLog, DefinitionVersion, Discussion, Report, ReviewAction
from meetings.models import FrozenPaper, MeetingStatus
from tests.factories import AgendaItemFactory, MeetingFactory

START, END = datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)
LATE_CASE = (
    b"meeting_date,victim_ref,perpetrator_ref,referral_date,referring_agency,referral_basis\n"
    b"2017-06-13,V-99,P-99,2017-06-01,Police,professional_judgement\n"
)
NEW_WORDING = "Reworded after the report was issued."


def _article(response) -> str:
    assert response.status_code == 200
    return re.search(r"<article.*?</article>", response.content.decode(), re.S).group(0)


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def _pages(client, report, *, pdf=False) -> dict:
    name = "marac:report_pdf" if pdf else "marac:report_detail"
    read = _pdf_text if pdf else _article
    return {
        variant: read(client.get(reverse(name, kwargs={"pk": report.pk, "variant": variant})))
        for variant in ("restricted", "circulation")
    }


def _change_the_records():
    """Another case in the period, a new repeat definition (a 6-month monitoring period) and
    a new line of the review action plan: each would change a report worked out again."""
    result = import_marac("discussions", LATE_CASE)
    assert result.ok, result.report()
    DefinitionVersion.objects.create(
        key="repeat", version="2", text=NEW_WORDING, parameter=6, valid_from=START
    )
    ReviewAction.objects.create(
        section="Referrals", priority="p", action="Added later", owner="o", rag="red"
    )


@pytest.fixture
def coordinator_client(client, small_marac, marac_coordinator):
    marac_coordinator.first_name, marac_coordinator.last_name = "Sam", "Coordinator"
    marac_coordinator.save()
    client.force_login(marac_coordinator)
    return client


def _report(title="MARAC report 2017/18", **commentary) -> Report:
    return Report.objects.create(start=START, end=END, title=title, commentary=commentary)


def test_an_issued_report_stays_as_issued_when_the_records_change(coordinator_client):
    client = coordinator_client
    report, draft = _report(referrals="Volumes rose."), _report("Draft 2017/18")
    client.post(reverse("marac:report_issue", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    issued_html, draft_html = _pages(client, report), _pages(client, draft)
    issued_pdf = _pages(client, report, pdf=True)
    assert (
        'Cases discussed</dt>\n    <dd class="govuk-summary-list__value">13'
        in (issued_html["restricted"])
    )

    _change_the_records()

    assert _pages(client, report) == issued_html
    assert _pages(client, report, pdf=True) == issued_pdf
    changed = _pages(client, draft)
    for variant in ("restricted", "circulation"):
        assert changed[variant] != draft_html[variant]
        assert NEW_WORDING in changed[variant] and "Added later" in changed[variant]
        assert NEW_WORDING not in issued_html[variant]
        assert "Added later" not in issued_html[variant]
    assert (
        'Cases discussed</dt>\n    <dd class="govuk-summary-list__value">14'
        in (changed["restricted"])
    )
    for text in issued_pdf.values():
        assert "Volumes rose." in text and NEW_WORDING not in text
        assert "Issued on" in text and "figures as at" in text


def test_the_issued_report_says_when_by_whom_and_as_at_when(coordinator_client, marac_coordinator):
    report = _report()
    services.report_issue(report=report, user=marac_coordinator)
    report.refresh_from_db()
    today = timezone.localdate().strftime("%-d %B %Y")
    html = _article(
        coordinator_client.get(
            reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "circulation"})
        )
    )
    assert re.search(
        rf"Issued on {today} by Sam Coordinator; figures as at {today} \d\d:\d\d\.", html
    )
    edit = coordinator_client.get(reverse("marac:report_edit", kwargs={"pk": report.pk}))
    page = edit.content.decode()
    assert f"Issued on {today} by Sam Coordinator; figures as at {today}" in page
    assert "To correct the figures, create a new report for the period" in page
    assert "Issue report" not in page


def test_commentary_cannot_change_after_issue(coordinator_client, marac_coordinator):
    report = _report(referrals="As issued.")
    services.report_issue(report=report, user=marac_coordinator)
    url = reverse("marac:report_edit", kwargs={"pk": report.pk})
    response = coordinator_client.post(url, {"referrals": "Rewritten"}, follow=True)
    assert "its commentary can no longer change" in response.content.decode()
    report.refresh_from_db()
    assert report.commentary["referrals"] == "As issued."
    assert report.issued_content["commentary"]["referrals"] == "As issued."
    with pytest.raises(ValueError, match="create a new report"):
        services.report_commentary_update(
            report=report, commentary={"referrals": "x"}, user=marac_coordinator
        )


def test_the_agenda_paper_comes_from_the_stored_circulation_content(
    coordinator_client, marac_coordinator
):
    report = _report()
    services.report_issue(report=report, user=marac_coordinator)
    _change_the_records()
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    coordinator_client.post(
        reverse("marac:report_attach", kwargs={"pk": report.pk}), {"agenda_item": item.pk}
    )
    paper = FrozenPaper.objects.get(agenda_item=item)
    stored = _article(
        coordinator_client.get(
            reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": "circulation"})
        )
    )
    assert NEW_WORDING not in paper.html and "Added later" not in paper.html
    assert "Restricted" not in paper.html
    cells = re.findall(r"cell--numeric\">([^<]*)<", paper.html)
    assert cells == re.findall(r"cell--numeric\">([^<]*)<", stored)
    assert "as at" in paper.data_as_at


def test_a_restricted_view_of_an_issued_report_is_still_logged(
    coordinator_client, marac_coordinator
):
    report = _report()
    services.report_issue(report=report, user=marac_coordinator)
    _pages(coordinator_client, report)
    assert CaseAccessLog.objects.filter(what=f"restricted report {report.pk}").count() == 1


def test_a_report_marked_issued_before_contents_were_stored_is_stored_on_request(
    coordinator_client, marac_coordinator
):
    then = timezone.make_aware(datetime.datetime(2018, 5, 1, 9, 0))
    report = Report.objects.create(start=START, end=END, title="Old", issued_at=then)
    page = coordinator_client.get(reverse("marac:report_edit", kwargs={"pk": report.pk}))
    assert "before issued reports were stored" in page.content.decode()
    coordinator_client.post(reverse("marac:report_issue", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    assert report.issued_at == then and report.issued_content is not None
    stored = report.issued_content
    services.report_issue(report=report, user=marac_coordinator)  # again: nothing changes
    report.refresh_from_db()
    assert report.issued_content == stored


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has one writer: nothing commits meanwhile"
)
@pytest.mark.django_db(transaction=True)
def test_issuing_reads_one_snapshot_of_the_records(small_marac, marac_coordinator, monkeypatch):
    """A discussion committed by another connection while the report is being worked out is in
    none of its figures: the issue reads the records as they stood when it began."""
    report = _report()
    before = Discussion.objects.count()
    worked_out = selectors.figures_for_period

    def import_meanwhile(*args, **kwargs):
        def other_connection():
            try:
                assert import_marac("discussions", LATE_CASE).ok
            finally:
                connection.close()

        thread = threading.Thread(target=other_connection)
        thread.start()
        thread.join()
        return worked_out(*args, **kwargs)

    monkeypatch.setattr(selectors, "figures_for_period", import_meanwhile)
    report = services.report_issue(report=report, user=marac_coordinator)

    assert Discussion.objects.count() == before + 1  # the other connection did commit
    for variant in ("restricted", "circulation"):
        assert report.issued_content["variants"][variant]["figures"]["cases_discussed"] == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row lock and snapshot")
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_issuing_at_once_store_one_content(
    small_marac, marac_coordinator, monkeypatch
):
    """The second issue waits for the first one's lock; its snapshot is then out of date, and
    it returns the report the first one stored instead of failing."""
    report = _report()
    worked_out, first_inside, calls = selectors.figures_for_period, threading.Event(), []

    def slowly(*args, **kwargs):
        calls.append(threading.current_thread().name)
        first_inside.set()
        time.sleep(1.5)  # the second issue starts meanwhile and waits for the row lock
        return worked_out(*args, **kwargs)

    monkeypatch.setattr(selectors, "figures_for_period", slowly)
    first = {}

    def issue_first():
        try:
            first["report"] = services.report_issue(report=report, user=marac_coordinator)
        finally:
            connection.close()

    thread = threading.Thread(target=issue_first, name="first")
    thread.start()
    assert first_inside.wait(10)
    second = services.report_issue(report=report, user=marac_coordinator)
    thread.join()

    assert calls == ["first"]  # the second issue worked nothing out
    assert second.issued_content == first["report"].issued_content
    assert Report.objects.get().issued_content == second.issued_content
