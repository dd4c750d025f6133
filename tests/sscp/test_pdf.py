"""The one WeasyPrint renderer and URL fetcher (``sscp.pdf``), and the app's PDFs under the
production static configuration: DEBUG off, ``collectstatic`` into a temporary STATIC_ROOT with
the manifest storage, whose hashed names (``print.<hash>.css``) the finders do not know."""

import io
import json

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse
from pypdf import PdfReader

from marac.models import Report
from sscp.pdf import BASE_URL, RefusedURL, url_fetcher
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.marac.conftest import reference, small_marac  # noqa: F401 (fixtures)


@pytest.fixture
def production_static(settings, tmp_path):
    """Static files as a deployment serves them; the source tree is not where they are read."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # The admin's and plotly's files are big and no PDF links to them.
    call_command(
        "collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "plotly*"]
    )
    return settings.STATIC_ROOT


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_marac_report_pdf_renders_with_hashed_static_names(
    production_static,
    client,
    marac_coordinator,
    small_marac,  # noqa: F811
):
    manifest = json.loads((production_static / "staticfiles.json").read_text())["paths"]
    hashed = manifest["marac/print.css"]
    assert hashed != "marac/print.css" and static("marac/print.css").endswith(hashed)
    client.force_login(marac_coordinator)
    response = client.post(
        reverse("marac:report_list"),
        {"start": "2017-04-01", "end": "2018-03-31", "title": "MARAC report 2017/18"},
    )
    assert response.status_code == 302
    report = Report.objects.get()
    for variant in ("restricted", "circulation"):
        pdf = client.get(reverse("marac:report_pdf", kwargs={"pk": report.pk, "variant": variant}))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        text = _text(pdf.content)
        assert "MARAC report 2017/18" in text and "SWACA engagement" in text


def test_the_agenda_pack_pdf_renders_under_production_static(
    production_static, client, board_member
):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, title="Night-time economy update")
    client.force_login(board_member)
    response = client.get(reverse("meetings:pack", args=[meeting.pk]))
    assert response.status_code == 200
    text = _text(b"".join(response.streaming_content))
    assert "Night-time economy update" in text and "Page 1" in text


def test_the_fetcher_reads_hashed_static_files_from_the_collected_root(production_static):
    hashed = static("marac/print.css")
    body = url_fetcher().fetch(BASE_URL + hashed.lstrip("/")).read()
    assert body == (production_static / hashed.removeprefix("/static/")).read_bytes()


def test_the_fetcher_reads_source_static_files_when_nothing_is_collected(settings):
    body = url_fetcher().fetch(f"{BASE_URL}static/scss/app.scss").read()
    assert body == (settings.BASE_DIR / "static" / "scss" / "app.scss").read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/marac/print.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        f"{BASE_URL}media/pack-cache/secret.pdf",
        f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE_URL}meetings/1/",
    ],
)
def test_the_fetcher_refuses_every_other_url(url, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "pack-cache").mkdir()
    (tmp_path / "pack-cache" / "secret.pdf").write_bytes(b"%PDF-secret")
    with pytest.raises(RefusedURL):
        url_fetcher().fetch(url)
