import datetime
import json
import random
import subprocess
import sys

import pandas as pd
import pytest

from marac.figures import (
    ACTION_COLUMNS,
    ATTENDANCE_COLUMNS,
    BUCKETS,
    PER_MEETING_COUNTS,
    action_bucket,
    action_buckets,
    categorise,
    figures_per_meeting,
    marac_figures,
)

D = datetime.date
YEAR = {"start": D(2017, 4, 1), "end": D(2018, 3, 31)}


def discussion(meeting_date, victim_ref="V-1", **fields):
    row = {
        "meeting_date": meeting_date,
        "victim_ref": victim_ref,
        "perpetrator_ref": "P-1",
        "incident_date": None,
        "referral_date": None,
        "referring_agency": "Merseyside Police",
        "referring_agency_group": "police",
        "referral_basis": "visible_high_risk",
        "victim_sex": "F",
        "victim_age": 30,
        "victim_ethnicity": "White British",
        "victim_lgbt": False,
        "victim_disability": False,
        "perpetrator_age": 32,
        "children": 0,
        "pregnant": False,
        "ward": "Linacre",
        "locality": "South",
        "idva_status": "assessed",
        "closed_marac": False,
    }
    row.update(fields)
    return row


def discussions(*rows):
    return pd.DataFrame(list(rows))


def no_actions():
    return pd.DataFrame(columns=list(ACTION_COLUMNS))


def no_attendance():
    return pd.DataFrame(columns=list(ATTENDANCE_COLUMNS))


def figures_of(*rows, actions=None, attendance=None, **period):
    period = period or YEAR
    return marac_figures(
        discussions(*rows),
        no_actions() if actions is None else actions,
        no_attendance() if attendance is None else attendance,
        **period,
    )


def categories(*rows):
    return categorise(discussions(*rows)).tolist()


# -- case categories -------------------------------------------------------------------------


def test_it_calls_a_victims_first_discussion_new():
    assert categories(discussion(D(2017, 5, 4))) == ["new"]


def test_it_calls_a_discussion_inside_the_monitoring_period_a_repeat():
    assert categories(
        discussion(D(2017, 1, 12)),
        discussion(D(2017, 6, 15), referral_date=D(2017, 6, 1)),
    ) == ["new", "repeat"]


def test_each_discussion_restarts_the_monitoring_period():
    # The third is more than 12 months after the first but within 12 of the second.
    assert categories(
        discussion(D(2016, 1, 14)),
        discussion(D(2016, 12, 15)),
        discussion(D(2017, 11, 30)),
    ) == ["new", "repeat", "repeat"]


def test_a_different_perpetrator_while_open_is_a_new_perpetrator_case():
    assert categories(
        discussion(D(2017, 1, 12), perpetrator_ref="P-1"),
        discussion(D(2017, 3, 9), perpetrator_ref="P-2"),
    ) == ["new", "new_perpetrator"]


def test_a_return_after_the_period_has_ended_is_not_a_repeat():
    assert categories(
        discussion(D(2015, 1, 15), perpetrator_ref="P-1"),
        discussion(D(2016, 3, 10), perpetrator_ref="P-1"),
        discussion(D(2017, 6, 15), perpetrator_ref="P-2"),
    ) == ["new", "returning_same_perpetrator", "returning_new_perpetrator"]


def test_a_blank_perpetrator_is_the_previous_discussions_perpetrator():
    assert categories(
        discussion(D(2017, 1, 12), perpetrator_ref="P-1"),
        discussion(D(2017, 3, 9), perpetrator_ref=None),
        # Compared with P-1 carried through the blank, P-2 is a change.
        discussion(D(2017, 5, 4), perpetrator_ref="P-2"),
        discussion(D(2017, 7, 13), perpetrator_ref="  "),
        discussion(D(2018, 9, 13), perpetrator_ref=""),
    ) == ["new", "repeat", "new_perpetrator", "repeat", "returning_same_perpetrator"]


def test_a_perpetrator_named_after_discussions_without_one_counts_as_the_same():
    assert categories(
        discussion(D(2017, 1, 12), perpetrator_ref=None),
        discussion(D(2017, 3, 9), perpetrator_ref="P-7"),
    ) == ["new", "repeat"]


