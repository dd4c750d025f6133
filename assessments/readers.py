"""Read the files analysts upload into normalised pandas frames, reporting every bad row.

Six formats (see the assessments spec): ``police-uk`` street-level crime, ``fingertips``
exports, ``tidy`` (long) tables, ``wide`` tables (one column per period), ONS-style
``area-lookup`` files and ``population`` tables. Each may be CSV (UTF-8 with or without a BOM,
LF or CRLF) or XLSX (first sheet unless one is named). Columns are found by name, never by
position, and the header may sit below a few title rows (rows 1-10 are searched; the result's
notes say where it was found).

Every reader returns a `ReadResult`. Imports are all-or-nothing: when ``errors`` is not empty
the frames are empty and ``rows_accepted`` is 0. Nothing is coerced silently: a value that is
not a number, a period that cannot be read, an unknown area code or a repeated key is an error
naming the line (as the user sees the file: the header is line 1 when it is the first line),
the column, the value and the reason.

The observation frame (`OBSERVATION_COLUMNS`) is the contract with the database layer:
indicator, area_code, area_name, period (canonical label, see `parse_period`), value, count,
denominator, lower_ci, upper_ci (floats, NaN when missing) and note (text, "" when none).

Sources are bytes (the file's content), a path (str or os.PathLike) or a binary file object
(such as a Django upload; one with ``temporary_file_path()`` is read from disk).

This module reads the tidy, wide, Fingertips and population formats and dispatches; police.uk
files are read in `assessments.police_uk`, area lookups in `assessments.areas`, and the shared
machinery is in `assessments.tables`. Everything a caller needs is importable from here.
"""

import re
from collections.abc import Collection, Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from assessments.areas import AREA_COLUMNS, AREA_LOOKUP, AreaLookup, read_area_lookup
from assessments.areas import HEADER as _AREA_LOOKUP
from assessments.periods import Period, PeriodError, parse_period
from assessments.police_uk import (
    CRIME_TYPES,
    FORCE_TOTAL_COLUMNS,
    POLICE_UK,
    read_police_uk,
)
from assessments.police_uk import HEADER as _POLICE_UK
from assessments.police_uk import (
    REQUIRED_COLUMNS as _POLICE_UK_REQUIRED,
)
from assessments.tables import (
    GSS_CODE,
    NUMERIC_COLUMNS,
    OBSERVATION_COLUMNS,
    Errors,
    FileProblem,
    Header,
    Input,
    OverLimit,
    ReadResult,
    RowError,
    Rows,
    Source,
    check_known,
    empty_observations,
    file_problem,
    find_header,
    finish,
    flag_duplicates,
    header_notes,
    load_table,
    numeric_column,
    observations_frame,
    peek_table,
    period_column,
    period_or_none,
    require_text,
    row_keys,
    select_columns,
)

__all__ = [
    "AREA_COLUMNS",
    "AREA_LOOKUP",
    "CATEGORY_COLUMNS",
    "CRIME_TYPES",
    "FINGERTIPS",
    "FINGERTIPS_EXTRA_COLUMNS",
    "FORCE_TOTAL_COLUMNS",
    "FORMATS",
    "OBSERVATION_COLUMNS",
    "POLICE_UK",
    "POPULATION",
    "POPULATION_COLUMNS",
    "TIDY",
    "WIDE",
    "AreaLookup",
    "Period",
    "PeriodError",
    "ReadResult",
    "RowError",
    "detect_format",
    "frame_records",
    "parse_period",
    "read_area_lookup",
    "read_file",
    "read_fingertips",
    "read_police_uk",
    "read_population",
    "read_tidy",
    "format_columns",
    "read_wide",
]

FINGERTIPS = "fingertips"
TIDY = "tidy"
WIDE = "wide"
POPULATION = "population"
FORMATS = (POLICE_UK, FINGERTIPS, TIDY, WIDE, AREA_LOOKUP, POPULATION)

FINGERTIPS_EXTRA_COLUMNS = ("indicator_id", "sex", "age", "area_type")
CATEGORY_COLUMNS = ("category_type", "category")
POPULATION_COLUMNS = ("area_code", "year", "population", "sex", "age_band")

