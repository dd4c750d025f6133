"""Uploaded files as rows of text, and the checks every reader shares.

Internal to the assessments readers (`assessments.readers` is the public entry point): loading
CSV (UTF-8, with or without a BOM, any line ending) or XLSX into text cells with the line or
row number the user sees, finding a header among the first rows, and validating columns with
pandas so that Python only visits the rows that are wrong.
"""

import io
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from assessments.periods import Period, PeriodError, parse_period
from sscp.uploads import Refused, decode_text, read_csv_rows, read_xlsx_rows

OBSERVATION_COLUMNS = (
    "indicator",
    "area_code",
    "area_name",
    "period",
    "value",
    "count",
    "denominator",
    "lower_ci",
    "upper_ci",
    "note",
)
NUMERIC_COLUMNS = ("value", "count", "denominator", "lower_ci", "upper_ci")

HEADER_SEARCH_ROWS = 10
GSS_CODE = re.compile(r"[EWSNKLM]\d{8}")
NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
GROUPED_NUMBER = r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?"

Source = bytes | bytearray | str | os.PathLike | BinaryIO


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file. ``line`` is None for a problem with the whole file."""

    line: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line is not None else []
        if self.column is not None:
            where.append(f"column {self.column!r}")
        if self.value is not None:
            where.append(f"value {self.value!r}")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass
class ReadResult:
    """What a reader made of a file: the frame, every error and the row counters.

    ``rows_read`` counts data rows below the header (blank rows are not counted). When the file
    is accepted, ``rows_read == rows_accepted + rows_deduplicated + rows_no_location +
    rows_outside_lookup``; when it is not, ``rows_accepted`` is 0 and ``rows_rejected`` counts
    the rows with at least one error.
    """

    format: str
    frame: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rows_no_location: int = 0
    rows_outside_lookup: int = 0
    rows_deduplicated: int = 0
    header_line: int | None = None
    notes: list[str] = field(default_factory=list)
    category_frame: pd.DataFrame | None = None
    force_totals: pd.DataFrame | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class FileProblem(Exception):
    """A problem that stops reading the whole file (not UTF-8, no header, ...)."""

    def __init__(self, reason: str, line: int | None = None, column: str | None = None):
        super().__init__(reason)
        self.error = RowError(line, column, None, reason)


class OverLimit(FileProblem):
    """The file broke an upload limit (`sscp.uploads`): reported as it is, even when the format
    is being recognised, since no format would read it."""


# ---------------------------------------------------------------------------------------------
# Sources and tables


@dataclass
class Input:
    data: bytes | None = None
    path: Path | None = None

    @classmethod
    def of(cls, source: Source) -> "Input":
        if isinstance(source, bytes | bytearray):
            return cls(data=bytes(source))
        if isinstance(source, str) and "\n" in source:
            raise TypeError("a str is a path: pass a file's content as bytes")
        if isinstance(source, str | os.PathLike):
            return cls(path=Path(source))
        temporary_path = getattr(source, "temporary_file_path", None)
        if callable(temporary_path):
            return cls(path=Path(temporary_path()))
        if hasattr(source, "read"):
            if hasattr(source, "seek"):
                source.seek(0)
            return cls(data=source.read())
        raise TypeError(f"cannot read a {type(source).__name__}: pass bytes, a path or a file")

    def head(self, size: int = 65536) -> bytes:
        if self.data is not None:
            return self.data[:size]
        with self.path.open("rb") as handle:
            return handle.read(size)

    def content(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    def for_pandas(self):
        return io.BytesIO(self.data) if self.data is not None else self.path

    @property
    def is_xlsx(self) -> bool:
        return self.head(4) == b"PK\x03\x04"


@dataclass
class Table:
    """A sheet's non-blank rows as text cells, each with its line (CSV) or row (XLSX) number."""

    rows: list[tuple[int, list[str]]]
    is_xlsx: bool

    @property
    def unit(self) -> str:
        return "rows" if self.is_xlsx else "lines"


