"""Assemble an agenda pack PDF from its parts. Django-free, but for ``render_html``.

The Django layer renders the HTML parts (front sheet, minutes, reports) with ``render_html``
(through ``sscp.pdf``, the app's one WeasyPrint renderer and URL fetcher) and passes the PDF
bytes of every part, uploads included, to ``assemble_pack``. This module:

- plans the pages: every item's papers start on an odd (right-hand) page; a page left empty by
  that is a filler page saying "This page is intentionally left blank";
- renders the front sheet through a callback with the real "(Pages X - Y)" of each item,
  re-rendering it if its own length moves the items;
- stamps the pack furniture on every page: "Page N" (bottom centre) on all pages and
  "Agenda Item N" (top right, boxed) on each item's pages. The front sheet carries only "Page N":
  it belongs to no item, and the seed packs show no item label on it;
- shrinks an uploaded page towards its centre when it has content where a stamp goes;
- adds bookmarks (agenda, then one per item with one child per paper, and the paper's own
  headings under that), metadata, and carries the tags of the WeasyPrint parts over.

Stamps are hand-written content streams in Helvetica (a standard-14 font, not embedded), marked
as pagination artifacts: no second WeasyPrint render, a few hundred bytes a page.

App-rendered parts must keep the stamp zones clear (``STAMP_CLEARANCE_CSS`` does); only uploads
are examined, because examining a page costs about a tenth of rendering it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import threading
from collections.abc import Callable, Collection, Sequence
from typing import Literal

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    PdfObject,
    RectangleObject,
    TextStringObject,
)
from pypdf.xmp import XmpInformation

from meetings.pdf.lazy_reader import LazyPdfReader
from meetings.pdf.structure import StructureMerger
from meetings.pdf.structure import pdf_string as _pdf_string
from meetings.pdf_checks import (
    Matrix,
    Rect,
    UploadRejected,
    mat_mul,
    open_pdf,
    page_intrudes,
    transform_rect,
)

__all__ = [
    "RENDERS",
    "STAMP_CLEARANCE_CSS",
    "Bookmark",
    "PackPart",
    "PackPlan",
    "PackResult",
    "UploadRejected",
    "assemble_pack",
    "format_page_range",
    "missing_document_page",
    "pack_title",
    "plan_pages",
    "read_back",
    "render_html",
]

MM = 72 / 25.4
A4 = (595.2756, 841.8898)

PartKind = Literal["front_sheet", "minutes", "report", "upload", "placeholder"]
PageRanges = dict[int, tuple[int, int]]

BLANK_PAGE_TEXT = "This page is intentionally left blank"

# Stamp geometry, in points from the page's displayed edges.
PAGE_NUMBER_SIZE = 10
PAGE_NUMBER_BASELINE = 6 * MM
LABEL_SIZE = 11
LABEL_RIGHT = 12 * MM  # right edge of the label's box from the right edge of the page
LABEL_BASELINE = 10.5 * MM  # from the top edge
LABEL_PADDING = 1.5 * MM
# Zones that must be empty for a page to be stamped as it is: the stamps plus some air.
BOTTOM_ZONE = 11 * MM
TOP_ZONE = 14.5 * MM
ZONE_SIDE_AIR = 4 * MM

#: For the app's own templates: page margins that keep the stamp zones clear. Running heads and
#: page numbers of a part belong at the inner edge of these margins (``vertical-align: bottom``
#: in ``@top-*`` boxes, ``top`` in ``@bottom-*``), or in the left/centre of the top margin.
STAMP_CLEARANCE_CSS = "@page { margin-top: 22mm; margin-bottom: 20mm; }"


# --- Rendering --------------------------------------------------------------------------------


class RenderCounter:
    """Counts WeasyPrint renders, so a test can assert that serving a cached pack renders none."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0
        self.hooks: list[Callable[[], None]] = []

    def increment(self) -> None:
        with self._lock:
            self.count += 1
        for hook in list(self.hooks):
            hook()


