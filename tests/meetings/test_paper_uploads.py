"""Uploading an item's PDF papers: type and size refused next to the field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import (
    UploadedDocument,
)
from tests.factories import (
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


def test_a_wrong_file_type_is_refused_next_to_the_field(client, officer, meeting):
    item = meeting.items.first()
    client.force_login(officer)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(reverse("meetings:upload", args=[item.pk]), {"title": "R", "file": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is not a PDF."]
    assert not UploadedDocument.objects.exists()


def test_uploads_are_limited_to_20_mb_by_default(client, officer, meeting, settings):
    assert settings.SSCP_MAX_UPLOAD_MB == 20
    client.force_login(officer)
    page = client.get(reverse("meetings:upload", args=[meeting.items.first().pk]))
    assert "smaller than 20 MB." in page.content.decode()


def test_an_oversized_upload_is_refused(client, officer, meeting, settings):
    settings.SSCP_MAX_UPLOAD_MB = 1
    item = meeting.items.first()
    client.force_login(officer)
    big = SimpleUploadedFile("big.pdf", tiny_pdf() + b"%" * (1024 * 1024), "application/pdf")
    response = client.post(reverse("meetings:upload", args=[item.pk]), {"title": "B", "file": big})
    assert response.context["form"].errors["file"] == ["The file must be smaller than 1 MB."]
    assert not UploadedDocument.objects.exists()


def test_a_pdf_is_uploaded_and_downloaded_by_a_member(client, officer, board_member, meeting):
    item = meeting.items.first()
    client.force_login(officer)
    pdf = SimpleUploadedFile("x.pdf", tiny_pdf(), "application/octet-stream")
    response = client.post(
        reverse("meetings:upload", args=[item.pk]), {"title": "Plan", "file": pdf}
    )
    assert response.status_code == 302
    document = UploadedDocument.objects.get()
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    download = client.get(reverse("meetings:document", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
