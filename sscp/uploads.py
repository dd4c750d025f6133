"""The guards every uploaded table or GeoJSON file passes before its rows are read.

One request must never hold a worker: a spreadsheet bomb (a few KB of zip declaring a million
rows, or unpacking to half a gigabyte), a CSV of a million columns or one enormous field, and a
GeoJSON nested a hundred thousand levels deep are refused here, quickly and with a message that
says what is wrong. Both the analyst's import (assessments) and the MARAC upload read their
files through these functions; the limits are stated in the README ("Upload limits").
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator

import numpy as np

MAX_ROWS = 1_048_576  # rows in one table, header included: as many as an Excel sheet holds
MAX_COLUMNS = 1_000  # cells in one row
MAX_FIELD_CHARS = 131_072  # characters in one CSV field (the csv module's own limit)
MAX_XLSX_UNPACKED_MB = 100  # a workbook's parts, all uncompressed
MAX_ZIP_RATIO = 100  # uncompressed to compressed size of any part over ZIP_RATIO_FROM_MB
ZIP_RATIO_FROM_MB = 1  # smaller parts compress as they like
MAX_ZIP_MEMBERS = 1_000  # parts of a workbook (a real one has a few dozen)
MAX_GEOJSON_DEPTH = 32  # nested lists and objects (a MultiPolygon feature needs 8)

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([^"]*)"')
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
# Lines as io.StringIO(newline="") splits them, without its copy of the text at 4 bytes a letter.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


class Refused(ValueError):
    """An upload refused as a whole; the message is for the person who uploaded it."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.line = line


# ---------------------------------------------------------------------------------------------
# CSV


def decode_text(data: bytes) -> str:
    """UTF-8 text, with or without a BOM; otherwise refused naming the line of the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Refused(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}): "
            "save it as 'CSV UTF-8' or as an Excel workbook",
            line=line,
        ) from None


def read_csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """The non-blank records of CSV text as (line where the record starts, stripped cells).

    Refused: a field longer than MAX_FIELD_CHARS, a record of more than MAX_COLUMNS cells,
    more than MAX_ROWS records, or anything else the csv module cannot parse."""
    rows = []
    reader = csv.reader(match.group() for match in _LINE.finditer(text))
    start = 1
    try:
        for count, cells in enumerate(reader, start=1):
            if count > MAX_ROWS:
                raise Refused(f"the file has more than {MAX_ROWS:,} rows", line=start)
            if len(cells) > MAX_COLUMNS:
                raise Refused(_too_wide("line", start), line=start)
            if any(cell.strip() for cell in cells):
                rows.append((start, [cell.strip() for cell in cells]))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            reason = f"line {start} has a field longer than {MAX_FIELD_CHARS:,} characters"
        else:
            reason = f"the CSV cannot be read: {exc} (line {reader.line_num})"
        raise Refused(reason, line=start) from None
    return rows


def _too_wide(unit: str, number: int) -> str:
    return f"{unit} {number} has more than {MAX_COLUMNS:,} columns"


# ---------------------------------------------------------------------------------------------
# XLSX


def check_xlsx(data: bytes) -> None:
    """Refuse a workbook from its zip directory and declared sheet sizes, before any part is
    unpacked: too many parts, too large unpacked, compressed too well (a zip bomb), or a
    worksheet declaring more than MAX_ROWS rows or MAX_COLUMNS columns."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused("the file is not a readable XLSX workbook") from None
    with archive:
        check_zip(archive, "workbook")
        for part in archive.infolist():
            if _WORKSHEET.fullmatch(part.filename):
                _check_dimension(archive, part)