RENDERS = RenderCounter()


def render_html(html: str) -> bytes:
    """Render one HTML part to PDF (tagged PDF/UA-1), counted in ``RENDERS``.

    Through ``sscp.pdf.html_to_pdf``, the one renderer of the app: static files from disk,
    every other URL refused.
    """
    from sscp.pdf import html_to_pdf

    pdf = html_to_pdf(html)
    RENDERS.increment()
    return pdf


# --- Parts and plan ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Bookmark:
    """A bookmark inside one paper; ``page`` is 0-based within that paper's PDF."""

    title: str
    page: int = 0
    children: tuple[Bookmark, ...] = ()


@dataclasses.dataclass
class PackPart:
    """One paper of one agenda item (the front sheet is rendered by ``assemble_pack``).

    ``title`` names the paper in the bookmarks ("Minutes of 14 June 2018"); ``item_title`` names
    the item ("Integrated Youth Service"). ``bookmarks=None`` keeps the paper's own outline
    (WeasyPrint makes one from h1-h6); ``()`` adds none.
    """

    item_number: int | None
    title: str
    pdf: bytes
    kind: PartKind = "report"
    item_title: str = ""
    label: str = ""
    bookmarks: tuple[Bookmark, ...] | None = None
    _reader: PdfReader | None = dataclasses.field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not self.label and self.item_number is not None:
            self.label = f"Agenda Item {self.item_number}"

    @property
    def reader(self) -> PdfReader:
        if self._reader is None:
            self._reader = LazyPdfReader(io.BytesIO(self.pdf))
        return self._reader

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)


@dataclasses.dataclass(frozen=True)
class PackPlan:
    """Where everything goes. Page numbers are 1-based pack positions."""

    front_sheet_pages: int
    part_starts: tuple[int, ...]
    item_ranges: PageRanges
    blank_pages: tuple[int, ...]
    total_pages: int


@dataclasses.dataclass
class PackResult:
    pdf: bytes
    plan: PackPlan
    warnings: list[str]
    front_sheet_renders: int


def format_page_range(start: int, end: int) -> str:
    """The front sheet's wording: "(Pages 5 - 12)", or "(Page 5)" for a single page."""
    return f"(Page {start})" if start == end else f"(Pages {start} - {end})"


def pack_title(body: str, meeting_date) -> str:
    """Document title: "<Body> - 13 September 2018 - Agenda pack"."""
    return f"{body} - {meeting_date.day} {meeting_date:%B %Y} - Agenda pack"


def plan_pages(parts: Sequence[PackPart], front_sheet_pages: int) -> PackPlan:
    """Start page of each part, with filler pages so that every item starts on an odd page.

    Papers of one item follow each other directly; parts must be grouped by item.
    """
    if front_sheet_pages < 1:
        raise ValueError("The front sheet has at least one page.")
    used = front_sheet_pages
    starts: list[int] = []
    ranges: PageRanges = {}
    blanks: list[int] = []
    current: int | None = None
    for part in parts:
        number = part.item_number
        if number is None:
            raise ValueError(f"{part.title!r}: every part after the front sheet has an item.")
        if number != current:
            if number in ranges:
                raise ValueError(f"The papers of item {number} are not consecutive.")
            if used % 2 == 1:
                used += 1
                blanks.append(used)
            current = number
            ranges[number] = (used + 1, used)
        count = part.page_count
        starts.append(used + 1)
        used += count
        ranges[number] = (ranges[number][0], used)
    return PackPlan(front_sheet_pages, tuple(starts), ranges, tuple(blanks), used)


# --- Placeholder pages ------------------------------------------------------------------------


