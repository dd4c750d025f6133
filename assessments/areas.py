"""Areas and their parents: ONS-style lookup files, and the tree police counts roll up.

An area lookup has one row per lowest-level area (usually an LSOA) with the code and name of
each area above it: LSOA11CD, LSOA11NM, WD18CD, WD18NM, LAD18CD, LAD18NM (any year suffix),
RGN and CTRY columns too, and optionally a locality ("Locality", or a locality code and name).
"""

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from assessments.tables import (
    GSS_CODE,
    Errors,
    FileProblem,
    Header,
    ReadResult,
    Source,
    Table,
    cell_text,
    compact_key,
    file_problem,
    find_header,
    header_notes,
    load_table,
    row_keys,
)

AREA_LOOKUP = "area-lookup"
AREA_COLUMNS = ("code", "name", "area_type", "parent_code")
AREA_TYPES = ("lsoa", "ward", "locality", "borough", "region", "country")  # bottom up

_ONS_COLUMN = re.compile(r"([a-z]+)(\d{2})(cd|nm)")
_LOOKUP_LEVELS = {"lsoa": "lsoa", "wd": "ward", "lad": "borough", "ltla": "borough"}
_LOOKUP_UPPER_LEVELS = {"rgn": "region", "ctry": "country"}
_LOCALITY_NAME_COLUMNS = {"locality", "localityname", "localitynm"}
_LOCALITY_CODE_COLUMNS = {"localitycode", "localitycd"}


def _has_ons_columns(cells: list[str]) -> bool:
    return any(_ONS_COLUMN.fullmatch(key.replace(" ", "")) for key in row_keys(cells))


HEADER = Header(
    AREA_LOOKUP,
    "ONS code and name columns such as LSOA11CD, LSOA11NM, WD18CD, LAD18CD",
    _has_ons_columns,
    _has_ons_columns,
)


def _empty_areas() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype="str") for name in AREA_COLUMNS})


def read_area_lookup(source: Source, *, sheet: str | None = None) -> ReadResult:
    """An ONS-style lookup (LSOA11CD, LSOA11NM, WD18CD, WD18NM, LAD18CD, LAD18NM, any year
    suffix; RGN and CTRY columns too) with an optional locality column ("Locality", or
    "locality_code" and "locality_name"), one row per lowest-level area.

    The frame has one row per area: code, name, area_type (lsoa, ward, locality, borough,
    region, country), parent_code ("" at the top). A locality given only by name gets a code
    from its initials under its borough ("North" in Sefton: E08000014-N).
    """
    try:
        table = load_table(source, sheet)
    except FileProblem as problem:
        return file_problem(AREA_LOOKUP, problem, _empty_areas())
    return _read_lookup_table(table)


def _read_lookup_table(table: Table) -> ReadResult:
    errors = Errors()
    try:
        index, header_line, _ = find_header(table, [HEADER])
    except FileProblem as problem:
        return file_problem(AREA_LOOKUP, problem, _empty_areas())
    header = table.rows[index][1]
    notes = header_notes(table, index)
    levels = _levels(header, header_line, errors, notes)
    body = table.rows[index + 1 :]
    result = ReadResult(
        AREA_LOOKUP, _empty_areas(), rows_read=len(body), header_line=header_line, notes=notes
    )
    if errors:
        result.errors = errors.sorted()
        return result

    areas: dict[str, tuple[str, str, str, int]] = {}  # code -> name, type, parent, line
    lowest_seen: dict[str, int] = {}
    for row_number, (line, cells) in enumerate(body):
        chain = _chain(line, cells, header, levels, errors)
        if chain is None:
            errors.bad_rows.add(row_number)
            continue
        lowest, column = chain[0][0], chain[0][3]
        if lowest in lowest_seen:
            errors.add(line, column, lowest, f"repeats line {lowest_seen[lowest]}")
            errors.bad_rows.add(row_number)
            continue
        lowest_seen[lowest] = line
        if not _add_chain(areas, chain, line, errors, "cd" not in levels.get("locality", {})):
            errors.bad_rows.add(row_number)
    if errors:
        result.errors = errors.sorted()
        result.rows_rejected = len(errors.bad_rows)
        return result
    rank = {t: i for i, t in enumerate(AREA_TYPES)}
    frame = pd.DataFrame(
        [(code, name, area_type, parent) for code, (name, area_type, parent, _) in areas.items()],
        columns=list(AREA_COLUMNS),
    ).astype("str")
    order = np.lexsort((frame["code"].to_numpy(), -frame["area_type"].map(rank).to_numpy()))
    result.frame = frame.iloc[order].reset_index(drop=True)
    result.rows_accepted = len(body)
    return result