def decode(data: bytes) -> str:
    try:
        return decode_text(data)
    except Refused as refusal:
        raise FileProblem(str(refusal), line=refusal.line) from None


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    try:
        return read_csv_rows(text)
    except Refused as refusal:
        raise OverLimit(str(refusal), line=refusal.line) from None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def xlsx_rows(
    data: bytes, sheet: str | None, stop_after: int | None = None
) -> list[tuple[int, list[str]]]:
    try:
        return [
            (number, [cell_text(value) for value in values])
            for number, values in read_xlsx_rows(data, sheet, stop_after=stop_after)
        ]
    except Refused as refusal:
        raise OverLimit(str(refusal), line=refusal.line) from None


def load_table(source: Source, sheet: str | None = None) -> Table:
    given = Input.of(source)
    if given.is_xlsx:
        return Table(xlsx_rows(given.content(), sheet), is_xlsx=True)
    return Table(csv_rows(decode(given.content())), is_xlsx=False)


def peek_table(given: Input, sheet: str | None) -> Table:
    """The first rows of a file, enough to find its header without reading all of it."""
    if given.is_xlsx:
        return Table(xlsx_rows(given.content(), sheet, stop_after=HEADER_SEARCH_ROWS * 2), True)
    head = given.head()
    text = head.decode("utf-8-sig", errors="ignore") if len(head) == 65536 else decode(head)
    lines = text.splitlines(keepends=True)
    if len(head) == 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    return Table(csv_rows("".join(lines[: HEADER_SEARCH_ROWS * 4])), is_xlsx=False)


def column_key(name: str) -> str:
    """Column names compared loosely: case, spaces, underscores and a BOM do not matter."""
    return re.sub(r"[\s_]+", " ", name.replace("\ufeff", "")).strip().lower()


def compact_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.replace("\ufeff", "")).lower()


# ---------------------------------------------------------------------------------------------
# Headers


@dataclass(frozen=True)
class Header:
    """How a format's header row is recognised.

    ``looks_like`` accepts a row that could be the header even with required columns missing
    (so that they are reported by name); ``announces`` is stricter and is what format detection
    trusts.
    """

    format: str
    expected: str
    looks_like: Callable[[list[str]], bool]
    announces: Callable[[list[str]], bool]


def row_keys(cells: list[str]) -> set[str]:
    return {column_key(cell) for cell in cells if cell}


def period_or_none(label: str) -> Period | None:
    try:
        return parse_period(label)
    except PeriodError:
        return None


def find_header(table: Table, specs: Sequence[Header]) -> tuple[int, int, str]:
    """(index in table.rows, line number, format) of the first of the first
    `HEADER_SEARCH_ROWS` rows that is a header: of the one format in ``specs`` (``looks_like``),
    or of any of several (``announces``, in order)."""
    for index, (line, cells) in enumerate(table.rows):
        if line > HEADER_SEARCH_ROWS:
            break
        for spec in specs:
            if (spec.looks_like if len(specs) == 1 else spec.announces)(cells):
                return index, line, spec.format
    looked = min(HEADER_SEARCH_ROWS, table.rows[-1][0]) if table.rows else 0
    where = f"(looked at {table.unit} 1-{looked})" if looked else "(the file is empty)"
    if len(specs) == 1:
        expected = f"columns {specs[0].expected}"
    else:
        expected = "the columns of one of " + "; ".join(f"{s.format}: {s.expected}" for s in specs)
    raise FileProblem(f"header row not found: expected {expected} {where}")


def header_notes(table: Table, index: int) -> list[str]:
    line = table.rows[index][0]
    if index == 0 and line == 1:
        return []
    return [f"header found on {table.unit[:-1]} {line}; rows above it were ignored"]


# ---------------------------------------------------------------------------------------------
# Validation helpers


