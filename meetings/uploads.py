"""Checking uploaded papers: PDF, office files and images, recognised by content, within the size
limit."""

from django.conf import settings
from django.core.exceptions import ValidationError

try:  # the agenda-pack engineer's thorough check (encryption, damage, no pages), when present
    from meetings.pdf_checks import UploadRejected, validate_upload
except ImportError:  # pragma: no cover
    UploadRejected = ValueError
    validate_upload = None


def max_upload_bytes() -> int:
    return settings.SSCP_MAX_UPLOAD_MB * 1024 * 1024


def check_size(size: int) -> None:
    if size > max_upload_bytes():
        raise ValidationError(
            {"file": f"The file must be smaller than {settings.SSCP_MAX_UPLOAD_MB} MB."}
        )


def check_pdf(data: bytes) -> list[str]:
    """Raise ValidationError({'file': message}) unless ``data`` is a readable PDF within the limit.

    Returns warnings (e.g. no selectable text) that do not stop the upload.
    """
    check_size(len(data))
    if not data:
        raise ValidationError({"file": "The selected file is empty."})
    if validate_upload is None:
        if not data.startswith(b"%PDF-"):
            raise ValidationError({"file": "The file must be a PDF."})
        return []
    try:
        return validate_upload(data)
    except UploadRejected as exc:
        raise ValidationError({"file": str(exc)}) from exc


def check_paper(name: str, data: bytes) -> str:
    """The kind of an uploaded paper (``meetings.conversion.FORMATS``), recognised by content
    and matching its name; ValidationError({'file': message}) otherwise. PDFs get
    ``check_pdf``'s thorough check; office files need LibreOffice (refused where it is missing)."""
    from meetings import conversion

    check_size(len(data))
    if not data:
        raise ValidationError({"file": "The selected file is empty."})
    if conversion.extension(name) == ".pdf" and conversion.sniff(data) in ("unknown", "zip"):
        check_pdf(data)  # its own message for a damaged or non-PDF file named .pdf
    try:
        kind = conversion.check_upload(name, data)
    except conversion.Refused as exc:
        raise ValidationError({"file": _sentence(str(exc))}) from None
    if kind == conversion.PDF:
        check_pdf(data)
    elif kind in conversion.OFFICE and conversion.soffice_path(settings.SSCP_SOFFICE) is None:
        raise ValidationError({"file": conversion.missing_message()})
    return kind


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."