def missing_document_page(name: str, reason: str) -> bytes:
    """A one-page A4 PDF standing in for a document that could not be included."""
    width, height = A4
    lines = [("/SSCPHelvB", 16, "Document not available")]
    for text in _wrap(name, "/SSCPHelvB", 13, width - 50 * MM):
        lines.append(("/SSCPHelvB", 13, text))
    lines.append(("/SSCPHelv", 11, ""))
    message = f"This document could not be included in the agenda pack: {reason}"
    for text in _wrap(message, "/SSCPHelv", 11, width - 50 * MM):
        lines.append(("/SSCPHelv", 11, text))
    lines.append(("/SSCPHelv", 11, ""))
    for text in _wrap(
        "Please ask the committee officer for a copy.", "/SSCPHelv", 11, width - 50 * MM
    ):
        lines.append(("/SSCPHelv", 11, text))
    ops = ["BT", "0 g"]
    y = height - 60 * MM
    for font, size, text in lines:
        ops.append(f"/{font[1:]} {size} Tf 1 0 0 1 {25 * MM:.2f} {y:.2f} Tm {_pdf_string(text)} Tj")
        y -= size * 1.45
    ops.append("ET")
    writer = PdfWriter()
    page = writer.add_blank_page(width, height)
    fonts = _stamp_fonts(writer)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject(fonts)}
    )
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.add_metadata({"/Title": f"Document not available: {name}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Assembly ---------------------------------------------------------------------------------


def assemble_pack(
    render_front_sheet: Callable[[PageRanges], bytes],
    parts: Sequence[PackPart],
    *,
    title: str,
    author: str,
    language: str = "en-GB",
    check_margins: Collection[str] = ("upload",),
) -> PackResult:
    """Build the agenda pack. Returns the PDF, the plan and warnings for the clerk.

    An upload that cannot be read is replaced by a placeholder page naming it, with a warning;
    the pack still builds. ``check_margins`` lists the part kinds whose pages are examined for
    content in the stamp zones (and shrunk if they have some).
    """
    warnings: list[str] = []
    prepared: list[PackPart] = []
    for part in parts:
        if any(part is seen for seen in prepared):  # the same paper twice: read it twice
            part = dataclasses.replace(part)
        if part.kind == "upload":
            try:
                reader = open_pdf(part.pdf)
            except UploadRejected as exc:
                warnings.append(
                    f"{part.label}: {part.title!r} could not be included: {exc} "
                    "A placeholder page stands in for it."
                )
                part = PackPart(
                    part.item_number,
                    part.title,
                    missing_document_page(part.title, str(exc)),
                    kind="placeholder",
                    item_title=part.item_title,
                    label=part.label,
                    bookmarks=(),
                )
            else:
                part._reader = reader
        prepared.append(part)

    front, plan, renders = _front_sheet_and_plan(render_front_sheet, prepared)

    writer = PdfWriter()
    builder = _PackBuilder(writer, check_margins)
    builder.add_part(front, label=None)
    part_pages: list[int] = []
    for part, start in zip(prepared, plan.part_starts, strict=True):
        while len(writer.pages) < start - 1:
            builder.add_blank()
        part_pages.append(len(writer.pages))
        builder.add_part(part, label=part.label)
    if len(writer.pages) != plan.total_pages:  # pragma: no cover - a bug, not bad input
        raise RuntimeError("The pack does not match its plan.")

    builder.add_outline(prepared, part_pages)
    builder.finish(title=title, author=author, language=language)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    builder.struct.finish(title)
    return PackResult(_write_compact(writer), plan, warnings, renders)


def _front_sheet_and_plan(render, parts) -> tuple[PackPart, PackPlan, int]:
    """Render the front sheet until the page ranges it shows are the ones it leads to."""
    # Items start on page 3 after a front sheet of 1 or 2 pages, so guessing 2 is usually right.
    plan = plan_pages(parts, 2)
    for renders in range(1, 4):
        front = PackPart(None, "Agenda", render(dict(plan.item_ranges)), kind="front_sheet")
        actual = plan_pages(parts, front.page_count)
        if actual.item_ranges == plan.item_ranges:
            return front, actual, renders
        plan = actual
    raise RuntimeError("The front sheet's length does not settle with its page ranges.")


# Examining an upload's page for content in the stamp zones costs about a tenth of rendering a
# page, and rebuilding a pack after one report changed would examine every upload again: the
# answer depends only on the upload's bytes, the page and the label, so it is remembered.
_MARGIN_MEMO: dict[tuple[bytes, int, str | None], Matrix | None] = {}
_MARGIN_MEMO_SIZE = 20_000


def _remember_margin(key, transform: Matrix | None) -> None:
    if len(_MARGIN_MEMO) >= _MARGIN_MEMO_SIZE:
        _MARGIN_MEMO.clear()
    _MARGIN_MEMO[key] = transform


class _PackBuilder:
    def __init__(self, writer: PdfWriter, check_margins: Collection[str]):
        self.writer = writer
        self.check_margins = frozenset(check_margins)
        self.fonts = _stamp_fonts(writer)
        self.open_stream = writer._add_object(_stream(b"q\n"))
        self.struct = StructureMerger(writer)

    # pages ---------------------------------------------------------------------------------

    def add_part(self, part: PackPart, label: str | None) -> None:
        writer = self.writer
        reader = part.reader
        _resolve_named_links(reader)
        first = len(writer.pages)
        writer.append(reader, import_outline=False)
        new_pages = writer.pages[first:]
        self.struct.add(reader, new_pages, part)
        digest = None
        for offset, page in enumerate(new_pages):
            number = first + offset + 1
            if part.kind == "upload":
                _strip_active_content(page)
            transform = None
            if part.kind in self.check_margins:
                digest = digest or hashlib.sha256(part.pdf).digest()
                key = (digest, offset, label)
                if key in _MARGIN_MEMO:
                    transform = _MARGIN_MEMO[key]
                else:
                    transform = self._room_for_stamps(reader.pages[offset], label)
                    _remember_margin(key, transform)
            self._stamp(page, number, label, transform=transform)

    def add_blank(self) -> None:
        previous = self.writer.pages[-1]
        width, height = _display_size(previous)
        if width > height:
            width, height = height, width
        page = self.writer.add_blank_page(width, height)
        self._stamp(page, len(self.writer.pages), None, blank=True)

    def _room_for_stamps(self, page, label: str | None) -> Matrix | None:
        """The shrink that clears the stamp zones of ``page``, or None if they are clear."""
        width, height = _display_size(page)
        to_user = _display_matrix(page)
        zones = [transform_rect(to_user, *zone) for zone in _zones(width, height, label)]
        try:
            clear = not page_intrudes(page, zones)
        except Exception:  # a page we cannot interpret is shrunk rather than covered
            clear = False
        if clear:
            return None
        scale = (height - BOTTOM_ZONE - TOP_ZONE) / height
        shrink = (scale, 0.0, 0.0, scale, width * (1 - scale) / 2, BOTTOM_ZONE)
        # display space shrink, expressed in user space: user -> display -> shrink -> user
        return mat_mul(mat_mul(_invert(to_user), shrink), to_user)

    def _stamp(
        self,
        page,
        number: int,
        label: str | None,
        *,
        blank: bool = False,
        transform: Matrix | None = None,
    ) -> None:
        writer = self.writer
        resources = page.get("/Resources")
        if resources is None:
            resources = DictionaryObject()
            page[NameObject("/Resources")] = resources
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            fonts = DictionaryObject()
            resources[NameObject("/Font")] = fonts
        fonts = fonts.get_object()
        for name, ref in self.fonts.items():
            fonts[name] = ref

        contents = page.get("/Contents")
        streams: list[PdfObject] = []
        if contents is not None:
            resolved = contents.get_object()
            if isinstance(resolved, ArrayObject):
                streams = list(resolved)
            else:
                streams = [contents if isinstance(contents, IndirectObject) else resolved]
        if transform is not None:
            opening = writer._add_object(_stream(f"q {_matrix_ops(transform)} cm\n".encode()))
            _transform_annotations(page, transform)
        else:
            opening = self.open_stream
        width, height = _display_size(page)
        furniture = _furniture_ops(width, height, number, label, blank)
        closing = b"Q\nq " + _matrix_ops(_display_matrix(page)).encode() + b" cm\n" + furniture
        page[NameObject("/Contents")] = ArrayObject(
            [opening, *streams, writer._add_object(_stream(closing + b"Q\n"))]
        )

    # outline and document ------------------------------------------------------------------

    def add_outline(self, parts: Sequence[PackPart], part_pages: Sequence[int]) -> None:
        """ "Agenda", then per item "6. Title" > each paper > the paper's own bookmarks."""
        writer = self.writer
        writer.add_outline_item(title="Agenda", page_number=0)
        current = None
        item_entry = None
        for part, index in zip(parts, part_pages, strict=True):
            if part.item_number != current:
                current = part.item_number
                heading = f"{part.item_number}. {part.item_title or part.title}"
                item_entry = writer.add_outline_item(title=heading, page_number=index)
            paper = writer.add_outline_item(
                title=part.title, page_number=index, parent=item_entry, is_open=False
            )
            marks = part.bookmarks
            if marks is None:
                try:
                    marks = _own_outline(part.reader, part.reader.outline)
                except Exception:  # an upload's broken outline costs it its bookmarks only
                    marks = ()
            self._add_marks(marks, index, paper)

    def _add_marks(self, marks: Sequence[Bookmark], first_index: int, parent) -> None:
        for mark in marks:
            entry = self.writer.add_outline_item(
                title=mark.title, page_number=first_index + mark.page, parent=parent, is_open=False
            )
            self._add_marks(mark.children, first_index, entry)

    def finish(self, *, title: str, author: str, language: str) -> None:
        writer = self.writer
        writer.add_metadata(
            {"/Title": title, "/Author": author, "/Creator": "SSCP Board", "/Producer": "pypdf"}
        )
        root = writer.root_object
        root[NameObject("/Lang")] = TextStringObject(language)
        root[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): _true()}
        )
        writer.page_mode = "/UseOutlines"
        xmp = XmpInformation.create()  # PDF/UA wants the title in XMP as well as in /Info
        xmp.dc_title = {"x-default": title}
        xmp.dc_creator = [author]
        xmp.dc_language = [language]
        xmp.xmp_creator_tool = "SSCP Board"
        writer.xmp_metadata = xmp
        metadata = writer.root_object["/Metadata"].get_object()
        metadata[NameObject("/Type")] = NameObject("/Metadata")
        metadata[NameObject("/Subtype")] = NameObject("/XML")


