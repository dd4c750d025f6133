"""Agendas are published five clear working days before the meeting (issue 11, item 7): neither
the publication day nor the meeting day counts; weekends and England and Wales bank holidays
are not working days."""

import datetime

import pytest

from meetings.deadlines import agenda_deadline
from sscp.workdays import is_working_day, working_days

D = datetime.date


@pytest.mark.parametrize(
    ("meeting", "deadline"),
    [
        # A Thursday meeting: Wed, Tue, Mon, Fri, Thu are clear; publish by the Wednesday.
        (D(2018, 9, 13), D(2018, 9, 5)),
        # A Monday meeting: the Friday, Thursday, Wednesday, Tuesday, Monday before are clear.
        (D(2019, 3, 18), D(2019, 3, 8)),
        # New Year's Day, Christmas Day and Boxing Day are not working days.
        (D(2019, 1, 3), D(2018, 12, 21)),
        # Easter Monday 2019 (22 April) and Good Friday (19 April) are not working days:
        # 24, 23, 18, 17 and 16 April are the clear days.
        (D(2019, 4, 25), D(2019, 4, 15)),
        # A Saturday meeting: its Friday is a clear working day.
        (D(2019, 3, 16), D(2019, 3, 8)),
    ],
)
def test_the_deadline_leaves_five_clear_working_days(meeting, deadline):
    assert agenda_deadline(meeting) == deadline


@pytest.mark.parametrize(
    "meeting", [D(2018, 9, 13), D(2019, 1, 3), D(2019, 4, 25), D(2020, 5, 11), D(2021, 12, 30)]
)
def test_between_deadline_and_meeting_exactly_five_working_days_are_clear(meeting):
    deadline = agenda_deadline(meeting)
    assert is_working_day(deadline)
    clear = working_days(deadline, meeting - datetime.timedelta(days=1))
    assert clear == 5  # neither the publication day nor the meeting day counts


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(D(2018, 12, 25))  # Christmas Day
    assert not is_working_day(D(2019, 4, 22))  # Easter Monday
    assert not is_working_day(D(2019, 3, 16))  # a Saturday
    assert is_working_day(D(2019, 3, 15))
    assert is_working_day(D(2018, 1, 2))  # a Scottish bank holiday only
