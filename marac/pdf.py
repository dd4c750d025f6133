"""The report as PDF with WeasyPrint; static files are read from disk, never over HTTP."""

import logging
import mimetypes

from django.contrib.staticfiles import finders

BASE_URL = "https://sscp.invalid/"
_STATIC = BASE_URL + "static/"
# WeasyPrint logs every layout step at INFO: noise in the server log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        """Serves /static/ paths from the static finders; refuses every other URL."""

        def fetch(self, url, headers=None):
            if not url.startswith(_STATIC):
                raise FatalURLFetchingError(f"refused to fetch {url}")
            path = finders.find(url.removeprefix(_STATIC).split("?")[0])
            if not path:
                raise FatalURLFetchingError(f"no static file for {url}")
            with open(path, "rb") as handle:
                body = handle.read()
            kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})

    return StaticFileFetcher


def html_to_pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()
    ).write_pdf()