class Errors:
    """Row errors collected column by column; only bad rows are visited in Python."""

    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.bad_rows: set[int] = set()

    def __bool__(self) -> bool:
        return bool(self.items)

    def add(self, line: int | None, column: str | None, value: str | None, reason: str) -> None:
        self.items.append(RowError(line, column, value, reason))

    def add_rows(self, rows: "Rows", mask, column: str, reason) -> None:
        """Flag rows where ``mask`` holds; ``reason`` is text or a function of the value."""
        for position in np.flatnonzero(np.asarray(mask, dtype=bool)):
            value = rows.text(column, position)
            text = reason(value) if callable(reason) else reason
            self.items.append(RowError(int(rows.lines[position]), rows.names[column], value, text))
            self.bad_rows.add(int(position))

    def sorted(self) -> list[RowError]:
        return sorted(self.items, key=lambda e: (e.line is not None, e.line or 0))


@dataclass
class Rows:
    """Data rows below a header, as text, with the fields the reader asked for."""

    frame: pd.DataFrame  # one str column per field
    lines: np.ndarray
    names: dict[str, str]  # field -> column name as written in the file
    header_line: int

    def text(self, field_name: str, position: int) -> str:
        value = self.frame[field_name].iat[position]
        return "" if pd.isna(value) else str(value)

    def __len__(self) -> int:
        return len(self.frame)


def select_columns(
    table: Table,
    spec: Header,
    required: Mapping[str, str],
    optional: Mapping[str, str],
    errors: Errors,
) -> tuple[Rows, list[str]]:
    """Find the header, map its names to fields (keys of ``required`` and ``optional``, compared
    with `column_key`); report missing and repeated columns."""
    index, header_line, _ = find_header(table, [spec])
    header = table.rows[index][1]
    notes = header_notes(table, index)
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = column_key(cell)
        if not key:
            continue
        if key in seen:
            errors.add(header_line, cell, None, f"repeated column (also column {seen[key] + 1})")
        seen.setdefault(key, position)
    wanted = {**{k: k for k in required}, **{k: k for k in optional}}
    for key in wanted:
        if key in seen:
            positions[key] = seen[key]
    for key, display in required.items():
        if key not in seen:
            errors.add(header_line, display, None, "missing required column")
    body = table.rows[index + 1 :]
    lines = np.array([line for line, _ in body], dtype=np.int64)
    width = len(header)
    for position, (line, cells) in enumerate(body):
        extra = [cell for cell in cells[width:] if cell]
        if extra:
            errors.add(line, None, extra[0], f"row has more cells than the header ({width})")
            errors.bad_rows.add(position)
    data = {
        key: pd.Series([cells[p] if p < len(cells) else "" for _, cells in body], dtype="str")
        for key, p in positions.items()
    }
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(body)))
    names = {key: header[p] for key, p in positions.items()}
    return Rows(frame, lines, names, header_line), notes


def numeric_column(rows: Rows, field_name: str, errors: Errors, *, label: str = "a number"):
    """Floats for a text column; empty cells are missing (NaN), anything else not a number is
    an error. Thousands separators ("20,300") are read; "31%", "n/a", "*" are not."""
    if field_name not in rows.frame:
        return np.full(len(rows), np.nan)
    text = rows.frame[field_name]
    plain = text.str.fullmatch(NUMBER)
    grouped = text.str.fullmatch(GROUPED_NUMBER)
    good = plain | grouped
    errors.add_rows(rows, (text != "") & ~good, field_name, f"not {label}")
    cleaned = text.where(good, "").str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned.where(cleaned != "", None), errors="raise").to_numpy(float)


def period_column(rows: Rows, field_name: str, errors: Errors) -> pd.Series:
    """Canonical period labels; each distinct label is parsed once."""
    text = rows.frame[field_name]
    labels: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for label in text.unique():
        try:
            labels[label] = parse_period(label).label
        except PeriodError as exc:
            labels[label] = None
            problems[label] = str(exc)
    bad = text.map(lambda label: labels[label] is None)
    errors.add_rows(rows, bad, field_name, lambda value: problems[value])
    return text.map(lambda label: labels[label] or "")