_FINGERTIPS_REQUIRED = {
    "indicator id": "Indicator ID",
    "indicator name": "Indicator Name",
    "area code": "Area Code",
    "area name": "Area Name",
    "time period": "Time period",
    "value": "Value",
}
_FINGERTIPS_OPTIONAL = {
    "area type": "area_type",
    "sex": "sex",
    "age": "age",
    "category type": "category_type",
    "category": "category",
    "lower ci 95.0 limit": "lower_ci",
    "upper ci 95.0 limit": "upper_ci",
    "count": "count",
    "denominator": "denominator",
    "value note": "note",
}
_FINGERTIPS_FIGURES = (
    "lower ci 95.0 limit",
    "upper ci 95.0 limit",
    "count",
    "denominator",
    "value note",
)
_TIDY_REQUIRED = {
    "indicator": "indicator",
    "area code": "area_code",
    "area name": "area_name",
    "period": "period",
    "value": "value",
}
_TIDY_OPTIONAL = {
    "count": "count",
    "denominator": "denominator",
    "lower ci": "lower_ci",
    "upper ci": "upper_ci",
    "note": "note",
}
_POPULATION_REQUIRED = {"area code": "area_code", "year": "year", "population": "population"}
_POPULATION_OPTIONAL = {"sex": "sex", "age band": "age_band", "area name": "area_name"}


def _knows(*column_sets) -> Any:
    known = set().union(*column_sets)
    return lambda cells: len(row_keys(cells) & known) >= 2


def _is_wide(cells: list[str]) -> bool:
    return any(period_or_none(cell) is not None for cell in cells[1:] if cell)


_FINGERTIPS = Header(
    FINGERTIPS,
    "Indicator ID, Indicator Name, Area Code, Area Name, Time period, Value",
    _knows(_FINGERTIPS_REQUIRED, _FINGERTIPS_OPTIONAL),
    lambda cells: (
        "indicator id" in (keys := row_keys(cells)) or {"indicator name", "time period"} <= keys
    ),
)
_TIDY = Header(
    TIDY,
    "indicator, area_code, area_name, period, value",
    _knows(_TIDY_REQUIRED, _TIDY_OPTIONAL),
    lambda cells: "indicator" in (keys := row_keys(cells)) and bool(keys & {"period", "area code"}),
)
_POPULATION = Header(
    POPULATION,
    "area_code, year, population",
    _knows(_POPULATION_REQUIRED, _POPULATION_OPTIONAL),
    lambda cells: "population" in (keys := row_keys(cells)) and bool(keys & {"year", "area code"}),
)
_WIDE = Header(
    WIDE,
    "a first column of categories or areas, then one column per period (e.g. 2017/18)",
    _is_wide,
    _is_wide,
)
# Detection tries these in order: the wide table (any period in the header) comes last.
_HEADERS = (_POLICE_UK, _FINGERTIPS, _TIDY, _POPULATION, _AREA_LOOKUP, _WIDE)


def detect_format(source: Source, *, sheet: str | None = None) -> str | None:
    """The format a file's header says it is (one of `FORMATS`), or None. Reads the first rows
    only; a file over an upload limit raises `OverLimit`, naming the limit."""
    try:
        _, _, found = find_header(peek_table(Input.of(source), sheet), _HEADERS)
    except OverLimit:
        raise
    except FileProblem:
        return None
    return found


# ---------------------------------------------------------------------------------------------
# Tidy


