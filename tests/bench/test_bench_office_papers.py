"""Office papers benchmark: converting Word reports with LibreOffice, and the pack built with one.

Figures, each against a baseline measured in the same run:

- LibreOffice's time per page converting a 12- and a 36-page Word report (headings, paragraphs
  and a table a page) ÷ WeasyPrint's time per page rendering the same content as HTML (the app's
  own renderer): what a converted paper costs against a report written in the app;
- the extra time per page (36 pages less 12) ÷ the 12-page report's time per page: LibreOffice
  starts once per conversion, so long papers cost less a page;
- the pack's cold build with the converted 12-page report ÷ the same pack with that PDF uploaded
  as a PDF: conversion happens once, at upload, so the pack costs the same (target <= 1.2).
"""

import datetime
import shutil

import pytest
from django.core.files.base import ContentFile

from meetings import conversion, pack, pack_pdf
from meetings.models import AgendaItem, Conversion, ItemKind, UploadedDocument
from tests.bench.conftest import best_of
from tests.factories import BodyFactory, MeetingFactory
from tests.office_files import needs_soffice, section_marker, word_report


def _convert(data: bytes) -> tuple[bytes, int]:
    return conversion.to_pdf(
        data, "docx", ".docx", command="soffice", timeout=120, memory_mb=2048, max_pages=300
    )


def _same_as_html(pages: int) -> str:
    """The Word report's content as the app would render it: a page each section."""
    sections = "".join(
        f"<section><h1>{n}. {section_marker(n)}</h1>"
        f"<p>{n}.1 The partnership reviewed the strategy (part {n}).</p><table>"
        + "".join(
            "<tr>" + "".join(f"<td>R{r}C{c}-{n}</td>" for c in range(3)) + "</tr>" for r in range(3)
        )
        + "</table></section>"
        for n in range(1, pages + 1)
    )
    return (
        "<html lang='en-GB'><head><meta charset='utf-8'><title>Report</title><style>"
        "@page { size: A4; margin: 25mm } section + section { break-before: page }"
        "td { border: 0.5pt solid #000 }</style></head><body>" + sections + "</body></html>"
    )


def _meeting_with(body, day: int, pdf: bytes, original: bytes | None):
    meeting = MeetingFactory(body=body, date=datetime.date(2018, 9, day))
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, title="Domestic abuse", kind=ItemKind.REPORT
    )
    UploadedDocument.objects.create(
        agenda_item=item,
        title="Strategy update",
        file=ContentFile(pdf, name="paper.pdf"),
        original=ContentFile(original, name="paper.docx") if original else "",
        size=len(original or pdf),
        conversion=Conversion.READY,
    )
    return meeting


def _cold_build(meeting) -> float:
    def build():
        shutil.rmtree(pack.cache_root(), ignore_errors=True)
        pack_pdf._MARGIN_MEMO.clear()
        pack.pack_build_info(meeting, variant=pack.MEMBERS)

    return best_of(build, repeat=3)


@needs_soffice
@pytest.mark.django_db
def test_bench_word_conversion(report_ratio, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    short, long = word_report(pages=12), word_report(pages=36)
    pdf, pages = _convert(short)
    assert pages == 12
    assert _convert(long)[1] == 36
    lo_short = best_of(lambda: _convert(short), repeat=3)
    lo_long = best_of(lambda: _convert(long), repeat=3)
    html = _same_as_html(12)
    assert conversion.count_pages(pack_pdf.render_html(html)) == 12
    weasy = best_of(lambda: pack_pdf.render_html(html), repeat=3)
    print(
        f"\nBENCH LibreOffice: 12 pages {lo_short:.2f}s ({lo_short / 12:.3f}s a page), "
        f"36 pages {lo_long:.2f}s ({lo_long / 36:.3f}s a page)"
    )
    report_ratio(
        "LibreOffice per page (12-page report) / WeasyPrint per page (same content)",
        lo_short / 12,
        weasy / 12,
        at_most=15,
    )
    report_ratio(
        "LibreOffice extra time per page (36 less 12) / per page of the 12-page report",
        max(lo_long - lo_short, 1e-6) / 24,
        lo_short / 12,
        at_most=1.0,
    )

    body = BodyFactory(name="Benchmark Safer Communities Partnership")
    converted = _cold_build(_meeting_with(body, 13, pdf, short))
    as_pdf = _cold_build(_meeting_with(body, 20, pdf, None))
    report_ratio(
        "pack cold build with the converted report / with the same PDF uploaded",
        converted,
        as_pdf,
        at_most=1.2,
    )
    report_ratio(
        "upload to pack (conversion + cold build) / cold build with the PDF uploaded",
        lo_short + converted,
        as_pdf,
        at_most=20,
    )