def test_the_referral_date_triggers_when_present_and_the_meeting_date_otherwise():
    first = discussion(D(2017, 1, 12))
    referred_in_time = discussion(D(2018, 1, 25), referral_date=D(2018, 1, 10))
    unknown_referral = discussion(D(2018, 1, 25), referral_date=None)
    assert categories(first, referred_in_time) == ["new", "repeat"]
    assert categories(first, unknown_referral) == ["new", "returning_same_perpetrator"]


@pytest.mark.parametrize(
    ("previous", "trigger", "category"),
    [
        (D(2017, 1, 12), D(2018, 1, 12), "repeat"),
        (D(2017, 1, 12), D(2018, 1, 13), "returning_same_perpetrator"),
        # 29 February + 12 months is 28 February.
        (D(2016, 2, 29), D(2017, 2, 28), "repeat"),
        (D(2016, 2, 29), D(2017, 3, 1), "returning_same_perpetrator"),
    ],
)
def test_the_last_day_of_the_monitoring_period_is_inside_it(previous, trigger, category):
    later = discussion(trigger + datetime.timedelta(days=14), referral_date=trigger)
    assert categories(discussion(previous), later) == ["new", category]


def test_it_keeps_each_victims_history_apart_and_ignores_row_order():
    rows = [
        discussion(D(2017, 6, 15), "V-2", perpetrator_ref="P-9"),
        discussion(D(2017, 1, 12), "V-1"),
        discussion(D(2017, 3, 9), "V-2", perpetrator_ref="P-8"),
        discussion(D(2017, 2, 9), "V-1"),
        discussion(D(2018, 6, 14), "V-1", perpetrator_ref="P-3"),
    ]
    frame = discussions(*rows).set_axis([10, 20, 30, 40, 50])
    assert categorise(frame).to_dict() == {
        10: "new_perpetrator",
        20: "new",
        30: "new",
        40: "repeat",
        50: "returning_new_perpetrator",
    }


def test_history_before_the_period_decides_categories_inside_it():
    figures = figures_of(
        discussion(D(2016, 9, 15), "V-1"),
        discussion(D(2017, 5, 4), "V-1"),
        discussion(D(2015, 6, 11), "V-2"),
        discussion(D(2017, 5, 4), "V-2"),
        discussion(D(2017, 5, 4), "V-3"),
        # After the period: must not change anything inside it.
        discussion(D(2018, 4, 12), "V-3", perpetrator_ref="P-5"),
    )
    assert figures["cases_discussed"] == 3
    assert (figures["new"], figures["repeat"], figures["returning_same_perpetrator"]) == (1, 1, 1)
    assert figures["repeat_rate"] == pytest.approx(1 / 3)


# -- action timeliness -----------------------------------------------------------------------

MEETING = D(2017, 6, 15)  # a Thursday
REPORT_END = D(2018, 3, 31)


@pytest.mark.parametrize(
    ("completed", "bucket"),
    [
        (D(2017, 6, 15), "within_timescale"),
        (D(2017, 6, 29), "within_timescale"),  # the 10th working day
        (D(2017, 6, 30), "within_1_month"),
        (D(2017, 7, 15), "within_1_month"),
        (D(2017, 7, 16), "within_2_months"),
        (D(2017, 8, 15), "within_2_months"),
        (D(2017, 8, 16), "within_3_months"),
        (D(2017, 9, 15), "within_3_months"),
        (D(2017, 9, 16), "within_4_months"),
        (D(2017, 10, 15), "within_4_months"),
        (D(2017, 10, 16), "over_4_months"),
        (None, "outstanding"),
        (D(2018, 3, 31), "over_4_months"),
        (D(2018, 4, 1), "outstanding"),
    ],
)
def test_each_action_bucket_starts_and_ends_where_the_spec_says(completed, bucket):
    assert action_bucket(MEETING, completed, REPORT_END) == bucket


def test_bank_holidays_give_actions_more_calendar_days():
    meeting = D(2018, 3, 22)  # Easter 2018 falls inside the 10 working days
    assert action_bucket(meeting, D(2018, 4, 9), D(2018, 12, 31)) == "within_timescale"
    assert action_bucket(meeting, D(2018, 4, 10), D(2018, 12, 31)) == "within_1_month"


