"""The definitions that govern the MARAC figures, and which version of each applied to a period.

Definitions change over time (SafeLives has reworded "repeat"), so they are data:
`DefinitionVersion` rows with the dates each version applied. This module names the
definitions (one per report section, or several) and holds the wording of the rules this code
implements (the spec's), printed when no version is recorded for a period.

Two definitions have a parameter the figures follow: the repeat definition's monitoring period
(12 calendar months in the spec) and the action timescale (10 working days). A version records
its value; each discussion (or action) is counted under the version in force on its meeting
date, so a version added for later dates leaves the figures of earlier periods as they were.
Pure: no Django.
"""

import datetime
from dataclasses import dataclass

# The spec's values of the parameters, which `marac.figures` follows where no version is recorded
# (here, not in figures.py, so that the models need not import pandas).
MONITORING_MONTHS = 12
ACTION_TIMESCALE_WORKING_DAYS = 10


@dataclass(frozen=True)
class Parameter:
    """A number a definition sets and the figures follow, with the bounds a version may give."""

    name: str  # the keyword argument of `marac.figures.marac_figures` taking its periods
    label: str
    unit: str
    default: int  # the spec's value, used for dates no version covers
    low: int
    high: int

    def describe(self, value: int) -> str:
        return f"{self.label}: {value} {self.unit}."

    def error(self, value) -> str | None:
        """Why `value` cannot be this parameter, or None when it can."""
        if value is None:
            return f"Give the {self.label.lower()} ({self.unit}, {self.low} to {self.high})."
        if not self.low <= value <= self.high:
            return (
                f"The {self.label.lower()} must be from {self.low} to {self.high} {self.unit}; "
                f"{value} is outside."
            )
        return None


@dataclass(frozen=True)
class Definition:
    key: str
    section: str  # the report section whose figures it governs
    title: str
    text: str  # the rules as `marac.figures` implements them (the spec's wording)
    parameter: Parameter | None = None


DEFINITIONS = (
    Definition(
        "expected_volume",
        "referrals",
        "Cases discussed and expected volume",
        "Cases are discussions at MARAC meetings held in the period. SafeLives expects 40 "
        "cases a year per 10,000 adult (16+) women, pro rata to the period's length in days "
        "/ 365.",
    ),
    Definition(
        "repeat",
        "repeat",
        "Repeat and returning cases",
        "A discussion opens a 12-month monitoring period (meeting date + 12 calendar months, "
        "inclusive), restarted by each discussion. A later discussion whose trigger date "
        "(referral date, or meeting date when blank) falls inside the open monitoring period "
        "is a repeat when the person causing harm is the same as at the previous discussion "
        "(a blank reference counts as the same) and a new perpetrator case when it differs. "
        "After the monitoring period has ended the case is returning, with the same or a "
        "different perpetrator, and is not a repeat. Repeat rate = repeats / cases discussed.",
        Parameter(
            "monitoring_months", "Monitoring period", "calendar months", MONITORING_MONTHS, 1, 24
        ),
    ),
    Definition(
        "professional_judgement",
        "professional_judgement",
        "Professional judgement",
        "Cases referred on the professional judgement of the referrer, rather than on the risk "
        "tool threshold (DASH 14+ ticks, police MERIT New Gold), potential escalation or "
        "transfer from another MARAC.",
    ),
    Definition(
        "police_referrals",
        "agencies",
        "Referrals per agency",
        "A referral counts for the agency that made it; police referrals are those from an "
        "agency in the police group. Police share = police referrals / cases discussed.",
    ),
    Definition(
        "children",
        "children",
        "Children and pregnancies",
        "Children: the number of children in the victim's household, summed over cases. "
        "Pregnancies: cases where the victim is recorded as pregnant.",
    ),
    Definition(
        "diversity",
        "diversity",
        "Diversity",
        "BAME: any recorded ethnicity other than White British. LGBT and disability: recorded "
        "as yes (unknown counts as no). Male: victim recorded as M. Aged 16-17: victim's age "
        "at referral. Shares are of all cases discussed.",
    ),
    Definition(
        "attendance",
        "attendance",
        "Agency attendance",
        "An agency attends a meeting when it is present; written feedback sent instead is "
        "shown beside attendance but is not attendance. Meetings held: meetings with cases or "
        "attendance records in the period.",
    ),
    Definition(
        "action_timeliness",
        "actions",
        "Action timeliness",
        "Each action agreed at a meeting in the period is in the first bucket that applies: "
        "within timescale (completed within 10 working days of the meeting), within 1, 2, 3 "
        "or 4 months (completed on or before the meeting date + that many calendar months), "
        "over 4 months, or outstanding (not completed by the report's end date).",
        Parameter(
            "action_timescale_days",
            "Timescale",
            "working days",
            ACTION_TIMESCALE_WORKING_DAYS,
            1,
            20,
        ),
    ),
    Definition(
        "working_days",
        "timeliness",
        "Working days and time to MARAC",
        "Working days are Monday to Friday except bank holidays in England and Wales; the "
        "working days from a to b are those after a up to and including b. Incident to "
        "referral, referral to MARAC and incident to MARAC are averaged over cases with both "
        "dates; incident to MARAC should take at most 30 working days (6 weeks).",
    ),
    Definition(
        "wards",
        "wards",
        "Cases by ward and locality",
        "The electoral ward recorded for the case, and its locality in the area register.",
    ),
    Definition(
        "idva_engagement",
        "idva",
        "IDVA engagement",
        "The case's IDVA status at the time of the meeting; later changes are not counted.",
    ),
    Definition(
        "swaca_engagement",
        "swaca",
        "SWACA engagement",
        "The case's SWACA status at the time of the meeting. Eligible: statuses counting as "
        "open to SWACA or as eligible but not open; the share is open / eligible cases.",
    ),
)
BY_KEY = {definition.key: definition for definition in DEFINITIONS}
KEY_CHOICES = [(definition.key, definition.title) for definition in DEFINITIONS]
PARAMETERS = {d.key: d.parameter for d in DEFINITIONS if d.parameter is not None}


