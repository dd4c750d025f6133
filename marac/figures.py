"""MARAC performance figures, computed from case-level records held in pandas DataFrames.

Pure functions: no Django, no database. Callers load the three import tables (discussions,
actions, attendance) into DataFrames whose columns carry the import column names of the spec
(MARAC spec: "Import files"), with `referring_agency` already resolved to the agency's name and
two columns the import resolves from the reference data: `referring_agency_group` (the
agency's group, e.g. "police") and `locality` (the ward's locality, e.g. "South").

SWACA engagement is an extension to the spec's columns: `swaca_status` (the status code) and
`swaca_engagement` (what the status means, resolved from the reference data: "open",
"not_open" or "not_eligible"). Frames without them count as having no SWACA status recorded.

Everything returned is plain Python (int, float, str, None, dict) so it can go straight into
JSON, a template or a CSV.

Definitions with a parameter change over time (the monitoring period of a repeat, the timescale
of an action), so callers pass each as periods: `(valid_from, valid_to, value)`, either date
None for open-ended. Each discussion (or action) follows the value in force on its meeting date;
dates no period covers follow the spec's value (`MONITORING_MONTHS`,
`ACTION_TIMESCALE_WORKING_DAYS`).
"""

import datetime
from collections.abc import Sequence

import numpy as np
import pandas as pd

from marac.definitions import ACTION_TIMESCALE_WORKING_DAYS, MONITORING_MONTHS
from sscp.workdays import working_days, working_days_between

DISCUSSION_COLUMNS = (
    "meeting_date",
    "victim_ref",
    "perpetrator_ref",
    "incident_date",
    "referral_date",
    "referring_agency",
    "referring_agency_group",
    "referral_basis",
    "victim_sex",
    "victim_age",
    "victim_ethnicity",
    "victim_lgbt",
    "victim_disability",
    "perpetrator_age",
    "children",
    "pregnant",
    "ward",
    "locality",
    "idva_status",
    "idva_engagement",
    "closed_marac",
    "swaca_status",
    "swaca_engagement",
)
# Optional discussion columns: blank when a frame (or an older file) has none.
SWACA_COLUMNS = ("swaca_status", "swaca_engagement")
OPTIONAL_COLUMNS = (*SWACA_COLUMNS, "idva_engagement")
ACTION_COLUMNS = ("meeting_date", "victim_ref", "agency", "completed_date")
ATTENDANCE_COLUMNS = ("meeting_date", "agency", "status")

CATEGORIES = (
    "new",
    "repeat",
    "new_perpetrator",
    "returning_same_perpetrator",
    "returning_new_perpetrator",
)
BUCKETS = (
    "within_timescale",
    "within_1_month",
    "within_2_months",
    "within_3_months",
    "within_4_months",
    "over_4_months",
    "outstanding",
)
ATTENDANCE_STATUSES = ("attended", "written_feedback", "apologies", "absent")

INCIDENT_TO_MARAC_MAX_WORKING_DAYS = 30
SAFELIVES_CASES_PER_10000_WOMEN = 40
POLICE_GROUP = "police"
PROFESSIONAL_JUDGEMENT = "professional_judgement"
SWACA_OPEN = "open"
SWACA_ELIGIBLE = ("open", "not_open")

# (valid_from, valid_to, value) periods of a definition's parameter; None = open-ended.
Periods = Sequence[tuple[datetime.date | None, datetime.date | None, int]]

# Monthly counts that are flags or sums over discussions, in the order reports show them.
_MONTHLY_COUNTS = (
    "cases",
    *CATEGORIES,
    "professional_judgement",
    "police_referrals",
    "children",
    "pregnancies",
    "bame",
    "lgbt",
    "disability",
    "male",
    "victims_16_17",
    "swaca_eligible",
    "swaca_open",
)
_AVERAGES = (
    "avg_wd_incident_to_referral",
    "avg_wd_referral_to_marac",
    "avg_wd_incident_to_marac",
)