def read_tidy(
    source: Source, *, known_codes: Collection[str] | None = None, sheet: str | None = None
) -> ReadResult:
    """A long table: indicator, area_code, area_name, period, value[, count, denominator,
    lower_ci, upper_ci, note]. One row per indicator x area x period; an empty value is
    missing (kept as NaN with its note), never zero."""
    errors = Errors()
    try:
        rows, notes = select_columns(
            load_table(source, sheet), _TIDY, _TIDY_REQUIRED, _TIDY_OPTIONAL, errors
        )
    except FileProblem as problem:
        return file_problem(TIDY, problem, empty_observations())
    if errors:
        return finish(TIDY, rows, errors, notes, None, empty_observations())
    frame = rows.frame
    require_text(rows, "indicator", errors)
    require_text(rows, "area code", errors)
    check_known(rows, "area code", known_codes, errors)
    periods = period_column(rows, "period", errors)
    numbers = {
        column: numeric_column(rows, key, errors)
        for key, column in {**{"value": "value"}, **_TIDY_OPTIONAL}.items()
        if column != "note"
    }
    keys = {
        rows.names["indicator"]: frame["indicator"],
        rows.names["area code"]: frame["area code"],
    }
    flag_duplicates(rows, {**keys, rows.names["period"]: periods}, errors)

    def build() -> ReadResult:
        observations = observations_frame(
            len(rows),
            indicator=frame["indicator"],
            area_code=frame["area code"],
            area_name=frame["area name"],
            period=periods,
            note=frame.get("note"),
            **numbers,
        )
        return ReadResult(TIDY, observations, rows_accepted=len(rows))

    return finish(TIDY, rows, errors, notes, build, empty_observations())


# ---------------------------------------------------------------------------------------------
# Wide


def read_wide(
    source: Source,
    *,
    first_column: str = "indicator",
    area_code: str | None = None,
    area_name: str = "",
    indicator: str | None = None,
    indicator_prefix: str = "",
    areas: Mapping[str, str] | None = None,
    known_codes: Collection[str] | None = None,
    values_are_counts: bool = False,
    note: str = "",
    sheet: str | None = None,
) -> ReadResult:
    """A table as analysts keep it: a first column, then one column per period.

    ``first_column="indicator"``: each row is an indicator (named ``indicator_prefix`` + the
    cell) for the one area ``area_code``. ``first_column="area"``: each row is an area (a code,
    or a name found in ``areas``, a code -> name mapping) for the one ``indicator``. Empty cells
    are no observation; ``values_are_counts`` also fills the count column.
    """
    if first_column not in ("indicator", "area"):
        raise ValueError("first_column must be 'indicator' or 'area'")
    if first_column == "indicator" and not area_code:
        raise ValueError("a wide table of indicators needs the area_code it is about")
    if first_column == "area" and not indicator:
        raise ValueError("a wide table of areas needs the indicator it is about")
    errors = Errors()
    try:
        table = load_table(source, sheet)
        index, header_line, _ = find_header(table, [_WIDE])
    except FileProblem as problem:
        return file_problem(WIDE, problem, empty_observations())
    header = table.rows[index][1]
    body = table.rows[index + 1 :]
    period_columns = _wide_periods(header, header_line, body, errors)
    lines = np.array([line for line, _ in body], dtype=np.int64)
    first = pd.Series([cells[0] if cells else "" for _, cells in body], dtype="str")
    rows = Rows(
        pd.DataFrame({"first": first}), lines, {"first": header[0] or "column 1"}, header_line
    )
    _flag_long_rows(body=body, header=header, errors=errors)
    errors.add_rows(rows, first == "", "first", "empty")
    codes, names = _wide_areas(rows, first_column, areas, known_codes, errors)
    labels = codes if first_column == "area" else first
    flag_duplicates(rows, {rows.names["first"]: labels}, errors, mask=labels != "")
    pieces = _wide_values(
        body=body, period_columns=period_columns, header=header, header_line=header_line,
        lines=lines, errors=errors,
    )  # fmt: skip

    def build() -> ReadResult:
        long = pd.concat(pieces, ignore_index=True).sort_values(["row", "order"], ignore_index=True)
        row = long["row"].to_numpy()
        if first_column == "indicator":
            indicator_values = indicator_prefix + first.to_numpy(dtype=object)[row]
            code_values, name_values = area_code, area_name
        else:
            indicator_values = indicator
            code_values = codes.to_numpy(dtype=object)[row]
            name_values = names.to_numpy(dtype=object)[row]
        observations = observations_frame(
            len(long),
            indicator=indicator_values,
            area_code=code_values,
            area_name=name_values,
            period=long["period"],
            value=long["value"],
            count=long["value"] if values_are_counts else None,
            note=note,
        )
        return ReadResult(WIDE, observations, rows_accepted=len(body))

    return finish(WIDE, rows, errors, header_notes(table, index), build, empty_observations())


