"""The agenda pack in Chromium: the officer publishes an agenda and downloads its pack; a board
member downloads it from the meeting page."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import Meeting, MeetingStatus
from tests.browser.conftest import assert_accessible


def _user(username):
    return get_user_model().objects.get(username=username)


def _download_pack(page) -> PdfReader:
    link = page.get_by_role("link", name=re.compile(r"Download agenda pack \(PDF"))
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_publishes_and_downloads_then_a_member_downloads(demo, live_server, page, login_as):
    page.set_default_timeout(60_000)
    december = Meeting.objects.get(date="2018-12-13")
    Meeting.objects.filter(pk=december.pk).update(status=MeetingStatus.DRAFT)
    url = f"{live_server.url}/meetings/{december.pk}/"

    login_as(_user("officer"))
    page.goto(url)
    page.get_by_role("button", name="Publish agenda").click()
    expect(page.get_by_text("If you continue:")).to_be_visible()  # the confirmation page
    page.get_by_role("button", name="Publish agenda").click()
    expect(page.get_by_text("Agenda published: board members can now read it.")).to_be_visible()
    reader = _download_pack(page)
    first = reader.pages[0].extract_text()
    assert "AGENDA" in first and "Thursday 13th December, 2018" in first
    assert "Page 1" in first
    assert reader.metadata.title.endswith("13 December 2018 - Agenda pack")

    login_as(_user("member"))
    page.goto(url)
    expect(page.get_by_role("link", name=re.compile(r"Download agenda pack \(PDF"))).to_be_visible()
    assert_accessible(page)
    reader = _download_pack(page)
    assert "Sefton Safer Communities Partnership" in reader.pages[0].extract_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_downloads_the_september_pack(demo, live_server, page, login_as):
    # About 70 pages (the strategic assessment and the MARAC report), built on first download.
    page.set_default_timeout(180_000)
    september = Meeting.objects.get(date="2018-09-13")
    login_as(_user("member"))
    page.goto(f"{live_server.url}/meetings/{september.pk}/")
    reader = _download_pack(page)
    texts = [p.extract_text() for p in reader.pages]
    assert "(Pages 3 - 5)" in texts[0]
    assert any("Agenda Item 7" in t and "Page 1 of 6" in t for t in texts)
    assert len(texts) >= 60
    page.goto(f"{live_server.url}/meetings/{september.pk}/")
    expect(
        page.get_by_role("link", name=f"Download agenda pack (PDF, {len(texts)} pages)")
    ).to_be_visible()