def _levels(header, header_line, errors, notes) -> dict[str, dict[str, int]]:
    """area type -> {"cd": column position, "nm": column position}, bottom level first."""
    levels: dict[str, dict[str, int]] = {}
    ignored = []
    for position, cell in enumerate(header):
        compact = compact_key(cell)
        match = _ONS_COLUMN.fullmatch(compact)
        area_type = part = None
        if match:
            prefix, _, part = match.groups()
            area_type = _LOOKUP_LEVELS.get(prefix) or _LOOKUP_UPPER_LEVELS.get(prefix)
        elif compact in _LOCALITY_NAME_COLUMNS:
            area_type, part = "locality", "nm"
        elif compact in _LOCALITY_CODE_COLUMNS:
            area_type, part = "locality", "cd"
        if area_type is None:
            if cell and compact not in {"fid", "objectid"}:
                ignored.append(cell)
            continue
        slot = levels.setdefault(area_type, {})
        if part in slot:
            what = "code" if part == "cd" else "name"
            errors.add(header_line, cell, None, f"a second {area_type} {what} column")
            continue
        slot[part] = position
    for area_type, slot in levels.items():
        if area_type != "locality" and "cd" not in slot:
            name = header[slot["nm"]]
            errors.add(header_line, name, None, f"a {area_type} name column without its code")
    if ignored:
        notes.append(f"columns not used: {', '.join(ignored)}")
    return {t: levels[t] for t in AREA_TYPES if t in levels}


def _chain(line, cells, header, levels, errors) -> list[tuple[str, str, str, str]] | None:
    """(code, name, area type, column) of each area on a row, bottom first; None when bad."""
    chain = []
    for area_type, slot in levels.items():
        code, name = _cell_at(cells, slot.get("cd")), _cell_at(cells, slot.get("nm"))
        column = header[slot["cd"]] if "cd" in slot else header[slot["nm"]]
        if area_type == "locality" and "cd" not in slot and name:
            borough = _cell_at(cells, levels.get("borough", {}).get("cd"))
            code = _locality_code(borough, name)
        if not code:
            missing = f"missing {area_type} code" if "cd" in slot else f"missing {area_type}"
            errors.add(line, column, "", missing)
            return None
        if "cd" in slot and area_type != "locality" and not GSS_CODE.fullmatch(code):
            errors.add(line, column, code, "not an ONS area code (a letter and eight digits)")
            return None
        chain.append((code, name, area_type, column))
    return chain


def _add_chain(areas, chain, line, errors, generated_locality: bool) -> bool:
    """Record each area with its parent; False when one contradicts an earlier row."""
    ok = True
    for position, (code, name, area_type, column) in enumerate(chain):
        parent = chain[position + 1][0] if position + 1 < len(chain) else ""
        known = areas.setdefault(code, (name, area_type, parent, line))
        known_name, known_type, known_parent, known_line = known
        problem = None
        if known_type != area_type:
            problem = f"already a {known_type} on line {known_line}"
        elif known_parent != parent:
            problem = f"is under {known_parent} on line {known_line} but under {parent} here"
        elif known_name != name and area_type == "locality" and generated_locality:
            problem = (
                f"{name!r} and {known_name!r} (line {known_line}) would share the code {code}: "
                "add a locality code column"
            )
        elif known_name != name:
            problem = f"is named {known_name!r} on line {known_line}"
        if problem:
            errors.add(line, column, code, problem)
            ok = False
    return ok


