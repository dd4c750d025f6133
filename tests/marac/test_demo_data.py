"""The demo data reproduce the Sefton MARAC Performance Report 2017/18 (seed 000).

The expected numbers below are transcribed from the report, not taken from the generator.
"""

import datetime
import re

import pandas as pd
import pytest

from marac.demo_data import demo_data
from marac.figures import ACTION_COLUMNS, ATTENDANCE_COLUMNS, DISCUSSION_COLUMNS, marac_figures
from sscp.workdays import working_days_between

D = datetime.date
MONTHS = [f"2017-{m:02d}" for m in range(4, 13)] + ["2018-01", "2018-02", "2018-03"]

# Table 6, with the report's agency labels written as the reference data names them.
TABLE_6 = {
    "Merseyside Police": "30 39 27 37 55 39 26 34 23 34 28 53",
    "Sefton Women's and Children's Aid": "4 1 1 -- 5 -- 2 5 3 3 4 4",
    "Aintree University Hospital NHS Foundation Trust": "2 1 1 2 3 2 2 -- -- -- 1 2",
    "Southport and Ormskirk Hospital NHS Trust": "2 -- -- -- 2 -- 1 2 1 1 2 1",
    "Sefton Council IDVA Team": "-- 1 -- 1 1 -- 1 1 2 -- 1 --",
    "Sefton Council Children's Services": "2 -- -- -- -- 1 -- -- -- 1 -- --",
    "Venus Centre": "-- 1 -- 1 -- -- -- 1 -- -- -- --",
    "Wirral MARAC": "-- 1 -- 1 -- -- -- -- -- -- 1 --",
    "Royal Liverpool University Hospital": "-- 1 -- -- -- -- -- -- -- -- -- --",
    "DISC": "-- 1 -- -- -- -- -- -- -- -- -- --",
    "Knowsley MARAC": "-- 1 -- -- -- -- -- -- 1 -- -- --",
    "Catch22": "-- -- 1 -- -- -- -- -- -- -- -- --",
    "Kew GP Surgery": "-- -- 1 -- -- -- -- -- -- -- -- --",
    "Linaker Children's Centre": "-- -- -- 1 -- -- -- -- -- -- -- --",
    "North Wales MARAC": "-- -- -- -- 1 -- -- -- -- -- -- --",
    "Seaforth FC": "-- -- -- -- 1 -- -- -- -- -- -- --",
    "Liverpool MARAC": "-- -- -- -- 1 -- 1 -- 1 -- -- 1",
    "Knowsley IDVA Service": "-- -- -- -- 1 -- -- -- -- -- -- --",
    "PSS Women's Turnaround": "-- -- -- -- 1 -- -- -- -- -- -- --",
    "PSS Ruby Project": "-- -- -- -- -- 1 1 -- -- -- -- --",
    "Rape and Sexual Abuse Support Centre Merseyside": "-- -- -- -- -- 1 -- -- -- -- -- --",
    "West Lancashire MARAC": "-- -- -- -- -- 1 -- -- -- 1 1 --",
    "Liverpool Community Health": "-- -- -- -- -- 1 -- -- -- -- -- --",
    "National Probation Service": "-- -- -- -- -- 1 -- -- -- -- -- --",
    "North West Boroughs Healthcare NHS Foundation Trust": "-- -- -- -- -- -- 1 -- -- -- -- --",
    "Merseyside Community Rehabilitation Company": "-- -- -- -- -- -- -- 1 1 -- -- --",
    "Ambition Sefton": "-- -- -- -- -- -- -- -- 1 -- 1 --",
    "Riverside": "-- -- -- -- -- -- -- -- 1 -- -- --",
    "Cheshire and Wirral Partnership NHS Foundation Trust": "-- -- -- -- -- -- -- -- 1 -- -- --",
    "Oldham MARAC": "-- -- -- -- -- -- -- -- 1 -- -- --",
    "Mersey Care NHS Foundation Trust": "-- -- -- -- -- -- -- -- -- 1 -- 1",
    "One Vision Housing": "-- -- -- -- -- -- -- -- -- -- 1 --",
    "Flintshire MARAC": "-- -- -- -- -- -- -- -- -- -- 1 --",
    "Gloucestershire MARAC": "-- -- -- -- -- -- -- -- -- -- -- 1",
    "Kings Meadow Primary School": "-- -- -- -- -- -- -- -- -- -- -- 1",
}

