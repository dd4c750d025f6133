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
        swaca_labels=selectors.swaca_labels(),
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


def _table(report, key):
    return next(t for s in report["sections"] for t in s["tables"] if t.key == key)


def test_the_swaca_section_has_eligible_and_open_cases_per_month_and_by_status(small_marac):
    report = _report(exact=True)
    assert [s["key"] for s in report["sections"]][-1] == "swaca"
    per_month = _table(report, "swaca")
    rows = [(r["swaca_eligible"], r["swaca_open"]) for r in per_month.rows]
    assert rows[:3] == [(4, 1), (4, 1), (4, 1)]  # April to June
    assert rows[3:-1] == [(0, 0)] * 9
    assert rows[-1] == (12, 3)
    assert per_month.rows[-1]["swaca_share"] == 0.25
    assert per_month.display_rows()[-1] == ["Total", "12", "3", "25.0%"]
    by_status = _table(report, "swaca_statuses")
    assert [(r["label"], r["cases"]) for r in by_status.rows] == [
        ("Open to SWACA", 3),
        ("Eligible, not open to SWACA", 9),
        ("Not eligible for SWACA support", 1),
        ("Total", 13),
    ]


def test_partners_see_no_swaca_rate_of_a_hidden_count(small_marac):
    per_month = _table(_report(exact=False), "swaca")
    shown = [row for row in per_month.rows if row["swaca_open"] != 0]
    assert len(shown) == 4  # April to June, and the total
    for row in shown:
        assert row["swaca_open"] in ("<5", "*")  # 1 a month, 3 in all
        assert row["swaca_share"] is None
