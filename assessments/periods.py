"""Period labels as analysts write them, turned into dates.

`parse_period` accepts the labels the seed assessment, police.uk and Fingertips use and returns
the canonical label, so "2018/19 Q3" from Fingertips and "Q3 2018/19" from a spreadsheet are
the same period. Hyphenated forms are ambiguous ("2011-12" is a police.uk month, or a financial
year in some reports), so a bare "YYYY-NN" is always a month; pooled years need spaces around
the dash ("2014 - 16", as Fingertips writes them) or a four-digit end year ("2014-2016").
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sscp.dates import EARLIEST, LATEST, RANGE

FINANCIAL_YEAR = "financial_year"
FINANCIAL_QUARTER = "financial_quarter"
MONTH = "month"
CALENDAR_YEAR = "calendar_year"
CALENDAR_QUARTER = "calendar_quarter"
POOLED_YEARS = "pooled_years"
POOLED_FINANCIAL_YEARS = "pooled_financial_years"
MONTH_RANGE = "month_range"

EXAMPLES = "2017/18, Q3 2017/18, 2022-12, 2018, 2014 - 16, 2014/15 - 16/17, Jul 2015 - Jun 2016"

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
_MONTHS["sept"] = 9

_YEAR_SUFFIX = r"(\d{2}|\d{4})"
_FY = rf"(\d{{4}})\s*/\s*{_YEAR_SUFFIX}"
_PATTERNS = [
    (MONTH, re.compile(r"(\d{4})-(\d{2})")),
    (CALENDAR_YEAR, re.compile(r"(\d{4})")),
    (FINANCIAL_YEAR, re.compile(_FY)),
    (FINANCIAL_QUARTER, re.compile(rf"Q([1-4])\s+(\d{{4}})\s*[/-]\s*{_YEAR_SUFFIX}", re.I)),
    (FINANCIAL_QUARTER + ":suffix", re.compile(rf"{_FY}\s+Q([1-4])", re.I)),
    (CALENDAR_QUARTER, re.compile(r"Q([1-4])\s+(\d{4})", re.I)),
    (CALENDAR_QUARTER + ":suffix", re.compile(r"(\d{4})\s+Q([1-4])", re.I)),
    (POOLED_YEARS, re.compile(r"(\d{4})\s+-\s+(\d{2}|\d{4})|(\d{4})-(\d{4})")),
    (
        POOLED_FINANCIAL_YEARS,
        re.compile(rf"{_FY}\s*-\s*{_YEAR_SUFFIX}\s*/\s*{_YEAR_SUFFIX}"),
    ),
    (MONTH + ":name", re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")),
    (
        MONTH_RANGE,
        re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})\s*-\s*([A-Za-z]{3,9})\.?\s+(\d{2}|\d{4})"),
    ),
]


class PeriodError(ValueError):
    """A period label that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Period:
    """A reporting period: canonical label, first and last day (inclusive), and kind.

    Periods sort by start date, then end date (so 2017/18 sorts before Q1 2018/19).
    """

    label: str
    start: date
    end: date
    kind: str

    def __str__(self) -> str:
        return self.label

    def __lt__(self, other: "Period") -> bool:
        return (self.start, self.end, self.label) < (other.start, other.end, other.label)


def parse_period(label: str) -> Period:
    """Read a period label ("2017/18", "Q3 2017/18", "2022-12", "2018", "2014 - 16", ...)."""
    if not isinstance(label, str):
        raise PeriodError(f"period label must be text, not {type(label).__name__}")
    return _parse(label)


@lru_cache(maxsize=4096)
def _parse(label: str) -> Period:
    text = re.sub(r"\s+", " ", label.strip().replace("\u2013", "-").replace("\u2014", "-"))
    text = re.sub(r"\s+to\s+", " - ", text, flags=re.I)
    if not text:
        raise PeriodError("empty period label")
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                period = _BUILDERS[kind](label, *[g for g in match.groups() if g is not None])
            except PeriodError:
                raise
            except ValueError as exc:  # year 0
                raise PeriodError(f"cannot read period {label!r}: {exc}") from None
            return _in_range(period, label)
    raise PeriodError(f"cannot read period {label!r}: expected a label such as {EXAMPLES}")


def _in_range(period: Period, label: str) -> Period:
    """Every period the app stores lies in its stated date range (sscp.dates)."""
    if period.start < EARLIEST or period.end > LATEST:
        raise PeriodError(f"period {label!r} is outside the dates the app accepts ({RANGE})")
    return period


def financial_year(start_year: int) -> Period:
    """The financial year April `start_year` to March `start_year + 1`."""
    return Period(
        _fy_label(start_year), date(start_year, 4, 1), date(start_year + 1, 3, 31), FINANCIAL_YEAR
    )


def _fy_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _expand(start_year: int, suffix: str) -> int:
    """The year a two- or four-digit suffix stands for, after `start_year`."""
    if len(suffix) == 4:
        return int(suffix)
    year = start_year // 100 * 100 + int(suffix)
    return year + 100 if year < start_year else year


