"""The agenda pack of a meeting, built from the database and cached on disk.

``pack_build(meeting, variant=...)`` collects the pack's parts (front sheet, minutes of the
previous meeting, each report followed by its appendices, frozen paper and uploaded PDF, in item
order), renders the HTML ones with WeasyPrint through ``meetings.pack_pdf`` and assembles them.
Nothing here needs a database table:

- every rendered part is stored as ``MEDIA_ROOT/pack-cache/parts/<sha256>.pdf``, keyed by its
  HTML (the print stylesheet is inlined, so it is part of the HTML) and ``PART_VERSION``;
- every pack as ``MEDIA_ROOT/pack-cache/packs/<meeting pk>/<sha256>.pdf``, keyed by its parts'
  keys and the variant, with a JSON sidecar holding its warnings and page count. A meeting's
  packs (and its agenda and minutes PDFs) are deleted when one of its papers is: see
  ``forget_meeting``.

Serving an unchanged pack renders nothing; a changed report renders only its own part (and the
front sheet again only when the page ranges it prints move). Two identical builds never run at
once: a PostgreSQL advisory lock on PostgreSQL, an ``fcntl`` file lock otherwise.

Variants: ``members`` includes confidential items' papers; ``public`` (wider circulation)
replaces them with a page saying why they are left out, and prints confidential items' minutes
as exempt (number and title only) and their actions not at all.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string

from meetings import pack_pdf, pdf_checks, wording
from meetings.documents import agenda_document, minutes_document
from meetings.models import Conversion, Meeting, StandardKind
from meetings.pack_pdf import PackPart, assemble_pack, missing_document_page, pack_title
from meetings.selectors import (
    CONFIDENTIAL_PERMISSION,
    agenda_action_log,
    entitled_to_confidential,
    previous_minutes,
)

logger = logging.getLogger(__name__)

MEMBERS = "members"
PUBLIC = "public"
VARIANTS = (MEMBERS, PUBLIC)

#: Bump when the rendering changes in a way the HTML does not show (engine, fonts, options).
PART_VERSION = "pack-parts-1"
CACHE_DIR = "pack-cache"


# --- Who gets which pack ------------------------------------------------------------------------


def variant_for(user) -> str:
    """The pack a user is given: with confidential papers only for those entitled to them."""
    return MEMBERS if entitled_to_confidential(user) else PUBLIC


class _Reader:
    """Stands in for a user when building a variant: only the confidential-papers right counts."""

    def __init__(self, variant: str):
        self.entitled = variant == MEMBERS

    def has_perm(self, perm: str) -> bool:
        return perm == CONFIDENTIAL_PERMISSION and self.entitled


# --- Cache ------------------------------------------------------------------------------------


def cache_root() -> Path:
    return Path(settings.MEDIA_ROOT) / CACHE_DIR


def _sha(*chunks: str | bytes) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk.encode() if isinstance(chunk, str) else chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@functools.cache
def _renderer_version() -> str:
    """WeasyPrint's version: a new release may lay the same HTML out differently."""
    return importlib.metadata.version("weasyprint")


@functools.cache
def _engine_version() -> str:
    """A hash of the assembly code, so that a change to it never serves a stale pack."""
    return _sha(*(Path(module.__file__).read_bytes() for module in (pack_pdf, pdf_checks)))


def html_key(html: str) -> str:
    return _sha(PART_VERSION, _renderer_version(), html)


def render_part(html: str) -> bytes:
    """The PDF of one HTML part, from the cache when this exact HTML was rendered before."""
    path = cache_root() / "parts" / f"{html_key(html)}.pdf"
    if path.exists():
        return path.read_bytes()
    pdf = pack_pdf.render_html(html)
    _write_atomic(path, pdf)
    return pdf


