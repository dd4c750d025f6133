"""Supplementary agendas as PDFs: late papers whose pages continue the agenda pack's numbering.

A supplement's pages are numbered from its ``first_page`` (fixed when it is published: the page
after the main pack and any earlier supplement, kept odd as every item's papers start on an odd
page), so a member's annotated page 37 of the main pack stays page 37. It is assembled by
``pack_pdf.assemble_pack`` like the main pack, with its front sheet preceded by ``first_page - 1``
blank pages that are dropped afterwards: the stamps, the blank versos and the page ranges on its
front sheet are then the pack's own, numbered where the supplement sits. Its papers are rendered
through the same per-part cache; the main pack's parts are never rendered again for it.

"The whole" is the main pack, a blank page where one keeps a supplement's odd-page start, and each
published supplement, in one PDF with the bookmarks of each.
"""

from __future__ import annotations

import dataclasses
import io

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from meetings import pack, wording
from meetings.documents import agenda_document
from meetings.models import Meeting, Supplement
from meetings.pack import MEMBERS, VARIANTS, BuiltPdf, PartSpec
from meetings.pack_pdf import assemble_pack, format_page_range


@dataclasses.dataclass
class Entry:
    """One item a supplement adds papers to, as its front sheet lists it."""

    item: object
    papers: list
    hidden: bool
    pages: str = ""


def first_page_after(last_page: int) -> int:
    """The supplement's first page: the next odd page after ``last_page``, like every item's
    papers in the pack."""
    following = last_page + 1
    return following if following % 2 == 1 else following + 1


def supplement_end(supplement: Supplement) -> int:
    """The last page number of a published supplement (members' copy, the copy of record)."""
    built = supplement_build_info(supplement, variant=MEMBERS)
    return supplement.first_page + built.pages - 1


def last_page_before(meeting: Meeting, *, number: int) -> int:
    """The last page used by the main pack and the supplements published before ``number``."""
    last = pack.pack_build_info(meeting, variant=MEMBERS).pages
    for earlier in published_supplements(meeting):
        if earlier.number < number:
            last = max(last, supplement_end(earlier))
    return last


def published_supplements(meeting: Meeting) -> list[Supplement]:
    return list(
        meeting.supplements.filter(published_at__isnull=False, first_page__isnull=False).order_by(
            "number"
        )
    )


def _entries_and_specs(supplement: Supplement, variant: str) -> tuple[list[Entry], list[PartSpec]]:
    meeting = supplement.meeting
    entries: list[Entry] = []
    specs: list[PartSpec] = []
    for item in agenda_document(meeting, pack._Reader(variant))["items"]:
        papers = [d for d in item.documents.all() if d.supplement_id == supplement.pk]
        if not papers:
            continue
        entries.append(Entry(item, papers, item.papers_hidden))
        if item.papers_hidden:
            specs.append(
                PartSpec(
                    item.order,
                    "Confidential papers not included",
                    "placeholder",
                    item.title,
                    html=pack.withheld_html(item, meeting),
                )
            )
            continue
        for paper in papers:
            title = paper.title
            if paper.replaces_id:
                title = f"{paper.title} (replaces “{paper.replaces.title}”)"
            specs.append(pack._upload_spec(item, paper, title))
    return entries, specs


def front_sheet_html(supplement: Supplement, variant: str, entries, ranges) -> str:
    for entry in entries:
        span = ranges.get(entry.item.order)
        entry.pages = format_page_range(*span) if span else ""
    doc = agenda_document(supplement.meeting, pack._Reader(variant))
    return render_to_string(
        "meetings/pack/supplement.html",
        pack._context(meeting=supplement.meeting, doc=doc, supplement=supplement, entries=entries),
    )


def _blank_page() -> bytes:
    """A page saying it is intentionally left blank (rendered once, then from the cache)."""
    return pack.render_part(render_to_string("meetings/pack/blank.html", pack._context()))


