"""A paper's text is extracted once, at upload, bounded, and never breaks an upload."""

import io

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfWriter

from meetings import paper_text, services
from meetings.models import MeetingStatus, UploadedDocument
from tests.factories import AgendaItemFactory, MeetingFactory


def weasy_pdf(*pages: str) -> bytes:
    """A PDF of one page per text, rendered by WeasyPrint."""
    body = "".join(f'<p style="break-after: page">{text}</p>' for text in pages)
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_text_of_every_page_is_extracted_on_one_line():
    text = paper_text.extract_text(weasy_pdf("Detached youth sessions", "Netherton  outreach"))
    assert "Detached youth sessions" in text and "Netherton outreach" in text
    assert "\n" not in text and "  " not in text


def test_extraction_stops_at_the_page_limit():
    data = weasy_pdf("Alpha page", "Bravo page", "Charlie page")
    text = paper_text.extract_text(data, max_pages=2)
    assert "Bravo" in text and "Charlie" not in text


def test_extraction_stops_at_the_character_limit():
    data = weasy_pdf("word " * 400, "Kestrel")
    text = paper_text.extract_text(data, max_chars=100)
    assert len(text) == 100 and "Kestrel" not in text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>",
        b"%PDF-1.4\n" + bytes(range(256)) * 20,
    ],
    ids=["empty", "not-a-pdf", "broken-tree", "garbage"],
)
def test_a_damaged_pdf_gives_empty_text_not_an_error(data):
    assert paper_text.extract_text(data) == ""


def test_a_truncated_pdf_never_raises():
    data = weasy_pdf("Half a file")
    assert isinstance(paper_text.extract_text(data[: len(data) // 2]), str)


def test_a_scan_without_selectable_text_gives_empty_text():
    assert paper_text.extract_text(blank_pdf(2)) == ""


def test_a_nul_character_is_not_kept(monkeypatch):
    """PostgreSQL text holds no NUL: a PDF whose text has one must still upload."""
    monkeypatch.setattr("pypdf.PageObject.extract_text", lambda self, *a, **k: "fire\x00safety")
    assert paper_text.extract_text(blank_pdf()) == "fire safety"


def _item(**kwargs):
    return AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED), **kwargs
    )


def test_uploading_a_paper_stores_its_text(officer):
    item = _item()
    document = services.document_upload(
        item=item, user=officer, title="Youth update",
        file=SimpleUploadedFile("y.pdf", weasy_pdf("Detached sessions in Netherton")),
    )  # fmt: skip
    document.refresh_from_db()
    assert document.text == "Detached sessions in Netherton"


def test_uploading_an_appendix_stores_its_text(officer):
    item = _item()
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Fires</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Fires", report_of="Officer",
    )  # fmt: skip
    appendix = services.document_upload(
        item=item, user=officer, title="Ward figures", report=report,
        file=SimpleUploadedFile("w.pdf", weasy_pdf("Linacre deliberate fires")),
    )  # fmt: skip
    assert UploadedDocument.objects.get(pk=appendix.pk).text == "Linacre deliberate fires"


def test_a_failing_extraction_does_not_stop_the_upload(officer, monkeypatch):
    def boom(self, *args, **kwargs):
        raise RecursionError("deeply nested content")

    monkeypatch.setattr("pypdf.PageObject.extract_text", boom)
    item = _item()
    document = services.document_upload(
        item=item, user=officer, title="Odd paper",
        file=SimpleUploadedFile("o.pdf", weasy_pdf("Hidden words")),
    )  # fmt: skip
    assert UploadedDocument.objects.get(pk=document.pk).text == ""


def test_the_command_fills_the_text_of_papers_stored_before(db):
    item = _item()
    old = UploadedDocument.objects.create(
        agenda_item=item, title="Old paper", size=1,
        file=ContentFile(weasy_pdf("Seaforth youth bus"), name="old.pdf"),
    )  # fmt: skip
    done = UploadedDocument.objects.create(
        agenda_item=item, title="Done", size=1, text="kept as it is",
        file=ContentFile(weasy_pdf("Something else"), name="done.pdf"),
    )  # fmt: skip
    missing = UploadedDocument.objects.create(
        agenda_item=item, title="Missing", size=1, file="papers/none.pdf"
    )
    out = io.StringIO()
    call_command("paper_text", stdout=out)
    assert UploadedDocument.objects.get(pk=old.pk).text == "Seaforth youth bus"
    assert UploadedDocument.objects.get(pk=done.pk).text == "kept as it is"
    assert UploadedDocument.objects.get(pk=missing.pk).text == ""
    assert "Extracted the text of 1 of 2 papers; 1 have no selectable text" in out.getvalue()
    call_command("paper_text", "--all", stdout=io.StringIO())
    assert UploadedDocument.objects.get(pk=done.pk).text == "Something else"