def test_an_action_completed_after_the_report_end_is_outstanding_at_that_date():
    assert action_bucket(MEETING, D(2017, 6, 20), D(2017, 6, 19)) == "outstanding"
    assert action_bucket(MEETING, D(2017, 6, 20), D(2017, 6, 20)) == "within_timescale"


def test_month_ends_clip_like_the_calendar():
    meeting = D(2018, 1, 31)
    assert action_bucket(meeting, D(2018, 2, 28), REPORT_END) == "within_1_month"
    assert action_bucket(meeting, D(2018, 3, 1), REPORT_END) == "within_2_months"


def test_the_vectorised_buckets_match_the_scalar_rule():
    meetings, completed = [], []
    for meeting in (D(2017, 6, 15), D(2018, 1, 31), D(2017, 12, 21), D(2018, 3, 29)):
        for days in range(0, 140):
            meetings.append(meeting)
            completed.append(meeting + datetime.timedelta(days=days))
        meetings.append(meeting)
        completed.append(None)
    buckets = action_buckets(pd.Series(meetings), pd.Series(completed), REPORT_END)
    expected = [action_bucket(m, c, REPORT_END) for m, c in zip(meetings, completed, strict=True)]
    assert buckets.tolist() == expected


def test_actions_are_counted_for_meetings_in_the_period_relative_to_its_end():
    actions = pd.DataFrame(
        [
            {
                "meeting_date": D(2017, 3, 30),
                "victim_ref": "V-1",
                "agency": "A",
                "completed_date": None,
            },
            {
                "meeting_date": D(2017, 6, 15),
                "victim_ref": "V-2",
                "agency": "A",
                "completed_date": D(2017, 6, 16),
            },
            {
                "meeting_date": D(2017, 6, 15),
                "victim_ref": "V-2",
                "agency": "B",
                "completed_date": D(2017, 7, 3),
            },
            {
                "meeting_date": D(2018, 3, 29),
                "victim_ref": "V-3",
                "agency": "B",
                "completed_date": D(2018, 4, 4),
            },
        ]
    )
    figures = figures_of(discussion(D(2017, 6, 15), "V-2"), actions=actions)
    assert figures["actions_total"] == 3
    assert list(figures["actions_by_bucket"]) == list(BUCKETS)
    assert figures["actions_by_bucket"]["within_timescale"] == 1
    assert figures["actions_by_bucket"]["within_1_month"] == 1
    assert figures["actions_by_bucket"]["outstanding"] == 1
    assert figures["actions_by_agency"] == {"B": 2, "A": 1}
    assert figures["cases_with_actions"] == 2


# -- the figures of a period -----------------------------------------------------------------

SPEC_KEYS = [
    "meetings",
    "cases_discussed",
    "expected_cases",
    "new",
    "repeat",
    "new_perpetrator",
    "returning_same_perpetrator",
    "returning_new_perpetrator",
    "repeat_rate",
    "police_referrals",
    "police_share",
    "professional_judgement",
    "bame_share",
    "lgbt_share",
    "disability_share",
    "male_share",
    "victims_16_17",
    "perpetrators_under_18",
    "children",
    "pregnancies",
    "actions_total",
    "actions_by_bucket",
    "avg_wd_incident_to_referral",
    "avg_wd_referral_to_marac",
    "avg_wd_incident_to_marac",
    "over_30_working_days",
    "by_month",
    "by_ward",
    "by_locality",
    "attendance",
    "idva",
]


def test_it_returns_every_figure_of_the_spec():
    figures = figures_of(discussion(D(2017, 5, 4)))
    assert set(SPEC_KEYS) <= set(figures)