def _preceded_by_blanks(pdf: bytes, count: int) -> bytes:
    """``pdf`` after ``count`` blank pages: they hold the place of the pages before it."""
    writer = PdfWriter()
    if count:
        blank = PdfReader(io.BytesIO(_blank_page()))
        for _ in range(count):
            writer.append(blank, import_outline=False)
    writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _without_first_pages(pdf: bytes, count: int, *, title: str, opening: str = "") -> bytes:
    """``pdf`` without its first ``count`` pages, keeping the bookmarks of the others; with
    ``opening`` one bookmark of that name holding them."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    # With ``opening``, the kept bookmarks go under it: "Supplementary Agenda 1" > its items.
    writer.append(reader, outline_item=opening or None, pages=(count, len(reader.pages)))
    _finish(writer, title=title, author=str(reader.metadata.get("/Author", "")))
    return _written(writer)


def _finish(writer: PdfWriter, *, title: str, author: str) -> None:
    from pypdf.generic import NameObject, TextStringObject

    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "SSCP Board"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer.page_mode = "/UseOutlines"


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def supplement_title(supplement: Supplement) -> str:
    meeting = supplement.meeting
    when = wording.long_date(meeting.date)
    return f"{meeting.body.name} - {when} - Supplementary Agenda {supplement.number}"


def supplement_build_info(supplement: Supplement, *, variant: str = MEMBERS) -> BuiltPdf:
    """Build (or take from the cache) a published supplement's PDF."""
    if variant not in VARIANTS:
        raise ValueError(f"Unknown pack variant {variant!r}")
    if supplement.first_page is None:
        raise ValueError(f"{supplement} is not published: it has no page numbers yet.")
    entries, specs = _entries_and_specs(supplement, variant)
    offset = supplement.first_page - 1
    title = supplement_title(supplement)
    front_key = pack.html_key(front_sheet_html(supplement, variant, entries, {}))
    key = pack._sha(
        "supplement",
        pack._engine_version(),
        variant,
        str(supplement.pk),
        str(offset),
        front_key,
        title,
        *(f"{s.item_number}|{s.kind}|{s.title}|{s.key}" for s in specs),
    )

    def make():
        def render(ranges):
            html = front_sheet_html(supplement, variant, entries, ranges)
            return _preceded_by_blanks(pack.render_part(html), offset)

        result = assemble_pack(
            render, [s.part() for s in specs], title=title, author=supplement.meeting.body.name
        )
        pdf = _without_first_pages(result.pdf, offset, title=title, opening=str(supplement))
        warnings = [s.warning for s in specs if s.warning] + result.warnings
        return pdf, warnings, result.plan.total_pages - offset

    return pack._build(supplement.meeting, key, make)


def _filler(first: int, last: int, title: str, author: str) -> bytes:
    """Blank pages numbered ``first`` to ``last``, stamped like the pack's own blank versos."""
    result = assemble_pack(
        lambda ranges: _preceded_by_blanks(_blank_page(), last - 1), [], title=title, author=author
    )
    return _without_first_pages(result.pdf, first - 1, title=title)


def whole_build_info(meeting: Meeting, *, variant: str = MEMBERS) -> BuiltPdf:
    """The main pack and every published supplement in one PDF, with the bookmarks of each."""
    meeting = pack._meeting(meeting)
    main = pack.pack_build_info(meeting, variant=variant)
    supplements = [
        (s, supplement_build_info(s, variant=variant)) for s in published_supplements(meeting)
    ]
    title = f"{pack.pack_title(meeting.body.name, meeting.date)} with supplements"
    key = pack._sha(
        "whole", variant, main.path.name, title, *(built.path.name for _, built in supplements)
    )

    def make():
        writer = PdfWriter()
        writer.append(PdfReader(main.path))
        warnings = list(main.warnings)
        for supplement, built in supplements:
            if len(writer.pages) < supplement.first_page - 1:
                filler = _filler(
                    len(writer.pages) + 1, supplement.first_page - 1, title, meeting.body.name
                )
                writer.append(PdfReader(io.BytesIO(filler)), import_outline=False)
            writer.append(PdfReader(built.path))
            warnings += built.warnings
        _finish(writer, title=title, author=meeting.body.name)
        return _written(writer), warnings, len(writer.pages)

    return pack._build(meeting, key, make)


def supplement_filename(supplement: Supplement, variant: str) -> str:
    meeting = supplement.meeting
    suffix = "" if variant == MEMBERS else "-public"
    return f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-supplement-{supplement.number}{suffix}.pdf"


def whole_filename(meeting: Meeting, variant: str) -> str:
    suffix = "" if variant == MEMBERS else "-public"
    return f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-agenda-pack-with-supplements{suffix}.pdf"
