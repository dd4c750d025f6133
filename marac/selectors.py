"""Reads: the stored MARAC records as the DataFrames `marac.figures` expects, and lookups.

Rows are fetched with `values_list` straight into DataFrame constructors (no model instances),
so a year of a large MARAC loads in a fraction of a second.
"""

import datetime
from typing import NamedTuple

import numpy as np
import pandas as pd
from django.db.models import Q

from marac.definitions import check_no_overlap, parameter_periods, versions_for_period
from marac.figures import (
    ACTION_COLUMNS,
    ATTENDANCE_COLUMNS,
    CATEGORIES,
    DISCUSSION_COLUMNS,
    categorise,
    marac_figures,
)
from marac.models import (
    Action,
    Attendance,
    Benchmark,
    CoreAgency,
    DefinitionVersion,
    Discussion,
    IdvaStatus,
    MaracImport,
    MaracMeeting,
    Population,
    Report,
    ReviewAction,
    SwacaStatus,
)
from marac.report import build_report
from sscp.models import Area, AreaType, Organisation

# Database lookups in the order of figures.DISCUSSION_COLUMNS.
_DISCUSSION_LOOKUPS = {
    "meeting_date": "meeting__date",
    "victim_ref": "victim_ref",
    "perpetrator_ref": "perpetrator_ref",
    "incident_date": "incident_date",
    "referral_date": "referral_date",
    "referring_agency": "referring_agency__name",
    "referring_agency_group": "referring_agency__group",
    "referral_basis": "referral_basis",
    "victim_sex": "victim_sex",
    "victim_age": "victim_age",
    "victim_ethnicity": "victim_ethnicity",
    "victim_lgbt": "victim_lgbt",
    "victim_disability": "victim_disability",
    "perpetrator_age": "perpetrator_age",
    "children": "children",
    "pregnant": "pregnant",
    "ward": "ward__name",
    "locality": "ward__parent__name",
    "idva_status": "idva_status__code",
    "idva_engagement": "idva_status__engagement",
    "closed_marac": "closed_marac",
    "swaca_status": "swaca_status__code",
    "swaca_engagement": "swaca_status__engagement",
}
assert tuple(_DISCUSSION_LOOKUPS) == DISCUSSION_COLUMNS


class Frames(NamedTuple):
    discussions: pd.DataFrame
    actions: pd.DataFrame
    attendance: pd.DataFrame


def marac_frames(start: datetime.date, end: datetime.date) -> Frames:
    """The period's records, plus every earlier discussion of the period's victims.

    Earlier discussions of other victims cannot change a category in the period, so they are
    not loaded.
    """
    in_period = Q(meeting__date__gte=start, meeting__date__lte=end)
    victims = Discussion.objects.filter(in_period).values("victim_ref")
    discussions = Discussion.objects.filter(meeting__date__lte=end, victim_ref__in=victims)
    rows = discussions.values_list(*_DISCUSSION_LOOKUPS.values())
    frame = pd.DataFrame.from_records(list(rows), columns=list(DISCUSSION_COLUMNS))
    # A ward's parent is its locality only when the register says so.
    localities = _ward_localities()
    if len(frame):
        frame["locality"] = frame["ward"].map(localities)
    actions = Action.objects.filter(
        discussion__meeting__date__gte=start, discussion__meeting__date__lte=end
    ).values_list(
        "discussion__meeting__date", "discussion__victim_ref", "agency__name", "completed_date"
    )
    attendance = Attendance.objects.filter(
        meeting__date__gte=start, meeting__date__lte=end
    ).values_list("meeting__date", "agency__name", "status")
    return Frames(
        _with_dates(frame, ["meeting_date", "incident_date", "referral_date"]),
        _with_dates(
            pd.DataFrame.from_records(list(actions), columns=list(ACTION_COLUMNS)),
            ["meeting_date", "completed_date"],
        ),
        _with_dates(
            pd.DataFrame.from_records(list(attendance), columns=list(ATTENDANCE_COLUMNS)),
            ["meeting_date"],
        ),
    )


def _with_dates(frame: pd.DataFrame, columns) -> pd.DataFrame:
    """Date columns as datetime64 once, at load, rather than parsed again by every figure."""
    for column in columns:
        # numpy reads datetime.date and None (as NaT) directly: far faster than parsing.
        days = np.array(frame[column].tolist(), dtype="datetime64[D]")
        frame[column] = pd.Series(days.astype("datetime64[ns]"), index=frame.index)
    return frame