def _dates(values) -> pd.Series:
    """Dates as datetime64 at midnight: accepts datetime.date, Timestamps, ISO strings, None."""
    return pd.to_datetime(pd.Series(values), errors="raise").dt.normalize()


def _text(values: pd.Series) -> pd.Series:
    """Stripped text with blanks as missing, so "" and None mean the same."""
    try:
        text = values.str.strip()
    except AttributeError:  # no strings at all (every value blank)
        text = values.astype("string").str.strip()
    return text.where(text != "")


def _yes(values: pd.Series) -> pd.Series:
    """True only for a recorded yes; unknown (None) counts as no."""
    return values.astype("boolean").fillna(False).astype(bool)


def _number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="raise")


def _require(frame: pd.DataFrame, columns, name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame lacks columns: {', '.join(missing)}")


def _plus_months(dates: pd.Series, months: int | pd.Series) -> pd.Series:
    """Calendar months, clipped to the month's end: 31 January + 1 month = 28 February."""
    if not isinstance(months, pd.Series):
        return dates + pd.DateOffset(months=months)
    values = months.unique()
    if len(values) == 1:
        return dates + pd.DateOffset(months=int(values[0]))
    result = pd.Series(pd.NaT, index=dates.index, dtype=dates.dtype)
    for value in values:
        rows = months == value
        result[rows] = dates[rows] + pd.DateOffset(months=int(value))
    return result


def _checked_periods(periods: Periods, name: str) -> list[tuple]:
    """The periods as Timestamps, refused when one ends before it starts or two overlap."""
    checked = []
    for valid_from, valid_to, value in periods:
        low = pd.Timestamp(valid_from) if valid_from is not None else pd.Timestamp.min
        high = pd.Timestamp(valid_to) if valid_to is not None else pd.Timestamp.max
        if high < low:
            raise ValueError(f"{name}: the period from {valid_from} ends before it starts")
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(
                f"{name}: {value!r} (from {valid_from}) is not a positive whole number"
            )
        checked.append((low, high, int(value), valid_from))
    checked.sort(key=lambda period: period[0])
    for (_, high, _, first), (low, _, _, second) in zip(checked, checked[1:], strict=False):
        if low <= high:
            raise ValueError(f"{name}: the periods from {first} and from {second} overlap")
    return checked


def _in_force(dates: pd.Series, periods: Periods, default: int, name: str) -> pd.Series:
    """The value in force on each date: that of the period holding it, else `default`."""
    values = pd.Series(default, index=dates.index, dtype="int64")
    for low, high, value, _ in _checked_periods(periods, name):
        values[(dates >= low) & (dates <= high)] = value
    return values


def categorise(discussions: pd.DataFrame, monitoring_months: Periods = ()) -> pd.Series:
    """The case category of every discussion, decided by the victim's whole history.

    A discussion opens a monitoring period (12 calendar months by default; `monitoring_months`
    gives other lengths for the dates they applied) and each discussion restarts it. A later
    discussion is inside the previous one's period when its trigger (its referral date, or its
    meeting date when that is blank) is on or before the previous meeting date + the months in
    force on the later discussion's own meeting date: each discussion is classified by the
    definition of its meeting's day. Blank perpetrator references count as the perpetrator of
    the previous discussion; a named perpetrator following discussions where none was
    identified also counts as the same one, because nothing shows a change.
    """
    victims = discussions["victim_ref"]
    meeting = _dates(discussions["meeting_date"]).set_axis(discussions.index)
    referral = _dates(discussions["referral_date"]).set_axis(discussions.index)
    history = pd.DataFrame(
        {
            "victim": victims,
            "meeting": meeting,
            "trigger": referral.fillna(meeting),
            "perpetrator": _text(discussions["perpetrator_ref"]),
        },
        index=discussions.index,
    ).sort_values(["victim", "meeting"], kind="stable")

    by_victim = history.groupby("victim", sort=False)
    previous_meeting = by_victim["meeting"].shift()
    perpetrator = by_victim["perpetrator"].ffill()
    previous_perpetrator = perpetrator.groupby(history["victim"], sort=False).shift()

    first = previous_meeting.isna()
    months = _in_force(
        history["meeting"], monitoring_months, MONITORING_MONTHS, "monitoring_months"
    )
    still_open = history["trigger"] <= _plus_months(previous_meeting, months)
    same = (
        perpetrator.isna()
        | previous_perpetrator.isna()
        | (perpetrator == previous_perpetrator).fillna(False)
    )
    conditions = [first, still_open & same, still_open, same]
    categories = np.select(
        [np.asarray(condition, dtype=bool) for condition in conditions],
        ["new", "repeat", "new_perpetrator", "returning_same_perpetrator"],
        default="returning_new_perpetrator",
    )
    return pd.Series(categories, index=history.index, name="category").reindex(discussions.index)


def action_bucket(
    meeting_date, completed_date, report_end, timescale: int = ACTION_TIMESCALE_WORKING_DAYS
) -> str:
    """Timeliness of one action as at the report's end date (first bucket that applies).

    `timescale`: the working days of "within timescale" in force on the meeting date.
    """
    if completed_date is None or pd.isna(completed_date):
        return "outstanding"
    meeting = pd.Timestamp(meeting_date).normalize()
    completed = pd.Timestamp(completed_date).normalize()
    if completed > pd.Timestamp(report_end):
        return "outstanding"
    if working_days(meeting, completed) <= timescale:
        return "within_timescale"
    for months, bucket in enumerate(BUCKETS[1:5], start=1):
        if completed <= meeting + pd.DateOffset(months=months):
            return bucket
    return "over_4_months"


def action_buckets(
    meeting_dates, completed_dates, report_end, action_timescale_days: Periods = ()
) -> pd.Series:
    """`action_bucket` over whole columns at once, each action with the timescale in force on
    its meeting date (`action_timescale_days` periods; 10 working days elsewhere)."""
    meeting = _dates(meeting_dates)
    completed = _dates(completed_dates).set_axis(meeting.index)
    done = completed.notna() & (completed <= pd.Timestamp(report_end))
    elapsed = working_days_between(meeting, completed)
    timescale = _in_force(
        meeting, action_timescale_days, ACTION_TIMESCALE_WORKING_DAYS, "action_timescale_days"
    )
    conditions = [~done, elapsed <= timescale]
    conditions += [completed <= _plus_months(meeting, months) for months in range(1, 5)]
    choices = ["outstanding", *BUCKETS[:5]]
    return pd.Series(np.select(conditions, choices, default="over_4_months"), index=meeting.index)


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _average(values: pd.Series) -> float | None:
    values = values.dropna()
    return round(float(values.mean()), 2) if len(values) else None


def _counts(values: pd.Series) -> dict[str, int]:
    """Counts per non-blank value, largest first, ties by name."""
    counts = _text(values).dropna().value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {str(key): int(count) for key, count in ordered}


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    return [period.strftime("%Y-%m") for period in pd.period_range(start, end, freq="M")]


def _in_period(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    return (dates >= start) & (dates <= end)


def _discussions_in_period(discussions, start, end, monitoring_months=()) -> pd.DataFrame:
    """Discussions of the period with their category, decided over their victims' history."""
    meeting = _dates(discussions["meeting_date"]).set_axis(discussions.index)
    in_period = _in_period(meeting, start, end)
    victims = discussions.loc[in_period, "victim_ref"].unique()
    # Only the history of victims discussed in the period can change its categories.
    relevant = (meeting <= end) & discussions["victim_ref"].isin(victims)
    history = discussions.loc[relevant].assign(meeting_date=meeting[relevant])
    category = categorise(history, monitoring_months)
    period = history.loc[in_period[relevant]]
    return period.assign(category=category[period.index])


def _indicators(period: pd.DataFrame) -> pd.DataFrame:
    """One row per discussion, one column per monthly count (0/1 flags or numbers)."""
    ethnicity = _text(period["victim_ethnicity"])
    victim_age = _number(period["victim_age"])
    flags = {
        "cases": pd.Series(1, index=period.index),
        **{name: period["category"] == name for name in CATEGORIES},
        "professional_judgement": period["referral_basis"] == PROFESSIONAL_JUDGEMENT,
        "police_referrals": period["referring_agency_group"] == POLICE_GROUP,
        "children": _number(period["children"]).fillna(0),
        "pregnancies": _yes(period["pregnant"]),
        "bame": ethnicity.notna() & (ethnicity.str.lower() != "white british").fillna(False),
        "lgbt": _yes(period["victim_lgbt"]),
        "disability": _yes(period["victim_disability"]),
        "male": (_text(period["victim_sex"]).str.upper() == "M").fillna(False),
        "victims_16_17": victim_age.isin([16, 17]),
        # The seed's SWACA figures: eligible cases, and those open to SWACA at the meeting.
        "swaca_eligible": period["swaca_engagement"].isin(SWACA_ELIGIBLE),
        "swaca_open": period["swaca_engagement"] == SWACA_OPEN,
    }
    return pd.DataFrame(flags).astype("int64")


def _working_day_intervals(period: pd.DataFrame) -> pd.DataFrame:
    incident = _dates(period["incident_date"]).set_axis(period.index)
    referral = _dates(period["referral_date"]).set_axis(period.index)
    meeting = period["meeting_date"]
    return pd.DataFrame(
        {
            "avg_wd_incident_to_referral": working_days_between(incident, referral),
            "avg_wd_referral_to_marac": working_days_between(referral, meeting),
            "avg_wd_incident_to_marac": working_days_between(incident, meeting),
        },
        index=period.index,
    )


def _by_month(period, indicators, intervals, months) -> dict:
    month = period["meeting_date"].dt.strftime("%Y-%m")
    sums = indicators.groupby(month).sum().to_dict("index")
    means = intervals.groupby(month).mean().to_dict("index")
    dated = intervals["avg_wd_incident_to_marac"].notna().groupby(month).sum()
    referrals = _nested_counts(period.groupby([month, "referring_agency"]).size())
    idva = _nested_counts(period.groupby([month, _text(period["idva_status"])]).size())
    result = {}
    for key in months:
        row = {name: int(value) for name, value in sums.get(key, {}).items()}
        row = row or dict.fromkeys(indicators.columns, 0)
        row["cases_with_incident_date"] = int(dated.get(key, 0))
        for name in _AVERAGES:
            value = means.get(key, {}).get(name, np.nan)
            row[name] = None if pd.isna(value) else round(float(value), 2)
        row["referrals"] = referrals.get(key, {})
        row["idva"] = idva.get(key, {})
        result[key] = row
    return result


def _nested_counts(counts: pd.Series) -> dict[str, dict[str, int]]:
    """{outer: {inner: count}} from a two-level count, largest first within each outer key."""
    nested: dict[str, dict[str, int]] = {}
    for (outer, inner), count in sorted(
        counts.items(), key=lambda item: (item[0][0], -item[1], item[0][1])
    ):
        nested.setdefault(str(outer), {})[str(inner)] = int(count)
    return nested


def _attendance(attendance, period, start, end) -> dict:
    """Per agency: meetings attended, written feedback sent instead, meetings held, rate.

    Only `attended` counts as attendance, as in the partnership's reports: written feedback
    is useful but is not a seat at the table, so it is reported beside attendance instead.
    A meeting is held when it has discussions or attendance records in the period.
    """
    meeting = _dates(attendance["meeting_date"]).set_axis(attendance.index)
    rows = attendance.loc[_in_period(meeting, start, end)].assign(meeting_date=meeting)
    held = len(set(period["meeting_date"]) | set(rows["meeting_date"]))
    per_status = rows.groupby(["agency", "status"])["meeting_date"].nunique()
    result = {}
    for agency in sorted(rows["agency"].unique()):
        attended = int(per_status.get((agency, "attended"), 0))
        result[str(agency)] = {
            "attended": attended,
            "written_feedback": int(per_status.get((agency, "written_feedback"), 0)),
            "held": held,
            "rate": _share(attended, held),
        }
    return dict(sorted(result.items(), key=lambda item: -item[1]["attended"]))


def _extremes(waits: pd.Series) -> dict:
    """The longest and shortest incident-to-MARAC waits and how many cases had each (the seed:
    "the longest ... 46 days", "the shortest ... 10 days ... a total of 5 cases")."""
    waits = waits.dropna()
    if waits.empty:
        return dict.fromkeys(_EXTREMES)
    longest, shortest = int(waits.max()), int(waits.min())
    return {
        "longest_wd_incident_to_marac": longest,
        "cases_at_longest": int((waits == longest).sum()),
        "shortest_wd_incident_to_marac": shortest,
        "cases_at_shortest": int((waits == shortest).sum()),
    }


_EXTREMES = (
    "longest_wd_incident_to_marac",
    "cases_at_longest",
    "shortest_wd_incident_to_marac",
    "cases_at_shortest",
)


def _attendance_per_meeting(attendance, start, end, core_agencies=()) -> dict:
    """How many agencies attended each meeting with attendance records: the average, the
    fewest (and on which dates) and the most, of how many agencies recorded (the seed: "on
    average ... 14 out of the 17 core agencies", "the lowest ... 11 agencies ... on 2
    occasions"). Meetings, not people: never suppressed."""
    meeting = _dates(attendance["meeting_date"]).set_axis(attendance.index)
    rows = attendance.loc[_in_period(meeting, start, end)].assign(meeting_date=meeting)
    if len(core_agencies):
        rows = rows.loc[rows["agency"].isin(list(core_agencies))]
    if rows.empty:
        return {}
    present = (
        rows.loc[rows["status"] == "attended"]
        .groupby("meeting_date")["agency"]
        .nunique()
        .reindex(sorted(rows["meeting_date"].unique()), fill_value=0)
    )
    fewest = int(present.min())
    return {
        "core": bool(len(core_agencies)),
        "agencies": int(rows["agency"].nunique()),
        "average": round(float(present.mean()), 2),
        "fewest": fewest,
        "fewest_on": [day.strftime("%Y-%m-%d") for day in present.index[present == fewest]],
        "most": int(present.max()),
    }


def _actions(actions, start, end, action_timescale_days) -> dict:
    meeting = _dates(actions["meeting_date"]).set_axis(actions.index)
    rows = actions.loc[_in_period(meeting, start, end)]
    buckets = action_buckets(
        meeting[rows.index], rows["completed_date"], end, action_timescale_days
    )
    counts = buckets.value_counts()
    cases = rows.assign(meeting_date=meeting[rows.index])[["meeting_date", "victim_ref"]]
    return {
        "actions_total": len(rows),
        "actions_by_bucket": {bucket: int(counts.get(bucket, 0)) for bucket in BUCKETS},
        "actions_by_agency": _counts(rows["agency"]),
        "cases_with_actions": len(cases.drop_duplicates()),
    }


def expected_cases(adult_female_population, start, end) -> float | None:
    """SafeLives' recommended volume (40 per 10,000 women aged 16+), pro rata to the period."""
    if adult_female_population is None:
        return None
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days + 1
    per_year = SAFELIVES_CASES_PER_10000_WOMEN * adult_female_population / 10_000
    return round(per_year * days / 365, 2)


def marac_figures(
    discussions: pd.DataFrame,
    actions: pd.DataFrame,
    attendance: pd.DataFrame,
    *,
    start: datetime.date,
    end: datetime.date,
    adult_female_population: int | None = None,
    monitoring_months: Periods = (),
    action_timescale_days: Periods = (),
    core_agencies: Sequence[str] = (),
) -> dict:
    """Every figure of a MARAC performance report for the period [start, end].

    `core_agencies` (names) limit the agencies attending each meeting to the core ones; empty:
    every agency recorded.

    `discussions` should hold the whole history (or at least every earlier discussion of the
    period's victims): a victim's earlier discussions decide whether a discussion in the
    period is new, a repeat or a returning case. `monitoring_months` and
    `action_timescale_days` are the versioned parameters of the repeat and action-timeliness
    definitions (see the module's docstring); without them the spec's 12 months and 10 days.
    """
    discussions = _checked_discussions(discussions)
    _require(actions, ACTION_COLUMNS, "actions")
    _require(attendance, ATTENDANCE_COLUMNS, "attendance")
    start, end = pd.Timestamp(start), pd.Timestamp(end)

    period = _discussions_in_period(discussions, start, end, monitoring_months)
    indicators = _indicators(period)
    totals = {name: int(value) for name, value in indicators.sum().items()}
    intervals = _working_day_intervals(period)
    cases = len(period)
    action_figures = _actions(actions, start, end, action_timescale_days)

    figures = {
        "meetings": int(period["meeting_date"].nunique()),
        "cases_discussed": cases,
        "expected_cases": expected_cases(adult_female_population, start, end),
        **{name: totals[name] for name in CATEGORIES},
        "repeat_rate": _share(totals["repeat"], cases),
        "police_referrals": totals["police_referrals"],
        "police_share": _share(totals["police_referrals"], cases),
        "professional_judgement": totals["professional_judgement"],
        "bame_share": _share(totals["bame"], cases),
        "lgbt_share": _share(totals["lgbt"], cases),
        "disability_share": _share(totals["disability"], cases),
        "male_share": _share(totals["male"], cases),
        "victims_16_17": totals["victims_16_17"],
        "perpetrators_under_18": int((_number(period["perpetrator_age"]) <= 17).sum()),
        "children": totals["children"],
        "pregnancies": totals["pregnancies"],
        "actions_total": action_figures["actions_total"],
        "actions_by_bucket": action_figures["actions_by_bucket"],
        **{name: _average(intervals[name]) for name in _AVERAGES},
        "over_30_working_days": int(
            (intervals["avg_wd_incident_to_marac"] > INCIDENT_TO_MARAC_MAX_WORKING_DAYS).sum()
        ),
        "by_month": _by_month(period, indicators, intervals, _months(start, end)),
        "by_ward": _counts(period["ward"]),
        "by_locality": _counts(period["locality"]),
        "attendance": _attendance(attendance, period, start, end),
        "attendance_per_meeting": _attendance_per_meeting(attendance, start, end, core_agencies),
        "idva": _counts(period["idva_status"]),
        # Beyond the spec's table (extension): SWACA engagement, as the seed report has it.
        "swaca_eligible": totals["swaca_eligible"],
        "swaca_open": totals["swaca_open"],
        "swaca_share": _share(totals["swaca_open"], totals["swaca_eligible"]),
        "swaca": _counts(period["swaca_status"]),
        "swaca_engagement": _status_engagement(period),
        **_idva_engagement(period),
        # Beyond the spec's table: what the published report also states or needs to group.
        "cases_with_incident_date": int(intervals["avg_wd_incident_to_marac"].notna().sum()),
        **_extremes(intervals["avg_wd_incident_to_marac"]),
        "cases_with_actions": action_figures["cases_with_actions"],
        "actions_by_agency": action_figures["actions_by_agency"],
        # The report charts which agencies refer repeat cases and use professional judgement.
        "repeat_by_agency": _counts(period.loc[indicators["repeat"] == 1, "referring_agency"]),
        "professional_judgement_by_agency": _counts(
            period.loc[indicators["professional_judgement"] == 1, "referring_agency"]
        ),
        "closed_marac": int(_yes(period["closed_marac"]).sum()),
        # The report states how cases came (transfers in) and on what basis closed MARAC
        # cases were referred ("3 ... professional judgement whilst 2 scored as high risk").
        "cases_by_referral_basis": _counts(period["referral_basis"]),
        "closed_marac_by_referral_basis": _counts(
            period.loc[_yes(period["closed_marac"]), "referral_basis"]
        ),
        "ward_localities": _ward_localities(period),
        "referring_agency_groups": _agency_groups(period),
    }
    return figures


# The counts of each meeting in `figures_per_meeting`, named as `marac_figures` names them.
PER_MEETING_COUNTS = (
    "cases_discussed",
    *_MONTHLY_COUNTS[1:],
    "perpetrators_under_18",
    "actions_total",
)


def figures_per_meeting(
    discussions: pd.DataFrame,
    actions: pd.DataFrame,
    *,
    start: datetime.date,
    end: datetime.date,
    monitoring_months: Periods = (),
) -> list[dict]:
    """The counts of every meeting of the period, in one pass over the period's records.

    Each row equals `marac_figures` over that meeting's day alone (same keys; `male`, `bame`,
    `lgbt` and `disability` are the counts behind the shares): a discussion's category depends
    only on the victim's earlier discussions, so the period's categories serve every meeting.
    """
    discussions = _checked_discussions(discussions)
    _require(actions, ACTION_COLUMNS, "actions")
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    period = _discussions_in_period(discussions, start, end, monitoring_months)
    if not len(period):
        return []
    counts = _indicators(period).rename(columns={"cases": "cases_discussed"})
    counts["perpetrators_under_18"] = (_number(period["perpetrator_age"]) <= 17).astype("int64")
    per_meeting = counts.groupby(period["meeting_date"]).sum()
    action_meeting = _dates(actions["meeting_date"]).set_axis(actions.index)
    agreed = action_meeting[_in_period(action_meeting, start, end)].value_counts()
    per_meeting["actions_total"] = agreed.reindex(per_meeting.index, fill_value=0)
    return [
        {"meeting_date": day.date(), **{key: int(row[key]) for key in PER_MEETING_COUNTS}}
        for day, row in per_meeting.sort_index().iterrows()
    ]


def _checked_discussions(discussions: pd.DataFrame) -> pd.DataFrame:
    """The discussions with every column: the spec's required, the optional ones (SWACA, what
    the IDVA status counts as) blank if absent."""
    required = [column for column in DISCUSSION_COLUMNS if column not in OPTIONAL_COLUMNS]
    _require(discussions, required, "discussions")
    missing = [column for column in OPTIONAL_COLUMNS if column not in discussions.columns]
    return discussions.assign(**dict.fromkeys(missing, None)) if missing else discussions


IDVA_REFERRED = ("referred", "assessed")
IDVA_ASSESSED = "assessed"


def _idva_engagement(period: pd.DataFrame) -> dict:
    """The seed's "497 cases ... referred to [the IDVA team]" and "assessments and safety
    planning with 20% of cases": None when no status says what it counts as."""
    engagement = period["idva_engagement"]
    if not engagement.notna().any():
        return dict.fromkeys(
            ("idva_referred", "idva_assessed", "idva_assessed_share", "idva_status_engagement")
        )
    referred = int(engagement.isin(IDVA_REFERRED).sum())
    assessed = int((engagement == IDVA_ASSESSED).sum())
    pairs = period[["idva_status", "idva_engagement"]].dropna().drop_duplicates()
    return {
        "idva_referred": referred,
        "idva_assessed": assessed,
        "idva_assessed_share": _share(assessed, referred),
        "idva_status_engagement": {
            str(status): str(meaning) for status, meaning in sorted(pairs.itertuples(False))
        },
    }


def _status_engagement(period: pd.DataFrame) -> dict[str, str]:
    """What each SWACA status of the period means, so partners' views can be protected."""
    pairs = period[["swaca_status", "swaca_engagement"]].dropna().drop_duplicates()
    return {str(status): str(engagement) for status, engagement in sorted(pairs.itertuples(False))}


def _ward_localities(period: pd.DataFrame) -> dict[str, str]:
    pairs = period[["ward", "locality"]].dropna().drop_duplicates()
    return {
        str(ward).strip(): str(locality).strip()
        for ward, locality in sorted(pairs.itertuples(False))
    }


def _agency_groups(period: pd.DataFrame) -> dict[str, str]:
    pairs = period[["referring_agency", "referring_agency_group"]].dropna().drop_duplicates()
    return {str(agency): str(group) for agency, group in sorted(pairs.itertuples(False))}
