"""HTML to PDF with WeasyPrint, for every PDF the app renders (agenda pack parts, MARAC report).

WeasyPrint reads what the HTML links to through ``url_fetcher``, which never makes a request:

- a static URL is read from disk through the static files storage, so the hashed names that the
  manifest storage writes in production (``print.3f2a….css``) resolve in the collected
  ``STATIC_ROOT``; when nothing is collected (development, tests) the finders serve the source;
- everything else (http, https, file:, data:, media, a page of the app) is refused.

A missing static file stops the render (a deployment fault, never a silently unstyled PDF).
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

BASE_URL = "https://sscp-board.invalid/"
# WeasyPrint logs every layout step at INFO: noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class RefusedURL(ValueError):
    """A URL the PDF may not read: WeasyPrint leaves the resource out and carries on."""


def static_name(url: str) -> str | None:
    """The static file name a URL of our own names (``marac/print.css``), else ``None``."""
    if not url.startswith(BASE_URL):
        return None
    path = unquote(urlsplit(url).path)
    static_url = urlsplit(settings.STATIC_URL or "/static/").path
    if not path.startswith(static_url):
        return None
    name = posixpath.normpath(path.removeprefix(static_url))
    if name in ("", ".") or name.startswith(("..", "/")):
        return None
    return name


def static_file(name: str) -> Path | None:
    """The file on disk for a static name: collected (hashed or not), else found in the source."""
    try:
        collected = Path(staticfiles_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation, ValueError):
        collected = None
    if collected and collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            name = static_name(url)
            if name is None:
                raise RefusedURL(f"A PDF of this app does not fetch {url[:200]}")
            path = static_file(name)
            if path is None:
                raise FatalURLFetchingError(f"No static file {name} (run collectstatic?)")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    return StaticFileFetcher


def url_fetcher():
    """A WeasyPrint URL fetcher that serves static files from disk and refuses every other URL."""
    return _fetcher_class()()


def _pdf_variant() -> str | None:
    from weasyprint.pdf import VARIANTS

    return "pdf/ua-1" if "pdf/ua-1" in VARIANTS else None


def html_to_pdf(html: str) -> bytes:
    """The tagged (PDF/UA-1, for screen readers) PDF of an HTML document of the app."""
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher())
    variant = _pdf_variant()
    return document.write_pdf(**({"pdf_variant": variant} if variant else {}))