# The ward table in North / Central / South column order.
WARDS = dict(
    zip(
        [
            "Ainsdale",
            "Birkdale",
            "Cambridge",
            "Dukes",
            "Harington",
            "Kew",
            "Meols",
            "Norwood",
            "Ravenmeols",
            "Blundellsands",
            "Church",
            "Manor",
            "Molyneux",
            "Netherton and Orrell",
            "Park",
            "St Oswald",
            "Sudell",
            "Victoria",
            "Derby",
            "Ford",
            "Linacre",
            "Litherland",
        ],
        [17, 21, 25, 35, 4, 33, 14, 22, 6, 7, 29, 14, 19, 27, 3, 35, 3, 17, 25, 40, 91, 44],
        strict=True,
    )
)

# Working days per month: incident -> referral, referral -> MARAC, incident -> MARAC.
TIMELINESS = """
4.41 15.33 19.74 | 5.37 14.24 19.61 | 4.33 19.50 23.83 | 4.5 15.47 19.97 | 4.38 15.6 19.98 |
3.43 14.89 18.32 | 3.5 15.02 18.52 | 3.74 14.40 18.14 | 6 11.37 17.37 | 4.09 16.24 20.33 |
3.75 14.61 18.36 | 3.66 15.12 18.79
"""

IDVA_TABLE = """
8 5 6 0 1 5 7 5 | 8 3 7 2 0 8 11 4 | 11 2 1 0 1 5 6 5 | 15 2 6 0 2 4 5 3 | 12 6 7 1 1 12 22 4 |
3 6 5 2 2 7 20 1 | 5 3 4 2 0 5 9 5 | 7 4 5 2 1 6 11 3 | 4 8 2 1 0 12 3 1 | 7 4 2 5 1 12 3 3 |
9 8 1 0 2 6 4 9 | 12 3 6 5 0 16 15 2
"""

ATTENDANCE = {
    "Sefton Council Children's Services": 25,
    "Sefton Women's and Children's Aid": 25,
    "Merseyside Police": 24,
    "Sefton Council IDVA Team": 24,
    "Southport and Ormskirk Hospital NHS Trust": 24,
    "One Vision Housing": 24,
    "Venus Centre": 21,
    "Merseyside Community Rehabilitation Company": 20,
    "Ambition Sefton": 19,
    "Sefton Council Adult Social Care": 19,
    "North West Boroughs Healthcare NHS Foundation Trust": 18,
    "National Probation Service": 17,
    "Mersey Care NHS Foundation Trust": 17,
    "Sefton Attendance and Welfare Service": 16,
    "Sefton Children's Centres": 16,
    "Rape and Sexual Abuse Support Centre Merseyside": 15,
    "Aintree University Hospital NHS Foundation Trust": 12,
}

ACTION_OWNERS = {
    "Merseyside Police": 241,
    "Sefton Council IDVA Team": 177,
    "One Vision Housing": 80,
    "Sefton Council Children's Services": 77,
    "Sefton Attendance and Welfare Service": 73,
    "Sefton Women's and Children's Aid": 59,
    "Mersey Care NHS Foundation Trust": 53,
    "MARAC Coordinator": 45,
    "Merseyside Community Rehabilitation Company": 31,
    "Venus Centre": 27,
    "Ambition Sefton": 25,
    "Sefton Council Adult Social Care": 22,
    "North West Boroughs Healthcare NHS Foundation Trust": 17,
    "Southport and Ormskirk Hospital NHS Trust": 13,
    "National Probation Service": 11,
    "Sefton Children's Centres": 11,
    "PSS Ruby Project": 8,
    "Aintree University Hospital NHS Foundation Trust": 5,
    "Rape and Sexual Abuse Support Centre Merseyside": 3,
    "PSS Women's Turnaround": 3,
    "Sefton Council Housing Options Team": 3,
    "Excel Housing": 2,
    "Adactus Housing": 1,
    "Riverside": 1,
}