def test_counts_and_shares_follow_the_recorded_answers():
    figures = figures_of(
        discussion(
            D(2017, 5, 4), "V-1", victim_sex="M", victim_age=17, victim_lgbt=True, children=3
        ),
        discussion(
            D(2017, 5, 4), "V-2", victim_ethnicity="White Irish", victim_age=16, pregnant=True
        ),
        discussion(
            D(2017, 5, 4),
            "V-3",
            victim_ethnicity=" white british ",
            victim_lgbt=None,
            children=None,
        ),
        discussion(
            D(2017, 5, 18),
            "V-4",
            victim_ethnicity=None,
            victim_disability=True,
            victim_age=18,
            referring_agency="Venus Centre",
            referring_agency_group="voluntary",
            referral_basis="professional_judgement",
            perpetrator_age=17,
            closed_marac=True,
        ),
        discussion(
            D(2017, 5, 18),
            "V-5",
            victim_sex=None,
            victim_age=None,
            perpetrator_age=None,
            pregnant=None,
            children=2,
        ),
    )
    assert figures["meetings"] == 2
    assert figures["cases_discussed"] == 5
    assert figures["police_referrals"] == 4
    assert figures["police_share"] == 0.8
    assert figures["professional_judgement"] == 1
    assert figures["bame_share"] == 0.2  # blank ethnicity is unknown, not BAME
    assert figures["lgbt_share"] == 0.2
    assert figures["disability_share"] == 0.2
    assert figures["male_share"] == 0.2
    assert figures["victims_16_17"] == 2
    assert figures["perpetrators_under_18"] == 1
    assert figures["children"] == 5
    assert figures["pregnancies"] == 1
    assert figures["closed_marac"] == 1


def test_shares_are_none_without_cases_and_averages_none_without_dates():
    figures = figures_of(discussion(D(2016, 5, 5)))
    assert figures["cases_discussed"] == 0
    assert figures["meetings"] == 0
    for key in (
        "repeat_rate",
        "police_share",
        "bame_share",
        "lgbt_share",
        "disability_share",
        "male_share",
    ):
        assert figures[key] is None
    assert figures["avg_wd_incident_to_marac"] is None
    assert figures["by_ward"] == {}


def test_averages_use_discussions_with_both_dates_and_round_to_2_decimals():
    meeting = D(2017, 6, 15)  # Thursday
    figures = figures_of(
        # incident Mon 12th, referral Tue 13th: 1 + 2 working days
        discussion(meeting, "V-1", incident_date=D(2017, 6, 12), referral_date=D(2017, 6, 13)),
        # incident Fri 9th, referral Mon 12th: 1 + 3
        discussion(meeting, "V-2", incident_date=D(2017, 6, 9), referral_date=D(2017, 6, 12)),
        # same day: 0 + 3
        discussion(meeting, "V-3", incident_date=D(2017, 6, 12), referral_date=D(2017, 6, 12)),
        # no incident date: only referral -> MARAC (8 working days)
        discussion(meeting, "V-4", referral_date=D(2017, 6, 5)),
        # no dates at all
        discussion(meeting, "V-5"),
    )
    assert figures["avg_wd_incident_to_referral"] == 0.67  # (1 + 1 + 0) / 3
    assert figures["avg_wd_referral_to_marac"] == 4.0  # (2 + 3 + 3 + 8) / 4
    assert figures["avg_wd_incident_to_marac"] == 3.33  # (3 + 4 + 3) / 3
    assert figures["cases_with_incident_date"] == 3
    assert figures["by_month"]["2017-06"]["avg_wd_incident_to_referral"] == 0.67


def test_it_counts_cases_over_30_working_days_from_incident_to_meeting():
    meeting = D(2017, 6, 15)
    figures = figures_of(
        discussion(
            meeting, "V-1", incident_date=D(2017, 5, 3)
        ),  # 30 working days (bank holiday 29 May)
        discussion(meeting, "V-2", incident_date=D(2017, 5, 2)),  # 31
    )
    assert figures["over_30_working_days"] == 1


def test_expected_cases_are_pro_rata_to_the_period():
    row = discussion(D(2017, 5, 4))
    assert figures_of(row, adult_female_population=120_000, **YEAR)["expected_cases"] == 480.0
    half = {"start": D(2017, 4, 1), "end": D(2017, 9, 30), "adult_female_population": 120_000}
    assert figures_of(row, **half)["expected_cases"] == round(480 * 183 / 365, 2)
    assert figures_of(row)["expected_cases"] is None


def test_by_month_has_every_month_of_the_period_keyed_year_month():
    figures = figures_of(
        discussion(D(2017, 5, 4), "V-1", children=2, referral_basis="professional_judgement"),
        discussion(
            D(2017, 5, 18),
            "V-2",
            referring_agency="Venus Centre",
            referring_agency_group="voluntary",
        ),
        discussion(D(2017, 9, 7), "V-1", pregnant=True),
    )
    months = figures["by_month"]
    assert list(months) == [f"2017-{m:02d}" for m in range(4, 13)] + [
        "2018-01",
        "2018-02",
        "2018-03",
    ]
    may = months["2017-05"]
    assert (may["cases"], may["professional_judgement"], may["children"]) == (2, 1, 2)
    assert may["referrals"] == {"Merseyside Police": 1, "Venus Centre": 1}
    assert (months["2017-09"]["repeat"], months["2017-09"]["pregnancies"]) == (1, 1)
    assert months["2017-04"]["cases"] == 0 and months["2017-04"]["referrals"] == {}


