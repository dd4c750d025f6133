"""Pseudonymous demo MARAC records for Sefton, April 2016 - March 2018.

The records are invented, case by case, so that `marac_figures` over 2017-04-01..2018-03-31
gives back the figures of the published Sefton MARAC Performance Report 2017/18 (seed
000_c1a01539fcf8796d.txt): demo data partners recognise, and a check that our rules
reproduce a real report. References are opaque ("V-123456", "P-654321"); there are no names,
addresses or dates of birth.

What the report pins down and the demo reproduces exactly (2017/18):
  540 cases at 25 meetings; referrals per agency per month (Table 6, every agency);
  35 professional-judgement referrals; 16 transfers from other MARACs; 819 children and
  19 pregnancies; 25 male victims; 1 victim with a disability; 2 persons causing harm aged
  17 or under (none under 16); 5 closed MARAC cases; a repeat rate of 24% (130 repeats);
  988 actions on 453 cases, per owning agency as the report's table, and per completion
  bucket; 515 cases with incident dates (25 without), 19 of them over 30 working days, the
  longest 46 and the shortest 10 (5 cases); cases per ward (the 22 numbers of the ward
  table, with 9 cases without a Sefton ward) and per locality (North 177, Central 154, South
  200); IDVA engagement per month and status (497 referred to the IDVA team, 43 not);
  attendance per core agency (Table 12) with the lowest attendance, 11 agencies, on
  25/05/17 and 05/07/17 only; the non-core agencies' meetings attended (Ruby Project 5 and
  Women's Turnaround 1, both from September 2017, Adactus 3, Excel 3) and written feedback
  sent instead (Liverpool Women's Hospital 23, YOT 11); SWACA engagement: 505 cases eligible
  for SWACA support, 117 of them open to SWACA at the meeting (23%).
And for 2016/17, what the report says of it: 491 cases (540 is "an increase of 10%"), a
repeat rate of 19%, 591 children, 15 pregnancies and 33 male victims.

Action buckets. The report's six columns map to the spec's buckets as: "signed off within
timescale (10 working days)" = within_timescale (576); "after deadline but within 1/2/3/4
months of meeting" = within_1_month .. within_4_months (144, 148, 65, 18); "still
outstanding at 31/03/18" = outstanding (37, all agreed at 2018 meetings as the report says);
over_4_months = 0 (the report has no such column: every action was signed off within four
months or was still open).

Where the report cannot be matched exactly, or does not say:
- Average working days per month: the 36 monthly averages cannot all be met with whole
  working days by 515 cases, so 24 are exact and 12 differ by 0.01 (`TIMELINESS_2017_18`
  lists the report's values; `_timeliness_sums` picks the closest sums). October's
  referral-to-MARAC 15.02 is impossible for any count of cases below 40. The report's
  year averages (4.26 / 15.15 / 19.41) are the plain mean of its twelve monthly averages;
  `marac_figures` averages over cases as the spec says, which gives 4.22 / 15.16 / 19.37.
- The report counts 25 meetings; a fortnightly Thursday cycle with three meetings in August
  and March has 26, so the demo has no meeting on 04/01/2018 (Christmas break).
- "On average 14 of the 17 core agencies attend": Table 12 adds up to 336 / 25 = 13.4.
- Tables 1-5 and 7-12 (per month) lost their numbers in the text extraction. The demo
  keeps their published totals and invents the split by month. Not published at all and
  chosen to fit the text: BAME 28 cases (5.2%, the report's December figure), LGBT 5 (1%),
  victims aged 16-17: 7, returning cases 60 with the same and 20 with a new perpetrator
  (so repeat + returning = 39%, "well within" 28-40%), new perpetrator while open: 8.
- Five of the eight IDVA column headings were lost; `IDVA_STATUSES` names them plausibly.
- SWACA (the `swaca_status` extension column): the report gives 505 eligible and 117 open but
  not who. SWACA is a women's and children's service, so the male victims are not eligible
  (but for one whom SWACA itself referred, through its children's workers), nor are 11 women
  chosen at random; every case SWACA referred and every female victim of family violence not
  referred to the IDVA team (SWACA's high-risk remit) is open to SWACA, and enough others to
  make 117. The monthly table was lost in extraction; the split by month is invented. The
  statuses are chosen with their own random stream, so adding them changed no other figure.
- Non-core agencies: which meetings is not published; their rows (2017/18 only, none for
  2016/17, which the report does not describe) are drawn from their own random stream, so
  adding them changed no other record.
- The data start in April 2016, so 2016/17 has no returning cases (no earlier history).
"""

import datetime
import functools
import random
from typing import NamedTuple

import pandas as pd

from marac.figures import BUCKETS, DISCUSSION_COLUMNS, action_buckets
from sscp.places import LOCALITIES, WARD_LOCALITY
from sscp.workdays import add_working_days, bank_holidays

SEED = 20180331
YEAR_START = datetime.date(2017, 4, 1)
YEAR_END = datetime.date(2018, 3, 31)
PREVIOUS_START = datetime.date(2016, 4, 1)
PREVIOUS_END = datetime.date(2017, 3, 31)

MONTHS = tuple(f"{year}-{month:02d}" for year, month in [(2017, m) for m in range(4, 13)])
MONTHS += ("2018-01", "2018-02", "2018-03")

# Referring agencies as named in the partnership's reference data, with their group.
AGENCY_GROUPS = {
    "Merseyside Police": "police",
    "Sefton Women's and Children's Aid": "voluntary",
    "Aintree University Hospital NHS Foundation Trust": "health",
    "Southport and Ormskirk Hospital NHS Trust": "health",
    "Sefton Council IDVA Team": "council",
    "Sefton Council Children's Services": "council",
    "Venus Centre": "voluntary",
    "Wirral MARAC": "marac",
    "Royal Liverpool University Hospital": "health",
    "DISC": "voluntary",
    "Knowsley MARAC": "marac",
    "Catch22": "voluntary",
    "Kew GP Surgery": "health",
    "Linaker Children's Centre": "council",
    "North Wales MARAC": "marac",
    "Seaforth FC": "voluntary",
    "Liverpool MARAC": "marac",
    "Knowsley IDVA Service": "council",
    "PSS Women's Turnaround": "voluntary",
    "PSS Ruby Project": "voluntary",
    "Rape and Sexual Abuse Support Centre Merseyside": "voluntary",
    "West Lancashire MARAC": "marac",
    "Liverpool Community Health": "health",
    "National Probation Service": "probation",
    "North West Boroughs Healthcare NHS Foundation Trust": "health",
    "Merseyside Community Rehabilitation Company": "probation",
    "Ambition Sefton": "voluntary",
    "Riverside": "housing",
    "Cheshire and Wirral Partnership NHS Foundation Trust": "health",
    "Oldham MARAC": "marac",
    "Mersey Care NHS Foundation Trust": "health",
    "One Vision Housing": "housing",
    "Flintshire MARAC": "marac",
    "Gloucestershire MARAC": "marac",
    "Kings Meadow Primary School": "education",
    # Action owners that are not referring agencies.
    "Sefton Attendance and Welfare Service": "education",
    "Sefton Council Adult Social Care": "council",
    "Sefton Children's Centres": "council",
    "Excel Housing": "housing",
    "Adactus Housing": "housing",
    "MARAC Coordinator": "council",
    "Sefton Council Housing Options Team": "council",
    # Non-core agencies of the attendance section that neither refer nor own actions.
    "Liverpool Women's Hospital": "health",
    "Sefton Youth Offending Team": "council",
}