def _flag_long_rows(*, body, header, errors) -> None:
    """A row with more cells than the header is refused (its extra cells would be lost)."""
    for position, (line, cells) in enumerate(body):
        extra = [cell for cell in cells[len(header) :] if cell]
        if extra:
            errors.add(line, None, extra[0], f"row has more cells than the header ({len(header)})")
            errors.bad_rows.add(position)


def _wide_values(*, body, period_columns, header, header_line, lines, errors) -> list:
    """One frame per period column: the rows with a value, in the column's order."""
    pieces = []
    for order, (position, label) in enumerate(period_columns):
        text = pd.Series([c[position] if position < len(c) else "" for _, c in body], dtype="str")
        values = numeric_column(
            Rows(pd.DataFrame({"v": text}), lines, {"v": header[position]}, header_line),
            "v",
            errors,
        )
        present = (text != "").to_numpy()
        row = np.flatnonzero(present)
        pieces.append(
            pd.DataFrame({"row": row, "order": order, "period": label, "value": values[row]})
        )
    return pieces


def _wide_periods(header, header_line, body, errors) -> list[tuple[int, str]]:
    """(column position, canonical period) of each heading after the first."""
    columns: list[tuple[int, str]] = []
    seen: dict[str, str] = {}
    for position, cell in enumerate(header[1:], start=1):
        if not cell:
            if any(position < len(cells) and cells[position] for _, cells in body):
                where = f"column {position + 1}"
                errors.add(header_line, where, None, "values under an empty heading")
            continue
        try:
            label = parse_period(cell).label
        except PeriodError as exc:
            errors.add(header_line, cell, cell, f"column heading is not a period: {exc}")
            continue
        if label in seen:
            errors.add(header_line, cell, cell, f"repeats the period of column {seen[label]!r}")
            continue
        seen[label] = cell
        columns.append((position, label))
    return columns


def _wide_areas(rows, first_column, areas, known_codes, errors):
    first = rows.frame["first"]
    if first_column != "area":
        return first, first
    areas = dict(areas or {})
    by_name = {re.sub(r"\s+", " ", name).strip().casefold(): code for code, name in areas.items()}
    known = set(known_codes) if known_codes is not None else None
    codes, names, unknown = [], [], []
    for cell in first:
        if cell in areas or (cell in known if known is not None else GSS_CODE.fullmatch(cell)):
            code = cell
        else:
            code = by_name.get(re.sub(r"\s+", " ", cell).strip().casefold(), "")
        if known is not None and code and code not in known:
            code = ""
        codes.append(code)
        names.append(areas.get(code, cell if code != cell else ""))
        unknown.append(bool(cell) and not code)
    errors.add_rows(rows, unknown, "first", "unknown area: not a known code or area name")
    return pd.Series(codes, dtype="str"), pd.Series(names, dtype="str")


# ---------------------------------------------------------------------------------------------
# Fingertips


def read_fingertips(
    source: Source, *, known_codes: Collection[str] | None = None, sheet: str | None = None
) -> ReadResult:
    """A Fingertips (fingertips.phe.org.uk) data export.

    Areas listed twice (once under each parent) are de-duplicated, never summed; a repeat with a
    different value is an error. Rows with a Category Type go to ``category_frame``, apart from
    the headline ``frame``. An empty Value (e.g. suppressed for disclosure control) is NaN with
    its Value note kept. Both frames carry indicator_id, sex, age and area_type as well as the
    observation columns; their key is indicator_id x area_code x period x sex x age (x category).
    The comparison columns (their names vary: "Compared to Region value or percentiles", "...
    Regions (statistical) ...") and "Time period range" are not needed and not required.
    """
    errors = Errors()
    empty = empty_observations(FINGERTIPS_EXTRA_COLUMNS)
    try:
        rows, notes = select_columns(
            load_table(source, sheet),
            _FINGERTIPS,
            _FINGERTIPS_REQUIRED,
            dict.fromkeys(_FINGERTIPS_OPTIONAL, ""),
            errors,
        )
    except FileProblem as problem:
        return file_problem(FINGERTIPS, problem, empty)
    if errors:
        return finish(FINGERTIPS, rows, errors, notes, None, empty)
    frame = rows.frame

    errors.add_rows(
        rows,
        ~frame["indicator id"].str.fullmatch(r"\d+"),
        "indicator id",
        "not an indicator number",
    )
    require_text(rows, "area code", errors)
    check_known(rows, "area code", known_codes, errors)
    periods = period_column(rows, "time period", errors)
    numbers = {
        "value": numeric_column(rows, "value", errors),
        **{
            target: numeric_column(rows, key, errors)
            for key, target in _FINGERTIPS_OPTIONAL.items()
            if target in NUMERIC_COLUMNS
        },
    }
    keys = pd.DataFrame(
        {
            "indicator_id": frame["indicator id"],
            "area_code": frame["area code"],
            "period": periods,
            "sex": _fingertips_column(frame, "sex"),
            "age": _fingertips_column(frame, "age"),
            "category_type": _fingertips_column(frame, "category type"),
            "category": _fingertips_column(frame, "category"),
        }
    )
    figures = _fingertips_column(frame, "value").str.cat(
        [_fingertips_column(frame, k) for k in _FINGERTIPS_FIGURES], sep="|"
    )
    repeated = _fingertips_repeats(rows, keys, figures, errors)
    keep = ~repeated
    is_category = (_fingertips_column(frame, "category type") != "").to_numpy()

    build = partial(
        _fingertips_result, frame=frame, periods=periods, numbers=numbers, keep=keep,
        repeated=repeated, is_category=is_category,
    )  # fmt: skip
    return finish(FINGERTIPS, rows, errors, notes, build, empty)


