"""The text of an uploaded paper, extracted once so that search can read it.

``extract_text`` is a plain function of the PDF's bytes; ``store_text`` runs it on a stored
paper, called by a task on the queue once an upload has committed (meetings/tasks.py) and by
``manage.py paper_text`` for papers stored before this existed. It is bounded (MAX_PAGES pages,
MAX_CHARS characters) and never raises: a damaged or hostile PDF gives empty text, and the paper is
simply not found by its contents.
"""

import io
import logging
import re

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 100  # pages read from one paper
MAX_CHARS = 200_000  # characters kept from one paper (about 60 pages of prose)

_SPACE = re.compile(r"\s+")


def extract_text(data: bytes, *, max_pages: int = MAX_PAGES, max_chars: int = MAX_CHARS) -> str:
    """The selectable text of the first ``max_pages`` pages, whitespace collapsed, cut at
    ``max_chars``. Empty for a scan, a damaged file or anything pypdf cannot open; a page
    that fails is skipped."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return ""
        pages = reader.pages
        count = min(len(pages), max_pages)
    except Exception:  # pypdf raises many types on garbage
        logger.info("Paper text: the PDF cannot be opened", exc_info=True)
        return ""
    texts, length = [], 0
    for number in range(count):
        try:
            text = _clean(pages[number].extract_text())
        except Exception:
            logger.info("Paper text: page %s cannot be read", number + 1, exc_info=True)
            continue
        if text:
            texts.append(text)
            length += len(text) + 1
        if length >= max_chars:
            break
    return " ".join(texts)[:max_chars]


def _clean(text: str) -> str:
    """One line of words: PostgreSQL text holds no NUL, and search needs no layout."""
    return _SPACE.sub(" ", (text or "").replace("\x00", " ")).strip()


def store_text(document) -> str:
    """Read ``document``'s stored PDF, extract its text and save it on the row (that field
    only). For papers stored before extraction at upload, or a background task. A missing
    file gives empty text."""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        data = b""
    document.text = extract_text(data) if data else ""
    type(document).objects.filter(pk=document.pk).update(text=document.text)
    return document.text