# Actions that run code, open files or send data: an uploaded paper loses them in the pack.
_ACTIVE_ACTIONS = frozenset(
    ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/Rendition", "/Movie", "/Sound")
)


def _strip_active_content(page) -> None:
    """Drop annotations whose action is active content, and every additional-action trigger."""
    if "/AA" in page:
        del page["/AA"]
    annots = page.get("/Annots")
    if annots is None:
        return
    kept = ArrayObject()
    for ref in annots.get_object():
        annot = ref.get_object()
        action = annot.get("/A")
        action = action.get_object() if action is not None else None
        if isinstance(action, DictionaryObject) and action.get("/S") in _ACTIVE_ACTIONS:
            continue
        if "/AA" in annot:
            del annot["/AA"]
        kept.append(ref)
    page[NameObject("/Annots")] = kept


def _own_outline(reader: PdfReader, outline) -> tuple[Bookmark, ...]:
    """A PDF's outline as Bookmarks (page numbers within that PDF)."""
    marks: list[Bookmark] = []
    for entry in outline:
        if isinstance(entry, list):
            if marks:
                last = marks[-1]
                marks[-1] = Bookmark(last.title, last.page, _own_outline(reader, entry))
            continue
        page = reader.get_destination_page_number(entry)
        if page is None or page < 0:
            continue
        marks.append(Bookmark(str(entry.title), page))
    return tuple(marks)


