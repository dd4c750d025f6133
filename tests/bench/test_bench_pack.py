"""Agenda pack benchmark: a pack of about 100 pages, built from the database.

Front sheet, 12-page minutes of the previous meeting, four 10-page reports with tables and two
uploaded 15-page PDFs. Figures, each measured against a baseline in the same run:

- cold build ÷ WeasyPrint alone rendering the same HTML parts (target <= 1.3);
- rebuild after changing one report ÷ cold build (target <= 0.3);
- serving the unchanged pack renders nothing; peak memory and file size printed (< 3 MB).
"""

import datetime
import io
import resource
import shutil
import time
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from meetings import pack, pack_pdf
from meetings.models import (
    AgendaItem,
    ItemKind,
    MeetingStatus,
    Report,
    ReportSection,
    StandardKind,
    UploadedDocument,
)
from tests.factories import BodyFactory, MeetingFactory, MinuteFactory

WORDS = (
    "The Partnership considered the quarterly performance of the community safety fund, the "
    "work of the neighbourhood teams in each locality, and the outcomes for residents and "
    "victims reported by partners across the borough during the period under review. "
)


def _table(rows: int) -> str:
    head = "<thead><tr><th>Ward</th><th>2016/17</th><th>2017/18</th><th>Change</th></tr></thead>"
    body = "".join(
        f"<tr><td>Ward {n}</td><td>{100 + n}</td><td>{95 + 2 * n}</td><td>{n - 5}%</td></tr>"
        for n in range(rows)
    )
    return f"<table>{head}<tbody>{body}</tbody></table>"


