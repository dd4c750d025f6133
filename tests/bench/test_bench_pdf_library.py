"""Hand-written PDF code against pikepdf (qpdf), measured in the same run (issue 14 item 1).

Each figure is ``pikepdf / today``: below 1 pikepdf is faster. Only printed, no target: the
figures decide which pieces move to pikepdf, and the pack benchmark guards the pack itself.

- writing the merged pack (object streams, cross-reference stream). Measured before the
  hand-written cross-reference writer was replaced by qpdf: 0.0171 s / 0.0096 s = 1.79, file
  66,294 B against 69,748 B; now qpdf's save against pypdf's plain write (what it adds);
- stamping every page (content streams appended vs ``Page.add_overlay``);
- reading an upload's outline;
- opening damaged, encrypted and odd uploads (repair, refusal).
"""

import io
import time

import pikepdf
import pytest
import weasyprint
from pypdf import PdfWriter

from meetings import pack_pdf
from meetings.pack_pdf import PackPart, assemble_pack
from meetings.pdf_checks import UploadRejected, open_pdf

pytestmark = pytest.mark.filterwarnings("ignore")

CSS = pack_pdf.STAMP_CLEARANCE_CSS + "@page { size: A4 } body { font-family: 'DejaVu Sans' }"
WORDS = "The Partnership considered the quarterly performance of the community safety fund. "


def _html(title: str, pages: int) -> str:
    sections = "".join(
        f"<section style='break-before: page'><h2>{title} {n}</h2><p>{WORDS * 30}</p></section>"
        for n in range(1, pages + 1)
    )
    return f"<html lang='en-GB'><head><title>{title}</title><style>{CSS}</style></head><body>{sections}</body></html>"


@pytest.fixture(scope="module")
def parts():
    report = pack_pdf.render_html(_html("Report", 10))
    upload = weasyprint.HTML(string=_html("Partner paper", 15).replace(CSS, "")).write_pdf()
    return [
        PackPart(3, "Minutes", pack_pdf.render_html(_html("Minutes", 8)), kind="minutes"),
        PackPart(4, "Report", report, kind="report"),
        PackPart(5, "Partner paper", upload, kind="upload"),
    ]


def _best(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _print(name: str, subject: float, baseline: float) -> None:
    print(
        f"\nBENCH pdf library {name}: pikepdf {subject:.4f}s / today {baseline:.4f}s = {subject / baseline:.2f}"
    )


def _front(_ranges) -> bytes:
    return pack_pdf.render_html(_html("Agenda", 1))


def test_bench_writing_the_pack(parts, monkeypatch):
    writers: list[PdfWriter] = []
    real = pack_pdf._write_compact

    def capture(writer):
        writers.append(writer)
        return real(writer)

    monkeypatch.setattr(pack_pdf, "_write_compact", capture)
    assemble_pack(_front, parts, title="Bench", author="Bench")
    writer = writers[0]

    def compact():
        return real(writer)

    def plain_pypdf():
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    _print("write pack (qpdf object streams vs pypdf plain)", _best(compact), _best(plain_pypdf))
    print(f"BENCH pdf library pack size: qpdf {len(compact())} B / pypdf {len(plain_pypdf())} B")


def test_bench_stamping(parts):
    data = parts[1].pdf
    stamp_pdf = pikepdf.new()
    stamp_pdf.add_blank_page(page_size=(595.28, 841.89))

    def with_pikepdf():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            overlay = pdf.copy_foreign(stamp_pdf.pages[0].as_form_xobject())
            for page in pdf.pages:
                page.add_overlay(overlay)
            pdf.save(io.BytesIO())

    def today():
        assemble_pack(_front, [parts[1]], title="Bench", author="Bench", check_margins=())

    _print("stamp every page (incl. whole pack build today)", _best(with_pikepdf), _best(today))


def test_bench_reading_outlines(parts):
    data = parts[2].pdf

    def with_pikepdf():
        with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
            return [item.title for item in outline.root]

    def today():
        reader = open_pdf(data)
        return pack_pdf._own_outline(reader, reader.outline)

    _print("read an upload's outline", _best(with_pikepdf), _best(today))


def _encrypted() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner", aes=True, R=6))
    return out.getvalue()


def _odd_uploads(good: bytes) -> dict[str, bytes]:
    offset = good.rfind(b"startxref")
    return {
        "good": good,
        "truncated": good[: len(good) * 2 // 3],
        "bad xref offset": good[:offset] + b"startxref\n99\n%%EOF\n",
        "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 8,
        "encrypted": _encrypted(),
    }


def _pikepdf_open(data: bytes) -> str:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                _ = page.mediabox, page.obj.get("/Contents")
            return f"opened ({len(pdf.pages)} pages)"
    except pikepdf.PasswordError:
        return "refused: password"
    except pikepdf.PdfError:
        return "refused: damaged"


def _today_open(data: bytes) -> str:
    try:
        return f"opened ({len(open_pdf(data).pages)} pages)"
    except UploadRejected as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("kind", ["good", "truncated", "bad xref offset", "garbage", "encrypted"])
def test_bench_opening_odd_uploads(parts, kind):
    data = _odd_uploads(parts[2].pdf)[kind]
    print(
        f"\nBENCH pdf library open {kind}: today {_today_open(data)}; pikepdf {_pikepdf_open(data)}"
    )
    _print(f"open {kind}", _best(lambda: _pikepdf_open(data)), _best(lambda: _today_open(data)))