@contextlib.contextmanager
def build_lock(key: str) -> Iterator[None]:
    """Hold a lock named by ``key`` so two identical builds do not run at once."""
    if connection.vendor == "postgresql":
        number = int.from_bytes(bytes.fromhex(key[:16]), "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [number])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [number])
        return
    path = cache_root() / "locks" / f"{key}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Parts ------------------------------------------------------------------------------------


@dataclasses.dataclass
class PartSpec:
    """One paper before rendering: HTML to render, or the bytes of an upload."""

    item_number: int
    title: str
    kind: str
    item_title: str
    html: str = ""
    data: bytes | None = None
    warning: str = ""

    @property
    def key(self) -> str:
        if self.data is not None:
            return _sha("bytes", self.data)
        return html_key(self.html)

    def part(self) -> PackPart:
        pdf = self.data if self.data is not None else render_part(self.html)
        return PackPart(
            self.item_number,
            self.title,
            pdf,
            kind=self.kind,
            item_title=self.item_title,
            bookmarks=() if self.kind == "placeholder" else None,
        )


def _context(**extra) -> dict:
    return {"stamp_clearance_css": pack_pdf.STAMP_CLEARANCE_CSS, **extra}


def front_sheet_html(meeting, variant: str, ranges: dict[int, tuple[int, int]]) -> str:
    doc = agenda_document(meeting, _Reader(variant))
    for item in doc["items"]:
        span = ranges.get(item.order)
        item.pack_pages = pack_pdf.format_page_range(*span) if span else ""
    return render_to_string(
        "meetings/pack/agenda.html", _context(meeting=meeting, doc=doc, variant=variant)
    )


def minutes_html(meeting, variant: str) -> str:
    """The minutes as the variant's reader may read them: confidential items' minutes are
    exempt in the wider-circulation pack."""
    doc = minutes_document(meeting, entitled=entitled_to_confidential(_Reader(variant)))
    return render_to_string("meetings/pack/minutes.html", _context(meeting=meeting, doc=doc))


def report_html(report) -> str:
    return render_to_string(
        "meetings/pack/report.html",
        _context(report=report, sections=list(report.sections.all())),
    )


def frozen_paper_html(paper, item) -> str:
    return render_to_string("meetings/pack/frozen_paper.html", _context(paper=paper, item=item))


def action_log_html(item, meeting, variant: str) -> str:
    """An Action Log item's paper: the open actions it puts before the meeting (confidential
    items' actions in the members' pack only)."""
    entitled = entitled_to_confidential(_Reader(variant))
    return render_to_string(
        "meetings/pack/action_log.html",
        _context(
            item=item,
            actions=agenda_action_log(meeting, entitled=entitled),
            caption=wording.agenda_action_log_caption(meeting.date),
        ),
    )


def withheld_html(item, meeting) -> str:
    return render_to_string("meetings/pack/withheld.html", _context(item=item, meeting=meeting))


def minutes_follow_html(item, previous) -> str:
    return render_to_string(
        "meetings/pack/minutes_follow.html", _context(item=item, previous=previous)
    )


def previous_minutes_spec(item, meeting, variant: str) -> PartSpec | None:
    """The Minutes of Previous Meeting item's paper: the previous meeting's minutes when the
    variant's reader could open them on their own (published), else a page saying they will
    follow. Officers' drafts never reach a pack."""
    previous, readable = previous_minutes(meeting, _Reader(variant))
    if previous is None:
        return None
    if not readable:
        return PartSpec(
            item.order,
            "Minutes to follow",
            "placeholder",
            item.title,
            html=minutes_follow_html(item, previous),
        )
    return PartSpec(
        item.order,
        f"Minutes of {wording.long_date(previous.date)}",
        "minutes",
        item.title,
        html=minutes_html(previous, variant),
    )


def _placeholder(item, title, reason) -> PartSpec:
    return PartSpec(
        item.order,
        title,
        "placeholder",
        item.title,
        data=missing_document_page(title, f"{reason}."),
        warning=(
            f"Agenda Item {item.order}: {title!r} could not be included: {reason}. A "
            "placeholder page stands in for it."
        ),
    )


def _upload_spec(item, document, title="") -> PartSpec:
    """An uploaded paper's PDF (converted from the original where that was not a PDF)."""
    title = title or document.title
    if document.conversion == Conversion.CONVERTING:
        return _placeholder(item, title, "it is still being converted to PDF")
    if document.conversion == Conversion.FAILED:
        return _placeholder(
            item, title, f"its conversion to PDF failed ({document.conversion_error})"
        )
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return _placeholder(item, title, "its stored file is missing")
    return PartSpec(item.order, title, "upload", item.title, data=data)


def part_specs(meeting, variant: str) -> list[PartSpec]:
    """The papers of every item, in item order, for one variant. Renders nothing."""
    specs: list[PartSpec] = []
    reader = _Reader(variant)
    items = agenda_document(meeting, reader)["items"]
    for item in items:
        if item.papers_hidden:
            has_papers = item.standard_kind == StandardKind.ACTION_LOG or (
                item.reports.all() or item.documents.all() or item.frozen_papers.all()
            )
            if has_papers:
                specs.append(
                    PartSpec(
                        item.order,
                        "Confidential papers not included",
                        "placeholder",
                        item.title,
                        html=withheld_html(item, meeting),
                    )
                )
            continue
        if item.standard_kind == StandardKind.PREVIOUS_MINUTES:
            spec = previous_minutes_spec(item, meeting, variant)
            if spec is not None:
                specs.append(spec)
        if item.standard_kind == StandardKind.ACTION_LOG:
            specs.append(
                PartSpec(
                    item.order,
                    "Action log",
                    "report",
                    item.title,
                    html=action_log_html(item, meeting, variant),
                )
            )
        for report in item.reports.all():
            specs.append(
                PartSpec(item.order, report.subject, "report", item.title, html=report_html(report))
            )
            # A report's appendices follow it, in the order it lists them.
            for letter, document in report.lettered_appendices():
                specs.append(_upload_spec(item, document, f"Appendix {letter}: {document.title}"))
        for paper in item.frozen_papers.all():
            specs.append(
                PartSpec(
                    item.order,
                    paper.title,
                    "report",
                    item.title,
                    html=frozen_paper_html(paper, item),
                )
            )
        for document in item.documents.all():
            # Late papers are in their supplementary agenda: the main pack's pages never move.
            if document.report_id is None and document.supplement_id is None:
                specs.append(_upload_spec(item, document))
    return specs


# --- Building ---------------------------------------------------------------------------------


@dataclasses.dataclass
class BuiltPdf:
    path: Path
    warnings: list[str]
    pages: int


def _pack_path(meeting_pk: int, key: str) -> Path:
    return cache_root() / "packs" / str(meeting_pk) / f"{key}.pdf"


def forget_meeting(meeting_pk: int) -> None:
    """Delete the meeting's built PDFs: once a paper is removed, no pack holding it is left on
    disk (nor could be served); the next download builds again from the rendered parts."""
    shutil.rmtree(cache_root() / "packs" / str(meeting_pk), ignore_errors=True)
    for latest in (cache_root() / "latest").glob(f"{meeting_pk}-*.json"):
        latest.unlink(missing_ok=True)


def _cached(path: Path) -> BuiltPdf | None:
    sidecar = path.with_suffix(".json")
    if not (path.exists() and sidecar.exists()):
        return None
    try:
        info = json.loads(sidecar.read_text())
    except (OSError, ValueError):
        return None
    return BuiltPdf(path, list(info.get("warnings", [])), int(info.get("pages", 0)))


def _store(path: Path, pdf: bytes, warnings: list[str], pages: int) -> BuiltPdf:
    _write_atomic(path, pdf)
    info = {"warnings": warnings, "pages": pages}
    _write_atomic(path.with_suffix(".json"), json.dumps(info).encode())
    return BuiltPdf(path, warnings, pages)


def _remember_latest(meeting, name: str, built: BuiltPdf) -> None:
    """Note the last pack built for a meeting, so its page can show the page count cheaply."""
    info = {"pages": built.pages, "file": built.path.name, "warnings": built.warnings}
    _write_atomic(cache_root() / "latest" / f"{meeting.pk}-{name}.json", json.dumps(info).encode())


def latest_build(meeting_pk: int, name: str) -> tuple[int | None, list[str]]:
    """Pages and warnings of the last pack built for a meeting (one small file, no query)."""
    path = cache_root() / "latest" / f"{meeting_pk}-{name}.json"
    try:
        info = json.loads(path.read_text())
        return int(info["pages"]), [str(w) for w in info.get("warnings", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return None, []


def _build(meeting, key: str, make: Callable[[], tuple[bytes, list[str], int]]) -> BuiltPdf:
    path = _pack_path(meeting.pk, key)
    built = _cached(path)
    if built is not None:
        return built
    with build_lock(key):
        built = _cached(path)  # built by someone else while we waited
        if built is not None:
            return built
        pdf, warnings, pages = make()
        return _store(path, pdf, warnings, pages)


def _meeting(meeting) -> Meeting:
    if isinstance(meeting, Meeting):
        return meeting
    return Meeting.objects.select_related("body", "venue").get(pk=meeting)


def pack_build(meeting, *, variant: str = MEMBERS) -> tuple[Path, list[str]]:
    """Build (or take from the cache) the meeting's agenda pack. Returns (PDF path, warnings)."""
    built = pack_build_info(meeting, variant=variant)
    return built.path, built.warnings


def pack_build_info(meeting, *, variant: str = MEMBERS) -> BuiltPdf:
    if variant not in VARIANTS:
        raise ValueError(f"Unknown pack variant {variant!r}")
    meeting = _meeting(meeting)
    specs = part_specs(meeting, variant)
    front_key = html_key(front_sheet_html(meeting, variant, {}))
    title = pack_title(meeting.body.name, meeting.date)
    key = _sha(
        "pack",
        _engine_version(),
        variant,
        front_key,
        title,
        json.dumps([[s.item_number, s.kind, s.title, s.item_title, s.key] for s in specs]),
    )

    def make():
        parts = [spec.part() for spec in specs]
        result = assemble_pack(
            lambda ranges: render_part(front_sheet_html(meeting, variant, ranges)),
            parts,
            title=title,
            author=meeting.body.name,
        )
        warnings = [spec.warning for spec in specs if spec.warning] + result.warnings
        return result.pdf, warnings, result.plan.total_pages

    built = _build(meeting, key, make)
    _remember_latest(meeting, f"pack-{variant}", built)
    return built


def agenda_pdf(meeting, *, variant: str = MEMBERS) -> BuiltPdf:
    """The agenda front sheet on its own, with the pack's page numbers."""
    meeting = _meeting(meeting)
    html = front_sheet_html(meeting, variant, {})
    title = f"{meeting.body.name} - {wording.long_date(meeting.date)} - Agenda"
    key = _sha("agenda", _engine_version(), html_key(html), title)

    def make():
        result = assemble_pack(
            lambda ranges: render_part(html), [], title=title, author=meeting.body.name
        )
        return result.pdf, result.warnings, result.plan.total_pages

    return _build(meeting, key, make)


def minutes_pdf(meeting, *, variant: str) -> BuiltPdf:
    """The meeting's own minutes on their own, with the pack's page numbers, as the variant's
    reader may read them. The variant is part of the key: a build for those entitled to
    confidential minutes is never served to anyone else, even where the HTML is the same."""
    if variant not in VARIANTS:
        raise ValueError(f"Unknown pack variant {variant!r}")
    meeting = _meeting(meeting)
    html = minutes_html(meeting, variant)
    title = f"{meeting.body.name} - {wording.long_date(meeting.date)} - Minutes"
    key = _sha("minutes", _engine_version(), variant, html_key(html), title)

    def make():
        result = assemble_pack(
            lambda ranges: render_part(html), [], title=title, author=meeting.body.name
        )
        return result.pdf, result.warnings, result.plan.total_pages

    return _build(meeting, key, make)


def pack_filename(meeting, variant: str) -> str:
    suffix = "" if variant == MEMBERS else "-public"
    return f"{meeting.body.slug}-{meeting.date:%Y-%m-%d}-agenda-pack{suffix}.pdf"