def _row(version) -> dict:
    return version if isinstance(version, dict) else vars(version)


def parameter_error(key: str, value) -> str | None:
    """Why a version of definition `key` cannot have `value` as its parameter, or None."""
    parameter = PARAMETERS.get(key)
    if parameter is None:
        return None if value is None else f"{BY_KEY[key].title} has no parameter: leave it blank."
    return parameter.error(value)


def overlapping(version, others):
    """The first of `others` (same definition) whose dates overlap `version`'s, or None."""
    row = _row(version)
    end = row["valid_to"] or datetime.date.max
    for other in others:
        other_row = _row(other)
        if other_row["valid_from"] <= end and (
            other_row["valid_to"] is None or other_row["valid_to"] >= row["valid_from"]
        ):
            return other
    return None


class OverlappingVersions(ValueError):
    """Two recorded versions of one definition apply on the same dates (stored around the
    model's validation, e.g. by a bulk load): no figure can say which one it follows."""

    def __init__(self, first, second):
        self.first, self.second = _row(first), _row(second)
        self.key = self.first["key"]
        definition = BY_KEY.get(self.key)
        self.title = definition.title if definition else self.key
        super().__init__(
            f'The definition "{self.title}" has two versions in force on the same dates: '
            f"{_describe(self.first)} and {_describe(self.second)}. The figures cannot say "
            "which one a case follows. An administrator must end one version the day before "
            "the other starts (Django admin, MARAC definition versions)."
        )


def _describe(row: dict) -> str:
    until = f"to {row['valid_to']:%-d %B %Y}" if row["valid_to"] else "with no end date"
    return f"version {row['version']}, from {row['valid_from']:%-d %B %Y} {until}"


def check_no_overlap(versions) -> None:
    """Raise `OverlappingVersions` for the first two versions of a definition that overlap."""
    by_key: dict[str, list] = {}
    for version in versions:
        by_key.setdefault(_row(version)["key"], []).append(version)
    for rows in by_key.values():
        rows.sort(key=lambda version: _row(version)["valid_from"])
        for index, version in enumerate(rows):
            other = overlapping(version, rows[index + 1 :])
            if other is not None:
                raise OverlappingVersions(version, other)


