from datetime import date

import pytest

from assessments.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("label", "canonical", "start", "end", "kind"),
    [
        ("2017/18", "2017/18", date(2017, 4, 1), date(2018, 3, 31), "financial_year"),
        ("2017/2018", "2017/18", date(2017, 4, 1), date(2018, 3, 31), "financial_year"),
        ("1999/00", "1999/00", date(1999, 4, 1), date(2000, 3, 31), "financial_year"),
        ("Q3 2017/18", "Q3 2017/18", date(2017, 10, 1), date(2017, 12, 31), "financial_quarter"),
        ("Q4 2016-17", "Q4 2016/17", date(2017, 1, 1), date(2017, 3, 31), "financial_quarter"),
        ("2018/19 Q3", "Q3 2018/19", date(2018, 10, 1), date(2018, 12, 31), "financial_quarter"),
        ("2022-12", "2022-12", date(2022, 12, 1), date(2022, 12, 31), "month"),
        ("2016-02", "2016-02", date(2016, 2, 1), date(2016, 2, 29), "month"),
        ("Dec 2022", "2022-12", date(2022, 12, 1), date(2022, 12, 31), "month"),
        ("2018", "2018", date(2018, 1, 1), date(2018, 12, 31), "calendar_year"),
        ("Q1 2019", "Q1 2019", date(2019, 1, 1), date(2019, 3, 31), "calendar_quarter"),
        ("2019 Q2", "Q2 2019", date(2019, 4, 1), date(2019, 6, 30), "calendar_quarter"),
        ("2014 - 16", "2014 - 16", date(2014, 1, 1), date(2016, 12, 31), "pooled_years"),
        ("2016-2018", "2016 - 18", date(2016, 1, 1), date(2018, 12, 31), "pooled_years"),
        ("2010 \u2013 12", "2010 - 12", date(2010, 1, 1), date(2012, 12, 31), "pooled_years"),
        (
            "2014/15 - 16/17",
            "2014/15 - 16/17",
            date(2014, 4, 1),
            date(2017, 3, 31),
            "pooled_financial_years",
        ),
        (
            "Jul 15 to Jun 16",
            "Jul 2015 - Jun 2016",
            date(2015, 7, 1),
            date(2016, 6, 30),
            "month_range",
        ),
    ],
)
def test_it_reads_the_labels_analysts_write(label, canonical, start, end, kind):
    period = parse_period(label)
    assert (period.label, period.start, period.end, period.kind) == (canonical, start, end, kind)


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2014-16", "YYYY-MM is read as a month"),
        ("2017/19", "a financial year runs from one year to the next"),
        ("13/14", "expected a label such as"),
        ("Q5 2017/18", "expected a label such as"),
        ("2016 - 16", "the end year is not after the start"),
        ("Foo 2017", "'Foo' is not a month"),
        ("", "empty period label"),
    ],
)
def test_it_refuses_labels_it_cannot_read(label, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(label)


def test_it_sorts_periods_by_date():
    labels = ["2017/18", "Q1 2017/18", "2016/17", "2017-03"]
    assert [p.label for p in sorted(map(parse_period, labels))] == [
        "2016/17",
        "2017-03",
        "Q1 2017/18",
        "2017/18",
    ]