def _resolve_named_links(reader: PdfReader) -> None:
    """Turn links to named destinations into explicit ones.

    Every part has its own names (WeasyPrint names them after element ids), so two reports
    could both have "#recommendations"; explicit page destinations cannot collide.
    """
    try:
        names = reader.named_destinations
    except Exception:
        return
    if not names:
        return
    for page in reader.pages:
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo":
                key, holder = "/D", action
            elif "/Dest" in annot:
                key, holder = "/Dest", annot
            else:
                continue
            target = holder.get(key)
            if isinstance(target, str) and str(target) in names:
                dest = names[str(target)]
                holder[NameObject(key)] = ArrayObject(
                    [dest.page, NameObject("/XYZ"), *_xyz_args(dest)]
                )
    root = reader.root_object
    names_dict = root.get("/Names")
    if names_dict is not None and "/Dests" in names_dict.get_object():
        del names_dict.get_object()["/Dests"]
    if "/Dests" in root:
        del root["/Dests"]
    reader._named_destinations = {}


def _xyz_args(dest) -> list[PdfObject]:
    return [
        FloatObject(value) if value is not None else NullObject()
        for value in (dest.left, dest.top, dest.zoom)
    ]


# --- Stamps -----------------------------------------------------------------------------------

try:  # Adobe's Helvetica metrics, as shipped (privately) with pypdf.
    from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS as _METRICS

    _WIDTHS = {
        "/SSCPHelv": _METRICS["Helvetica"].character_widths,
        "/SSCPHelvB": _METRICS["Helvetica-Bold"].character_widths,
    }
