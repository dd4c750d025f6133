"""A Word report in Chromium: the officer uploads it as the author sent it, watches it convert
on the paper's page, and downloads an agenda pack that prints it."""

import datetime
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings import services
from meetings.models import ItemKind
from sscp import roles
from tests.browser.conftest import assert_accessible
from tests.factories import BodyFactory
from tests.office_files import needs_soffice, section_marker, word_report


@needs_soffice
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_uploads_a_word_report_and_downloads_a_pack_with_it(
    live_server, page, login_as, user_with_role, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(60_000)
    officer = user_with_role(roles.COMMITTEE_OFFICER, username="word-officer")
    body = BodyFactory()
    meeting = services.meeting_create(
        body=body, date=datetime.date(2018, 9, 13), start_time=datetime.time(10),
        venue=body.default_venue, user=officer,
    )  # fmt: skip
    item = services.item_add(
        meeting=meeting, user=officer, title="Domestic abuse", kind=ItemKind.REPORT
    )
    login_as(officer)

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/agenda/")
    page.get_by_role("link", name="Upload a paper for Domestic abuse").click()
    page.get_by_label("File", exact=True).set_input_files(
        files=[
            {
                "name": "strategy-update.docx",
                "mimeType": (
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                ),
                "buffer": word_report(pages=3),
            }
        ]
    )
    assert_accessible(page)
    page.get_by_role("button", name="Upload").click()  # no title: the report's Subject
    expect(page.get_by_text("It is being converted to PDF")).to_be_visible()

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    expect(
        page.get_by_role("link", name="Domestic Abuse Strategy update (PDF, 3 pages)")
    ).to_be_visible()
    page.get_by_role("link", name="Original and details of Domestic Abuse Strategy update").click()
    expect(page.get_by_text("(3 pages)")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Download the Word document"))).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"Download agenda pack \(PDF")).click()
    with open(info.value.path(), "rb") as handle:
        texts = [p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages]
    printed = [t for t in texts if f"Agenda Item {item.order}" in t]
    assert [section_marker(n) in t for n, t in enumerate(printed, start=1)] == [True] * 3
