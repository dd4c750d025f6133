"""The MARAC performance report's content: sections, tables, benchmarks and RAG statuses.

One builder serves the dashboard, the HTML and PDF report and the CSV export, so partners see
the same suppressed numbers everywhere. For partners, `suppress_figures` hides the small counts
of the figures; each table is then checked again against its own totals (a row total minus the
other cells must not give a hidden cell back).
"""

import calendar
import dataclasses
import datetime
import functools
from dataclasses import dataclass, field
from html import escape  # Django's escape, without its lazy-string wrapper: tables call it often

from django.utils.safestring import mark_safe

from marac.definitions import parameter_values
from marac.figures import ACTION_TIMESCALE_WORKING_DAYS, BUCKETS, CATEGORIES
from marac.models import ReferralBasis
from marac.suppression import SMALL, WITHHELD, hidden_cells, is_small, suppress_figures

SECTIONS = [
    ("referrals", "MARAC referrals"),
    ("repeat", "Repeat and returning cases"),
    ("professional_judgement", "Professional judgement"),
    ("agencies", "Referrals per agency"),
    ("children", "Children and pregnancies"),
    ("diversity", "Diversity"),
    ("attendance", "Agency attendance"),
    ("actions", "Actions"),
    ("timeliness", "Time from incident to MARAC"),
    ("wards", "Cases by ward and locality"),
    ("idva", "IDVA engagement"),
    ("swaca", "SWACA engagement"),
]
SECTION_TITLES = dict(SECTIONS)
# The coordinator's commentary: an introduction (the seed opens with one), each section, and
# the review (the seed's account of the MARAC review before its action plan).
COMMENTARY = [("introduction", "Introduction"), *SECTIONS, ("review", "MARAC review")]
# Stored with the commentary (so frozen on issue with it): agency name -> the coordinator's
# comment, printed in the attendance tables' Comments column (the seed's Table 12).
ATTENDANCE_COMMENTS = "attendance_comments"
ATTENDANCE_COMMENT_MAX = 500

CATEGORY_LABELS = {
    "new": "New",
    "repeat": "Repeat",
    "new_perpetrator": "New perpetrator while open",
    "returning_same_perpetrator": "Returning, same perpetrator",
    "returning_new_perpetrator": "Returning, different perpetrator",
}
BUCKET_LABELS = {
    "within_timescale": "Within timescale",  # + the working days in force (`_timescale_label`)
    "within_1_month": "Within 1 month",
    "within_2_months": "Within 2 months",
    "within_3_months": "Within 3 months",
    "within_4_months": "Within 4 months",
    "over_4_months": "Over 4 months",
    "outstanding": "Outstanding",
}
DIVERSITY = {
    "bame": "BAME",
    "lgbt": "LGBT",
    "disability": "Disability",
    "male": "Male",
    "victims_16_17": "Aged 16-17",
}
SHARES = {
    "repeat_rate": "Repeat rate",
    "police_share": "Police referrals",
    "bame_share": "BAME victims",
    "lgbt_share": "LGBT victims",
    "disability_share": "Victims with a disability",
    "male_share": "Male victims",
}
BENCHMARK_ORDER = (
    "cases_per_10000_women",
    "repeat_rate",
    "police_share",
    "bame_share",
    "lgbt_share",
    "disability_share",
    "male_share",
    "avg_wd_incident_to_marac",
)
AMBER_MARGIN = 0.2  # within 20% of the band's edge is amber, further is red


@dataclass
class Table:
    key: str
    caption: str
    label_header: str
    columns: list[tuple[str, str]]
    rows: list[dict]  # {"label": str, key: value}
    counts: list[str]  # the columns holding counts of people, cases or actions
    total_column: str | None = None
    total_row: bool = False
    formats: dict = field(default_factory=dict)  # column -> "percent" | "decimal"
    chart: dict | None = None
    # column -> (numerator, denominator): a rate blanked where either count is hidden.
    ratios: dict = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # columns of words: not right-aligned

    def display_rows(self) -> list[list[str]]:
        return [
            [
                row["label"],
                *(_display(row.get(key), self.formats.get(key)) for key, _ in self.columns),
            ]
            for row in self.rows
        ]

    def html(self) -> str:
        """The table's GOV.UK markup, built in Python: the template engine is too slow for
        tables of hundreds of cells. Every text is escaped."""
        numeric = [False, *(key not in self.texts for key, _ in self.columns)]
        head = "".join(
            f'<th scope="col" class="govuk-table__header{_NUMERIC_HEAD if is_numeric else ""}">'
            f"{escape(str(header))}</th>"
            for is_numeric, header in zip(numeric, self.headers, strict=True)
        )
        body = "".join(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{escape(str(row[0]))}</th>'
            + "".join(
                f"{_TEXT_CELL if key in self.texts else _NUMERIC_CELL}{escape(cell)}</td>"
                for (key, _), cell in zip(self.columns, row[1:], strict=True)
            )
            + "</tr>"
            for row in self.display_rows()
        )
        return mark_safe(  # noqa: S308 - every text above is escaped
            f'<table class="govuk-table app-marac-table" id="table-{escape(self.key)}">'
            f'<caption class="govuk-table__caption govuk-table__caption--s">'
            f"{escape(self.caption)}</caption>"
            f'<thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>'
            f'<tbody class="govuk-table__body">{body}</tbody></table>'
        )

    @property
    def headers(self) -> list[str]:
        return [self.label_header, *(label for _, label in self.columns)]


