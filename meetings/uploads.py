"""Checking uploaded papers: PDF only, recognised by content, within the size limit."""

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
