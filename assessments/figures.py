"""The figures a strategic assessment quotes, computed from plain numbers.

Numbers in, numbers out: no database, no Django. Rounding follows the published report (half
up, as a spreadsheet rounds), so 20,300 crimes among 274,100 residents is "74 per 1,000".
Missing stays missing: a NaN count is never treated as zero.

Also the export of observation rows to CSV and XLSX, with spreadsheet formula injection
neutralised.
"""

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

import numpy as np
import pandas as pd

from assessments.periods import PeriodError, financial_year, parse_period
from sscp.spreadsheets import neutralise

EXPORT_COLUMNS = (
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


def round_half_up(value: float, digits: int = 0) -> float:
    """Round as a spreadsheet does (2.5 -> 3, -2.5 -> -3), not to even as Python's round."""
    if value is None or math.isnan(value):
        return math.nan
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def rate_per(count: float, population: float, per: int = 1000) -> float:
    """Count per ``per`` people: rate_per(20300, 274100) == 74.06..."""
    if population is None or math.isnan(population) or population <= 0:
        raise ValueError(f"a rate needs a positive population, not {population!r}")
    return count * per / population


def percent_change(before: float, after: float) -> float:
    """Change from ``before`` to ``after`` as a percentage of ``before`` (15.7 for a 15.7% rise)."""
    if before == 0:
        raise ValueError("no percentage change from zero")
    return (after - before) * 100 / before


def _by_period(values: Mapping[str, float]) -> list[tuple[str, float]]:
    try:
        return sorted(values.items(), key=lambda item: parse_period(item[0]))
    except PeriodError as exc:
        raise ValueError(str(exc)) from None


def change_over(values: Mapping[str, float], start: str, end: str) -> float:
    """Percentage change between two periods of a series keyed by period label, e.g. "an
    overall increase of 221% since 2013/14" is change_over(series, "2013/14", "2017/18")."""
    return percent_change(values[start], values[end])


def year_on_year(values: Mapping[str, float]) -> dict[str, float]:
    """Each period's percentage change from the one before it (periods in date order; the
    first has none). {"2016/17": 17567, "2017/18": 20331} -> {"2017/18": 15.73...}."""
    ordered = _by_period(values)
    return {
        label: percent_change(previous, value)
        for (_, previous), (label, value) in zip(ordered, ordered[1:], strict=False)
    }


def share_of_total(parts: Mapping[str, float], total: float | None = None) -> dict[str, float]:
    """Each part as a percentage of ``total`` (default: the sum of the parts), as Table 3
    shows "Violence 6175 31%". Missing parts stay missing and do not count toward the sum."""
    if total is None:
        total = sum(v for v in parts.values() if not is_missing(v))
    if not total:
        raise ValueError("no share of a zero total")
    return {key: math.nan if is_missing(v) else v * 100 / total for key, v in parts.items()}


def is_missing(value) -> bool:
    """None or NaN (pandas' and plotly's missing): a figure we do not have, never zero."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def none_if_missing(values) -> list:
    """The values with every missing one as None (charts leave None out)."""
    return [None if is_missing(v) else v for v in values]


# ---------------------------------------------------------------------------------------------
# Ranking

_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
_ORDINAL_WORDS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip


def number_words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def ordinal_words(n: int) -> str:
    if 0 <= n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


@dataclass(frozen=True)
class Rank:
    """Where one area stands among comparators. Ties share the better position ("joint")."""

    from_lowest: int  # 1 = lowest value
    from_highest: int  # 1 = highest value
    of: int
    tied_with: tuple[str, ...]
    wording: str


def rank_among(values: Mapping[str, float], subject: str, *, direction: str = "auto") -> Rank:
    """Rank ``subject`` among ``values`` (area -> value, subject included; missing values are
    left out) and word it as the seed does: "second lowest of the six".

    ``direction``: "lowest" or "highest" to count from that end; "auto" counts from the nearer
    end (from the lowest when both are as near).
    """
    if direction not in ("auto", "lowest", "highest"):
        raise ValueError("direction must be 'auto', 'lowest' or 'highest'")
    present = {k: v for k, v in values.items() if not is_missing(v)}
    if subject not in present:
        raise ValueError(f"{subject!r} has no value to rank")
    mine = present[subject]
    from_lowest = 1 + sum(v < mine for v in present.values())
    from_highest = 1 + sum(v > mine for v in present.values())
    tied = tuple(sorted(k for k, v in present.items() if v == mine and k != subject))
    of = len(present)
    if direction == "auto":
        direction = "lowest" if from_lowest <= from_highest else "highest"
    position = from_lowest if direction == "lowest" else from_highest
    joint = "joint " if tied else ""
    ordinal = "" if position == 1 else f"{ordinal_words(position)} "
    wording = f"{joint}{ordinal}{direction} of the {number_words(of)}"
    return Rank(from_lowest, from_highest, of, tied, wording)


# ---------------------------------------------------------------------------------------------
# Financial years


def financial_year_label(month: str) -> str:
    """The financial year (April-March) a "YYYY-MM" month falls in: "2018-03" -> "2017/18"."""
    period = parse_period(month)
    if period.kind != "month":
        raise ValueError(f"{month!r} is not a month")
    return financial_year(period.start.year - (period.start.month < 4)).label


def financial_year_rollup(
    frame: pd.DataFrame,
    *,
    value_columns: Sequence[str] = ("value", "count"),
    keys: Sequence[str] | None = None,
    complete_only: bool = False,
) -> pd.DataFrame:
    """Sum monthly counts ("YYYY-MM" in ``period``) into financial years (April to March).

    ``keys`` default to the frame's other text columns (indicator, area_code, area_name, ...).
    A "months" column says how many months each year has data for; ``complete_only`` keeps
    only years with all twelve. Sums of nothing but missing values stay missing. For counts
    only: rates and percentages do not add up.
    """
    value_columns = [c for c in value_columns if c in frame.columns]
    if keys is None:
        numeric = set(value_columns) | {"denominator", "lower_ci", "upper_ci"}
        keys = [c for c in frame.columns if c not in numeric and c not in ("period", "note")]
    months = frame["period"].astype(str)
    labels = {}
    for month in months.unique():
        try:
            labels[month] = financial_year_label(month)
        except (ValueError, PeriodError):
            raise ValueError(f"period {month!r} is not a month (YYYY-MM)") from None
    grouped = frame.assign(period=months.map(labels), _month=months).groupby(
        [*keys, "period"], sort=True, dropna=False
    )
    result = grouped[value_columns].sum(min_count=1)
    result["months"] = grouped["_month"].nunique()
    result = result.reset_index()
    if complete_only:
        result = result[result["months"] == 12].reset_index(drop=True)
    return result


# ---------------------------------------------------------------------------------------------
# Spine chart


class Polarity(StrEnum):
    HIGHER_IS_WORSE = "higher-is-worse"
    HIGHER_IS_BETTER = "higher-is-better"
    NEITHER = "neither"


@dataclass(frozen=True)
class SpineScale:
    """One indicator's spread among all areas of a type, from the left end of a spine chart
    (worst, or lowest when polarity is neither) to the right (best, or highest)."""

    left: float
    left_quartile: float
    median: float
    right_quartile: float
    right: float
    polarity: Polarity
    areas: int

    @property
    def worst(self) -> float:
        return self.left

    @property
    def best(self) -> float:
        return self.right


def spine_scale(values: Iterable[float], polarity: str | Polarity) -> SpineScale:
    """Worst, 25th percentile, median, 75th percentile and best of ``values`` (missing values
    left out), oriented by polarity: when higher is worse the worst is the maximum and the
    quartile next to it is the 75th percentile. Percentiles interpolate linearly, as a
    spreadsheet's PERCENTILE does."""
    polarity = Polarity(polarity)
    data = np.array(list(values), dtype=float)  # None becomes NaN
    data = data[~np.isnan(data)]
    if data.size == 0:
        raise ValueError("no values for a spine chart")
    low, q25, median, q75, high = np.percentile(data, [0, 25, 50, 75, 100])
    if polarity is Polarity.HIGHER_IS_WORSE:
        ends = (high, q75, median, q25, low)
    else:
        ends = (low, q25, median, q75, high)
    return SpineScale(*(float(v) for v in ends), polarity=polarity, areas=int(data.size))


def spine_position(value: float, scale: SpineScale, centre: float) -> float:
    """Where ``value`` sits on a spine chart from 0 (left end) to 1 (right end), with
    ``centre`` (England) at 0.5: each half is scaled on its own, so the chart shows how far an
    area is toward the worst or best, not the raw distance. Clipped to [0, 1]."""

    def along(start: float, end: float, v: float) -> float:
        return 0.0 if end == start else (v - start) / (end - start)

    left, right = scale.left, scale.right
    toward_left = (value - centre) * (left - centre) > 0
    if toward_left:
        position = 0.5 - 0.5 * along(centre, left, value)
    else:
        position = 0.5 + 0.5 * along(centre, right, value)
    return min(1.0, max(0.0, position))


# ---------------------------------------------------------------------------------------------
# Export


def _export_rows(
    rows: pd.DataFrame | Iterable[Mapping], columns: Sequence[str] = EXPORT_COLUMNS
) -> list[list]:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    out = []
    for record in frame.reindex(columns=list(columns)).itertuples(index=False):
        out.append([_export_value(v) for v in record])
    return out


def _export_value(value):
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return neutralise(value)


def export_csv(
    rows: pd.DataFrame | Iterable[Mapping], columns: Sequence[str] = EXPORT_COLUMNS
) -> str:
    """Observation rows as CSV text (columns `EXPORT_COLUMNS`, or those given for another
    table, CRLF), safe for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in _export_rows(rows, columns):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def export_xlsx(rows: pd.DataFrame | Iterable[Mapping], *, sheet_title: str = "Data") -> bytes:
    """Observation rows as an Excel workbook: numbers as numbers, text never as a formula."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    sheet.append(list(EXPORT_COLUMNS))
    for row in _export_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
