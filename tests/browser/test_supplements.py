"""A supplementary agenda in Chromium: the officer marks a paper to follow, publishes the agenda,
uploads the late paper and publishes Supplementary Agenda 1; a member downloads it."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import AgendaItem, Meeting, MeetingStatus, UploadedDocument
from tests.browser.conftest import assert_accessible
from tests.factories import tiny_pdf


def _user(username):
    return get_user_model().objects.get(username=username)


def _download(page, name) -> PdfReader:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    with open(info.value.path(), "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _december_as_draft() -> tuple[Meeting, AgendaItem]:
    """The demo's December meeting, back to a draft agenda without its supplement."""
    december = Meeting.objects.get(date="2018-12-13")
    UploadedDocument.objects.filter(agenda_item__meeting=december).delete()
    december.supplements.all().delete()
    december.items.update(paper_to_follow=False)
    Meeting.objects.filter(pk=december.pk).update(status=MeetingStatus.DRAFT)
    return december, december.items.get(title="Integrated Youth Service")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_publishes_a_supplement_and_a_member_downloads_it(
    demo, live_server, page, login_as, tmp_path
):
    page.set_default_timeout(60_000)
    december, item = _december_as_draft()
    url = f"{live_server.url}/meetings/{december.pk}/"

    login_as(_user("officer"))
    page.goto(f"{live_server.url}/meetings/items/{item.pk}/")
    page.get_by_label("Paper to follow").check()
    page.get_by_role("button", name="Save item").click()
    page.goto(url)
    page.get_by_role("button", name="Publish agenda").click()
    page.get_by_role("button", name="Publish agenda").click()
    expect(page.get_by_text("Agenda published: board members can now read it.")).to_be_visible()

    late = tmp_path / "late.pdf"
    late.write_bytes(tiny_pdf("Late-paper"))
    page.goto(f"{live_server.url}/meetings/items/{item.pk}/upload/")
    page.get_by_label("Title").fill("Integrated Youth Service late paper")
    page.get_by_label("File", exact=True).set_input_files(str(late))
    page.get_by_role("button", name="Upload").click()

    page.goto(url)
    expect(page.get_by_test_id("waiting-supplement")).to_be_visible()
    page.get_by_role("button", name="Publish Supplementary Agenda 1").click()
    expect(page.get_by_text("If you continue:")).to_be_visible()  # the confirmation page
    assert_accessible(page)
    page.get_by_role("button", name="Publish Supplementary Agenda 1").click()
    expect(page.get_by_text("Supplementary Agenda 1 published")).to_be_visible()

    login_as(_user("member"))
    page.goto(url)
    expect(page.get_by_role("link", name="Supplementary Agenda 1 (PDF)")).to_be_visible()
    assert_accessible(page)
    reader = _download(page, "Supplementary Agenda 1 (PDF)")
    first = reader.pages[0].extract_text()
    assert "SUPPLEMENTARY AGENDA 1" in first and "Integrated Youth Service" in first
    main = _download(page, re.compile(r"Download agenda pack \(PDF"))
    assert f"Page {len(main.pages) + 1}" in first or f"Page {len(main.pages) + 2}" in first
    assert "To follow" in "".join(p.extract_text() for p in main.pages[:2])