_NUMERIC_HEAD = " govuk-table__header--numeric"
_NUMERIC_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">'
_TEXT_CELL = '<td class="govuk-table__cell">'


def _display(value, kind=None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "decimal":
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


@functools.cache
def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{calendar.month_abbr[int(month)]} {year}"


# -- benchmarks and RAG ----------------------------------------------------------------------


def rag_status(value, low, high) -> str | None:
    """Green inside the band, amber within 20% of its edge, red further out."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if (low is None or value >= low) and (high is None or value <= high):
        return "green"
    edge = low if low is not None and value < low else high
    gap = abs(value - edge) / edge if edge else 1
    return "amber" if gap <= AMBER_MARGIN else "red"


def annual_rate_per_10000(cases, population, start, end):
    if not isinstance(cases, int) or not population:
        return None
    days = (end - start).days + 1
    return cases / (population / 10_000) * 365 / days


def benchmark_rows(figures, benchmarks, *, population, start, end) -> list[dict]:
    """Each benchmarked figure: value, band, national figure, RAG, source."""
    values = {name: figures.get(name) for name in SHARES}
    values["avg_wd_incident_to_marac"] = figures.get("avg_wd_incident_to_marac")
    values["cases_per_10000_women"] = annual_rate_per_10000(
        figures.get("cases_discussed"), population, start, end
    )
    rows = []
    for key in BENCHMARK_ORDER:
        benchmark = benchmarks.get(key)
        if benchmark is None:
            continue
        kind = "percent" if key.endswith(("_share", "_rate")) else "decimal"
        value = values[key]
        rows.append(
            {
                "key": key,
                "label": benchmark.label,
                "value": _display(value, kind),
                "band": _band(benchmark.low, benchmark.high, kind),
                "national": _display(benchmark.national_value, kind)
                if benchmark.national_value is not None
                else "–",
                "national_note": benchmark.national_note,
                "rag": rag_status(value, benchmark.low, benchmark.high),
                "source": benchmark.source,
                "denominator": benchmark.denominator,
            }
        )
    return rows


def _band(low, high, kind) -> str:
    def show(value):
        return f"{value:.1%}" if kind == "percent" else f"{value:g}"

    if low is not None and high is not None:
        return f"{show(low)} to {show(high)}"
    if low is not None:
        return f"at least {show(low)}"
    if high is not None:
        return f"at most {show(high)}"
    return "–"


# -- tables ----------------------------------------------------------------------------------


def _sum(values):
    return sum(values) if all(isinstance(v, int) for v in values) else WITHHELD


def _month_rows(figures, columns, *, total_from=None):
    rows = []
    for month, row in figures["by_month"].items():
        rows.append({"label": month_label(month), **{key: row.get(key) for key in columns}})
    rows.append(
        {
            "label": "Total",
            **{key: (total_from or {}).get(key, _sum([r[key] for r in rows])) for key in columns},
        }
    )
    return rows


def _monthly_rate(figures, *, count_key, key, caption, benchmark) -> Table:
    """A monthly share (count / cases), blank where either count is hidden, with the band of
    the figure's benchmark (from the Benchmark table) when there is one."""
    rows = []
    for month, row in figures["by_month"].items():
        count, cases = row.get(count_key), row.get("cases")
        known = isinstance(count, int) and isinstance(cases, int) and cases
        rows.append({"label": month_label(month), key: count / cases if known else None})
    chart = {"type": "line", "series": [key]}
    if benchmark is not None and benchmark.low is not None and benchmark.high is not None:
        chart["band"] = (benchmark.low, benchmark.high)
        chart["band_name"] = f"Recommended {_band(benchmark.low, benchmark.high, 'percent')}"
    return Table(
        key=key,
        caption=caption,
        label_header="Month",
        columns=[(key, caption.split(" per month")[0])],
        rows=rows,
        counts=[],
        formats={key: "percent"},
        chart=chart,
    )


def _by_agency(figures: dict, *, key: str, total: str, caption: str) -> Table:
    rows = [{"label": agency, key: n} for agency, n in figures[key].items()]
    rows.append({"label": "Total", key: figures[total]})
    return Table(
        key=key,
        caption=caption,
        label_header="Referring agency",
        columns=[(key, "Cases")],
        rows=rows,
        counts=[key],
        total_row=True,
        chart={"type": "hbar", "series": [key], "skip_total": True},
    )


def _monthly_counts(figures, *, key, caption, columns, chart, total_column=None) -> Table:
    """A count per month with the year's total row (taken from the figures, not re-added)."""
    keys = [column for column, _ in columns]
    return Table(
        key=key,
        caption=caption,
        label_header="Month",
        columns=columns,
        rows=_month_rows(figures, keys, total_from={k: figures[_TOTALS.get(k, k)] for k in keys}),
        counts=keys,
        total_column=total_column,
        total_row=True,
        chart=chart,
    )


_TOTALS = {"cases": "cases_discussed"}  # a monthly column whose year total is named otherwise


def _timescale_label(definitions: dict) -> str:
    """ "Within timescale (10 working days)", with each timescale in force during the period."""
    values = [
        value
        for versions in definitions.get("actions", [])
        if versions and versions[0].key == "action_timeliness"
        for value in parameter_values(versions)
    ] or [ACTION_TIMESCALE_WORKING_DAYS]
    return f"{BUCKET_LABELS['within_timescale']} ({', then '.join(map(str, values))} working days)"


@dataclass(frozen=True)
class _Context:
    """What the tables need besides the figures: labels, benchmarks and definitions."""

    expected_per_month: float | None
    idva_labels: dict
    benchmarks: dict
    swaca_labels: dict
    definitions: dict
    core_agencies: list[str]


def _referrals(figures: dict, context: _Context) -> list[Table]:
    chart = {"type": "bar", "series": ["cases"]}
    chart |= {"line": context.expected_per_month, "line_name": "Expected (SafeLives)"}
    cases = _monthly_counts(
        figures,
        key="cases_per_month",
        caption="Table 1: cases discussed per month",
        columns=[("cases", "Cases discussed")],
        chart=chart,
    )
    return [cases]


def _repeat(figures: dict, context: _Context) -> list[Table]:
    categories = list(CATEGORIES)
    split = _monthly_counts(
        figures,
        key="case_categories",
        caption="Table 2: new, repeat and returning cases per month",
        columns=[*[(c, CATEGORY_LABELS[c]) for c in categories], ("cases", "All cases")],
        total_column="cases",
        chart={"type": "stack", "series": categories},
    )
    rate = _monthly_rate(
        figures,
        count_key="repeat",
        key="repeat_rate",
        caption="Repeat rate per month",
        benchmark=context.benchmarks.get("repeat_rate"),
    )
    by_agency = _by_agency(
        figures, key="repeat_by_agency", total="repeat", caption="Repeat cases by referring agency"
    )
    return [split, rate, by_agency]


def _professional_judgement(figures: dict, context: _Context) -> list[Table]:
    per_month = _monthly_counts(
        figures,
        key="professional_judgement",
        caption="Table 5: cases referred on professional judgement per month",
        columns=[("professional_judgement", "Professional judgement")],
        chart={"type": "bar", "series": ["professional_judgement"]},
    )
    by_agency = _by_agency(
        figures,
        key="professional_judgement_by_agency",
        total="professional_judgement",
        caption="Professional judgement referrals by agency",
    )
    return [per_month, _referral_basis_table(figures), by_agency]


def _agencies(figures: dict, context: _Context) -> list[Table]:
    months = list(figures["by_month"])
    agencies = sorted({a for row in figures["by_month"].values() for a in row.get("referrals", {})})
    rows = []
    for agency in agencies:
        cells = {m: figures["by_month"][m]["referrals"].get(agency, 0) for m in months}
        rows.append({"label": agency, **cells, "total": _sum(list(cells.values()))})
    rows.sort(key=lambda r: (-(r["total"] if isinstance(r["total"], int) else 0), r["label"]))
    rows.append(
        {
            "label": "Total",
            **{m: figures["by_month"][m]["cases"] for m in months},
            "total": figures["cases_discussed"],
        }
    )
    per_agency = Table(
        key="referrals_per_agency",
        caption="Table 6: cases referred per agency each month",
        label_header="Agency",
        columns=[*((m, month_label(m)) for m in months), ("total", "Total")],
        rows=rows,
        counts=[*months, "total"],
        total_column="total",
        total_row=True,
        chart={"type": "hbar", "series": ["total"], "skip_total": True},
    )
    police = _monthly_rate(
        figures,
        count_key="police_referrals",
        key="police_share",
        caption="Share of cases referred by the police",
        benchmark=context.benchmarks.get("police_share"),
    )
    return [per_agency, police]


def _children(figures: dict, context: _Context) -> list[Table]:
    children = _monthly_counts(
        figures,
        key="children_pregnancies",
        caption="Tables 7 and 8: children and pregnancies identified per month",
        columns=[("children", "Children"), ("pregnancies", "Pregnancies")],
        chart={"type": "group", "series": ["children", "pregnancies"]},
    )
    return [children]


def _diversity(figures: dict, context: _Context) -> list[Table]:
    per_month = Table(
        key="diversity",
        caption="Tables 9 to 12: victims by diversity characteristic per month",
        label_header="Month",
        columns=list(DIVERSITY.items()),
        rows=_month_rows(figures, list(DIVERSITY)),
        counts=list(DIVERSITY),
        total_row=True,
        chart={"type": "group", "series": list(DIVERSITY)},
    )
    under_18 = Table(
        key="perpetrators_under_18",
        caption="Persons causing harm aged 17 or under",
        label_header="Person causing harm",
        columns=[("cases", "Cases")],
        rows=[{"label": "Aged 17 or under", "cases": figures["perpetrators_under_18"]}],
        counts=["cases"],
    )
    return [per_month, under_18]


def _attendance(figures: dict, context: _Context) -> list[Table]:
    core = context.core_agencies
    rows = [
        {"label": agency, **{k: row.get(k) for k in ("attended", "written_feedback", "held")}}
        | {"rate": row["rate"]}
        for agency, row in figures["attendance"].items()
        if not core or agency in core
    ]
    tables = [
        Table(
            key="attendance",
            caption="Agency attendance at MARAC meetings",
            label_header="Agency",
            columns=[
                ("attended", "Meetings attended"),
                ("written_feedback", "Written feedback instead"),
                ("held", "Meetings held"),
                ("rate", "Attendance"),
            ],
            rows=rows,
            counts=[],  # meetings, not people: never suppressed
            formats={"rate": "percent"},
            chart={"type": "hbar", "series": ["rate"]},
        )
    ]
    non_core = [
        {
            "label": agency,
            "attended": row["attended"],
            "written_feedback": row.get("written_feedback"),
        }
        for agency, row in figures["attendance"].items()
        if core and agency not in core
    ]
    if non_core:
        tables.append(
            Table(
                key="attendance_non_core",
                caption="Other agencies: meetings attended (they attend when involved in a case)",
                label_header="Agency",
                columns=[
                    ("attended", "Meetings attended"),
                    ("written_feedback", "Written feedback"),
                ],
                rows=non_core,
                counts=[],  # meetings, not people: never suppressed
            )
        )
    per_meeting = figures.get("attendance_per_meeting") or {}
    if per_meeting:
        tables.append(_agencies_per_meeting_table(per_meeting))
    return tables


def _agencies_per_meeting_table(per_meeting: dict) -> Table:
    fewest_on = ", ".join(
        f"{datetime.date.fromisoformat(day):%d/%m/%Y}" for day in per_meeting["fewest_on"]
    )
    of_whom = "core agencies" if per_meeting.get("core") else "recorded"
    return Table(
        key="attendance_per_meeting",
        caption=f"Agencies attending each meeting, of the {per_meeting['agencies']} {of_whom}",
        label_header="Meetings",
        columns=[("agencies", "Agencies attending")],
        rows=[
            {"label": "Average", "agencies": per_meeting["average"]},
            {"label": f"Fewest ({fewest_on})", "agencies": per_meeting["fewest"]},
            {"label": "Most", "agencies": per_meeting["most"]},
        ],
        counts=[],  # meetings, not people: never suppressed
    )


def _actions(figures: dict, context: _Context) -> list[Table]:
    by_agency = [
        {"label": a, "actions": n} for a, n in figures.get("actions_by_agency", {}).items()
    ]
    by_agency.append({"label": "Total", "actions": figures["actions_total"]})
    per_agency = Table(
        key="actions_per_agency",
        caption="Actions agreed per agency",
        label_header="Agency",
        columns=[("actions", "Actions")],
        rows=by_agency,
        counts=["actions"],
        total_row=True,
        chart={"type": "hbar", "series": ["actions"], "skip_total": True},
    )
    labels = {**BUCKET_LABELS, "within_timescale": _timescale_label(context.definitions)}
    buckets = [
        {"label": labels[b], "actions": figures["actions_by_bucket"].get(b)} for b in BUCKETS
    ]
    buckets.append({"label": "Total", "actions": figures["actions_total"]})
    timeliness = Table(
        key="actions_by_timeliness",
        caption="Actions by completion against the meeting date",
        label_header="Completion",
        columns=[("actions", "Actions")],
        rows=buckets,
        counts=["actions"],
        total_row=True,
        chart={"type": "bar", "series": ["actions"], "skip_total": True},
    )
    return [per_agency, timeliness, _cases_with_actions_table(figures)]


_AVERAGE_WAITS = [
    ("avg_wd_incident_to_referral", "Incident to referral"),
    ("avg_wd_referral_to_marac", "Referral to MARAC"),
    ("avg_wd_incident_to_marac", "Incident to MARAC"),
]


def _timeliness(figures: dict, context: _Context) -> list[Table]:
    rows = [
        {"label": month_label(m), **{k: row.get(k) for k, _ in _AVERAGE_WAITS}}
        for m, row in figures["by_month"].items()
    ]
    rows.append({"label": "Year", **{k: figures.get(k) for k, _ in _AVERAGE_WAITS}})
    chart = {"type": "line", "series": [k for k, _ in _AVERAGE_WAITS], "skip_total": True}
    most = context.benchmarks.get("avg_wd_incident_to_marac")
    if most is not None and most.high is not None:
        chart["line"] = most.high
        chart["line_name"] = f"At most {most.high:g} working days ({most.source})"
    working_days = Table(
        key="working_days",
        caption="Average working days per month from incident to referral to MARAC",
        label_header="Month",
        columns=list(_AVERAGE_WAITS),
        rows=rows,
        counts=[],
        formats={k: "decimal" for k, _ in _AVERAGE_WAITS},
        chart=chart,
    )
    return [working_days, _time_figures_cases_table(figures), _extremes_table(figures)]


def _cases_by(figures: dict, *, key, caption, label_header, counts: dict, chart_type) -> Table:
    """Cases per place, with the total of all cases discussed."""
    rows = [{"label": label, "cases": n} for label, n in counts.items()]
    rows.append({"label": "Total", "cases": figures["cases_discussed"]})
    return Table(
        key=key,
        caption=caption,
        label_header=label_header,
        columns=[("cases", "Cases")],
        rows=rows,
        counts=["cases"],
        total_row=True,
        chart={"type": chart_type, "series": ["cases"], "skip_total": True},
    )


def _wards(figures: dict, context: _Context) -> list[Table]:
    localities = figures.get("ward_localities", {})
    by_ward = {
        f"{ward} ({localities.get(ward, 'no locality')})": n
        for ward, n in sorted(figures["by_ward"].items())
    }
    wards = _cases_by(
        figures,
        key="wards",
        caption="Cases per electoral ward",
        label_header="Ward (locality)",
        counts=by_ward,
        chart_type="hbar",
    )
    locality = _cases_by(
        figures,
        key="localities",
        caption="Cases per locality",
        label_header="Locality",
        counts=figures["by_locality"],
        chart_type="bar",
    )
    return [wards, locality]


def _idva(figures: dict, context: _Context) -> list[Table]:
    labels = context.idva_labels
    statuses = [s for s in labels if s in figures["idva"]]
    statuses += [s for s in figures["idva"] if s not in statuses]
    rows = [
        {
            "label": month_label(month),
            **{s: row.get("idva", {}).get(s, 0) for s in statuses},
            "cases": row["cases"],
        }
        for month, row in figures["by_month"].items()
    ]
    rows.append(
        {
            "label": "Total",
            **{s: figures["idva"][s] for s in statuses},
            "cases": figures["cases_discussed"],
        }
    )
    tables = [
        Table(
            key="idva",
            caption="IDVA engagement at the time of the meeting, per month",
            label_header="Month",
            columns=[*[(s, labels.get(s, s)) for s in statuses], ("cases", "All cases")],
            rows=rows,
            counts=[*statuses, "cases"],
            total_column="cases",
            total_row=True,
            chart={"type": "stack", "series": statuses, "skip_total": True},
        )
    ]
    if figures.get("idva_referred") is not None:
        tables.append(_idva_referred_table(figures))
    return tables


def _idva_referred_table(figures: dict) -> Table:
    return Table(
        key="idva_referred",
        caption="Cases referred to the IDVA team, and those with assessment and safety planning "
        "completed at the time of the meeting",
        label_header="Cases",
        columns=[
            ("idva_referred", "Referred to the IDVA team"),
            ("idva_assessed", "Assessment and safety planning completed"),
            ("share", "Completed, share of referred"),
        ],
        rows=[
            {
                "label": "All cases discussed",
                "idva_referred": figures["idva_referred"],
                "idva_assessed": figures["idva_assessed"],
                "share": figures["idva_assessed_share"],
            }
        ],
        counts=["idva_referred", "idva_assessed"],
        formats={"share": "percent"},
        ratios={"share": ("idva_assessed", "idva_referred")},
    )


def _swaca(figures: dict, context: _Context) -> list[Table]:
    return _swaca_tables(figures, context.swaca_labels)


# One builder per report section, in the order of SECTIONS.
_SECTION_TABLES = {
    "referrals": _referrals,
    "repeat": _repeat,
    "professional_judgement": _professional_judgement,
    "agencies": _agencies,
    "children": _children,
    "diversity": _diversity,
    "attendance": _attendance,
    "actions": _actions,
    "timeliness": _timeliness,
    "wards": _wards,
    "idva": _idva,
    "swaca": _swaca,
}


def _tables(figures: dict, context: _Context) -> dict[str, list[Table]]:
    return {key: _SECTION_TABLES[key](figures, context) for key, _ in SECTIONS}


def _minus(total, part):
    """`total - part`, unknown when either is hidden (the table's suppression then decides)."""
    known = isinstance(total, int) and isinstance(part, int)
    return total - part if known else None


def _referral_basis_table(figures: dict) -> Table:
    """The seed's "Closed MARACs" and transfers in: cases per referral basis, and how many of
    each were discussed in a closed (restricted membership) MARAC."""
    cases = figures.get("cases_by_referral_basis", {})
    closed = figures.get("closed_marac_by_referral_basis", {})
    bases = [*ReferralBasis.values, *(b for b in cases if b not in ReferralBasis.values)]
    rows = [
        {
            "label": dict(ReferralBasis.choices).get(basis, basis),
            "cases": cases.get(basis, 0),
            "closed_marac": closed.get(basis, 0),
        }
        for basis in bases
    ]
    rows.append(
        {
            "label": "Total",
            "cases": figures["cases_discussed"],
            "closed_marac": figures["closed_marac"],
        }
    )
    return Table(
        key="referral_basis",
        caption="Cases by referral basis, and those discussed in a closed MARAC",
        label_header="Referral basis",
        columns=[("cases", "Cases"), ("closed_marac", "Discussed in a closed MARAC")],
        rows=rows,
        counts=["cases", "closed_marac"],
        total_row=True,
    )


def _cases_with_actions_table(figures: dict) -> Table:
    """Cases with and without actions agreed, and actions per case (seed: 988 actions for 453
    cases, 87 cases without, 2.18 a case)."""
    cases, with_actions = figures["cases_discussed"], figures["cases_with_actions"]
    actions = figures["actions_total"]
    rows = [
        {"label": "Cases with actions agreed", "cases": with_actions, "actions": actions},
        {"label": "Cases without actions", "cases": _minus(cases, with_actions), "actions": 0},
        {"label": "All cases discussed", "cases": cases, "actions": actions},
    ]
    for row in rows:
        row["per_case"] = _ratio(row["actions"], row["cases"]) if row["actions"] else None
    return Table(
        key="cases_with_actions",
        caption="Cases with and without actions agreed, and actions per case",
        label_header="Cases",
        columns=[("cases", "Cases"), ("actions", "Actions"), ("per_case", "Actions per case")],
        rows=rows,
        counts=["cases", "actions"],
        total_row=True,
        formats={"per_case": "decimal"},
        ratios={"per_case": ("actions", "cases")},
    )


def _time_figures_cases_table(figures: dict) -> Table:
    """Which cases the averages cover (seed: 25 of 540 excluded for want of an incident date)
    and how many of them took over 30 working days (seed: 19 of 515)."""
    cases, dated = figures["cases_discussed"], figures["cases_with_incident_date"]
    over = figures["over_30_working_days"]
    rows = [
        {"label": "With an incident date (in the averages)", "cases": dated, "over_30": over},
        {
            "label": "Without an incident date (left out)",
            "cases": _minus(cases, dated),
            "over_30": 0,
        },
        {"label": "All cases discussed", "cases": cases, "over_30": over},
    ]
    return Table(
        key="cases_in_time_figures",
        caption="Cases in the time figures, and those over 30 working days from incident to MARAC",
        label_header="Cases",
        columns=[("cases", "Cases"), ("over_30", "Over 30 working days")],
        rows=rows,
        counts=["cases", "over_30"],
        total_row=True,
    )


def _extremes_table(figures: dict) -> Table:
    """The longest and shortest waits from incident to MARAC, and how many cases had each."""
    return Table(
        key="incident_to_marac_extremes",
        caption="Longest and shortest time from incident to MARAC",
        label_header="Wait",
        columns=[("working_days", "Working days"), ("cases", "Cases")],
        rows=[
            {
                "label": "Longest",
                "working_days": figures.get("longest_wd_incident_to_marac"),
                "cases": figures.get("cases_at_longest"),
            },
            {
                "label": "Shortest",
                "working_days": figures.get("shortest_wd_incident_to_marac"),
                "cases": figures.get("cases_at_shortest"),
            },
        ],
        counts=["cases"],
    )


def _ratio(count, total):
    known = isinstance(count, int) and isinstance(total, int) and total
    return count / total if known else None


def _swaca_tables(figures: dict, swaca_labels: dict) -> list[Table]:
    """Cases eligible for SWACA support and open to SWACA at the meeting (seed: 505, 117, 23%)."""
    counts = ["swaca_eligible", "swaca_open"]
    rows = _month_rows(figures, counts, total_from={key: figures[key] for key in counts})
    for row in rows:
        row["swaca_share"] = _ratio(row["swaca_open"], row["swaca_eligible"])
    per_month = Table(
        key="swaca",
        caption="Cases eligible for SWACA support and open to SWACA at the time of the meeting, "
        "per month",
        label_header="Month",
        columns=[
            ("swaca_eligible", "Eligible for SWACA"),
            ("swaca_open", "Open to SWACA"),
            ("swaca_share", "Share of eligible cases open"),
        ],
        rows=rows,
        counts=counts,
        total_row=True,
        formats={"swaca_share": "percent"},
        ratios={"swaca_share": ("swaca_open", "swaca_eligible")},
    )
    per_month.chart = {"type": "group", "series": counts, "skip_total": True}
    statuses = [s for s in swaca_labels if s in figures["swaca"]]
    statuses += [s for s in figures["swaca"] if s not in statuses]
    status_rows = [
        {"label": swaca_labels.get(s, s), "cases": figures["swaca"][s]} for s in statuses
    ]
    status_rows.append({"label": "Total", "cases": _sum([r["cases"] for r in status_rows])})
    by_status = Table(
        key="swaca_statuses",
        caption="SWACA status at the time of the meeting",
        label_header="SWACA status",
        columns=[("cases", "Cases")],
        rows=status_rows,
        counts=["cases"],
        total_row=True,
    )
    by_status.chart = {"type": "hbar", "series": ["cases"], "skip_total": True}
    return [per_month, by_status]


def _per_meeting_table(per_meeting: list[dict]) -> Table:
    rows = [
        {"label": f"{row['meeting_date']:%d/%m/%Y}", **{k: row[k] for k in (*CATEGORIES, "cases")}}
        for row in per_meeting
    ]
    table = Table(
        key="categories_per_meeting",
        caption="New, repeat and returning cases per meeting",
        label_header="Meeting",
        columns=[*[(c, CATEGORY_LABELS[c]) for c in CATEGORIES], ("cases", "All cases")],
        rows=rows,
        counts=[*CATEGORIES, "cases"],
        total_column="cases",
    )
    table.chart = {"type": "stack", "series": list(CATEGORIES)}
    return table


def _protect(exact: Table, shown: Table) -> Table:
    """`shown` with the cells hidden in the figures, plus any its own totals would give away."""
    values, forced = {}, set()
    for index, (row, shown_row) in enumerate(zip(exact.rows, shown.rows, strict=True)):
        for column in exact.counts:
            value = row.get(column)
            if isinstance(value, int):
                values[index, column] = value
                if isinstance(shown_row.get(column), str):
                    forced.add((index, column))
    relations = []
    body = range(len(exact.rows) - 1) if exact.total_row else range(len(exact.rows))
    if exact.total_column:
        cells = [c for c in exact.counts if c != exact.total_column]
        relations += [
            ([(i, c) for c in cells], (i, exact.total_column)) for i in range(len(exact.rows))
        ]
    if exact.total_row:
        last = len(exact.rows) - 1
        relations += [([(i, c) for i in body], (last, c)) for c in exact.counts]
    probe = {key: (1 if key in forced else value) for key, value in values.items()}
    hidden = hidden_cells(probe, relations)
    rows = [dict(row) for row in exact.rows]
    for (index, column), _ in hidden.items():
        rows[index][column] = SMALL if is_small(values[index, column]) else WITHHELD
    # Non-count columns (rates, averages) come from the suppressed figures as they are; a rate
    # of counts hidden here would give them back.
    for row, shown_row in zip(rows, shown.rows, strict=True):
        for column, _ in exact.columns:
            if column not in exact.counts:
                row[column] = shown_row.get(column)
        for column, (count, total) in exact.ratios.items():
            if isinstance(row.get(count), str) or isinstance(row.get(total), str):
                row[column] = None
    shown.rows = rows
    return shown


def build_report(
    figures: dict,
    *,
    exact: bool,
    benchmarks: dict,
    population: int | None,
    start: datetime.date,
    end: datetime.date,
    idva_labels: dict,
    per_meeting: list[dict] | None = None,
    swaca_labels: dict | None = None,
    definitions: dict | None = None,
    core_agencies: list[str] | None = None,
) -> dict:
    """Everything a page, PDF or CSV shows for the period, suppressed unless `exact`.

    `per_meeting` (categories per meeting) is shown only when exact: meeting counts would add
    relations to the monthly tables that suppression cell by cell cannot protect.
    `definitions` (`definitions.versions_for_period`) go with their sections.
    """
    definitions = definitions or {}
    shown_figures = figures if exact else suppress_figures(figures)
    months = len(figures["by_month"]) or 1
    expected = figures.get("expected_cases")
    expected_per_month = round(expected / months, 1) if expected else None
    context = _Context(
        expected_per_month=expected_per_month,
        idva_labels=idva_labels,
        benchmarks=benchmarks,
        swaca_labels=swaca_labels or {},
        definitions=definitions,
        core_agencies=core_agencies or [],
    )
    exact_tables = _tables(figures, context)
    tables = _tables(shown_figures, context) if not exact else exact_tables
    sections = []
    for key, title in SECTIONS:
        section_tables = tables[key]
        if not exact:
            section_tables = [
                _protect(e, s) for e, s in zip(exact_tables[key], section_tables, strict=True)
            ]
        if key == "repeat" and exact and per_meeting:
            section_tables = [*section_tables, _per_meeting_table(per_meeting)]
        sections.append(
            {
                "key": key,
                "title": title,
                "tables": section_tables,
                "definitions": definitions.get(key, []),
            }
        )
    headline = [
        ("Meetings", _display(shown_figures["meetings"])),
        ("Cases discussed", _display(shown_figures["cases_discussed"])),
        ("Expected cases (SafeLives)", _display(expected) if expected is not None else "–"),
        ("Repeat rate", _display(shown_figures["repeat_rate"], "percent")),
        ("Police referrals", _display(shown_figures["police_referrals"])),
        ("Professional judgement", _display(shown_figures["professional_judgement"])),
        ("Children", _display(shown_figures["children"])),
        ("Actions agreed", _display(shown_figures["actions_total"])),
        ("Cases over 30 working days", _display(shown_figures["over_30_working_days"])),
    ]
    return {
        "exact": exact,
        "figures": shown_figures,
        "headline": headline,
        "benchmarks": benchmark_rows(
            shown_figures, benchmarks, population=population, start=start, end=end
        ),
        "sections": sections,
    }


def csv_rows(report: dict) -> list[list[str]]:
    """Every table of the report, one after another, for a CSV download."""
    rows = []
    for section in report["sections"]:
        for table in section["tables"]:
            rows.append([table.caption])
            rows.append(table.headers)
            rows += table.display_rows()
            rows.append([])
    return rows


def clean_attendance_comments(comments: dict) -> dict[str, str]:
    """The coordinator's comments per agency as stored: plain text, trimmed, none empty.

    They are escaped wherever shown (`Table.html`, templates), never marked safe."""
    if not isinstance(comments, dict):
        raise ValueError("Attendance comments must be given per agency.")
    cleaned = {}
    for agency, text in comments.items():
        text = str(text or "").replace("\x00", "").strip()
        if len(text) > ATTENDANCE_COMMENT_MAX:
            raise ValueError(
                f"The comment for {agency} is longer than {ATTENDANCE_COMMENT_MAX} characters."
            )
        if text:
            cleaned[str(agency)] = text
    return cleaned


def with_attendance_comments(content: dict, commentary: dict) -> dict:
    """`content` with a Comments column in the attendance tables (core and other agencies),
    from the comments stored with `commentary`: a draft's, or those frozen on issue."""
    comments = (commentary or {}).get(ATTENDANCE_COMMENTS) or {}
    sections = []
    for section in content["sections"]:
        if section["key"] == "attendance":
            section = {
                **section,
                "tables": [
                    _with_comments(table, comments)
                    if table.key in ("attendance", "attendance_non_core")
                    else table
                    for table in section["tables"]
                ],
            }
        sections.append(section)
    return {**content, "sections": sections}


def _with_comments(table: Table, comments: dict) -> Table:
    return dataclasses.replace(
        table,
        columns=[*table.columns, ("comment", "Comments")],
        rows=[{**row, "comment": comments.get(row["label"])} for row in table.rows],
        texts=[*table.texts, "comment"],
    )
