import datetime
import random

import pandas as pd
import pytest

from sscp.workdays import add_working_days, bank_holidays, working_days, working_days_between

D = datetime.date


def test_it_counts_the_days_after_the_start_up_to_and_including_the_end():
    monday, friday = D(2017, 6, 5), D(2017, 6, 9)
    assert working_days(monday, friday) == 4
    assert working_days(monday, monday) == 0
    assert working_days(friday, D(2017, 6, 12)) == 1


def test_it_is_zero_when_the_end_is_before_the_start():
    assert working_days(D(2017, 6, 9), D(2017, 6, 5)) == 0


def test_it_skips_weekends_whichever_day_it_starts_on():
    saturday, sunday, monday = D(2017, 6, 10), D(2017, 6, 11), D(2017, 6, 12)
    assert working_days(saturday, sunday) == 0
    assert working_days(saturday, monday) == 1
    assert working_days(D(2017, 6, 9), saturday) == 0


def test_it_skips_easter_2018():
    # Good Friday 30 March and Easter Monday 2 April 2018.
    assert working_days(D(2018, 3, 29), D(2018, 4, 3)) == 1
    assert working_days(D(2018, 3, 29), D(2018, 4, 2)) == 0


def test_it_skips_christmas_2017():
    # Christmas Day and Boxing Day 2017 fell on Monday and Tuesday.
    assert working_days(D(2017, 12, 22), D(2017, 12, 27)) == 1


def test_it_skips_substitute_and_one_off_bank_holidays():
    # Christmas 2021 fell on a weekend: Monday 27 and Tuesday 28 were bank holidays.
    assert working_days(D(2021, 12, 24), D(2021, 12, 29)) == 1
    # The Queen's state funeral, Monday 19 September 2022.
    assert working_days(D(2022, 9, 16), D(2022, 9, 20)) == 1


def test_it_takes_bank_holidays_from_the_holidays_package_for_england():
    assert D(2018, 5, 7) in bank_holidays(2018)  # Early May bank holiday
    assert D(2018, 1, 2) not in bank_holidays(2018)  # a Scottish holiday only
    assert D(2018, 3, 17) not in bank_holidays(2018)  # St Patrick's Day: Northern Ireland


def test_it_counts_across_decades_and_years():
    # 2019-12-31 (Tue) .. 2020-01-03 (Fri): 1 January is a bank holiday.
    assert working_days(D(2019, 12, 31), D(2020, 1, 3)) == 2


def test_it_accepts_datetimes_and_timestamps():
    assert working_days(datetime.datetime(2017, 6, 5, 15, 30), pd.Timestamp("2017-06-09")) == 4


def test_the_vectorised_count_matches_the_scalar_one():
    rng = random.Random(7)
    starts, ends = [], []
    for _ in range(400):
        start = D(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3600))
        starts.append(start)
        ends.append(start + datetime.timedelta(days=rng.randrange(-10, 90)))
    starts[3] = None
    ends[5] = None
    counts = working_days_between(pd.Series(starts), pd.Series(ends))
    for start, end, count in zip(starts, ends, counts, strict=True):
        if start is None or end is None:
            assert pd.isna(count)
        else:
            assert count == working_days(start, end)


def test_the_vectorised_count_of_nothing_is_nothing():
    counts = working_days_between(pd.Series([None, None]), pd.Series([D(2017, 1, 3), None]))
    assert counts.isna().all()


@pytest.mark.parametrize("n", [1, 2, 5, 10, 23, 250])
def test_adding_working_days_is_undone_by_counting_them(n):
    rng = random.Random(n)
    for _ in range(60):
        day = D(2016, 1, 1) + datetime.timedelta(days=rng.randrange(1500))
        later = add_working_days(day, n)
        earlier = add_working_days(day, -n)
        assert working_days(day, later) == n
        assert working_days(earlier, day) == n
        assert working_days(later - datetime.timedelta(days=1), later) == 1
        assert working_days(earlier - datetime.timedelta(days=1), earlier) == 1


def test_adding_working_days_steps_over_easter():
    assert add_working_days(D(2018, 3, 29), 1) == D(2018, 4, 3)
    assert add_working_days(D(2018, 4, 3), -1) == D(2018, 3, 29)
    assert add_working_days(D(2018, 3, 29), 0) == D(2018, 3, 29)