def _fingertips_column(frame: pd.DataFrame, key: str) -> pd.Series:
    """An optional column, or empty text when the export leaves it out."""
    return frame[key] if key in frame else pd.Series([""] * len(frame), dtype="str")


def _fingertips_result(*, frame, periods, numbers, keep, repeated, is_category) -> ReadResult:
    """The headline and category frames, once the file is valid; repeats skipped and noted."""
    observations = observations_frame(
        len(frame),
        indicator=frame["indicator name"],
        area_code=frame["area code"],
        area_name=frame["area name"],
        period=periods,
        note=_fingertips_column(frame, "value note"),
        extra={
            "indicator_id": frame["indicator id"],
            "sex": _fingertips_column(frame, "sex"),
            "age": _fingertips_column(frame, "age"),
            "area_type": _fingertips_column(frame, "area type"),
            "category_type": _fingertips_column(frame, "category type"),
            "category": _fingertips_column(frame, "category"),
        },
        **numbers,
    )
    headline = observations[keep & ~is_category].drop(columns=list(CATEGORY_COLUMNS))
    categories = observations[keep & is_category]
    result = ReadResult(
        FINGERTIPS,
        headline.reset_index(drop=True),
        rows_accepted=int(keep.sum()),
        rows_deduplicated=int(repeated.sum()),
        category_frame=categories.reset_index(drop=True),
    )
    if repeated.any():
        result.notes.append(
            f"{int(repeated.sum())} rows repeated an area already read (listed under more "
            "than one parent) with the same figures and were skipped"
        )
    return result


def _fingertips_repeats(rows: Rows, keys: pd.DataFrame, figures: pd.Series, errors: Errors):
    """Rows repeating an earlier row's key: the same figures are a repeat to skip (an area
    listed under two parents), different figures are an error."""
    repeated = keys.duplicated(keep="first").to_numpy()
    group = [keys[c] for c in keys.columns]
    first_figures = figures.groupby(group, sort=False).transform("first")
    first_line = pd.Series(rows.lines).groupby(group, sort=False).transform("first")
    for position in np.flatnonzero(repeated & (figures != first_figures).to_numpy()):
        errors.add(
            int(rows.lines[position]),
            rows.names["value"],
            rows.text("value", position),
            f"repeats line {int(first_line.iat[position])} (same indicator, area, period, sex, "
            "age and category) with different figures",
        )
        errors.bad_rows.add(int(position))
    return repeated


# ---------------------------------------------------------------------------------------------
# Population