except Exception:  # pragma: no cover - metrics moved; centring becomes approximate
    _WIDTHS = {"/SSCPHelv": {}, "/SSCPHelvB": {}}


def _text_width(text: str, font: str, size: float) -> float:
    widths = _WIDTHS[font]
    return sum(widths.get(ch, 556) for ch in text) * size / 1000


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and _text_width(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def _stamp_fonts(writer: PdfWriter) -> dict[NameObject, IndirectObject]:
    fonts = {}
    for name, base in (("/SSCPHelv", "/Helvetica"), ("/SSCPHelvB", "/Helvetica-Bold")):
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject(base),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        fonts[NameObject(name)] = writer._add_object(font)
    return fonts


def _zones(width: float, height: float, label: str | None) -> list[Rect]:
    """Display-space rectangles the stamps of a page occupy, with air around them."""
    number_width = _text_width("Page 8888", "/SSCPHelv", PAGE_NUMBER_SIZE)
    zones = [
        (
            (width - number_width) / 2 - ZONE_SIDE_AIR,
            0.0,
            (width + number_width) / 2 + ZONE_SIDE_AIR,
            BOTTOM_ZONE,
        )
    ]
    if label:
        label_width = _text_width(label, "/SSCPHelvB", LABEL_SIZE) + 2 * LABEL_PADDING
        zones.append(
            (
                width - LABEL_RIGHT - label_width - ZONE_SIDE_AIR,
                height - TOP_ZONE,
                width,
                height,
            )
        )
    return zones


def _furniture_ops(width, height, number: int, label: str | None, blank: bool) -> bytes:
    text = f"Page {number}"
    x = (width - _text_width(text, "/SSCPHelv", PAGE_NUMBER_SIZE)) / 2
    ops = [
        "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
        "0 g BT",
        f"/SSCPHelv {PAGE_NUMBER_SIZE} Tf 1 0 0 1 {x:.2f} {PAGE_NUMBER_BASELINE:.2f} Tm",
        f"{_pdf_string(text)} Tj ET EMC",
    ]
    if label:
        text_width = _text_width(label, "/SSCPHelvB", LABEL_SIZE)
        right = width - LABEL_RIGHT
        left = right - text_width - 2 * LABEL_PADDING
        baseline = height - LABEL_BASELINE
        bottom = baseline - 0.25 * LABEL_SIZE - LABEL_PADDING
        top = baseline + 0.75 * LABEL_SIZE + LABEL_PADDING
        ops += [
            "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
            f"0 G 0.8 w {left:.2f} {bottom:.2f} {right - left:.2f} {top - bottom:.2f} re S",
            f"0 g BT /SSCPHelvB {LABEL_SIZE} Tf 1 0 0 1 {left + LABEL_PADDING:.2f} "
            f"{baseline:.2f} Tm {_pdf_string(label)} Tj ET EMC",
        ]
    if blank:
        size = 12
        x = (width - _text_width(BLANK_PAGE_TEXT, "/SSCPHelv", size)) / 2
        ops += [
            "/Artifact <</Type /Pagination>> BDC",
            f"0 g BT /SSCPHelv {size} Tf 1 0 0 1 {x:.2f} {height / 2:.2f} Tm",
            f"{_pdf_string(BLANK_PAGE_TEXT)} Tj ET EMC",
        ]
    return ("\n".join(ops) + "\n").encode("latin-1")


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _true() -> BooleanObject:
    return BooleanObject(True)


# --- Page geometry ----------------------------------------------------------------------------


def _visible_box(page) -> tuple[float, float, float, float]:
    box = page.cropbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def _display_size(page) -> tuple[float, float]:
    x0, y0, x1, y1 = _visible_box(page)
    width, height = abs(x1 - x0), abs(y1 - y0)
    if page.rotation % 180 == 90:
        return height, width
    return width, height


def _display_matrix(page) -> Matrix:
    """Maps displayed coordinates (origin bottom left, as the page is shown) to user space."""
    x0, y0, x1, y1 = _visible_box(page)
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    width, height = x1 - x0, y1 - y0
    rotation = page.rotation % 360
    if rotation == 90:
        return (0.0, 1.0, -1.0, 0.0, x0 + width, y0)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x0 + width, y0 + height)
    if rotation == 270:
        return (0.0, -1.0, 1.0, 0.0, x0, y0 + height)
    return (1.0, 0.0, 0.0, 1.0, x0, y0)


