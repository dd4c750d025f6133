"""Responses that depend on the signed-in user say ``Cache-Control: private, no-store``; static
files and anonymous responses stay cacheable."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from tests.factories import AgendaItemFactory, MeetingFactory, tiny_pdf
from tests.marac.conftest import reference  # noqa: F401 (fixture)


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_private(response):
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_a_signed_in_page_is_neither_stored_nor_shared(client, board_member):
    client.force_login(board_member)
    assert_private(client.get(reverse("meetings:index")))


@pytest.mark.django_db
def test_a_confidential_paper_download_is_neither_stored_nor_shared(client, officer, board_member):
    item = AgendaItemFactory(meeting=MeetingFactory(), is_confidential=True)
    document = services.document_upload(
        item=item, user=officer, title="Complex cases",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    client.force_login(board_member)
    response = client.get(reverse("meetings:document", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert_private(response)


def test_a_csv_export_is_neither_stored_nor_shared(client, board_member, reference):  # noqa: F811
    client.force_login(board_member)
    response = client.get(reverse("marac:dashboard_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert_private(response)


@pytest.mark.django_db
def test_anonymous_and_static_responses_stay_cacheable(client, board_member):
    redirect = client.get(reverse("meetings:index"))
    assert redirect.status_code == 302 and "no-store" not in directives(redirect)
    client.force_login(board_member)
    static = client.get("/static/js/app.mjs")
    assert static.status_code == 200
    assert not {"private", "no-store"} & directives(static)