def _ward_localities() -> dict[str, str]:
    from sscp.models import Area

    wards = Area.objects.filter(area_type=AreaType.WARD, parent__area_type=AreaType.LOCALITY)
    return dict(wards.values_list("name", "parent__name"))


def adult_female_population(start: datetime.date) -> int | None:
    """The population of the period's first year, or the latest earlier one."""
    row = Population.objects.filter(year__lte=start.year).order_by("-year").first()
    row = row or Population.objects.order_by("year").first()
    return row.adult_female_16_plus if row else None


# `figures_for_period`'s population when the caller has not looked it up.
FROM_RECORDS = object()


def figures_for_period(start, end, *, population: int | None | object = FROM_RECORDS) -> dict:
    """The figures of [start, end]; `population` None means none is known (no expected volume).

    By default the population comes from the records (`adult_female_population`); a caller
    that has looked it up already passes it, even when it is None.
    """
    frames = marac_frames(start, end)
    if population is FROM_RECORDS:
        population = adult_female_population(start)
    return marac_figures(
        frames.discussions,
        frames.actions,
        frames.attendance,
        start=start,
        end=end,
        adult_female_population=population,
        core_agencies=core_agencies(),
        **definition_parameters(end),
    )


def categories_per_meeting(start, end) -> list[dict]:
    """New / repeat / returning counts per meeting of the period (case level: coordinator only).

    Categories come from `figures.categorise` over each victim's whole history, as in the
    figures themselves.
    """
    discussions = marac_frames(start, end).discussions
    if not len(discussions):
        return []
    months = definition_parameters(end).get("monitoring_months", ())
    frame = discussions[["meeting_date"]].assign(category=categorise(discussions, months))
    frame = frame[
        (frame["meeting_date"] >= pd.Timestamp(start))
        & (frame["meeting_date"] <= pd.Timestamp(end))
    ]
    counts = frame.groupby(["meeting_date", "category"]).size().unstack(fill_value=0)
    rows = []
    for day, row in counts.sort_index().iterrows():
        cells = {name: int(row.get(name, 0)) for name in CATEGORIES}
        rows.append({"meeting_date": day.date(), **cells, "cases": sum(cells.values())})
    return rows


def benchmarks_for(day: datetime.date) -> dict[str, Benchmark]:
    """The benchmark of each figure that applied on `day` (latest valid_from wins)."""
    rows = Benchmark.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    result = {}
    for benchmark in rows.order_by("figure", "-valid_from"):
        result.setdefault(benchmark.figure, benchmark)
    return result


_VERSION_FIELDS = ("key", "text", "version", "parameter", "source", "valid_from", "valid_to")


