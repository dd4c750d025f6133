"""police.uk street-level crime files, counted by crime type, month and area.

One row per crime or ASB incident (columns Crime ID, Month, Reported by, Falls within,
Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome category,
Context). Only four columns are needed, and they are read as categoricals and counted with a
groupby, so a million rows take about as long as pandas takes to parse them.
"""

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from assessments.areas import AreaLookup
from assessments.periods import MONTH
from assessments.tables import (
    Errors,
    FileProblem,
    Header,
    Input,
    OverLimit,
    ReadResult,
    Rows,
    Source,
    Table,
    column_key,
    decode,
    empty_observations,
    file_problem,
    find_header,
    finish,
    header_notes,
    load_table,
    observations_frame,
    peek_table,
    period_or_none,
    row_keys,
)
from sscp.uploads import MAX_ROWS

POLICE_UK = "police-uk"
FORCE_TOTAL_COLUMNS = ("force", "indicator", "period", "count")

# The current police.uk categories, then the ones older files use (before May 2013).
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
HISTORIC_CRIME_TYPES = ("Violent crime", "Public disorder and weapons")

_LSOA_CODE = r"[EW]01\d{6}"
_POLICE_COLUMNS = {
    "month": "Month",
    "falls within": "Falls within",
    "lsoa code": "LSOA code",
    "crime type": "Crime type",
}
REQUIRED_COLUMNS = tuple(_POLICE_COLUMNS.values())
_POLICE_OTHER = {
    "crime id",
    "reported by",
    "longitude",
    "latitude",
    "location",
    "lsoa name",
    "last outcome category",
    "context",
}

HEADER = Header(
    POLICE_UK,
    "Crime ID, Month, Falls within, LSOA code, Crime type",
    lambda cells: len(row_keys(cells) & (set(_POLICE_COLUMNS) | _POLICE_OTHER)) >= 2,
    lambda cells: (
        "crime type" in (keys := row_keys(cells))
        and bool(keys & {"lsoa code", "crime id", "falls within"})
    ),
)


def read_police_uk(
    source: Source,
    *,
    lookup: "AreaLookup | pd.DataFrame | Mapping[str, str] | None" = None,
    sheet: str | None = None,
) -> ReadResult:
    """A police.uk street-level crime file (one row per crime or ASB incident), counted per
    crime type (the indicator, named exactly as police.uk names it) x month ("YYYY-MM") x LSOA,
    and with a ``lookup`` rolled up to every area above the LSOA (ward, locality, borough).

    Rows with no LSOA ("No Location") count toward the force totals (``force_totals``, by
    "Falls within") and ``rows_no_location`` but no area. With a lookup, rows whose LSOA is not
    in it are counted in ``rows_outside_lookup`` and the force totals, and excluded from the
    areas; "Falls within" is never used to filter. Without a lookup the frame holds LSOA counts
    only, unnamed. ASB rows (empty Crime ID and outcome) are counted like any other row.

    Only Month, Falls within, LSOA code and Crime type are read, as categoricals, and counted
    with one groupby: no Python runs per row. CSV line numbers assume one line per record, as
    police.uk files are.
    """
    given = Input.of(source)
    errors = Errors()
    empty = empty_observations()
    areas = AreaLookup.of(lookup) if lookup is not None else None
    try:
        head = peek_table(given, sheet)
        index, header_line, _ = find_header(head, [HEADER])
        header = head.rows[index][1]
        names = {column_key(cell): cell for cell in reversed(header) if cell}
        for key, display in _POLICE_COLUMNS.items():
            if key not in names:
                errors.add(header_line, display, None, "missing required column")
        if errors:
            return ReadResult(POLICE_UK, empty, errors.sorted(), header_line=header_line)
        wanted = {key: names[key] for key in _POLICE_COLUMNS}
        if given.is_xlsx:
            table = load_table(source if given.data is None else given.data, sheet)
            frame = _police_frame_from_table(table, index, header, wanted)
        else:
            frame = _police_frame_from_csv(given, header_line, wanted)
    except FileProblem as problem:
        return file_problem(POLICE_UK, problem, empty)
    notes = header_notes(head, index)
    lines = np.arange(len(frame), dtype=np.int64) + header_line + 1
    rows = Rows(frame, lines, dict(wanted), header_line)
    _police_validate(rows, errors)
    if errors:
        return finish(POLICE_UK, rows, errors, notes, None, empty)

    lsoa = frame["lsoa code"]
    no_location = lsoa.isna().to_numpy()
    if areas is not None:
        inside_categories = np.isin(lsoa.cat.categories.to_numpy(dtype=object), areas.lsoa_codes())
        codes = lsoa.cat.codes.to_numpy()
        inside = (codes >= 0) & inside_categories[np.maximum(codes, 0)]
    else:
        inside = ~no_location
    outside = ~no_location & ~inside

    return finish(
        POLICE_UK,
        rows,
        errors,
        notes,
        lambda: _police_counts(frame=frame, inside=inside, areas=areas),
        empty,
        rows_no_location=int(no_location.sum()),
        rows_outside_lookup=int(outside.sum()),
    )