def _next_year(label: str, start: str, suffix: str) -> int:
    start_year = int(start)
    end_year = _expand(start_year, suffix)
    if end_year != start_year + 1:
        raise PeriodError(
            f"cannot read period {label!r}: a financial year runs from one year to the next "
            f"(e.g. {_fy_label(start_year)})"
        )
    return start_year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month(label: str, year: str, month: str) -> Period:
    number = int(month)
    if not 1 <= number <= 12:
        raise PeriodError(
            f"cannot read period {label!r}: YYYY-MM is read as a month (01-12); write pooled "
            f"years as '{year} - {month}' and a financial year as '{_fy_label(int(year))}'"
        )
    y = int(year)
    return Period(f"{y}-{number:02d}", date(y, number, 1), _month_end(y, number), MONTH)


def _month_number(label: str, name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise PeriodError(f"cannot read period {label!r}: {name!r} is not a month") from None


def _named_month(label: str, name: str, year: str) -> Period:
    return _month(label, year, str(_month_number(label, name)))


def _calendar_year(label: str, year: str) -> Period:
    y = int(year)
    return Period(str(y), date(y, 1, 1), date(y, 12, 31), CALENDAR_YEAR)


def _financial_year(label: str, start: str, suffix: str) -> Period:
    return financial_year(_next_year(label, start, suffix))


def _financial_quarter(label: str, quarter: str, start: str, suffix: str) -> Period:
    start_year = _next_year(label, start, suffix)
    q = int(quarter)
    first_month = 4 + 3 * (q - 1)
    year = start_year if first_month <= 12 else start_year + 1
    first_month = (first_month - 1) % 12 + 1
    return Period(
        f"Q{q} {_fy_label(start_year)}",
        date(year, first_month, 1),
        _month_end(year, first_month + 2),
        FINANCIAL_QUARTER,
    )


def _financial_quarter_suffix(label: str, start: str, suffix: str, quarter: str) -> Period:
    return _financial_quarter(label, quarter, start, suffix)


def _calendar_quarter(label: str, quarter: str, year: str) -> Period:
    q, y = int(quarter), int(year)
    first_month = 1 + 3 * (q - 1)
    return Period(
        f"Q{q} {y}", date(y, first_month, 1), _month_end(y, first_month + 2), CALENDAR_QUARTER
    )


def _calendar_quarter_suffix(label: str, year: str, quarter: str) -> Period:
    return _calendar_quarter(label, quarter, year)


def _pooled_years(label: str, start: str, end: str) -> Period:
    start_year = int(start)
    end_year = _expand(start_year, end)
    if end_year <= start_year:
        raise PeriodError(f"cannot read period {label!r}: the end year is not after the start")
    return Period(
        f"{start_year} - {end_year % 100:02d}",
        date(start_year, 1, 1),
        date(end_year, 12, 31),
        POOLED_YEARS,
    )


def _pooled_financial_years(label: str, start: str, s1: str, e0: str, e1: str) -> Period:
    first = _next_year(label, start, s1)
    last_start = _expand(first, e0)
    last = _next_year(label, str(last_start), e1)
    if last <= first:
        raise PeriodError(f"cannot read period {label!r}: the last year is not after the first")
    return Period(
        f"{_fy_label(first)} - {last % 100:02d}/{(last + 1) % 100:02d}",
        date(first, 4, 1),
        date(last + 1, 3, 31),
        POOLED_FINANCIAL_YEARS,
    )


def _month_range(label: str, m0: str, y0: str, m1: str, y1: str) -> Period:
    start_month, end_month = _month_number(label, m0), _month_number(label, m1)
    start_year = int(y0) if len(y0) == 4 else 2000 + int(y0)
    end_year = _expand(start_year, y1)
    start, end = date(start_year, start_month, 1), _month_end(end_year, end_month)
    if end <= start:
        raise PeriodError(f"cannot read period {label!r}: the range ends before it starts")
    label = (
        f"{calendar.month_abbr[start_month]} {start_year} - "
        f"{calendar.month_abbr[end_month]} {end_year}"
    )
    return Period(label, start, end, MONTH_RANGE)


_BUILDERS = {
    MONTH: _month,
    CALENDAR_YEAR: _calendar_year,
    FINANCIAL_YEAR: _financial_year,
    FINANCIAL_QUARTER: _financial_quarter,
    FINANCIAL_QUARTER + ":suffix": _financial_quarter_suffix,
    CALENDAR_QUARTER: _calendar_quarter,
    CALENDAR_QUARTER + ":suffix": _calendar_quarter_suffix,
    POOLED_YEARS: _pooled_years,
    POOLED_FINANCIAL_YEARS: _pooled_financial_years,
    MONTH + ":name": _named_month,
    MONTH_RANGE: _month_range,
}
