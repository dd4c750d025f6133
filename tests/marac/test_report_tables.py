"""The report's tables and RAG statuses, from hand-built records."""

import datetime

import pytest

from marac import selectors
from marac.report import annual_rate_per_10000, build_report, rag_status
from tests.marac.test_suppression_views import assert_no_back_calculation

START, END = datetime.date(2017, 4, 1), datetime.date(2018, 3, 31)


@pytest.mark.parametrize(
    ("value", "low", "high", "rag"),
    [
        (0.30, 0.28, 0.40, "green"),
        (0.28, 0.28, 0.40, "green"),
        (0.25, 0.28, 0.40, "amber"),  # within 20% below the band
        (0.20, 0.28, 0.40, "red"),
        (0.47, 0.28, 0.40, "amber"),
        (0.50, 0.28, 0.40, "red"),
        (19.37, None, 30, "green"),
        (35, None, 30, "amber"),
        (45, 40, None, "green"),
        ("<5", 0.16, 0.19, None),  # a suppressed share has no RAG
        (None, 0.16, 0.19, None),
    ],
)
def test_rag_status(value, low, high, rag):
    assert rag_status(value, low, high) == rag


def test_annual_rate_per_10000_is_pro_rata():
    assert annual_rate_per_10000(540, 120_000, START, END) == pytest.approx(45)
    half = datetime.date(2017, 9, 30)
    assert annual_rate_per_10000(270, 120_000, START, half) == pytest.approx(45, rel=0.01)
    assert annual_rate_per_10000("<5", 120_000, START, END) is None


def _report(exact):
    figures = selectors.figures_for_period(START, END)
    return build_report(
        figures,
        exact=exact,
        benchmarks={},
        population=None,
        start=START,
        end=END,
        idva_labels=selectors.idva_labels(),
    )


def test_small_numbers_are_hidden_and_no_total_gives_one_back(small_marac):
    report = _report(exact=False)
    for section in report["sections"]:
        for table in section["tables"]:
            assert_no_back_calculation(table)
            for row in table.rows:
                for column in table.counts:
                    value = row.get(column)
                    assert not (isinstance(value, int) and 1 <= value <= 4), (table.key, row)


def test_the_exact_report_keeps_every_count(small_marac):
    report = _report(exact=True)
    cases = next(t for s in report["sections"] for t in s["tables"] if t.key == "cases_per_month")
    assert [row["cases"] for row in cases.rows[:3]] == [4, 5, 4]
    assert cases.rows[-1] == {"label": "Total", "cases": 13}
