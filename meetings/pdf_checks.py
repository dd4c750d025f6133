"""Checks on PDF files for the agenda pack: upload validation and margin intrusion.

Django-free. ``validate_upload`` is what the upload form calls; ``page_intrudes`` is what the
pack builder calls to decide whether an uploaded page leaves room for the pack's page furniture.

Encrypted PDFs are refused outright, even those that open without a password (an "owner
password" only restricts printing or editing): copying their pages into the pack would strip the
restriction the author asked for, and the pack must print. The member is asked to upload an
unprotected copy instead.
"""

from __future__ import annotations

import io

import pikepdf
from pypdf import PdfReader

from meetings.pdf.intrusion import (  # noqa: F401 - the pack builder's names for them
    IDENTITY,
    Matrix,
    Rect,
    mat_mul,
    page_intrudes,
    transform_rect,
)
from meetings.pdf.lazy_reader import LazyPdfReader

NOT_A_PDF = "The file is not a PDF."
PASSWORD_PROTECTED = (
    "The PDF is password-protected. Save or export an unprotected copy and upload that."
)
DAMAGED = "The PDF is damaged and cannot be read."
NO_PAGES = "The PDF has no pages."
NO_TEXT = (
    "The PDF has no selectable text (is it a scan?): screen readers and search cannot read it."
)


class UploadRejected(ValueError):
    """The uploaded file cannot go in an agenda pack; ``str(exc)`` is the message for the user."""


def open_pdf(data: bytes) -> PdfReader:
    """Open PDF bytes, raising ``UploadRejected`` with the user's message when that fails.

    qpdf (pikepdf) looks first: it tells encryption of every kind from damage (pypdf without
    ``cryptography`` calls an AES-encrypted file damaged) and repairs what it can (a missing
    trailer, a wrong cross-reference table). What qpdf cannot read, pypdf's own repair may.
    Every page is touched (box, content streams) so a file that opens but breaks half-way is
    caught here rather than while the pack is being built.
    """
    if b"%PDF-" not in data[:1024]:
        raise UploadRejected(NOT_A_PDF)
    try:
        data = _checked_or_repaired(data)
    except pikepdf.PasswordError as exc:
        raise UploadRejected(PASSWORD_PROTECTED) from exc
    except UploadRejected:
        raise
    except Exception:  # noqa: S110 - qpdf gave up: pypdf's repair tries below
        pass
    try:
        reader = LazyPdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UploadRejected(PASSWORD_PROTECTED)
        if len(reader.pages) == 0:
            raise UploadRejected(NO_PAGES)
        for page in reader.pages:
            _ = page.mediabox, page.cropbox, page.rotation
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
    except UploadRejected:
        raise
    except Exception as exc:  # PyPdfError, ValueError, KeyError...: on garbage, all of them
        raise UploadRejected(DAMAGED) from exc
    return reader


def _checked_or_repaired(data: bytes) -> bytes:
    """``data`` if qpdf reads it cleanly, else the file as qpdf repaired it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:  # even with an empty user password: see the module docstring
            raise UploadRejected(PASSWORD_PROTECTED)
        if len(pdf.pages) == 0:
            raise UploadRejected(NO_PAGES)
        for page in pdf.pages:
            _ = page.mediabox, page.cropbox
            contents = page.obj.get("/Contents")
            for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                if isinstance(stream, pikepdf.Stream):
                    stream.read_bytes()
        if not pdf.get_warnings():
            return data
        repaired = io.BytesIO()
        pdf.save(repaired)
        return repaired.getvalue()


def validate_upload(data: bytes, *, text_sample_pages: int = 5) -> list[str]:
    """Check an uploaded document by its content, not its name.

    Raises ``UploadRejected`` (not a PDF, password-protected, damaged, no pages). Returns
    warnings the uploader should see but that do not stop the upload.
    """
    reader = open_pdf(data)
    warnings = []
    try:
        sample = reader.pages[:text_sample_pages]
        has_text = any(page.extract_text().strip() for page in sample)
    except Exception:  # text extraction is a courtesy check; a failure is not damage.
        has_text = True
    if not has_text:
        warnings.append(NO_TEXT)
    return warnings
