"""The dates the app accepts and the longest period it reports on, stated once.

Every date typed into a form (meetings, memberships, actions, reports, MARAC cases and
periods) must fall between EARLIEST and LATEST, and a reporting period may span at most
MAX_PERIOD_YEARS: a meeting in year 1 has no municipal year (it would start in year 0) and
broke the meetings list, and a period of centuries held a worker until its timeout.
"""

import datetime

from django.core.exceptions import ValidationError

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)
MAX_PERIOD_YEARS = 5


def long_date(day: datetime.date) -> str:
    """'1 January 1990'."""
    return f"{day.day} {day:%B %Y}"


RANGE = f"between {long_date(EARLIEST)} and {long_date(LATEST)}"


def validate_in_range(value: datetime.date) -> None:
    """A form validator: the date is inside the app's stated range."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError(
            f"Enter a date {RANGE}: {long_date(value)} is outside it.", code="out_of_range"
        )


def period_end_limit(start: datetime.date) -> datetime.date:
    """The last day a period starting on ``start`` may end on (MAX_PERIOD_YEARS later)."""
    try:
        after = start.replace(year=start.year + MAX_PERIOD_YEARS)
    except ValueError:  # 29 February into a year that has none
        after = datetime.date(start.year + MAX_PERIOD_YEARS, 3, 1)
    return after - datetime.timedelta(days=1)


def period_errors(start: datetime.date, end: datetime.date) -> list[str]:
    """What is wrong with the period from ``start`` to ``end`` (empty when nothing is); each
    date's range is its form field's check (`validate_in_range`)."""
    if end < start:
        return ["The end of the period must be after its start."]
    if end > period_end_limit(start):
        return [
            f"A period can be at most {MAX_PERIOD_YEARS} years long: from {long_date(start)} "
            f"it can end on {long_date(period_end_limit(start))} at the latest."
        ]
    return []
