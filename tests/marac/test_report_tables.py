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


def _demo_report(exact):
    from marac.demo.data import ATTENDANCE_2017_18, demo_data
    from marac.figures import marac_figures

    core = list(ATTENDANCE_2017_18)  # the demo's core agencies, as `seed_demo` records them
    figures = marac_figures(*demo_data(), start=START, end=END, core_agencies=core)
    return build_report(
        figures,
        exact=exact,
        benchmarks={},
        population=None,
        start=START,
        end=END,
        idva_labels={},
        core_agencies=core,
    )


def _rows(table) -> dict:
    return {row[0]: row[1:] for row in table.display_rows()}


def test_the_report_states_the_seeds_counts_of_closed_marac_transfers_actions_and_dates():
    """The seed's figures told in its text: 5 closed MARAC cases (3 on professional judgement,
    2 high risk), 16 transfers in, 2 persons causing harm aged 17 or under, 988 actions for
    453 cases (87 without, 2.18 a case), 25 of 540 cases without an incident date, 19 of the
    other 515 over 30 working days."""
    report = _demo_report(exact=True)
    assert _rows(_table(report, "referral_basis")) == {
        "Visible high risk": ["489", "2"],
        "Professional judgement": ["35", "3"],
        "Potential escalation": ["0", "0"],
        "Transfer from another MARAC": ["16", "0"],
        "Total": ["540", "5"],
    }
    assert _rows(_table(report, "perpetrators_under_18")) == {"Aged 17 or under": ["2"]}
    assert _rows(_table(report, "cases_with_actions")) == {
        "Cases with actions agreed": ["453", "988", "2.18"],
        "Cases without actions": ["87", "0", "–"],
        "All cases discussed": ["540", "988", "1.83"],
    }
    assert _rows(_table(report, "cases_in_time_figures")) == {
        "With an incident date (in the averages)": ["515", "19"],
        "Without an incident date (left out)": ["25", "0"],
        "All cases discussed": ["540", "19"],
    }


def test_partners_see_those_counts_suppressed_and_no_difference_gives_one_back(small_marac):
    report = _report(exact=False)
    for key in ("referral_basis", "perpetrators_under_18", "cases_with_actions"):
        table = _table(report, key)
        assert_no_back_calculation(table)
    actions = _rows(_table(report, "cases_with_actions"))
    # 2 cases with actions out of 13: "<5", and then the 11 without must be hidden too.
    assert actions["Cases with actions agreed"][0] == "<5"
    assert actions["Cases without actions"][0] == "*"
    assert actions["Cases with actions agreed"][2] == "–"  # a rate of a hidden count
    assert _rows(_table(report, "referral_basis"))["Professional judgement"][0] == "<5"


def test_the_report_gives_the_agencies_attending_each_meeting_as_the_seed_does():
    """The seed: "On average ... 14 out of the 17 core agencies" (its Table 12 gives 336 / 25
    = 13.44) and "the lowest attendance level is 11 agencies ... 25/05/17 and 05/07/17"."""
    for exact in (True, False):  # meetings, not people: the same for partners
        table = _table(_demo_report(exact=exact), "attendance_per_meeting")
        assert table.caption.startswith("Agencies attending each meeting, of the 17 ")
        assert _rows(table) == {
            "Average": ["13.44"],
            "Fewest (25/05/2017, 05/07/2017)": ["11"],
            "Most": ["14"],
        }


def test_the_demo_report_has_the_seeds_non_core_attendance_table():
    for exact in (True, False):  # meetings, not people: the same for partners
        table = _table(_demo_report(exact=exact), "attendance_non_core")
        assert _rows(table) == {
            "PSS Ruby Project": ["5", "0"],
            "Adactus Housing": ["3", "0"],
            "Excel Housing": ["3", "0"],
            "PSS Women's Turnaround": ["1", "0"],
            "Liverpool Women's Hospital": ["0", "23"],
            "Sefton Youth Offending Team": ["0", "11"],
        }


def test_the_longest_and_shortest_waits_are_the_seeds_and_one_case_is_not_shown_to_partners():
    """The seed: the longest wait 46 working days, the shortest 10 (5 cases). The longest is
    one case: partners see neither its count nor its wait."""
    exact = _table(_demo_report(exact=True), "incident_to_marac_extremes")
    assert _rows(exact) == {"Longest": ["46", "1"], "Shortest": ["10", "5"]}
    shown = _table(_demo_report(exact=False), "incident_to_marac_extremes")
    assert _rows(shown) == {"Longest": ["*", "<5"], "Shortest": ["10", "5"]}


def test_the_report_gives_the_seeds_cases_referred_to_the_idva_team_and_assessed():
    """The seed: "497 cases ... were referred to [the IDVA team]"; "the IDVA team had
    completed assessments and safety planning with 20% of cases" (98 of them)."""
    table = _table(_demo_report(exact=True), "idva_referred")
    assert _rows(table) == {"All cases discussed": ["497", "98", "19.7%"]}


def test_core_agencies_have_attendance_rates_and_other_agencies_their_meetings_apart(small_marac):
    """The seed's two attendance tables: core agencies with their rate, and the non-core
    agencies that attend when involved in a case, with the meetings they attended."""
    from marac.imports import import_marac
    from marac.models import CoreAgency
    from sscp.models import Organisation

    result = import_marac(
        "attendance",
        b"meeting_date,agency,status\n2017-04-13,Police,attended\n2017-05-13,Police,apologies\n"
        b"2017-05-13,SWACA,attended\n",
    )
    assert result.ok, result.report()
    before = selectors.report_content(START, END, exact=True)
    assert {t.key for s in before["sections"] for t in s["tables"]} >= {"attendance"}
    assert "attendance_non_core" not in {t.key for s in before["sections"] for t in s["tables"]}
    CoreAgency.objects.create(organisation=Organisation.objects.get(name="Merseyside Police"))
    for exact in (True, False):
        report = selectors.report_content(START, END, exact=exact)
        assert [row[0] for row in _table(report, "attendance").display_rows()] == [
            "Merseyside Police"
        ]
        assert _rows(_table(report, "attendance_non_core")) == {
            "Sefton Women's and Children's Aid": ["1", "0"]
        }
        # Agencies attending each meeting: the core ones only (SWACA's visit is not counted).
        per_meeting = _table(report, "attendance_per_meeting")
        assert per_meeting.caption == "Agencies attending each meeting, of the 1 core agencies"
        assert _rows(per_meeting) == {
            "Average": ["0.50"],
            "Fewest (13/05/2017)": ["0"],
            "Most": ["1"],
        }