def _cell_at(cells: list[str], position: int | None) -> str:
    return cells[position] if position is not None and position < len(cells) else ""


def _locality_code(borough: str, name: str) -> str:
    """A local code from the initials of a locality's name: "North" in Sefton is E08000014-N,
    "North Sefton" E08000014-NS. Two names with the same initials are reported as a conflict."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", name)).upper()
    return f"{borough}-{initials}" if borough else f"LOC-{initials}"


class AreaLookup:
    """Areas and their parents, for rolling LSOA counts up to ward, locality and borough."""

    def __init__(self, areas: pd.DataFrame):
        missing = set(AREA_COLUMNS) - set(areas.columns)
        if missing:
            raise ValueError(f"an area frame needs the columns {', '.join(sorted(missing))}")
        self.areas = areas[list(AREA_COLUMNS)].astype("str").reset_index(drop=True)
        self._parent = dict(zip(self.areas["code"], self.areas["parent_code"], strict=True))
        self._name = dict(zip(self.areas["code"], self.areas["name"], strict=True))

    @classmethod
    def of(cls, lookup: "AreaLookup | pd.DataFrame | Mapping[str, str]") -> "AreaLookup":
        """From an AreaLookup, the frame `read_area_lookup` returns, an ONS-style lookup frame
        (LSOA21CD, WD22CD, ...), or a mapping of child code -> parent code."""
        if isinstance(lookup, AreaLookup):
            return lookup
        if isinstance(lookup, pd.DataFrame):
            if set(AREA_COLUMNS) <= set(lookup.columns):
                return cls(lookup)
            header = [str(c) for c in lookup.columns]
            body = [
                (line, [cell_text(v) if not pd.isna(v) else "" for v in values])
                for line, values in enumerate(lookup.itertuples(index=False), start=2)
            ]
            result = _read_lookup_table(Table([(1, header), *body], is_xlsx=False))
            if not result.ok:
                raise ValueError(
                    "the area lookup has errors: " + "; ".join(map(str, result.errors[:5]))
                )
            return cls(result.frame)
        if isinstance(lookup, Mapping):
            codes = set(lookup) | set(lookup.values())
            frame = pd.DataFrame(
                [(code, "", _type_of_code(code), lookup.get(code, "")) for code in sorted(codes)],
                columns=list(AREA_COLUMNS),
            )
            return cls(frame)
        raise TypeError(f"cannot use a {type(lookup).__name__} as an area lookup")

    def ancestors(self, code: str) -> list[str]:
        """The chain above an area, nearest first."""
        chain, seen = [], {code}
        parent = self._parent.get(code, "")
        while parent:
            if parent in seen:
                raise ValueError(f"the area lookup has a loop through {parent}")
            chain.append(parent)
            seen.add(parent)
            parent = self._parent.get(parent, "")
        return chain

    def lsoa_codes(self) -> list[str]:
        return self.areas.loc[self.areas["area_type"] == "lsoa", "code"].tolist()

    def ancestry(self) -> pd.DataFrame:
        """lsoa_code, area_code, area_name: each LSOA to itself and every area above it."""
        pairs = [
            (lsoa, code, self._name.get(code, ""))
            for lsoa in self.lsoa_codes()
            for code in [lsoa, *self.ancestors(lsoa)]
        ]
        return pd.DataFrame(pairs, columns=["lsoa_code", "area_code", "area_name"]).astype("str")


def _type_of_code(code: str) -> str:
    prefix = code[:3]
    if prefix in ("E01", "W01"):
        return "lsoa"
    if prefix in ("E05", "W05"):
        return "ward"
    if prefix in ("E06", "E07", "E08", "E09", "W06"):
        return "borough"
    if prefix == "E12":
        return "region"
    if prefix in ("E92", "W92", "K04"):
        return "country"
    if prefix == "E47":
        return "city_region"
    if prefix == "E23":
        return "force"
    return "locality"