def test_wards_localities_and_idva_statuses_are_counted_by_name():
    figures = figures_of(
        discussion(D(2017, 5, 4), "V-1", ward="Linacre", locality="South", idva_status="assessed"),
        discussion(D(2017, 5, 4), "V-2", ward="Linacre", locality="South", idva_status="declined"),
        discussion(D(2017, 5, 4), "V-3", ward="Dukes", locality="North", idva_status="assessed"),
        discussion(D(2017, 5, 4), "V-4", ward=None, locality=None, idva_status=None),
    )
    assert figures["by_ward"] == {"Linacre": 2, "Dukes": 1}
    assert figures["by_locality"] == {"South": 2, "North": 1}
    assert figures["idva"] == {"assessed": 2, "declined": 1}
    assert figures["ward_localities"] == {"Dukes": "North", "Linacre": "South"}


def test_attendance_counts_attended_meetings_and_reports_written_feedback_beside_them():
    attendance = pd.DataFrame(
        [
            {"meeting_date": D(2017, 5, 4), "agency": "Police", "status": "attended"},
            {"meeting_date": D(2017, 5, 18), "agency": "Police", "status": "written_feedback"},
            {"meeting_date": D(2017, 6, 1), "agency": "Police", "status": "attended"},
            {"meeting_date": D(2017, 5, 4), "agency": "RASA", "status": "apologies"},
            {"meeting_date": D(2017, 5, 18), "agency": "RASA", "status": "absent"},
            {"meeting_date": D(2017, 3, 30), "agency": "RASA", "status": "attended"},
        ]
    )
    figures = figures_of(
        discussion(D(2017, 5, 4), "V-1"),
        discussion(D(2017, 5, 18), "V-2"),
        discussion(D(2017, 5, 18), "V-3"),
        attendance=attendance,
    )
    # Held: 4 and 18 May from the discussions, 1 June from the attendance register.
    assert figures["attendance"] == {
        "Police": {"attended": 2, "written_feedback": 1, "held": 3, "rate": 2 / 3},
        "RASA": {"attended": 0, "written_feedback": 0, "held": 3, "rate": 0.0},
    }


def test_dates_may_be_timestamps_or_dates():
    as_dates = figures_of(
        discussion(D(2017, 5, 4), incident_date=D(2017, 4, 20), referral_date=D(2017, 4, 24))
    )
    as_timestamps = figures_of(
        discussion(
            pd.Timestamp("2017-05-04"),
            incident_date=pd.Timestamp("2017-04-20"),
            referral_date=pd.Timestamp("2017-04-24"),
        ),
        start=pd.Timestamp("2017-04-01"),
        end=pd.Timestamp("2018-03-31"),
    )
    assert as_dates == as_timestamps


def test_missing_columns_are_an_error():
    frame = discussions(discussion(D(2017, 5, 4))).drop(columns=["ward"])
    with pytest.raises(ValueError, match="ward"):
        marac_figures(frame, no_actions(), no_attendance(), **YEAR)


