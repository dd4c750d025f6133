"""Search in Chromium: the officer uploads a paper; a board member searches a word in its
text, sees it highlighted in the result's snippet and opens the paper."""

import io

import pytest
import weasyprint
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from meetings.models import AgendaItem, UploadedDocument
from tests.browser.conftest import assert_accessible

TEXT = (
    "Fictional note: volunteers counted nesting kittiwakes on the pier and asked partners to "
    "keep the railings clear during the breeding season."
)


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_finds_a_word_in_an_uploaded_paper_and_opens_it(demo, live_server, page, login_as):
    page.set_default_timeout(20_000)
    base = live_server.url
    item = AgendaItem.objects.filter(meeting__date="2018-12-13").order_by("-order").first()
    pdf = weasyprint.HTML(string=f"<html><body><p>{TEXT}</p></body></html>").write_pdf()

    login_as(_user("officer"))
    page.goto(f"{base}/meetings/items/{item.pk}/upload/")
    page.get_by_label("Title").fill("Pier wildlife note")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "pier.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="Pier wildlife note")).to_be_visible()
    assert "kittiwakes" in UploadedDocument.objects.get(title="Pier wildlife note").text

    login_as(_user("member"))
    page.goto(f"{base}/meetings/search/")
    page.get_by_label("Search minutes, resolutions, reports and papers").fill("kittiwakes")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("paper-results")
    expect(results.locator("mark")).to_have_text("kittiwakes")
    expect(results.get_by_test_id("snippet")).to_contain_text("counted nesting kittiwakes on")
    expect(results).to_contain_text(f"Item {item.order}: {item.title}")
    assert_accessible(page)

    # Chromium shows the PDF in its viewer: the paper is the response the link navigates to.
    with page.expect_response(lambda r: "/meetings/documents/" in r.url) as opened:
        results.get_by_role("link", name="Pier wildlife note (PDF)").click()
    assert opened.value.status == 200
    assert opened.value.header_value("content-type") == "application/pdf"
    # (its body there is the viewer's page: read the bytes the member was sent again)
    paper = PdfReader(io.BytesIO(page.request.get(opened.value.url).body()))
    assert "kittiwakes" in paper.pages[0].extract_text()
