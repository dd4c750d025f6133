"""Working days in England and Wales: Monday to Friday, bank holidays excluded.

MARAC timeliness and the agenda publication deadline (five clear working days before a
meeting) are counted in working days. Bank holidays come from the `holidays` package so special
days (a coronation, a state funeral) are right without anyone keeping a list. England's and
Wales's bank holidays are the same days.
"""

import datetime
import functools

import holidays
import numpy as np

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


def busday_calendar(first_year: int, last_year: int) -> np.busdaycalendar:
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
    calendar = busday_calendar(a.year, b.year)
    start = np.datetime64(a, "D") + 1
    return int(np.busday_count(start, np.datetime64(b, "D") + 1, busdaycal=calendar))


def add_working_days(day, n: int) -> datetime.date:
    """The working day `n` working days after `day` (before it when n < 0).

    Chosen so that working_days(day, result) == n for n > 0 and
    working_days(result, day) == -n for n < 0, whatever day of the week `day` is.
    """
    day = _as_date(day)
    if n == 0:
        return day
    years = 1 + abs(n) // 200
    calendar = busday_calendar(day.year - years, day.year + years)
    result = np.busday_offset(np.datetime64(day, "D"), n, roll="backward", busdaycal=calendar)
    return result.astype(datetime.date)