def _plain(value):
    """True when the value is built only of JSON's own Python types."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or type(value) in (int, float, str, bool)


def test_the_figures_are_plain_json():
    actions = pd.DataFrame(
        [
            {
                "meeting_date": D(2017, 5, 4),
                "victim_ref": "V-1",
                "agency": "A",
                "completed_date": D(2017, 5, 5),
            }
        ]
    )
    attendance = pd.DataFrame(
        [{"meeting_date": D(2017, 5, 4), "agency": "A", "status": "attended"}]
    )
    figures = figures_of(
        discussion(D(2017, 5, 4), incident_date=D(2017, 4, 20), referral_date=D(2017, 4, 24)),
        actions=actions,
        attendance=attendance,
    )
    assert _plain(figures)
    assert json.loads(json.dumps(figures)) == figures


def test_the_figures_module_does_not_need_django():
    code = (
        "import sys, marac.figures, marac.suppression, sscp.workdays, marac.demo_data;"
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_it_counts_repeat_and_professional_judgement_referrals_per_agency():
    figures = figures_of(
        discussion(D(2017, 5, 4), "V-1"),
        discussion(D(2017, 6, 1), "V-1"),  # repeat, referred by the police
        discussion(D(2017, 5, 4), "V-2", referring_agency="Venus Centre"),
        discussion(  # repeat, referred by Venus on professional judgement
            D(2017, 7, 6),
            "V-2",
            referring_agency="Venus Centre",
            referring_agency_group="voluntary",
            referral_basis="professional_judgement",
        ),
        discussion(
            D(2017, 7, 6),
            "V-3",
            referring_agency="Venus Centre",
            referring_agency_group="voluntary",
            referral_basis="professional_judgement",
        ),
    )
    assert figures["repeat"] == 2
    assert figures["repeat_by_agency"] == {"Merseyside Police": 1, "Venus Centre": 1}
    assert figures["professional_judgement_by_agency"] == {"Venus Centre": 2}


# -- SWACA engagement (an extension to the spec's columns) -----------------------------------


def test_swaca_counts_eligible_and_open_cases_and_the_share_of_eligible_cases_open():
    figures = figures_of(
        discussion(D(2017, 4, 6), "V-1", swaca_status="open_a", swaca_engagement="open"),
        discussion(D(2017, 4, 6), "V-2", swaca_status="open_b", swaca_engagement="open"),
        discussion(D(2017, 4, 6), "V-3", swaca_status="not_open", swaca_engagement="not_open"),
        discussion(D(2017, 5, 4), "V-4", swaca_status="not_open", swaca_engagement="not_open"),
        discussion(D(2017, 5, 4), "V-5", swaca_status="male", swaca_engagement="not_eligible"),
        discussion(D(2017, 5, 4), "V-6", swaca_status=None, swaca_engagement=None),
    )
    # Eligible: open or not open; a case not eligible or with no status is neither.
    assert (figures["swaca_eligible"], figures["swaca_open"]) == (4, 2)
    assert figures["swaca_share"] == 0.5  # over eligible cases, as the seed's 117 / 505
    assert figures["swaca"] == {"not_open": 2, "male": 1, "open_a": 1, "open_b": 1}
    assert figures["swaca_engagement"]["male"] == "not_eligible"
    april, may = figures["by_month"]["2017-04"], figures["by_month"]["2017-05"]
    assert (april["swaca_eligible"], april["swaca_open"]) == (3, 2)
    assert (may["swaca_eligible"], may["swaca_open"]) == (1, 0)


def test_frames_without_the_swaca_columns_have_no_swaca_figures():
    figures = figures_of(discussion(D(2017, 4, 6)))  # the spec's columns only
    assert (figures["swaca_eligible"], figures["swaca_open"]) == (0, 0)
    assert figures["swaca_share"] is None
    assert figures["swaca"] == {}


# -- versioned parameters: the repeat monitoring period, the action timescale ----------------

SIX_MONTHS_FROM_OCTOBER = [
    (D(2010, 1, 1), D(2017, 9, 30), 12),
    (D(2017, 10, 1), None, 6),
]


def test_a_repeat_under_a_12_month_period_is_returning_under_a_6_month_one():
    history = discussions(
        discussion(D(2017, 1, 12)), discussion(D(2017, 9, 14), referral_date=D(2017, 9, 1))
    )
    assert categorise(history).tolist() == ["new", "repeat"]
    six = [(None, None, 6)]
    assert categorise(history, six).tolist() == ["new", "returning_same_perpetrator"]
    # The last day of a 6-month period is inside it, as for 12 months.
    edge = discussions(discussion(D(2017, 1, 12)), discussion(D(2017, 7, 12)))
    assert categorise(edge, six).tolist() == ["new", "repeat"]


def test_each_discussion_follows_the_version_in_force_on_its_meeting_date():
    rows = [
        # Eight months apart, discussed again before the change: a repeat (12 months).
        discussion(D(2016, 12, 1), "V-A"),
        discussion(D(2017, 8, 3), "V-A"),
        # Eight months apart, discussed again after the change: returning (6 months), although
        # the earlier discussion was held under the 12-month version.
        discussion(D(2017, 3, 2), "V-B"),
        discussion(D(2017, 11, 9), "V-B"),
        # Five months apart after the change: still a repeat.
        discussion(D(2017, 10, 5), "V-C"),
        discussion(D(2018, 3, 1), "V-C"),
    ]
    figures = marac_figures(
        discussions(*rows),
        no_actions(),
        no_attendance(),
        **YEAR,
        monitoring_months=SIX_MONTHS_FROM_OCTOBER,
    )
    assert figures["repeat"] == 2
    assert figures["returning_same_perpetrator"] == 1
    assert figures["by_month"]["2017-08"]["repeat"] == 1
    assert figures["by_month"]["2017-11"]["returning_same_perpetrator"] == 1
    assert figures["by_month"]["2018-03"]["repeat"] == 1
    assert figures_of(*rows)["repeat"] == 3  # under the spec's 12 months throughout


def test_a_version_added_for_later_dates_leaves_earlier_periods_as_they_were():
    history, actions = _small_history()
    first_year = {"start": D(2016, 4, 1), "end": D(2017, 3, 31)}
    before = marac_figures(
        history,
        actions,
        no_attendance(),
        **first_year,
        monitoring_months=[(D(2010, 1, 1), None, 12)],
    )
    after = marac_figures(
        history,
        actions,
        no_attendance(),
        **first_year,
        monitoring_months=[(D(2010, 1, 1), D(2017, 3, 31), 12), (D(2017, 4, 1), None, 3)],
        action_timescale_days=[(D(2017, 4, 1), None, 1)],
    )
    assert after == before
    later = marac_figures(
        history,
        actions,
        no_attendance(),
        **YEAR,
        monitoring_months=[(D(2010, 1, 1), D(2017, 3, 31), 12), (D(2017, 4, 1), None, 3)],
    )
    assert later["repeat"] < marac_figures(history, actions, no_attendance(), **YEAR)["repeat"]


def test_the_action_timescale_follows_the_version_of_the_meeting_that_agreed_it():
    # Both completed on the 8th working day after their meeting.
    actions = pd.DataFrame(
        [
            {
                "meeting_date": D(2017, 6, 15),
                "victim_ref": "V-1",
                "agency": "A",
                "completed_date": D(2017, 6, 27),
            },
            {
                "meeting_date": D(2017, 11, 2),
                "victim_ref": "V-2",
                "agency": "A",
                "completed_date": D(2017, 11, 14),
            },
        ]
    )
    five_from_october = [(D(2017, 10, 1), None, 5)]
    buckets = action_buckets(
        actions["meeting_date"], actions["completed_date"], REPORT_END, five_from_october
    )
    assert buckets.tolist() == ["within_timescale", "within_1_month"]
    assert action_bucket(D(2017, 11, 2), D(2017, 11, 14), REPORT_END, timescale=5) == (
        "within_1_month"
    )
    figures = figures_of(
        discussion(D(2017, 6, 15), "V-1"),
        discussion(D(2017, 11, 2), "V-2"),
        actions=actions,
        **YEAR,
    )
    assert figures["actions_by_bucket"]["within_timescale"] == 2
    figures = marac_figures(
        discussions(discussion(D(2017, 6, 15), "V-1"), discussion(D(2017, 11, 2), "V-2")),
        actions,
        no_attendance(),
        **YEAR,
        action_timescale_days=five_from_october,
    )
    assert figures["actions_by_bucket"]["within_timescale"] == 1
    assert figures["actions_by_bucket"]["within_1_month"] == 1


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([(D(2010, 1, 1), None, 12), (D(2017, 1, 1), None, 6)], "overlap"),
        ([(D(2010, 1, 1), D(2017, 1, 1), 12), (D(2017, 1, 1), None, 6)], "overlap"),
        ([(D(2017, 1, 1), D(2016, 1, 1), 12)], "ends before it starts"),
        ([(None, None, 0)], "not a positive whole number"),
        ([(None, None, 1.5)], "not a positive whole number"),
    ],
)
def test_periods_that_overlap_or_make_no_sense_are_refused(periods, message):
    with pytest.raises(ValueError, match=message):
        categorise(discussions(discussion(D(2017, 1, 12))), periods)


# -- per meeting (the SafeLives return) -------------------------------------------------------


def _small_history():
    """Two years of a small MARAC: repeats across the period's start, blank perpetrators,
    returning cases, professional judgement, diversity, young people, actions."""
    rng = random.Random(7)
    meetings = [D(2016, 4, 7) + datetime.timedelta(days=14 * n) for n in range(52)]
    rows, actions = [], []
    for meeting in meetings:
        for victim in rng.sample(range(60), rng.randint(0, 6)):
            rows.append(
                discussion(
                    meeting,
                    f"V-{victim}",
                    perpetrator_ref=rng.choice([None, "P-1", "P-2", f"P-{victim}"]),
                    referral_date=rng.choice([None, meeting - datetime.timedelta(days=9)]),
                    referring_agency=rng.choice(["Merseyside Police", "Venus Centre"]),
                    referring_agency_group=rng.choice(["police", "voluntary"]),
                    referral_basis=rng.choice(["visible_high_risk", "professional_judgement"]),
                    victim_sex=rng.choice(["F", "M", None]),
                    victim_age=rng.choice([16, 17, 30, None]),
                    victim_ethnicity=rng.choice(["White British", "Mixed", None]),
                    victim_lgbt=rng.choice([True, False, None]),
                    victim_disability=rng.choice([True, False, None]),
                    perpetrator_age=rng.choice([15, 17, 40, None]),
                    children=rng.choice([0, 2, None]),
                    pregnant=rng.choice([True, False, None]),
                    swaca_status=None,
                    swaca_engagement=rng.choice(["open", "not_open", "not_eligible", None]),
                )
            )
            for _ in range(rng.randint(0, 3)):
                actions.append(
                    {
                        "meeting_date": meeting,
                        "victim_ref": f"V-{victim}",
                        "agency": "Merseyside Police",
                        "completed_date": None,
                    }
                )
    return discussions(*rows), pd.DataFrame(actions, columns=list(ACTION_COLUMNS))


@pytest.mark.parametrize(
    "period",
    [YEAR, {"start": D(2017, 7, 1), "end": D(2017, 9, 30)}, {"start": D(2016, 4, 1)}],
    ids=["year", "quarter", "from the start"],
)
@pytest.mark.parametrize("months", [(), SIX_MONTHS_FROM_OCTOBER], ids=["spec", "versioned"])
def test_figures_per_meeting_equal_the_figures_of_each_meetings_day(period, months):
    history, actions = _small_history()
    period = {"end": D(2018, 3, 31), **period}
    rows = figures_per_meeting(history, actions, **period, monitoring_months=months)
    days = sorted(
        day for day in set(history["meeting_date"]) if period["start"] <= day <= period["end"]
    )
    assert [row["meeting_date"] for row in rows] == days
    assert sum(row["repeat"] for row in rows) > 0  # the history has what the test is about
    for row in rows:
        day = row["meeting_date"]
        alone = marac_figures(
            history, actions, no_attendance(), start=day, end=day, monitoring_months=months
        )
        month = next(iter(alone["by_month"].values()))
        for key in PER_MEETING_COUNTS:
            expected = alone[key] if key in alone else month[key]
            assert row[key] == expected, (day, key)


def test_figures_per_meeting_of_an_empty_period_are_empty():
    history, actions = _small_history()
    assert figures_per_meeting(history, actions, start=D(2019, 1, 1), end=D(2019, 12, 31)) == []


def test_cases_referred_to_the_idva_team_and_assessed_follow_what_each_status_counts_as():
    rows = [
        discussion(D(2017, 5, 4), "V-1", idva_status="assessed", idva_engagement="assessed"),
        discussion(D(2017, 5, 4), "V-2", idva_status="declined", idva_engagement="referred"),
        discussion(D(2017, 5, 4), "V-3", idva_status="nr", idva_engagement="not_referred"),
        discussion(D(2017, 5, 4), "V-4", idva_status=None, idva_engagement=None),
    ]
    figures = figures_of(*rows)
    assert (figures["idva_referred"], figures["idva_assessed"]) == (2, 1)
    assert figures["idva_assessed_share"] == 0.5
    # Frames that do not say what statuses count as have no such figures, rather than zeros.
    unknown = figures_of(discussion(D(2017, 5, 4)))
    assert unknown["idva_referred"] is None and unknown["idva_assessed_share"] is None