# Table 6: cases referred per agency each month, April 2017 .. March 2018 (the seed's rows).
REFERRALS_2017_18 = {
    "Merseyside Police": (30, 39, 27, 37, 55, 39, 26, 34, 23, 34, 28, 53),
    "Sefton Women's and Children's Aid": (4, 1, 1, 0, 5, 0, 2, 5, 3, 3, 4, 4),
    "Aintree University Hospital NHS Foundation Trust": (2, 1, 1, 2, 3, 2, 2, 0, 0, 0, 1, 2),
    "Southport and Ormskirk Hospital NHS Trust": (2, 0, 0, 0, 2, 0, 1, 2, 1, 1, 2, 1),
    "Sefton Council IDVA Team": (0, 1, 0, 1, 1, 0, 1, 1, 2, 0, 1, 0),
    "Sefton Council Children's Services": (2, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0),
    "Venus Centre": (0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0),
    "Wirral MARAC": (0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0),
    "Royal Liverpool University Hospital": (0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "DISC": (0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "Knowsley MARAC": (0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    "Catch22": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "Kew GP Surgery": (0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    "Linaker Children's Centre": (0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    "North Wales MARAC": (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    "Seaforth FC": (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    "Liverpool MARAC": (0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1),
    "Knowsley IDVA Service": (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    "PSS Women's Turnaround": (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0),
    "PSS Ruby Project": (0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0),
    "Rape and Sexual Abuse Support Centre Merseyside": (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0),
    "West Lancashire MARAC": (0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0),
    "Liverpool Community Health": (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0),
    "National Probation Service": (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0),
    "North West Boroughs Healthcare NHS Foundation Trust": (0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0),
    "Merseyside Community Rehabilitation Company": (0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0),
    "Ambition Sefton": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0),
    "Riverside": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    "Cheshire and Wirral Partnership NHS Foundation Trust": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    "Oldham MARAC": (0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
    "Mersey Care NHS Foundation Trust": (0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1),
    "One Vision Housing": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
    "Flintshire MARAC": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0),
    "Gloucestershire MARAC": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    "Kings Meadow Primary School": (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
}

# Professional-judgement referrals (35, "many ... by health agencies"); police upgrades go
# through MASH as New Gold, so police referrals are never professional judgement.
PROFESSIONAL_JUDGEMENT_2017_18 = {
    "Aintree University Hospital NHS Foundation Trust": 9,
    "Southport and Ormskirk Hospital NHS Trust": 7,
    "Mersey Care NHS Foundation Trust": 2,
    "Royal Liverpool University Hospital": 1,
    "Kew GP Surgery": 1,
    "North West Boroughs Healthcare NHS Foundation Trust": 1,
    "Liverpool Community Health": 1,
    "Sefton Women's and Children's Aid": 5,
    "Sefton Council IDVA Team": 3,
    "Sefton Council Children's Services": 2,
    "Venus Centre": 1,
    "Linaker Children's Centre": 1,
    "Kings Meadow Primary School": 1,
}

# The 25 meetings of 2017/18: fortnightly Thursdays; 05/07/17 was moved from 06/07/17 for
# Sefton's DV conference; none on 04/01/18 (the report counts 25 meetings, not 26).
MEETINGS_2017_18 = tuple(
    datetime.date.fromisoformat(day)
    for day in [
        "2017-04-13",
        "2017-04-27",
        "2017-05-11",
        "2017-05-25",
        "2017-06-08",
        "2017-06-22",
        "2017-07-05",
        "2017-07-20",
        "2017-08-03",
        "2017-08-17",
        "2017-08-31",
        "2017-09-14",
        "2017-09-28",
        "2017-10-12",
        "2017-10-26",
        "2017-11-09",
        "2017-11-23",
        "2017-12-07",
        "2017-12-21",
        "2018-01-18",
        "2018-02-01",
        "2018-02-15",
        "2018-03-01",
        "2018-03-15",
        "2018-03-29",
    ]
)
MEETINGS_2016_17 = tuple(
    datetime.date(2016, 4, 14) + datetime.timedelta(days=14 * n) for n in range(26)
)

# Cases per ward: the report's ward table, read in North / Central / South column order.
WARDS = {
    locality: dict(zip(wards, counts, strict=True))
    for (locality, wards), counts in zip(
        LOCALITIES.items(),
        (
            (17, 21, 25, 35, 4, 33, 14, 22, 6),
            (7, 29, 14, 19, 27, 3, 35, 3, 17),
            (25, 40, 91, 44),
        ),
        strict=True,
    )
}
# 5 of no fixed abode, 2 in a refuge or hostel, 2 staying out of the area for a while.
CASES_WITHOUT_WARD_2017_18 = 9

# IDVA engagement at the time of the meeting. Headings 1, 2 and 6 are in the report's text
# (101 open, 54 agreed but not yet assessed, 98 = 20% assessed and safety planned); the
# other five were lost in extraction and are named here plausibly.
IDVA_STATUSES = (
    ("open_to_idva", "Already open to the IDVA team"),
    ("engaged_not_assessed", "Agreed to engage, assessment not yet completed"),
    ("declined", "Declined IDVA support"),
    ("no_safe_contact", "No safe way to make contact"),
    ("moved_away", "Moved out of the area"),
    ("assessed", "Assessment and safety planning completed"),
    ("attempting_contact", "Contact being attempted"),
    ("unable_to_contact", "Unable to make contact"),
)
# SWACA engagement at the time of the meeting (code, label, what it counts as).
SWACA_STATUSES = (
    ("open_to_swaca", "Open to SWACA", "open"),
    ("not_open_to_swaca", "Eligible, not open to SWACA", "not_open"),
    ("not_eligible_for_swaca", "Not eligible for SWACA support", "not_eligible"),
)
SWACA_2017_18 = {"eligible": 505, "open": 117}
SWACA_REFERRER = "Sefton Women's and Children's Aid"
NOT_REFERRED_TO_IDVA = (
    "not_referred",
    "Not referred to the IDVA team (female victim of family violence)",
)


def idva_engagement(status: str | None) -> str | None:
    """What a demo IDVA status counts as (`IdvaStatus.engagement`): the report's 497 cases
    referred to the IDVA team, 98 of them assessed (20%)."""
    if status is None:
        return None
    return {"assessed": "assessed", NOT_REFERRED_TO_IDVA[0]: "not_referred"}.get(status, "referred")


IDVA_2017_18 = (
    (8, 5, 6, 0, 1, 5, 7, 5),
    (8, 3, 7, 2, 0, 8, 11, 4),
    (11, 2, 1, 0, 1, 5, 6, 5),
    (15, 2, 6, 0, 2, 4, 5, 3),
    (12, 6, 7, 1, 1, 12, 22, 4),
    (3, 6, 5, 2, 2, 7, 20, 1),
    (5, 3, 4, 2, 0, 5, 9, 5),
    (7, 4, 5, 2, 1, 6, 11, 3),
    (4, 8, 2, 1, 0, 12, 3, 1),
    (7, 4, 2, 5, 1, 12, 3, 3),
    (9, 8, 1, 0, 2, 6, 4, 9),
    (12, 3, 6, 5, 0, 16, 15, 2),
)

# Average working days per month: incident -> referral, referral -> MARAC, incident -> MARAC.
TIMELINESS_2017_18 = (
    (4.41, 15.33, 19.74),
    (5.37, 14.24, 19.61),
    (4.33, 19.50, 23.83),
    (4.50, 15.47, 19.97),
    (4.38, 15.60, 19.98),
    (3.43, 14.89, 18.32),
    (3.50, 15.02, 18.52),
    (3.74, 14.40, 18.14),
    (6.00, 11.37, 17.37),
    (4.09, 16.24, 20.33),
    (3.75, 14.61, 18.36),
    (3.66, 15.12, 18.79),
)
CASES_WITHOUT_DATES_2017_18 = 25
OVER_30_WORKING_DAYS_2017_18 = 19
LONGEST_WORKING_DAYS = 46
SHORTEST_WORKING_DAYS = 10
SHORTEST_CASES = 5

ACTIONS_BY_AGENCY_2017_18 = {
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
CASES_WITH_ACTIONS_2017_18 = 453
ACTION_BUCKETS_2017_18 = {
    "within_4_months": 18,
    "within_3_months": 65,
    "within_2_months": 148,
    "within_1_month": 144,
    "outstanding": 37,
    "within_timescale": 576,
}

# Core agencies: meetings attended of 25 (Table 12), and the absences its comments explain.
ATTENDANCE_2017_18 = {
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
LOWEST_ATTENDANCE = 11
LOWEST_ATTENDANCE_MEETINGS = (datetime.date(2017, 5, 25), datetime.date(2017, 7, 5))
# How each agency's missed meetings were covered: number sent written feedback (the rest
# sent apologies), from the comments of Table 12.
WRITTEN_FEEDBACK_2017_18 = {
    "Merseyside Community Rehabilitation Company": 3,
    "National Probation Service": 2,
    "Mersey Care NHS Foundation Trust": 4,
    "Sefton Attendance and Welfare Service": 5,
    "Sefton Children's Centres": 5,
    "Rape and Sexual Abuse Support Centre Merseyside": 5,
}
# Non-core agencies, who attend only when involved in a case (the seed's non-core table):
# meetings attended, meetings they sent written feedback to instead, and the first meeting
# they could attend ("only signed up to Sefton MARAC in September 17").
SIGNED_UP_SEPTEMBER_2017 = datetime.date(2017, 9, 1)
NON_CORE_ATTENDANCE_2017_18 = {
    "PSS Ruby Project": (5, 0, SIGNED_UP_SEPTEMBER_2017),
    "Adactus Housing": (3, 0, None),
    "Excel Housing": (3, 0, None),
    "PSS Women's Turnaround": (1, 0, SIGNED_UP_SEPTEMBER_2017),
    # "LWH provides written feedback only ... for 23 out of the 25 meetings".
    "Liverpool Women's Hospital": (0, 23, None),
    # "Written feedback ... has been provided for 11 out of 25 meetings".
    "Sefton Youth Offending Team": (0, 11, None),
}

# 2017/18 choices where the report gives no number (see the module docstring).
CATEGORIES_2017_18 = {
    "returning_same_perpetrator": 60,
    "returning_new_perpetrator": 20,
    "repeat": 130,
    "new_perpetrator": 8,
}
PER_YEAR = {
    # 2016/17, 2017/18
    "cases": (491, 540),
    "professional_judgement": (31, 35),
    "repeat": (93, 130),
    "new_perpetrator": (6, 8),
    "children": (591, 819),
    "pregnancies": (15, 19),
    "male": (33, 25),
    "bame": (22, 28),
    "lgbt": (4, 5),
    "disability": (3, 1),
    "victims_16_17": (5, 7),
    "perpetrators_under_18": (1, 2),
    "closed_marac": (4, 5),
}
BAME_ETHNICITIES = (
    "White Irish",
    "White Other",
    "Asian or Asian British",
    "Black or Black British",
    "Mixed",
    "Chinese",
    "Arab",
)


class DemoData(NamedTuple):
    discussions: pd.DataFrame
    actions: pd.DataFrame
    attendance: pd.DataFrame


def demo_data(seed: int = SEED) -> DemoData:
    """The demo discussions, actions and attendance (same seed, same records)."""
    rng = random.Random(seed)  # noqa: S311 - invented demo records, not secrets
    slots = _slots(rng)
    _timeliness(slots, rng)
    _victims(slots, rng)
    _attributes(slots, rng)
    # Its own random stream: the records chosen before and after it stay as they were.
    _swaca(slots, random.Random(seed + 1))  # noqa: S311 - invented demo records
    discussions = pd.DataFrame([_discussion_row(slot) for slot in slots])
    actions = pd.DataFrame(
        _actions(slots, rng), columns=["meeting_date", "victim_ref", "agency", "completed_date"]
    )
    rows = _attendance(rng)
    # Its own random stream too: the core agencies' attendance stays as it was.
    rows += _non_core_attendance(random.Random(seed + 2))  # noqa: S311 - invented demo records
    attendance = pd.DataFrame(rows, columns=["meeting_date", "agency", "status"])
    return DemoData(discussions, actions, attendance)


# -- slots: one per discussion, with its meeting, referrer and basis -------------------------


def _month_key(day: datetime.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _year(day: datetime.date) -> int:
    """0 for 2016/17, 1 for 2017/18."""
    return 0 if day <= PREVIOUS_END else 1


def _split(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to weights, adding up to total."""
    raw = [total * weight / sum(weights) for weight in weights]
    parts = [int(value) for value in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _slots(rng: random.Random) -> list[dict]:
    slots = []
    # 2016/17: about 19 cases a meeting, agencies in 2017/18's proportions.
    agencies = list(REFERRALS_2017_18)
    weights = [sum(months) for months in REFERRALS_2017_18.values()]
    sizes = _split(PER_YEAR["cases"][0], [rng.uniform(0.8, 1.2) for _ in MEETINGS_2016_17])
    for meeting, size in zip(MEETINGS_2016_17, sizes, strict=True):
        for agency in rng.choices(agencies, weights, k=size):
            slots.append({"meeting_date": meeting, "referring_agency": agency})
    # 2017/18: Table 6 exactly. The year's last meeting, two days before its end, is a short
    # one: its actions are mostly still open at 31/03/2018 and the report has only 37 open.
    for month_index, month in enumerate(MONTHS):
        month_agencies = [
            agency
            for agency, counts in REFERRALS_2017_18.items()
            for _ in range(counts[month_index])
        ]
        rng.shuffle(month_agencies)
        meetings = [day for day in MEETINGS_2017_18 if _month_key(day) == month]
        weights = [0.6 if day == MEETINGS_2017_18[-1] else 1.0 for day in meetings]
        start = 0
        for meeting, size in zip(meetings, _split(len(month_agencies), weights), strict=True):
            for agency in month_agencies[start : start + size]:
                slots.append({"meeting_date": meeting, "referring_agency": agency})
            start += size
    for slot in slots:
        slot["year"] = _year(slot["meeting_date"])
        group = AGENCY_GROUPS[slot["referring_agency"]]
        slot["referring_agency_group"] = group
        slot["referral_basis"] = "transfer_in" if group == "marac" else "visible_high_risk"
        slot["closed_marac"] = False
    current = [slot for slot in slots if slot["year"] == 1]
    for agency, count in PROFESSIONAL_JUDGEMENT_2017_18.items():
        candidates = [slot for slot in current if slot["referring_agency"] == agency]
        for slot in rng.sample(candidates, count):
            slot["referral_basis"] = "professional_judgement"
    previous = [
        slot
        for slot in slots
        if slot["year"] == 0 and slot["referring_agency"] in PROFESSIONAL_JUDGEMENT_2017_18
    ]
    for slot in rng.sample(previous, PER_YEAR["professional_judgement"][0]):
        slot["referral_basis"] = "professional_judgement"
    return slots


# -- timeliness: incident and referral dates ------------------------------------------------


def _round2(value: float) -> float:
    return round(value + 1e-9, 2)


def _month_options(month: int, cases: int) -> tuple[int, float, int, int]:
    """Best (mismatches, deviation, incident->referral sum, referral->MARAC sum) for a count."""
    target = TIMELINESS_2017_18[month]
    best = None
    for first in range(int((target[0] - 0.02) * cases), int((target[0] + 0.02) * cases) + 2):
        for second in range(int((target[1] - 0.02) * cases), int((target[1] + 0.02) * cases) + 2):
            got = (first / cases, second / cases, (first + second) / cases)
            deviations = [
                abs(_round2(value) - want) for value, want in zip(got, target, strict=True)
            ]
            key = (sum(d > 0.001 for d in deviations), round(sum(deviations), 4), first, second)
            if best is None or key[:2] < best[:2]:
                best = key
    return best


@functools.cache
def _timeliness_sums(available: tuple[int, ...], excluded: int) -> tuple:
    """How many dated cases each month has, and their working-day sums.

    `available` is each month's cases that could carry dates; `excluded` more of them go
    without, so that the year has the report's 515 dated cases. Chooses where those go so
    that as many monthly averages as possible round to the report's.
    """

    @functools.cache
    def best(month: int, left: int):
        if month == len(available):
            return ((0, 0.0), ()) if left == 0 else ((99, 99.0), ())
        result = None
        for drop in range(left + 1):
            misses, deviation, first, second = _month_options(month, available[month] - drop)
            rest, plan = best(month + 1, left - drop)
            score = (misses + rest[0], round(deviation + rest[1], 4))
            if result is None or score < result[0]:
                result = (score, ((available[month] - drop, first, second), *plan))
        return result

    return best(0, excluded)[1]


def _spread(total: int, count: int, low: int, high: int, rng: random.Random) -> list[int]:
    """`count` whole numbers in [low, high] adding up to `total`, evenly but not uniformly."""
    values = _split(total, [1.0] * count)
    for _ in range(count * 4):
        i, j = rng.randrange(count), rng.randrange(count)
        step = rng.randint(1, 4)
        if i != j and values[i] - step >= low and values[j] + step <= high:
            values[i] -= step
            values[j] += step
    if not all(low <= value <= high for value in values):
        raise ValueError("cannot spread the total within the bounds")
    return values


def _timeliness(slots: list[dict], rng: random.Random) -> None:
    """Give every slot its incident and referral dates, or none."""
    for slot in slots:
        slot["waits"] = None
        if slot["year"] == 0 and slot["referral_basis"] != "transfer_in" and rng.random() > 0.04:
            slot["waits"] = (rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 11]), rng.randint(6, 24))

    by_month = [
        [s for s in slots if s["year"] == 1 and _month_key(s["meeting_date"]) == m] for m in MONTHS
    ]
    # Transfers from other MARACs come without incident dates, and so does one from another
    # area's IDVA service: the report's 17 cases "transferred into Sefton from other areas".
    datable = [
        [
            s
            for s in month
            if s["referral_basis"] != "transfer_in"
            and s["referring_agency"] != "Knowsley IDVA Service"
        ]
        for month in by_month
    ]
    available = tuple(len(month) for month in datable)
    already_undated = sum(len(month) for month in by_month) - sum(available)
    plan = _timeliness_sums(available, CASES_WITHOUT_DATES_2017_18 - already_undated)

    # Those over the 30-day maximum, the longest and the shortest, spread over the year.
    over = _split(OVER_30_WORKING_DAYS_2017_18, [n * rng.uniform(0.5, 1.5) for n, _, _ in plan])
    shortest = _split(SHORTEST_CASES, [rng.random() for _ in plan])
    longest = rng.choice([i for i, n in enumerate(over) if n])
    for i, (month, (dated, first, second)) in enumerate(zip(datable, plan, strict=True)):
        waits = _month_waits(first, second, dated, over[i], shortest[i], i == longest, rng)
        for slot, wait in zip(rng.sample(month, dated), waits, strict=True):
            slot["waits"] = wait

    for slot in slots:
        slot["referral_date"] = slot["incident_date"] = None
        waits = slot.pop("waits")
        if waits is None:
            continue
        to_referral, to_meeting = waits
        referral = add_working_days(slot["meeting_date"], -to_meeting)
        incident = add_working_days(referral, -to_referral)
        # An incident on a weekend counts from the next working day, so the counts hold.
        weekend = incident + datetime.timedelta(days=rng.choice([1, 2]))
        if incident.weekday() == 4 and weekend < referral and rng.random() < 0.3:
            incident = weekend
        slot["referral_date"], slot["incident_date"] = referral, incident


def _month_waits(
    first: int, second: int, cases: int, over: int, shortest: int, longest: bool, rng
) -> list[tuple[int, int]]:
    """(incident -> referral, referral -> MARAC) working days for a month's dated cases.

    They add up to `first` and `second`. `over` cases take more than 30 working days in all
    (one of them the year's longest when `longest`), `shortest` cases the year's shortest,
    the others from 11 to 30.
    """
    special = [rng.randint(31, 38) for _ in range(over)]
    if longest:
        special[0] = LONGEST_WORKING_DAYS
    special += [SHORTEST_WORKING_DAYS] * shortest
    totals = special + _spread(first + second - sum(special), cases - len(special), 11, 30, rng)
    rng.shuffle(totals)
    # At least 5 working days from referral to meeting, at most 20 from incident to referral.
    most = [min(total - 5, 20) for total in totals]
    heads = [min(most[i], total * first // (first + second)) for i, total in enumerate(totals)]
    room = [i for i in range(cases) if heads[i] < most[i]]
    for i in rng.sample(room, first - sum(heads)):
        heads[i] += 1
    for _ in range(cases * 3):
        a, b = rng.randrange(cases), rng.randrange(cases)
        if a != b and heads[a] > 0 and heads[b] < most[b]:
            heads[a] -= 1
            heads[b] += 1
    return [(head, total - head) for head, total in zip(heads, totals, strict=True)]


# -- victims and perpetrators: who each slot is, and so its category -------------------------


def _category_labels(slots: list[dict], rng: random.Random) -> None:
    """The category each slot must end up with; `_victims` then finds victims to fit."""
    for slot in slots:
        slot["target"] = "new"
    current = [s for s in slots if s["year"] == 1 and s["referral_basis"] != "transfer_in"]
    # A returning case needs a discussion over a year before; the data start in April 2016.
    returning = ("returning_same_perpetrator", "returning_new_perpetrator")
    late = [s for s in current if s["meeting_date"] >= datetime.date(2017, 6, 1)]
    _label(late, {name: CATEGORIES_2017_18[name] for name in returning}, rng)
    still_new = [s for s in current if s["target"] == "new"]
    _label(
        still_new, {name: CATEGORIES_2017_18[name] for name in ("repeat", "new_perpetrator")}, rng
    )
    # Nor can the data's first weeks have repeats.
    previous = [
        s for s in slots if s["year"] == 0 and s["meeting_date"] >= datetime.date(2016, 6, 1)
    ]
    _label(previous, {name: PER_YEAR[name][0] for name in ("repeat", "new_perpetrator")}, rng)


def _label(slots: list[dict], counts: dict[str, int], rng: random.Random) -> None:
    labels = [name for name, count in counts.items() for _ in range(count)]
    for slot, label in zip(rng.sample(slots, len(labels)), labels, strict=True):
        slot["target"] = label


def _victims(slots: list[dict], rng: random.Random) -> None:
    """Walk the meetings in order, giving each slot a new or an earlier victim to fit its label."""
    _category_labels(slots, rng)
    victim_numbers = iter(rng.sample(range(100000, 1000000), 2 * len(slots)))
    perpetrator_numbers = iter(rng.sample(range(100000, 1000000), 2 * len(slots)))
    victims: dict[str, dict] = {}
    perpetrators: list[str] = []

    def new_perpetrator(avoid=None) -> str:
        if perpetrators and rng.random() < 0.2:
            reused = rng.choice(perpetrators)
            if reused != avoid:
                return reused
        ref = f"P-{next(perpetrator_numbers)}"
        perpetrators.append(ref)
        return ref

    slots.sort(key=lambda slot: (slot["meeting_date"], slot["referring_agency"]))
    for slot in slots:
        meeting = slot["meeting_date"]
        trigger = slot["referral_date"] or meeting
        label = slot["target"]
        if label == "new":
            ref = f"V-{next(victim_numbers)}"
            named = None if rng.random() < 0.04 else new_perpetrator()
            victims[ref] = {
                "last": meeting,
                "open_until": _open_until(meeting),
                "perpetrator": named,
            }
            slot.update(victim_ref=ref, perpetrator_ref=named)
            continue
        candidates = [
            ref for ref, victim in victims.items() if _eligible(victim, label, trigger, meeting)
        ]
        if not candidates:
            raise ValueError(f"no victim can be a {label} at {meeting}")
        ref = rng.choice(candidates)
        victim = victims[ref]
        if label in ("repeat", "returning_same_perpetrator"):
            if victim["perpetrator"] is not None:
                # A blank reference counts as the previous discussion's perpetrator.
                shown = None if rng.random() < 0.08 else victim["perpetrator"]
            elif rng.random() < 0.5:
                # Identified at last: counts as the same person, nothing shows a change.
                shown = victim["perpetrator"] = new_perpetrator()
            else:
                shown = None
        else:
            named = victim["perpetrator"] = new_perpetrator(avoid=victim["perpetrator"])
            shown = named
        victim["last"], victim["open_until"] = meeting, _open_until(meeting)
        slot.update(victim_ref=ref, perpetrator_ref=shown)


def _eligible(victim: dict, label: str, trigger: datetime.date, meeting: datetime.date) -> bool:
    if victim["last"] >= trigger or (meeting - victim["last"]).days < 28:
        return False
    still_open = trigger <= victim["open_until"]
    if still_open != (label in ("repeat", "new_perpetrator")):
        return False
    needs_known = label in ("new_perpetrator", "returning_new_perpetrator")
    return victim["perpetrator"] is not None or not needs_known


def _open_until(meeting: datetime.date) -> datetime.date:
    """Last day of the 12-month monitoring period a discussion opens."""
    return (pd.Timestamp(meeting) + pd.DateOffset(months=12)).date()


# -- attributes of victims and discussions ---------------------------------------------------


def _attributes(slots: list[dict], rng: random.Random) -> None:
    per_victim: dict[str, list[dict]] = {}
    for slot in slots:
        per_victim.setdefault(slot["victim_ref"], []).append(slot)
    counts = {ref: _year_counts(found) for ref, found in per_victim.items()}
    refs = sorted(per_victim)
    singles = [ref for ref in refs if len(per_victim[ref]) == 1]

    # Closed MARAC: honour-based violence concerns, new cases, 3 of 5 on professional judgement.
    closed = []
    for year, total in enumerate(PER_YEAR["closed_marac"]):
        new_cases = [r for r in singles if per_victim[r][0]["year"] == year]
        by_basis = {
            basis: [r for r in new_cases if per_victim[r][0]["referral_basis"] == basis]
            for basis in ("professional_judgement", "visible_high_risk")
        }
        closed += rng.sample(by_basis["professional_judgement"], 3)
        closed += rng.sample(by_basis["visible_high_risk"], total - 3)
    for ref in closed:
        per_victim[ref][0]["closed_marac"] = True

    def pick(target, among, chosen_before=()):
        return _choose_victims(PER_YEAR[target], among, counts, rng, chosen_before)

    bame = pick("bame", refs, closed)
    male = pick("male", [ref for ref in refs if ref not in closed])
    lgbt = pick("lgbt", refs)
    disabled = pick("disability", refs)
    # Discussed once, so that a 17-year-old does not turn 18 between two discussions.
    young = pick("victims_16_17", [ref for ref in singles if ref not in closed])

    for ref in refs:
        base_age = rng.choice([16, 17]) if ref in young else _adult_age(rng)
        first = per_victim[ref][0]["meeting_date"]
        if ref in bame:
            ethnicity = rng.choice(BAME_ETHNICITIES)
        else:
            ethnicity = "White British" if rng.random() > 0.03 else None
        lgbt_value = True if ref in lgbt else (None if rng.random() < 0.08 else False)
        disabled_value = True if ref in disabled else (None if rng.random() < 0.1 else False)
        for slot in per_victim[ref]:
            slot["victim_sex"] = "M" if ref in male else "F"
            slot["victim_age"] = base_age + int((slot["meeting_date"] - first).days / 365.25)
            slot["victim_ethnicity"] = ethnicity
            slot["victim_lgbt"] = lgbt_value
            slot["victim_disability"] = disabled_value
    _perpetrator_ages(slots, rng)
    _wards(slots, per_victim, counts, rng)
    _children(slots, per_victim, rng)
    _idva(slots, rng)


def _choose_victims(goal, among, counts, rng, chosen_before=()) -> set[str]:
    """Victims whose discussions per year add up to `goal` exactly (2016/17, 2017/18).

    Attributes such as sex belong to the victim, while the report counts discussions, so a
    victim discussed twice in a year counts twice.
    """
    chosen = set(chosen_before)
    left = [g - sum(counts[ref][year] for ref in chosen) for year, g in enumerate(goal)]
    pool = [ref for ref in among if ref not in chosen]
    rng.shuffle(pool)
    for ref in pool:
        if not any(left):
            break
        if all(c <= g for c, g in zip(counts[ref], left, strict=True)):
            chosen.add(ref)
            left = [g - c for g, c in zip(left, counts[ref], strict=True)]
    if any(left):
        raise ValueError(f"cannot choose victims adding up to {goal}")
    return chosen


def _year_counts(found: list[dict]) -> tuple[int, int]:
    return (sum(s["year"] == 0 for s in found), sum(s["year"] == 1 for s in found))


def _adult_age(rng: random.Random) -> int:
    return min(85, 18 + int(rng.gammavariate(2.6, 7.5)))


def _perpetrator_ages(slots: list[dict], rng: random.Random) -> None:
    """Ages per perpetrator; the few under 18 appear once, so their count is exact."""
    appearances: dict[str, list[dict]] = {}
    for slot in slots:
        if slot["perpetrator_ref"]:
            appearances.setdefault(slot["perpetrator_ref"], []).append(slot)
    ages = {ref: _adult_age(rng) + 1 for ref in sorted(appearances)}
    young = set()
    for year, count in enumerate(PER_YEAR["perpetrators_under_18"]):
        once = sorted(
            ref
            for ref, found in appearances.items()
            if len(found) == 1 and found[0]["year"] == year
        )
        for number, ref in enumerate(rng.sample(once, count)):
            ages[ref] = 17 - number % 2
            young.add(ref)
    for slot in slots:
        ref = slot["perpetrator_ref"]
        known = ref in young or (ref and rng.random() > 0.06)
        slot["perpetrator_age"] = ages[ref] if known else None


def _wards(slots, per_victim, counts, rng: random.Random) -> None:
    current = [ref for ref in per_victim if counts[ref][1]]
    once = sorted(ref for ref in current if counts[ref][1] == 1)
    without = set(rng.sample(once, CASES_WITHOUT_WARD_2017_18))
    capacity = {ward: n for wards in WARDS.values() for ward, n in wards.items()}
    ward_of = {}
    ordered = sorted(
        (ref for ref in current if ref not in without), key=lambda r: (-counts[r][1], r)
    )
    for ref in ordered:
        fits = [ward for ward, left in capacity.items() if left >= counts[ref][1]]
        ward = rng.choices(fits, [capacity[w] for w in fits])[0]
        capacity[ward] -= counts[ref][1]
        ward_of[ref] = ward
    if any(capacity.values()):
        raise ValueError("ward counts not met")
    all_wards = list(WARD_LOCALITY)
    weights = [WARDS[WARD_LOCALITY[w]][w] for w in all_wards]
    for ref, found in per_victim.items():
        home = ward_of.get(ref) or rng.choices(all_wards, weights)[0]
        for slot in found:
            ward = None if ref in without and slot["year"] == 1 else home
            slot["ward"] = ward
            slot["locality"] = WARD_LOCALITY.get(ward)


def _children(slots, per_victim, rng: random.Random) -> None:
    for found in per_victim.values():
        children = rng.choices([0, 1, 2, 3, 4, 5], [28, 22, 25, 14, 7, 4])[0]
        for slot in found:
            slot["children"] = children
            slot["pregnant"] = False if rng.random() > 0.1 else None
    for year in (0, 1):
        found = [slot for slot in slots if slot["year"] == year]
        gap = PER_YEAR["children"][year] - sum(slot["children"] for slot in found)
        step = 1 if gap > 0 else -1
        while gap:
            slot = rng.choice(found)
            if 0 <= slot["children"] + step <= 6:
                slot["children"] += step
                gap -= step
        can_be = [s for s in found if s["victim_sex"] == "F" and s["victim_age"] <= 44]
        for slot in rng.sample(can_be, PER_YEAR["pregnancies"][year]):
            slot["pregnant"] = True


def _idva(slots, rng: random.Random) -> None:
    statuses = [status for status, _label in IDVA_STATUSES]
    totals = [sum(column) for column in zip(*IDVA_2017_18, strict=True)]
    for slot in slots:
        if slot["year"] == 0:
            if slot["victim_sex"] == "F" and rng.random() < 0.08:
                slot["idva_status"] = NOT_REFERRED_TO_IDVA[0]
            else:
                slot["idva_status"] = rng.choices(statuses, totals)[0]
    for month, counts in zip(MONTHS, IDVA_2017_18, strict=True):
        found = [s for s in slots if s["year"] == 1 and _month_key(s["meeting_date"]) == month]
        women = [s for s in found if s["victim_sex"] == "F"]
        not_referred = rng.sample(women, len(found) - sum(counts))
        for slot in not_referred:
            slot["idva_status"] = NOT_REFERRED_TO_IDVA[0]
        referred = [s for s in found if s not in not_referred]
        labels = [status for status, n in zip(statuses, counts, strict=True) for _ in range(n)]
        rng.shuffle(labels)
        for slot, label in zip(referred, labels, strict=True):
            slot["idva_status"] = label


def _swaca(slots, rng: random.Random) -> None:
    """SWACA status at the meeting: see the module docstring for who is eligible and open."""
    (open_code, _, _), (not_open_code, _, _), (not_eligible_code, _, _) = SWACA_STATUSES
    engagement = {code: meaning for code, _, meaning in SWACA_STATUSES}
    for year in (0, 1):
        found = [slot for slot in slots if slot["year"] == year]
        cases = len(found)
        opened = SWACA_2017_18["open"] if year else round(cases * 0.2)
        referred_by_swaca = [s for s in found if s["referring_agency"] == SWACA_REFERRER]
        men = [s for s in found if s["victim_sex"] == "M" and s not in referred_by_swaca]
        women = [
            s
            for s in found
            if s["victim_sex"] != "M"
            and s not in referred_by_swaca
            and s["idva_status"] != NOT_REFERRED_TO_IDVA[0]
        ]
        ineligible_women = cases - SWACA_2017_18["eligible"] - len(men) if year else 10
        not_eligible = men + rng.sample(women, ineligible_women)
        for slot in found:
            slot["swaca_status"] = not_eligible_code if slot in not_eligible else not_open_code
        first = [
            s
            for s in found
            if s in referred_by_swaca
            or (s["idva_status"] == NOT_REFERRED_TO_IDVA[0] and s not in not_eligible)
        ]
        others = [s for s in found if s["swaca_status"] == not_open_code and s not in first]
        for slot in first + rng.sample(others, opened - len(first)):
            slot["swaca_status"] = open_code
    for slot in slots:
        slot["swaca_engagement"] = engagement[slot["swaca_status"]]
        slot["idva_engagement"] = idva_engagement(slot.get("idva_status"))


def _discussion_row(slot: dict) -> dict:
    return {column: slot[column] for column in DISCUSSION_COLUMNS}


# -- actions ---------------------------------------------------------------------------------


@functools.cache
def _completion_days(meeting: datetime.date, report_end: datetime.date | None, months: int = 6):
    """Working days after a meeting, up to `months` on, grouped by the bucket they fall in."""
    last = (pd.Timestamp(meeting) + pd.DateOffset(months=months)).date()
    if report_end:
        last = min(last, report_end)
    days = pd.Series(pd.bdate_range(meeting, last, freq="C", holidays=_holidays(meeting, last)))
    if days.empty:
        return {}
    buckets = action_buckets(pd.Series(meeting, index=days.index), days, report_end or last)
    return {bucket: [day.date() for day in group] for bucket, group in days.groupby(buckets)}


def _holidays(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [day for year in range(first.year, last.year + 1) for day in bank_holidays(year)]


def _actions(slots: list[dict], rng: random.Random) -> list[dict]:
    rows = []
    current = [s for s in slots if s["year"] == 1]
    # Cases at the meeting two days before the year's end rarely need actions recorded yet.
    weights = [0.4 if s["meeting_date"] == MEETINGS_2017_18[-1] else 1.0 for s in current]
    with_actions = _weighted_sample(current, weights, CASES_WITH_ACTIONS_2017_18, rng)
    per_case = [1] * len(with_actions)
    total = sum(ACTIONS_BY_AGENCY_2017_18.values())
    for _ in range(total - len(with_actions)):
        per_case[
            rng.choices(range(len(with_actions)), [8 - n if n < 8 else 0 for n in per_case])[0]
        ] += 1
    owners = [agency for agency, n in ACTIONS_BY_AGENCY_2017_18.items() for _ in range(n)]
    rng.shuffle(owners)
    owners_iter = iter(owners)
    actions = [
        {
            "meeting_date": slot["meeting_date"],
            "victim_ref": slot["victim_ref"],
            "agency": next(owners_iter),
        }
        for slot, n in zip(with_actions, per_case, strict=True)
        for _ in range(n)
    ]
    _completion_2017_18(actions, rng)
    rows += actions

    # 2016/17: actions for most cases, completed in the report's proportions.
    bucket_weights = [0.58, 0.15, 0.15, 0.065, 0.02, 0.015, 0.02]  # in BUCKETS order
    agencies = list(ACTIONS_BY_AGENCY_2017_18)
    agency_weights = list(ACTIONS_BY_AGENCY_2017_18.values())
    for slot in slots:
        if slot["year"] == 1 or rng.random() < 0.16:
            continue
        for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 3, 4])):
            bucket = rng.choices(BUCKETS, bucket_weights)[0]
            days = _completion_days(slot["meeting_date"], None, 7)
            completed = None if bucket == "outstanding" else rng.choice(days[bucket])
            rows.append(
                {
                    "meeting_date": slot["meeting_date"],
                    "victim_ref": slot["victim_ref"],
                    "agency": rng.choices(agencies, agency_weights)[0],
                    "completed_date": completed,
                }
            )
    return rows


def _weighted_sample(items: list, weights: list[float], count: int, rng: random.Random) -> list:
    keyed = sorted(range(len(items)), key=lambda i: rng.random() ** (1 / weights[i]), reverse=True)
    chosen = sorted(keyed[:count])
    return [items[i] for i in chosen]


def _completion_2017_18(actions: list[dict], rng: random.Random) -> None:
    """Sign actions off so the buckets as at 31/03/2018 are the report's."""
    for action in actions:
        action["bucket"] = None
    last_meeting = MEETINGS_2017_18[-1]
    pending = [a for a in actions if a["meeting_date"] == last_meeting]
    rest = [
        a for a in actions if a["meeting_date"] != last_meeting and a["meeting_date"].year == 2018
    ]
    rest.sort(key=lambda a: a["meeting_date"], reverse=True)
    outstanding = ACTION_BUCKETS_2017_18["outstanding"]
    chosen = pending[:outstanding] + rng.sample(
        rest[: 3 * outstanding], max(0, outstanding - len(pending))
    )
    for action in chosen:
        action["bucket"] = "outstanding"
    for bucket, count in ACTION_BUCKETS_2017_18.items():
        if bucket in ("outstanding", "within_timescale"):
            continue
        free = [
            a
            for a in actions
            if a["bucket"] is None and _completion_days(a["meeting_date"], YEAR_END).get(bucket)
        ]
        for action in rng.sample(free, count):
            action["bucket"] = bucket
    for action in actions:
        bucket = action.pop("bucket") or "within_timescale"
        if bucket == "outstanding":
            # Some were signed off after the year's end: still outstanding at 31/03/2018.
            later = add_working_days(YEAR_END, rng.randint(5, 40))
            action["completed_date"] = later if rng.random() < 0.5 else None
        else:
            action["completed_date"] = rng.choice(
                _completion_days(action["meeting_date"], YEAR_END)[bucket]
            )


# -- attendance ------------------------------------------------------------------------------


def _attendance(rng: random.Random) -> list[dict]:
    rows = []
    status = {
        (agency, day): "attended" for agency in ATTENDANCE_2017_18 for day in MEETINGS_2017_18
    }
    # Absences the report explains.
    status["Merseyside Police", datetime.date(2017, 8, 31)] = "written_feedback"
    status["Sefton Council IDVA Team", datetime.date(2018, 2, 1)] = "written_feedback"
    status["Southport and Ormskirk Hospital NHS Trust", datetime.date(2017, 4, 27)] = "apologies"
    status["One Vision Housing", datetime.date(2017, 5, 11)] = "apologies"
    nwbh = "North West Boroughs Healthcare NHS Foundation Trust"
    aintree = "Aintree University Hospital NHS Foundation Trust"
    for day in MEETINGS_2017_18:
        if datetime.date(2017, 7, 1) <= day <= datetime.date(2017, 9, 30):
            status[nwbh, day] = "written_feedback"
        if day >= datetime.date(2017, 10, 1):
            status[aintree, day] = "written_feedback"
    status[aintree, MEETINGS_2017_18[0]] = "apologies"
    fixed = {
        nwbh,
        aintree,
        "Merseyside Police",
        "Sefton Council IDVA Team",
        "Southport and Ormskirk Hospital NHS Trust",
        "One Vision Housing",
    }
    fixed |= {agency for agency, n in ATTENDANCE_2017_18.items() if n == len(MEETINGS_2017_18)}
    flexible = [agency for agency in ATTENDANCE_2017_18 if agency not in fixed]
    misses = {agency: len(MEETINGS_2017_18) - ATTENDANCE_2017_18[agency] for agency in flexible}

    def present(day):
        return sum(status[agency, day] == "attended" for agency in ATTENDANCE_2017_18)

    # The two meetings with the lowest attendance first, then the others, keeping 12+.
    for day in LOWEST_ATTENDANCE_MEETINGS:
        absent = present(day) - LOWEST_ATTENDANCE
        for agency in sorted(flexible, key=lambda a: (-misses[a], rng.random()))[:absent]:
            status[agency, day] = "apologies"
            misses[agency] -= 1
    others = [day for day in MEETINGS_2017_18 if day not in LOWEST_ATTENDANCE_MEETINGS]
    for agency in sorted(flexible, key=lambda a: -misses[a]):
        room = [
            day
            for day in others
            if present(day) > LOWEST_ATTENDANCE + 1 and status[agency, day] == "attended"
        ]
        room.sort(key=lambda day: (-present(day), rng.random()))
        if len(room) < misses[agency]:
            raise ValueError(f"cannot place the absences of {agency}")
        for day in room[: misses[agency]]:
            status[agency, day] = "apologies"
    for agency, count in WRITTEN_FEEDBACK_2017_18.items():
        missed = [day for day in MEETINGS_2017_18 if status[agency, day] == "apologies"]
        for day in rng.sample(missed, count):
            status[agency, day] = "written_feedback"
    for (agency, day), value in sorted(status.items(), key=lambda item: (item[0][1], item[0][0])):
        rows.append({"meeting_date": day, "agency": agency, "status": value})

    # 2016/17: each agency attends about as often as in 2017/18.
    for day in MEETINGS_2016_17:
        for agency, attended in ATTENDANCE_2017_18.items():
            rate = attended / len(MEETINGS_2017_18)
            value = (
                "attended"
                if rng.random() < rate
                else rng.choice(["apologies", "written_feedback", "absent"])
            )
            rows.append({"meeting_date": day, "agency": agency, "status": value})
    return rows


def _non_core_attendance(rng: random.Random) -> list[dict]:
    """A row only for the 2017/18 meetings a non-core agency attended or sent written feedback
    to: it is not expected at the others. None in 2016/17 (the report does not say)."""
    rows = []
    for agency, (attended, written, signed_up) in NON_CORE_ATTENDANCE_2017_18.items():
        open_to = [day for day in MEETINGS_2017_18 if signed_up is None or day >= signed_up]
        days = rng.sample(open_to, attended + written)
        for index, day in enumerate(sorted(days)):
            status = "attended" if index < attended else "written_feedback"
            rows.append({"meeting_date": day, "agency": agency, "status": status})
    return rows