def _counts(row: str) -> list[int]:
    return [0 if cell == "--" else int(cell) for cell in row.split()]


def _table(text: str, kind=float) -> list[list]:
    return [[kind(cell) for cell in row.split()] for row in text.split("|")]


@pytest.fixture(scope="module")
def data():
    return demo_data()


@pytest.fixture(scope="module")
def year(data):
    return marac_figures(
        *data, start=D(2017, 4, 1), end=D(2018, 3, 31), adult_female_population=120_000
    )


@pytest.fixture(scope="module")
def previous_year(data):
    return marac_figures(*data, start=D(2016, 4, 1), end=D(2017, 3, 31))


def test_it_is_the_same_every_time(data):
    again = demo_data()
    for mine, theirs in zip(data, again, strict=True):
        pd.testing.assert_frame_equal(mine, theirs)


def test_it_uses_the_import_columns_and_pseudonymous_references(data):
    discussions, actions, attendance = data
    assert list(discussions.columns) == list(DISCUSSION_COLUMNS)
    assert list(actions.columns) == list(ACTION_COLUMNS)
    assert list(attendance.columns) == list(ATTENDANCE_COLUMNS)
    assert discussions["victim_ref"].str.fullmatch(r"V-\d{6}").all()
    perpetrators = discussions["perpetrator_ref"].dropna()
    assert perpetrators.map(lambda ref: bool(re.fullmatch(r"P-\d{6}", ref))).all()
    assert not discussions.duplicated(["meeting_date", "victim_ref"]).any()
    assert set(actions[["meeting_date", "victim_ref"]].itertuples(index=False)) <= set(
        discussions[["meeting_date", "victim_ref"]].itertuples(index=False)
    )
    assert discussions["meeting_date"].min() >= D(2016, 4, 1)
    assert discussions["meeting_date"].max() <= D(2018, 3, 31)


def test_meetings_are_the_reports_25_with_its_named_dates(data, year):
    meetings = set(data.discussions["meeting_date"])
    assert year["meetings"] == 25
    assert {D(2017, 5, 25), D(2017, 7, 5), D(2017, 8, 31), D(2018, 2, 1)} <= meetings
    assert D(2017, 7, 6) not in meetings
    per_month = pd.Series(
        [d.strftime("%Y-%m") for d in meetings if d >= D(2017, 4, 1)]
    ).value_counts()
    assert per_month["2017-08"] == per_month["2018-03"] == 3


def test_cases_and_referrals_per_agency_per_month_are_table_6(year):
    assert year["cases_discussed"] == 540
    for agency, row in TABLE_6.items():
        got = [year["by_month"][month]["referrals"].get(agency, 0) for month in MONTHS]
        assert got == _counts(row), agency
    for month in MONTHS:
        assert set(year["by_month"][month]["referrals"]) <= set(TABLE_6)
    assert year["police_referrals"] == 425
    assert round(year["police_share"] * 100) == 79  # the report says "78%" (78.7%)


def test_volume_and_repeats_are_as_reported(year):
    assert year["expected_cases"] == 480.0  # "a recommendation of 480 cases"
    assert year["cases_discussed"] - year["expected_cases"] == 60  # "over ... by 60 cases"
    assert round(year["repeat_rate"] * 100) == 24
    categories = [
        "new",
        "repeat",
        "new_perpetrator",
        "returning_same_perpetrator",
        "returning_new_perpetrator",
    ]
    assert sum(year[c] for c in categories) == 540
    # "If these [returning cases] were included ... probably well within" 28-40%.
    with_returning = (
        year["repeat"] + year["returning_same_perpetrator"] + year["returning_new_perpetrator"]
    )
    assert 0.28 <= with_returning / 540 <= 0.40


def test_referral_basis_and_closed_marac_are_as_reported(data, year):
    current = data.discussions[data.discussions["meeting_date"] >= D(2017, 4, 1)]
    assert year["professional_judgement"] == 35
    assert (current["referral_basis"] == "transfer_in").sum() == 16
    closed = current[current["closed_marac"]]
    assert len(closed) == year["closed_marac"] == 5
    assert (closed["referral_basis"] == "professional_judgement").sum() == 3