def _invert(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


def _matrix_ops(m: Matrix) -> str:
    return " ".join(f"{v:.6f}".rstrip("0").rstrip(".") or "0" for v in m)


def _transform_annotations(page, m: Matrix) -> None:
    for annot in page.get("/Annots") or ():
        annot = annot.get_object()
        rect = annot.get("/Rect")
        if rect is not None and len(rect) == 4:
            annot[NameObject("/Rect")] = RectangleObject(
                transform_rect(m, *(float(v) for v in rect))
            )
        quads = annot.get("/QuadPoints")
        if quads is not None:
            values = [float(v) for v in quads]
            a, b, c, d, e, f = m
            out = []
            for i in range(0, len(values) - 1, 2):
                x, y = values[i], values[i + 1]
                out += [a * x + c * y + e, b * x + d * y + f]
            annot[NameObject("/QuadPoints")] = ArrayObject(FloatObject(v) for v in out)


# --- Writing ----------------------------------------------------------------------------------


def _write_compact(writer: PdfWriter) -> bytes:
    """Serialise ``writer`` with object streams and a cross-reference stream (PDF 1.5).

    pypdf writes every object on its own; a tagged pack has one object per structure element
    (tens of thousands), and qpdf's object streams make it several times smaller. The file ID is
    worked out from the content, so the same pack is the same bytes.
    """
    plain = io.BytesIO()
    writer.write(plain)
    out = io.BytesIO()
    with pikepdf.open(plain) as pdf:
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return out.getvalue()


# --- Reading back -----------------------------------------------------------------------------


def read_back(pdf_bytes: bytes) -> list[str]:
    """Text of each page, for tests and checks."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages]
