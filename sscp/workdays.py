"""Working days in England: Monday to Friday, bank holidays excluded.

MARAC timeliness (incident to referral to meeting, actions signed off within 10 working days)
and the meetings' publication deadlines (five clear working days) are measured in working days,
so the rule lives here, shared by both apps. Bank holidays come from the `holidays` package so
special days (a coronation, a state funeral) are right without anyone keeping a list.
"""

import datetime
import functools

import holidays
import numpy as np
import pandas as pd

# Calendars are built for whole decades so a handful of cached calendars serve any data set.
_DECADE = 10


@functools.cache
def bank_holidays(year: int) -> tuple[datetime.date, ...]:
    """England's bank holidays of one year, including substitute ("observed") days."""
    return tuple(sorted(holidays.country_holidays("GB", subdiv="ENG", years=year)))


@functools.cache
def _calendar(first_decade: int, last_decade: int) -> np.busdaycalendar:
    days = [
        day for year in range(first_decade, last_decade + _DECADE) for day in bank_holidays(year)
    ]
    return np.busdaycalendar(weekmask="1111100", holidays=np.array(days, dtype="datetime64[D]"))


def _calendar_for(first_year: int, last_year: int) -> np.busdaycalendar:
    return _calendar(first_year // _DECADE * _DECADE, last_year // _DECADE * _DECADE)


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def working_days(a, b) -> int:
    """Working days d with a < d <= b; 0 when b is not after a.

    Counting from the day after `a` means an action signed off the day after the meeting took
    one working day, and a referral received on the day of the incident took none.
    """
    a, b = _as_date(a), _as_date(b)
    if b <= a:
        return 0
    calendar = _calendar_for(a.year, b.year)
    start = np.datetime64(a, "D") + 1
    return int(np.busday_count(start, np.datetime64(b, "D") + 1, busdaycal=calendar))


def working_days_between(a: pd.Series, b: pd.Series) -> pd.Series:
    """Vectorised `working_days` over two date columns; NaN where either date is missing."""
    a = pd.to_datetime(pd.Series(a), errors="raise")
    b = pd.to_datetime(pd.Series(b), errors="raise").set_axis(a.index)
    known = a.notna() & b.notna()
    result = pd.Series(np.nan, index=a.index, dtype="float64")
    if not known.any():
        return result
    starts = a[known].to_numpy().astype("datetime64[D]")
    ends = b[known].to_numpy().astype("datetime64[D]")
    years = pd.DatetimeIndex(np.concatenate([starts, ends])).year
    calendar = _calendar_for(int(years.min()), int(years.max()))
    counts = np.busday_count(starts + 1, ends + 1, busdaycal=calendar)
    result[known] = np.clip(counts, 0, None)
    return result


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(day, n: int) -> datetime.date:
    """The working day `n` working days after `day` (before it when n < 0).

    Chosen so that working_days(day, result) == n for n > 0 and
    working_days(result, day) == -n for n < 0, whatever day of the week `day` is.
    """
    day = _as_date(day)
    if n == 0:
        return day
    years = 1 + abs(n) // 200
    calendar = _calendar_for(day.year - years, day.year + years)
    result = np.busday_offset(np.datetime64(day, "D"), n, roll="backward", busdaycal=calendar)
    return result.astype(datetime.date)