def read_population(
    source: Source, *, known_codes: Collection[str] | None = None, sheet: str | None = None
) -> ReadResult:
    """area_code, year, population[, sex, age_band]: persons by area and (mid-)year."""
    errors = Errors()
    empty = pd.DataFrame(
        {
            "area_code": pd.Series(dtype="str"),
            "year": pd.Series(dtype="int64"),
            "population": pd.Series(dtype=float),
            "sex": pd.Series(dtype="str"),
            "age_band": pd.Series(dtype="str"),
        }
    )
    try:
        rows, notes = select_columns(
            load_table(source, sheet),
            _POPULATION,
            _POPULATION_REQUIRED,
            _POPULATION_OPTIONAL,
            errors,
        )
    except FileProblem as problem:
        return file_problem(POPULATION, problem, empty)
    if errors:
        return finish(POPULATION, rows, errors, notes, None, empty)
    frame = rows.frame
    require_text(rows, "area code", errors)
    check_known(rows, "area code", known_codes, errors)
    year_text = frame["year"]
    errors.add_rows(rows, ~year_text.str.fullmatch(r"(19|20|21)\d{2}"), "year", "not a year (YYYY)")
    population = numeric_column(rows, "population", errors)
    errors.add_rows(rows, (frame["population"] == ""), "population", "empty")
    errors.add_rows(rows, population < 0, "population", "negative")

    def column(key: str) -> pd.Series:
        return frame[key] if key in frame else pd.Series([""] * len(frame), dtype="str")

    keys = {rows.names["area code"]: frame["area code"], rows.names["year"]: year_text}
    keys |= {rows.names[k]: frame[k] for k in ("sex", "age band") if k in frame}
    flag_duplicates(rows, keys, errors)

    def build() -> ReadResult:
        out = pd.DataFrame(
            {
                "area_code": frame["area code"],
                "year": year_text.astype("int64"),
                "population": population,
                "sex": column("sex"),
                "age_band": column("age band"),
            }
        )
        return ReadResult(POPULATION, out, rows_accepted=len(out))

    return finish(POPULATION, rows, errors, notes, build, empty)


# ---------------------------------------------------------------------------------------------
# What each format expects, for the import page (the same constants the readers use)


def format_columns() -> list[dict[str, Any]]:
    """Per format: its name, its required and optional columns (as a file may spell them:
    case, spaces and underscores do not matter) or, where columns are not fixed, what the
    header must hold."""
    return [
        _described(TIDY, _TIDY_REQUIRED.values(), _TIDY_OPTIONAL.values()),
        _described(WIDE, (), (), _WIDE.expected),
        _described(
            FINGERTIPS, _FINGERTIPS_REQUIRED.values(), _FINGERTIPS_OPTIONAL, _FINGERTIPS.expected
        ),
        _described(POLICE_UK, _POLICE_UK_REQUIRED, (), _POLICE_UK.expected),
        _described(AREA_LOOKUP, (), (), _AREA_LOOKUP.expected),
        _described(POPULATION, _POPULATION_REQUIRED.values(), _POPULATION_OPTIONAL.values()),
    ]


def _described(format: str, required, optional, header: str = "") -> dict[str, Any]:
    return {
        "format": format,
        "required": list(required),
        "optional": list(optional),
        "header": header,
    }


# ---------------------------------------------------------------------------------------------
# Dispatch


_READERS = {
    POLICE_UK: read_police_uk,
    FINGERTIPS: read_fingertips,
    TIDY: read_tidy,
    WIDE: read_wide,
    AREA_LOOKUP: read_area_lookup,
    POPULATION: read_population,
}


def read_file(source: Source, format: str | None = None, **options) -> ReadResult:
    """Read a file in the named format, or in the one its header shows; ``options`` go to the
    format's reader (``lookup`` for police-uk, ``known_codes``, the wide table's arguments...)."""
    if format is None:
        given = Input.of(source)
        source = given.data if given.data is not None else given.path
        try:
            _, _, format = find_header(peek_table(given, options.get("sheet")), _HEADERS)
        except FileProblem as problem:
            return ReadResult("unknown", empty_observations(), [problem.error])
    if format not in _READERS:
        raise ValueError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    return _READERS[format](source, **options)


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts ready for a bulk insert: NaN becomes None, whole floats in count columns
    become ints."""
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record in records:
        for name in ("count", "denominator", "year", "population"):
            value = record.get(name)
            if isinstance(value, float) and value.is_integer():
                record[name] = int(value)
    return records