def test_children_and_pregnancies_are_as_reported(year, previous_year):
    assert (year["children"], year["pregnancies"]) == (819, 19)
    assert (previous_year["children"], previous_year["pregnancies"]) == (591, 15)


def test_diversity_is_as_reported(data, year):
    assert round(year["male_share"] * 540) == 25
    assert round(year["disability_share"] * 540) == 1
    assert round(year["bame_share"] * 100, 1) == 5.2
    assert round(year["lgbt_share"] * 100) == 1
    assert year["perpetrators_under_18"] == 2
    current = data.discussions[data.discussions["meeting_date"] >= D(2017, 4, 1)]
    assert (pd.to_numeric(current["perpetrator_age"]) < 16).sum() == 0
    assert 0 < year["victims_16_17"] < 20


def test_actions_are_as_reported(year):
    assert year["actions_total"] == 988
    assert year["cases_with_actions"] == 453
    assert round(988 / 453, 2) == 2.18
    assert year["actions_by_bucket"] == {
        "within_timescale": 576,
        "within_1_month": 144,
        "within_2_months": 148,
        "within_3_months": 65,
        "within_4_months": 18,
        "over_4_months": 0,
        "outstanding": 37,
    }
    assert year["actions_by_agency"] == ACTION_OWNERS


def test_outstanding_actions_were_all_agreed_in_2018(data):
    actions = data.actions
    current = actions[actions["meeting_date"] >= D(2017, 4, 1)]
    still_open = current[
        current["completed_date"].isna() | (current["completed_date"] > D(2018, 3, 31))
    ]
    assert len(still_open) == 37
    assert (still_open["meeting_date"] >= D(2018, 1, 1)).all()


def test_time_from_incident_to_marac_is_as_reported(data, year):
    assert year["cases_with_incident_date"] == 515  # 25 without dates
    assert year["over_30_working_days"] == 19
    current = data.discussions[data.discussions["meeting_date"] >= D(2017, 4, 1)]
    days = working_days_between(current["incident_date"], current["meeting_date"]).dropna()
    assert days.max() == 46
    assert days.min() == 10
    assert (days == 10).sum() == 5


def test_monthly_averages_are_the_reports_to_within_a_hundredth(year):
    exact = 0
    for month, reported in zip(MONTHS, _table(TIMELINESS), strict=True):
        row = year["by_month"][month]
        got = [
            row["avg_wd_incident_to_referral"],
            row["avg_wd_referral_to_marac"],
            row["avg_wd_incident_to_marac"],
        ]
        for value, want in zip(got, reported, strict=True):
            assert abs(value - want) <= 0.0101, (month, got, reported)
            exact += value == want
    assert exact >= 24
    # The report's year figures are the plain mean of its monthly ones.
    means = [sum(row[i] for row in _table(TIMELINESS)) / 12 for i in range(3)]
    assert [round(m, 2) for m in means[:2]] == [4.26, 15.15]
    for key, reported in zip(
        ["avg_wd_incident_to_referral", "avg_wd_referral_to_marac", "avg_wd_incident_to_marac"],
        [4.26, 15.15, 19.41],
        strict=True,
    ):
        assert abs(year[key] - reported) < 0.05


def test_wards_and_localities_are_as_reported(year):
    assert year["by_ward"] == WARDS
    assert year["by_locality"] == {"North": 177, "Central": 154, "South": 200}
    assert 540 - sum(WARDS.values()) == 9  # no fixed abode 5, refuge 2, out of area 2