def check_zip(archive: zipfile.ZipFile, noun: str = "document") -> None:
    """Refuse a zip-packaged document (a workbook, a Word or OpenDocument file) from its
    directory alone: too many parts, too large unpacked, or compressed too well (a zip bomb)."""
    parts = archive.infolist()
    if len(parts) > MAX_ZIP_MEMBERS:
        raise Refused(f"the {noun} has {len(parts):,} parts; at most {MAX_ZIP_MEMBERS:,}")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED_MB * 1024 * 1024:
        raise Refused(
            f"the {noun} unpacks to {unpacked / 1024 / 1024:,.0f} MB; "
            f"at most {MAX_XLSX_UNPACKED_MB} MB"
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > ZIP_RATIO_FROM_MB * 1024 * 1024 and ratio > MAX_ZIP_RATIO:
            raise Refused(
                f"the {noun}'s part {part.filename} is compressed {ratio:,.0f} to 1; "
                f"at most {MAX_ZIP_RATIO} to 1 for a part over {ZIP_RATIO_FROM_MB} MB "
                "(is it a zip bomb?)"
            )


def _check_dimension(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """The size a worksheet declares in its first bytes (``<dimension ref="A1:XFD1048576">``)."""
    try:
        with archive.open(part) as stream:
            head = stream.read(4096)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        raise Refused("the file is not a readable XLSX workbook") from None
    from openpyxl.utils.cell import range_boundaries

    found = _DIMENSION.search(head)
    if not found:
        return
    ref = found.group(1).decode("ascii", "replace")
    try:
        _, _, columns, rows = range_boundaries(ref.upper())
    except (ValueError, TypeError):
        return  # openpyxl refuses a garbled dimension when it opens the sheet
    _check_size(f"{part.filename} ({ref})", rows, columns)


def _check_size(sheet: str, rows: int | None, columns: int | None) -> None:
    if (rows or 0) > MAX_ROWS or (columns or 0) > MAX_COLUMNS:
        raise Refused(
            f"the sheet {sheet} declares {rows or 0:,} rows and {columns or 0:,} columns; "
            f"at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns"
        )


def read_xlsx_rows(
    data: bytes, sheet: str | None = None, *, stop_after: int | None = None
) -> Iterator[tuple[int, tuple]]:
    """(row number, cell values) of a sheet's non-blank rows (the first sheet by default),
    streamed in read-only mode after `check_xlsx`; up to row ``stop_after`` when given (format
    detection reads no further). Refused: more than MAX_ROWS rows or MAX_COLUMNS columns."""
    from openpyxl import load_workbook

    check_xlsx(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged workbook
        raise Refused("the file is not a readable XLSX workbook") from None
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise Refused(
                f"the workbook has no sheet {sheet!r} (sheets: {', '.join(workbook.sheetnames)})"
            )
        _check_size(repr(worksheet.title), worksheet.max_row, worksheet.max_column)
        worksheet.reset_dimensions()  # missing rows and cells are not filled in
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if stop_after is not None and number > stop_after:
                return
            if number > MAX_ROWS:
                raise Refused(f"the sheet has more than {MAX_ROWS:,} rows", line=number)
            if len(values) > MAX_COLUMNS:
                raise Refused(_too_wide("row", number), line=number)
            if any(value is not None and value != "" for value in values):
                yield number, values
    finally:
        workbook.close()


# ---------------------------------------------------------------------------------------------
# GeoJSON


def load_geojson(data: bytes | str):
    """The parsed JSON document, refused when it is not UTF-8, nests lists and objects more
    than MAX_GEOJSON_DEPTH deep (checked before parsing), or is not valid JSON."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused("the file is not UTF-8 text (GeoJSON is UTF-8)") from None
    depth = json_depth(data)
    if depth > MAX_GEOJSON_DEPTH:
        raise Refused(
            f"the file nests lists and objects {depth:,} levels deep; "
            f"at most {MAX_GEOJSON_DEPTH} (GeoJSON needs fewer than 10)"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Refused(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:  # not reached below the depth limit; kept so it is never a 500
        raise Refused(f"the file nests deeper than {MAX_GEOJSON_DEPTH} levels") from None


def json_depth(data: bytes) -> int:
    """The deepest nesting of [ and { outside strings, in a few vectorised passes (a Python
    loop over 20 MB would itself hold the worker)."""
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")  # escapes cannot open a string
    raw = np.frombuffer(plain, dtype=np.uint8)
    quotes = np.flatnonzero(raw == ord('"'))
    opens = (raw == ord("[")) | (raw == ord("{"))
    brackets = np.flatnonzero(opens | (raw == ord("]")) | (raw == ord("}")))
    if not len(brackets):
        return 0
    outside = np.searchsorted(quotes, brackets) % 2 == 0
    steps = np.where(opens[brackets], 1, -1).astype(np.int32)[outside]
    return int(max(np.cumsum(steps).max(initial=0), 0))