def definitions_for_period(start: datetime.date, end: datetime.date) -> dict:
    """Per report section, the version(s) of its definitions in force during [start, end]."""
    rows = DefinitionVersion.objects.filter(valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    rows = list(rows.values(*_VERSION_FIELDS))
    check_no_overlap(rows)  # overlapping versions: `OverlappingVersions`, naming them
    return versions_for_period(rows, start, end)


def definition_parameters(end: datetime.date) -> dict[str, list[tuple]]:
    """The recorded parameters of the definitions up to `end`, as `marac_figures` takes them:
    each discussion and action then follows the version in force on its meeting date."""
    rows = DefinitionVersion.objects.filter(valid_from__lte=end, parameter__isnull=False)
    rows = list(rows.values(*_VERSION_FIELDS))
    check_no_overlap(rows)  # overlapping versions: `OverlappingVersions`, naming them
    return parameter_periods(rows)


def report_contents(start, end, *, exact: bool = True, suppressed: bool = True) -> dict:
    """The report's content for [start, end] from the records as they stand: "restricted"
    (exact) and / or "circulation" (suppressed), sharing one computation of the figures."""
    population = adult_female_population(start)
    figures = figures_for_period(start, end, population=population)
    common = {
        "benchmarks": benchmarks_for(end),
        "population": population,
        "start": start,
        "end": end,
        "idva_labels": idva_labels(),
        "swaca_labels": swaca_labels(),
        "core_agencies": core_agencies(),
        "definitions": definitions_for_period(start, end),
    }
    contents = {}
    if exact:
        per_meeting = categories_per_meeting(start, end)
        contents["restricted"] = build_report(
            figures, exact=True, per_meeting=per_meeting, **common
        )
    if suppressed:
        contents["circulation"] = build_report(figures, exact=False, **common)
    return contents


def report_content(start, end, *, exact: bool) -> dict:
    """One variant of `report_contents`."""
    contents = report_contents(start, end, exact=exact, suppressed=not exact)
    return contents["restricted" if exact else "circulation"]


def review_action_rows() -> list[dict]:
    """The review action plan as the report prints (and an issued report stores) it."""
    return [
        {
            "section": item.section,
            "priority": item.priority,
            "action": item.action,
            "owner": item.owner,
            "progress": item.progress,
            "deadline": item.deadline,
            "rag": item.rag,
            "rag_label": item.get_rag_display(),
        }
        for item in ReviewAction.objects.all()
    ]


def core_agencies() -> list[str]:
    """The names of the core MARAC agencies (empty: every agency counts as core)."""
    return list(CoreAgency.objects.values_list("organisation__name", flat=True))


def attendance_agencies(start, end) -> list[str]:
    """The agencies of a period's attendance tables, as the report lists them: the core
    agencies, then the others recorded at its meetings (every one, when none is core)."""
    core = core_agencies()
    recorded = sorted(
        set(
            Attendance.objects.filter(meeting__date__gte=start, meeting__date__lte=end)
            .values_list("agency__name", flat=True)
            .distinct()
        )
        - set(core)
    )
    return [*core, *recorded]


def idva_labels() -> dict[str, str]:
    return dict(IdvaStatus.objects.values_list("code", "label"))


def swaca_labels() -> dict[str, str]:
    return dict(SwacaStatus.objects.values_list("code", "label"))


def meeting_dates(start=None, end=None) -> list[datetime.date]:
    meetings = MaracMeeting.objects.all()
    if start:
        meetings = meetings.filter(date__gte=start)
    if end:
        meetings = meetings.filter(date__lte=end)
    return list(meetings.values_list("date", flat=True))


def latest_financial_year() -> tuple[datetime.date, datetime.date] | None:
    """April to March of the latest meeting on record (the report's usual period)."""
    last = MaracMeeting.objects.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    year = last.year if last.month >= 4 else last.year - 1
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def case_list(start, end):
    """Case-level rows for the coordinator's case list (callers log the access)."""
    return (
        Discussion.objects.filter(meeting__date__gte=start, meeting__date__lte=end)
        .select_related("meeting", "referring_agency", "ward", "idva_status", "swaca_status")
        .order_by("-meeting__date", "victim_ref")
    )


def import_reference_values() -> dict[str, list[tuple[str, str]]]:
    """The values of the import columns that are data, by column: (value, description) pairs
    for the upload page (`marac.import_guide.guide`)."""
    agencies = [
        (organisation.name, f"also {organisation.short_name}" if organisation.short_name else "")
        for organisation in Organisation.objects.only("name", "short_name")
    ]
    return {
        "idva_status": list(IdvaStatus.objects.values_list("code", "label")),
        "swaca_status": list(SwacaStatus.objects.values_list("code", "label")),
        "ward": [
            (f"{name} ({code})", "")
            for name, code in Area.objects.filter(area_type=AreaType.WARD)
            .order_by("name")
            .values_list("name", "code")
        ],
        "referring_agency": agencies,
        "agency": agencies,
    }


def recent_uploads_by(user, limit: int = 5) -> list[MaracImport]:
    """The user's last uploads (refused ones too), newest first, for their home page."""
    return list(MaracImport.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")[:limit])


def last_quarter(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last quarter (April-June, July-September, ...) ended before ``today``."""
    first_month = (today.month - 1) // 3 * 3 + 1  # this quarter's first month
    end = datetime.date(today.year, first_month, 1) - datetime.timedelta(days=1)
    start = datetime.date(end.year, end.month - 2, 1)
    return start, end


def reports_due(today: datetime.date) -> dict:
    """What the coordinator owes: reports whose period has ended but which are not issued, and
    the last quarter when no report covers it yet (``missing``, a (start, end) pair or None)."""
    current = Report.objects.filter(withdrawn_at__isnull=True)
    start, end = last_quarter(today)
    covered = current.filter(start__lte=start, end__gte=end).exists()
    return {
        "to_issue": list(current.filter(issued_at__isnull=True, end__lt=today).order_by("end")),
        "missing": None if covered else (start, end),
    }