def parameter_periods(versions) -> dict[str, list[tuple]]:
    """The recorded parameters as `marac_figures` takes them: {argument: [(from, to, value)]}.

    A version recorded without a value (there should be none: the model requires it) leaves
    its dates to the spec's value.
    """
    periods: dict[str, list[tuple]] = {}
    for version in versions:
        row = _row(version)
        parameter = PARAMETERS.get(row["key"])
        if parameter is None or row.get("parameter") is None:
            continue
        periods.setdefault(parameter.name, []).append(
            (row["valid_from"], row["valid_to"], row["parameter"])
        )
    return periods


@dataclass(frozen=True)
class AppliedVersion:
    """One version of a definition as a report prints it."""

    key: str
    title: str
    text: str
    version: str  # "" for the built-in wording
    source: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    parameter_value: int | None = None  # the value the figures followed, if it has a parameter

    @property
    def recorded(self) -> bool:
        return bool(self.version)

    @property
    def parameter(self) -> str:
        """The parameter as a sentence: "Monitoring period: 12 calendar months."."""
        parameter = BY_KEY[self.key].parameter
        return parameter.describe(self.parameter_value) if parameter else ""


def _built_in(definition: Definition, valid_from=None, valid_to=None) -> AppliedVersion:
    default = definition.parameter.default if definition.parameter else None
    return AppliedVersion(
        definition.key, definition.title, definition.text, "", "", valid_from, valid_to, default
    )


def _gaps(versions: list[AppliedVersion], start, end) -> list[tuple]:
    """The parts of [start, end] no version covers (there the built-in rules applied)."""
    gaps, day = [], start
    for version in versions:
        if version.valid_from > day:
            gaps.append((day, version.valid_from - datetime.timedelta(days=1)))
        if version.valid_to is None or version.valid_to >= end:
            return gaps
        day = max(day, version.valid_to + datetime.timedelta(days=1))
    return [*gaps, (day, end)]


def versions_for_period(versions, start: datetime.date, end: datetime.date) -> dict:
    """Per report section, the versions of its definitions that applied in [start, end].

    `versions` are the recorded versions (objects or dicts with key, text, version, source,
    valid_from, valid_to and, optionally, parameter). A definition reworded during the period
    has several versions, each shown with its dates and parameter; the dates of the period no
    version covers (all of it, when none is recorded) get the built-in wording, the rules the
    figures follow there.
    """
    applied: dict[str, list[AppliedVersion]] = {}
    for version in versions:
        row = _row(version)
        definition = BY_KEY.get(row["key"])
        if definition is None:
            continue
        if row["valid_from"] > end or (row["valid_to"] and row["valid_to"] < start):
            continue
        applied.setdefault(definition.key, []).append(
            AppliedVersion(
                definition.key,
                definition.title,
                row["text"],
                row["version"],
                row.get("source", ""),
                row["valid_from"],
                row["valid_to"],
                _recorded_value(definition, row.get("parameter")),
            )
        )
    by_section: dict[str, list[list[AppliedVersion]]] = {}
    for definition in DEFINITIONS:
        found = sorted(applied.get(definition.key, []), key=lambda v: v.valid_from)
        if not found:
            found = [_built_in(definition)]
        else:
            gaps = [_built_in(definition, *gap) for gap in _gaps(found, start, end)]
            found = sorted([*found, *gaps], key=lambda v: v.valid_from)
        by_section.setdefault(definition.section, []).append(found)
    return by_section


def _recorded_value(definition: Definition, value) -> int | None:
    # A version without a value leaves the figures to the spec's (see `parameter_periods`).
    if definition.parameter is None:
        return None
    return definition.parameter.default if value is None else value


def parameter_values(versions: list[AppliedVersion]) -> list[int]:
    """The distinct values a definition's parameter took in a period, in date order."""
    values = []
    for version in versions:
        if version.parameter_value is not None and version.parameter_value not in values:
            values.append(version.parameter_value)
    return values