def require_text(rows: Rows, field_name: str, errors: Errors) -> None:
    if field_name in rows.frame:
        errors.add_rows(rows, rows.frame[field_name] == "", field_name, "empty")


def check_known(rows: Rows, field_name: str, known: Collection[str] | None, errors: Errors) -> None:
    if known is None or field_name not in rows.frame:
        return
    text = rows.frame[field_name]
    unknown = (text != "") & ~text.isin(list(known))
    errors.add_rows(rows, unknown, field_name, "unknown area code")


def flag_duplicates(
    rows: Rows, keys: Mapping[str, pd.Series], errors: Errors, mask=None
) -> np.ndarray:
    """Flag rows repeating an earlier row's key (``keys``: column name -> values); returns the
    mask of repeats."""
    frame = pd.DataFrame({name: np.asarray(values, dtype=object) for name, values in keys.items()})
    repeated = frame.duplicated(keep="first").to_numpy().copy()
    if mask is not None:
        repeated &= np.asarray(mask, dtype=bool)
    if repeated.any():
        first = (
            pd.Series(rows.lines)
            .groupby([frame[c] for c in frame.columns], sort=False)
            .transform("first")
        )
        for position in np.flatnonzero(repeated):
            errors.add(
                int(rows.lines[position]),
                ", ".join(keys),
                " | ".join(str(v) for v in frame.iloc[position]),
                f"repeats line {int(first.iat[position])}",
            )
            errors.bad_rows.add(int(position))
    return repeated


def empty_observations(extra: Iterable[str] = ()) -> pd.DataFrame:
    columns = {name: pd.Series(dtype="str") for name in OBSERVATION_COLUMNS}
    for name in NUMERIC_COLUMNS:
        columns[name] = pd.Series(dtype=float)
    for name in extra:
        columns[name] = pd.Series(dtype="str")
    return pd.DataFrame(columns)


def observations_frame(
    length: int,
    *,
    indicator,
    area_code,
    area_name,
    period,
    value,
    count=None,
    denominator=None,
    lower_ci=None,
    upper_ci=None,
    note=None,
    extra: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    def text(values):
        if values is None:
            values = ""
        if isinstance(values, str):
            return pd.Series([values] * length, dtype="str")
        return pd.Series(np.asarray(values, dtype=object), dtype="str")

    def number(values):
        if values is None:
            return np.full(length, np.nan)
        return np.asarray(values, dtype=float)

    frame = pd.DataFrame(
        {
            "indicator": text(indicator),
            "area_code": text(area_code),
            "area_name": text(area_name),
            "period": text(period),
            "value": number(value),
            "count": number(count),
            "denominator": number(denominator),
            "lower_ci": number(lower_ci),
            "upper_ci": number(upper_ci),
            "note": text(note),
        }
    )
    for name, values in (extra or {}).items():
        frame[name] = text(values)
    return frame


def finish(
    format: str,
    rows: Rows | None,
    errors: Errors,
    notes: list[str],
    build,
    empty: pd.DataFrame,
    **counters,
) -> ReadResult:
    """All or nothing: a frame only when there is no error."""
    read = len(rows) if rows is not None else 0
    header_line = rows.header_line if rows is not None else None
    if errors:
        return ReadResult(
            format,
            empty,
            errors.sorted(),
            rows_read=read,
            rows_rejected=len(errors.bad_rows),
            header_line=header_line,
            notes=notes,
        )
    result = build()
    result.rows_read = read
    result.header_line = header_line
    result.notes = notes + result.notes
    for name, value in counters.items():
        setattr(result, name, value)
    return result


def file_problem(format: str, problem: FileProblem, empty: pd.DataFrame) -> ReadResult:
    return ReadResult(format, empty, [problem.error])