def _police_counts(
    *, frame: pd.DataFrame, inside: np.ndarray, areas: AreaLookup | None
) -> ReadResult:
    """The counts per crime type x area x month, and the force totals (run once valid)."""
    force_totals = (
        frame.groupby(["falls within", "crime type", "month"], observed=True, dropna=False)
        .size()
        .reset_index(name="count")
        .rename(columns={"falls within": "force", "crime type": "indicator", "month": "period"})
    )
    force_totals = force_totals.astype({"force": "str", "indicator": "str", "period": "str"})
    force_totals["force"] = force_totals["force"].fillna("")
    counts = (
        frame.loc[inside, ["lsoa code", "crime type", "month"]]
        .groupby(["lsoa code", "crime type", "month"], observed=True)
        .size()
        .reset_index(name="count")
        .astype({"lsoa code": "str", "crime type": "str", "month": "str"})
    )
    if areas is not None:
        counts = counts.merge(areas.ancestry(), left_on="lsoa code", right_on="lsoa_code")
        counts = (
            counts.groupby(["crime type", "area_code", "area_name", "month"], observed=True)[
                "count"
            ]
            .sum()
            .reset_index()
        )
    else:
        counts = counts.rename(columns={"lsoa code": "area_code"})
        counts["area_name"] = ""
    counts = counts.sort_values(["crime type", "area_code", "month"], ignore_index=True)
    observations = observations_frame(
        len(counts),
        indicator=counts["crime type"],
        area_code=counts["area_code"],
        area_name=counts["area_name"],
        period=counts["month"],
        value=counts["count"],
        count=counts["count"],
    )
    return ReadResult(
        POLICE_UK,
        observations,
        rows_accepted=int(inside.sum()),
        force_totals=force_totals[list(FORCE_TOTAL_COLUMNS)],
    )


def _police_frame_from_csv(given: Input, header_line: int, wanted: dict[str, str]) -> pd.DataFrame:
    columns = list(wanted.values())
    try:
        frame = pd.read_csv(
            given.for_pandas(),
            usecols=columns,
            dtype=dict.fromkeys(columns, "category"),
            encoding="utf-8-sig",
            keep_default_na=False,
            na_values=[""],
            skiprows=header_line - 1,
            nrows=MAX_ROWS - header_line + 1,  # one more than may be read: refused below
            engine="c",
        )
    except UnicodeDecodeError:
        decode(given.content())  # raises with the line of the first bad byte
        raise
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileProblem(f"the CSV cannot be read: {exc}") from None
    if len(frame) + header_line > MAX_ROWS:
        raise OverLimit(f"the file has more than {MAX_ROWS:,} rows")
    return frame.rename(columns={v: k for k, v in wanted.items()})[list(wanted)]


def _police_frame_from_table(table: Table, index: int, header: list[str], wanted) -> pd.DataFrame:
    positions = {key: header.index(name) for key, name in wanted.items()}
    body = table.rows[index + 1 :]
    data = {
        key: pd.Series(
            [cells[p] if p < len(cells) and cells[p] else None for _, cells in body], dtype="str"
        ).astype("category")
        for key, p in positions.items()
    }
    return pd.DataFrame(data)


def _category_check(
    rows: Rows, field_name: str, errors: Errors, bad_category, missing: str
) -> None:
    """Validate each distinct value once, then flag the rows holding a bad one."""
    column = rows.frame[field_name]
    categories = column.cat.categories
    reasons = [bad_category(value) for value in categories]
    bad = np.array([reason is not None for reason in reasons], dtype=bool)
    codes = column.cat.codes.to_numpy()
    if missing:
        errors.add_rows(rows, codes < 0, field_name, missing)
    if bad.any():
        by_value = dict(zip(categories, reasons, strict=True))
        mask = (codes >= 0) & bad[np.maximum(codes, 0)]
        errors.add_rows(rows, mask, field_name, lambda value: by_value[value])


def _police_validate(rows: Rows, errors: Errors) -> None:
    known_types = set(CRIME_TYPES) | set(HISTORIC_CRIME_TYPES)

    def month_problem(value: str) -> str | None:
        period = period_or_none(value)
        if period is None or period.kind != MONTH or value != period.label:
            return "not a month (YYYY-MM)"
        return None

    _category_check(rows, "month", errors, month_problem, "empty month")
    _category_check(
        rows,
        "crime type",
        errors,
        lambda value: None if value in known_types else "not a police.uk crime type",
        "empty crime type",
    )
    _category_check(
        rows,
        "lsoa code",
        errors,
        lambda value: None if re.fullmatch(_LSOA_CODE, value) else "not an LSOA code",
        "",
    )
