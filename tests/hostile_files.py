"""Hostile uploads, generated in the test run (never committed): the files of issue 10 that
held a worker until the gunicorn timeout or answered 500.

Each generator is cached: the ten-million-row workbook takes a few seconds to build and both
importers' tests use it.
"""

import functools
import io
import time
import tracemalloc
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _header_row(header: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + n)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for n, name in enumerate(header)
    )
    return f'<row r="1">{cells}</row>'


def _workbook(write_sheet, compresslevel: int = 6) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            write_sheet(sheet)
    return buffer.getvalue()


@functools.cache
def xlsx_declared_huge(header: tuple[str, ...] = ("indicator", "area_code")) -> bytes:
    """About 1.5 KB: a sheet declaring A1:XFD1048576, with ``header`` on row 1 and one cell on
    row 1,048,576. openpyxl fills every row in between with 16,384 empty cells."""

    def write(sheet):
        sheet.write(
            (
                _SHEET_START
                + '<dimension ref="A1:XFD1048576"/><sheetData>'
                + _header_row(list(header))
                + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                + "</sheetData></worksheet>"
            ).encode()
        )

    return _workbook(write)


@functools.cache
def xlsx_ten_million_rows(header: tuple[str, ...] = ("indicator", "area_code")) -> bytes:
    """About 3 MB of zip holding ten million rows of two cells (over 500 MB of XML, a
    compression ratio near 180), with no dimension declared: only the zip directory tells."""
    rows = '<row><c t="n"><v>1</v></c><c t="n"><v>2</v></c></row>' * 100_000

    def write(sheet):
        sheet.write((_SHEET_START + "<sheetData>" + _header_row(list(header))).encode())
        for _ in range(100):
            sheet.write(rows.encode())
        sheet.write(b"</sheetData></worksheet>")

    return _workbook(write, compresslevel=1)


@functools.cache
def csv_wide_header(columns: int = 1_000_000) -> bytes:
    """One header line of a million distinct columns (about 7 MB), then one data row."""
    header = ",".join(f"c{n}" for n in range(columns))
    return (header + "\r\n" + "1\r\n").encode()


@functools.cache
def csv_long_field(
    size: int = 19 * 1024 * 1024, header: bytes = b"meeting_date,victim_ref"
) -> bytes:
    """``header``, then a line that is one 19 MB field."""
    return header + b"\r\n" + b"x" * size + b"\r\n"


@functools.cache
def geojson_deep(levels: int = 100_000) -> bytes:
    """A FeatureCollection whose features are nested ``levels`` lists deep (about 200 KB)."""
    return b'{"type": "FeatureCollection", "features": ' + b"[" * levels + b"]" * levels + b"}"


# What each refusal may cost the server (issue 10): time of the first post, memory of a second.
SECONDS = 2.0
PEAK_MB = 200


def post_twice_measured(post):
    """``post()`` twice: the first timed, the second under tracemalloc. Returns both responses
    after asserting the bounds, so every importer's hostile-file test measures alike."""
    started = time.perf_counter()
    response = post()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        again = post()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS, f"refused in {elapsed:.1f} s"
    assert peak < PEAK_MB * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"
    return response, again