def _upload_pdf(title: str, pages: int) -> bytes:
    import weasyprint

    sections = "".join(
        f"<section style='break-before: page'><h2>{title}: part {n}</h2>"
        f"<p>{WORDS * 6}</p>{_table(12)}</section>"
        for n in range(1, pages + 1)
    )
    html = (
        "<html lang='en-GB'><head><meta charset='utf-8'><title>" + title + "</title><style>"
        "@page { size: A4; margin: 25mm 20mm; "
        "@bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
        "body { font-family: 'Liberation Sans', sans-serif; font-size: 10pt }"
        "section:first-child { break-before: auto }"
        "table { border-collapse: collapse } td, th { border: 0.5pt solid #555 }"
        "</style></head><body>" + sections + "</body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


def _report_sections(report, pages: int):
    return [
        ReportSection(
            report=report,
            order=n,
            heading=f"Section {n}",
            body=f"<p>{n}.1 {WORDS * 5}</p><p>{n}.2 {WORDS * 3}</p>{_table(14)}",
        )
        for n in range(1, pages + 1)
    ]


@pytest.fixture
def big_meeting(db):
    body = BodyFactory(name="Benchmark Safer Communities Partnership")
    # Confirmed: the pack carries only minutes members may read (else a "to follow" page).
    previous = MeetingFactory(
        body=body, date=datetime.date(2018, 6, 14), status=MeetingStatus.MINUTES_CONFIRMED
    )
    meeting = MeetingFactory(body=body, date=datetime.date(2018, 9, 13))
    for number in range(1, 27):
        MinuteFactory(
            meeting=previous,
            number=number,
            title=f"MINUTE ON ITEM {number}",
            text=f"<p>{WORDS * 4}</p><p>{WORDS * 2}</p>",
        )
    order = iter(range(1, 100))
    AgendaItem.objects.create(
        meeting=meeting, order=next(order), title="Apologies for Absence", kind=ItemKind.STANDARD
    )
    AgendaItem.objects.create(
        meeting=meeting,
        order=next(order),
        title="Minutes of Previous Meeting",
        kind=ItemKind.STANDARD,
        standard_kind=StandardKind.PREVIOUS_MINUTES,
        description="Minutes of the meeting held on 14 June 2018.",
    )
    for n in range(1, 5):
        item = AgendaItem.objects.create(
            meeting=meeting, order=next(order), title=f"Report {n}", kind=ItemKind.REPORT
        )
        report = Report.objects.create(
            agenda_item=item,
            report_to=body.name,
            meeting_date=meeting.date,
            subject=f"Performance report {n}",
            report_of="Service Manager - Localities",
            recommendations="<p>The Partnership is asked to note the report.</p>",
        )
        ReportSection.objects.bulk_create(_report_sections(report, 9))
    item = AgendaItem.objects.create(
        meeting=meeting, order=next(order), title="Papers from partners", kind=ItemKind.REPORT
    )
    for n in (1, 2):
        data = _upload_pdf(f"Partner paper {n}", 15)
        UploadedDocument.objects.create(
            agenda_item=item,
            title=f"Partner paper {n}",
            file=ContentFile(data, name=f"partner-{n}.pdf"),
            size=len(data),
        )
    return meeting


def _cold_build(meeting) -> tuple[float, pack.BuiltPdf]:
    shutil.rmtree(pack.cache_root(), ignore_errors=True)
    pack_pdf._MARGIN_MEMO.clear()  # cold: nothing remembered from an earlier build either
    started = time.perf_counter()
    built = pack.pack_build_info(meeting, variant=pack.MEMBERS)
    return time.perf_counter() - started, built


def _weasyprint_alone(meeting) -> float:
    """Render the pack's HTML parts (front sheet, minutes, reports) with WeasyPrint, nothing else."""
    htmls = [pack.front_sheet_html(meeting, pack.MEMBERS, {})]
    htmls += [s.html for s in pack.part_specs(meeting, pack.MEMBERS) if s.data is None]
    started = time.perf_counter()
    for html in htmls:
        pack_pdf.render_html(html)
    return time.perf_counter() - started


def test_bench_agenda_pack(big_meeting, report_ratio):
    repeat = 4  # best of four, interleaved: the machine is shared, the figures are noisy
    cold_times, baseline_times = [], []
    built = None
    for _ in range(repeat):
        baseline_times.append(_weasyprint_alone(big_meeting))
        elapsed, built = _cold_build(big_meeting)
        cold_times.append(elapsed)
    cold, baseline = min(cold_times), min(baseline_times)
    data = built.path.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    print(f"\nBENCH pack: {len(reader.pages)} pages, {len(data) / 1e6:.2f} MB")
    counts = [(s.kind, s.part().page_count) for s in pack.part_specs(big_meeting, pack.MEMBERS)]
    print(f"BENCH pack parts (kind, pages): {counts}")
    assert 80 <= len(reader.pages) <= 130  # the parts listed add up to ~85 pages

    report_ratio("pack cold build / WeasyPrint alone", cold, baseline, at_most=1.3)

    # Unchanged: no rendering at all.
    before = pack_pdf.RENDERS.count
    pack.pack_build_info(big_meeting, variant=pack.MEMBERS)
    assert pack_pdf.RENDERS.count == before

    rebuilds = []
    section = ReportSection.objects.filter(report__agenda_item__meeting=big_meeting).first()
    for n in range(5):  # a rebuild is short: more tries, less noise
        ReportSection.objects.filter(pk=section.pk).update(
            body=section.body.replace("quarterly", f"quarterly (revision {n})", 1)
        )
        before = pack_pdf.RENDERS.count
        started = time.perf_counter()
        pack.pack_build_info(big_meeting, variant=pack.MEMBERS)
        rebuilds.append(time.perf_counter() - started)
        assert pack_pdf.RENDERS.count - before == 1  # only the changed report
    report_ratio(
        "pack rebuild after one report changed / cold build", min(rebuilds), cold, at_most=0.3
    )

    # Peak memory of a cold build (traced separately: tracing slows the build down).
    shutil.rmtree(pack.cache_root(), ignore_errors=True)
    pack_pdf._MARGIN_MEMO.clear()
    tracemalloc.start()
    pack.pack_build_info(big_meeting, variant=pack.MEMBERS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"BENCH pack peak memory: {peak / 2**20:.1f} MiB traced, process max RSS {max_rss:.0f} MiB"
    )
    size = built.path.stat().st_size if built.path.exists() else len(data)
    print(f"BENCH pack size: {size / 2**20:.2f} MiB for {len(reader.pages)} pages (target < 3 MB)")
    assert len(data) < 3_000_000