def test_idva_engagement_is_as_reported(data, year):
    table = _table(IDVA_TABLE, int)
    assert [sum(column) for column in zip(*table, strict=True)] == [
        101,
        54,
        52,
        20,
        11,
        98,
        116,
        45,
    ]
    statuses = [
        "open_to_idva",
        "engaged_not_assessed",
        "declined",
        "no_safe_contact",
        "moved_away",
        "assessed",
        "attempting_contact",
        "unable_to_contact",
    ]
    for month, counts in zip(MONTHS, table, strict=True):
        got = [year["by_month"][month]["idva"].get(status, 0) for status in statuses]
        assert got == counts, month
    assert sum(year["idva"][s] for s in statuses) == 497
    assert year["idva"]["not_referred"] == 43
    assert round(year["idva"]["assessed"] / 497 * 100) == 20
    current = data.discussions[data.discussions["meeting_date"] >= D(2017, 4, 1)]
    # Only female victims of family violence are not referred to the IDVA team.
    assert (current.loc[current["idva_status"] == "not_referred", "victim_sex"] == "F").all()


def test_swaca_engagement_is_as_reported(data, year):
    # "505 cases were eligible for support from SWACA ... 117 cases were open to SWACA which
    # equates to 23% of cases."
    assert (year["swaca_eligible"], year["swaca_open"]) == (505, 117)
    assert round(year["swaca_share"] * 100) == 23
    assert sum(row["swaca_open"] for row in year["by_month"].values()) == 117
    current = data.discussions[data.discussions["meeting_date"] >= D(2017, 4, 1)]
    engagement = current["swaca_engagement"]
    # SWACA is a women's and children's service: no man is open to it unless SWACA referred.
    men = current[(current["victim_sex"] == "M") & (engagement != "not_eligible")]
    assert (men["referring_agency"] == "Sefton Women's and Children's Aid").all()
    swaca_referred = current["referring_agency"] == "Sefton Women's and Children's Aid"
    assert (engagement[swaca_referred] == "open").all()
    # Female victims of family violence (not referred to the IDVA team) are SWACA's remit.
    assert (engagement[current["idva_status"] == "not_referred"] == "open").all()


def test_attendance_is_table_12(data, year):
    core = {a: row["attended"] for a, row in year["attendance"].items() if a in ATTENDANCE}
    assert core == ATTENDANCE
    assert all(row["held"] == 25 for row in year["attendance"].values())
    assert year["attendance"]["Venus Centre"]["rate"] == 0.84
    attendance = data.attendance
    current = attendance[
        (attendance["meeting_date"] >= D(2017, 4, 1))
        & (attendance["status"] == "attended")
        & attendance["agency"].isin(list(ATTENDANCE))
    ]
    present = current.groupby("meeting_date").size()
    assert present.min() == 11
    assert sorted(present[present == 11].index) == [D(2017, 5, 25), D(2017, 7, 5)]
    police = attendance[
        (attendance["agency"] == "Merseyside Police")
        & (attendance["meeting_date"] == D(2017, 8, 31))
    ]
    assert police["status"].tolist() == ["written_feedback"]


def test_non_core_attendance_is_the_seeds_non_core_table(data, year, previous_year):
    """The seed's non-core table: meetings attended (and, in its notes, the written feedback
    of those who send it instead); Ruby Project and Women's Turnaround from September 2017."""
    non_core = {
        agency: (row["attended"], row["written_feedback"])
        for agency, row in year["attendance"].items()
        if agency not in ATTENDANCE
    }
    assert non_core == {
        "PSS Ruby Project": (5, 0),
        "Adactus Housing": (3, 0),
        "Excel Housing": (3, 0),
        "PSS Women's Turnaround": (1, 0),
        "Liverpool Women's Hospital": (0, 23),
        "Sefton Youth Offending Team": (0, 11),
    }
    attendance = data.attendance
    signed_up_late = attendance["agency"].isin(["PSS Ruby Project", "PSS Women's Turnaround"])
    assert (attendance.loc[signed_up_late, "meeting_date"] >= D(2017, 9, 1)).all()
    assert set(previous_year["attendance"]) == set(ATTENDANCE)


def test_the_previous_year_is_as_the_report_describes_it(previous_year):
    assert previous_year["cases_discussed"] == 491
    assert round(540 / previous_year["cases_discussed"] - 1, 2) == 0.10  # "an increase of 10%"
    assert round(previous_year["repeat_rate"] * 100) == 19
    assert round(previous_year["male_share"] * previous_year["cases_discussed"]) == 33
