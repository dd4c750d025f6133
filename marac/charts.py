"""plotly figures of the report's tables, as JSON for the page's one chart script.

Each chart is drawn from the table shown beside it, after suppression: a hidden cell is a gap
in the chart, never a bar. Traces and layout are built as plain dicts and handed to
`go.Figure` once: adding traces one by one costs ten times as much.
"""

import json

import plotly.graph_objects as go
import plotly.io as pio

from marac.report import Table
from marac.suppression import SMALL, WITHHELD
from sscp import charts as sscp_charts

_COLOURS = ["#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#505a5f", "#ffdd00", "#5694ca"]


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


SUPPRESSED_NOTE = (
    "Hidden counts (“<5”, “*”) are gaps in the chart, marked with their sign, never bars of zero."
)


def hides_counts(table: Table) -> bool:
    """Whether any value the chart draws is hidden ("<5" or "*"): its caption says how."""
    spec = table.chart
    if not spec or not spec["series"]:
        return False
    rows = _rows(table)
    return any(row.get(series) in (SMALL, WITHHELD) for row in rows for series in spec["series"])


def _shown_end(spec: dict, row: dict) -> float:
    """Where the category's drawn bars end: the top of its stack, or of its tallest bar."""
    shown = [v for s in spec["series"] if (v := _number(row.get(s))) is not None and v > 0]
    if spec["type"] == "stack":
        return sum(shown)
    return max(shown, default=0)


def _suppressed(spec: dict, rows: list[dict], labels: list[str], names: dict) -> list[dict]:
    """One annotation per category with a hidden value: its sign ("<5", "*") just past the
    bars drawn (on the axis when none is), and what is hidden on hover. A line's hidden
    point is a gap in the line, its sign at the foot of the chart."""
    horizontal = spec["type"] == "hbar"
    notes = []
    for label, row in zip(labels, rows, strict=True):
        hidden = [(names[s], row[s]) for s in spec["series"] if row.get(s) in (SMALL, WITHHELD)]
        if not hidden:
            continue
        signs = sorted({sign for _, sign in hidden}, key=[SMALL, WITHHELD].index)
        note = {
            "text": " ".join(signs).replace("<", "&lt;"),
            "hovertext": "; ".join(f"{name}: hidden ({sign})" for name, sign in hidden).replace(
                "<", "&lt;"
            ),
            "showarrow": False,
            "font": {"size": 12, "color": "#0b0c0c"},
        }
        if spec["type"] == "line":
            note.update(x=label, xref="x", y=0, yref="paper", yanchor="bottom")
        elif horizontal:
            note.update(x=_shown_end(spec, row), xref="x", xanchor="left", y=label, yref="y")
        else:
            note.update(x=label, xref="x", y=_shown_end(spec, row), yref="y", yanchor="bottom")
        notes.append(note)
    return notes


def _rows(table: Table) -> list[dict]:
    return table.rows[:-1] if table.chart.get("skip_total") or table.total_row else table.rows


def _traces(table: Table, spec: dict, rows: list[dict]) -> list[dict]:
    labels = [row["label"] for row in rows]
    names = dict(table.columns)
    horizontal = spec["type"] == "hbar"
    traces = []
    for index, series in enumerate(spec["series"]):
        values = [_number(row.get(series)) for row in rows]
        colour = _COLOURS[index % len(_COLOURS)]
        if spec["type"] == "line":
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "x": labels,
                    "y": values,
                    "name": names[series],
                    "line": {"color": colour},
                }
            )
        elif horizontal:
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": labels,
                    "x": values,
                    "name": names[series],
                    "marker": {"color": colour},
                }
            )
        else:
            traces.append(
                {
                    "type": "bar",
                    "x": labels,
                    "y": values,
                    "name": names[series],
                    "marker": {"color": colour},
                }
            )
    if spec.get("line") is not None:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": labels,
                "y": [spec["line"]] * len(labels),
                "name": spec["line_name"],
                "line": {"color": "#d4351c", "dash": "dash"},
            }
        )
    return traces


def table_figure(table: Table) -> go.Figure | None:
    """The chart as a validated plotly Figure (tests check every chart this way)."""
    figure = chart_dict(table)
    return go.Figure(figure) if figure is not None else None


def chart_dict(table: Table) -> dict | None:
    """The chart as a plotly figure dict, unvalidated: the page's hot path. Its layout is the
    shared one (sscp/charts.py); hidden counts are gaps marked with their sign."""
    spec = table.chart
    if not spec or not spec["series"]:
        return None
    rows = _rows(table)
    labels = [row["label"] for row in rows]
    horizontal = spec["type"] == "hbar"
    ticks = sscp_charts.wrapped_ticks(labels)
    percent = table.formats.get(spec["series"][0]) == "percent"
    value_axis = {"tickformat": ".0%"} if percent else {}
    layout = sscp_charts.layout(
        barmode="stack" if spec["type"] == "stack" else "group",
        height=sscp_charts.bar_height(ticks["ticktext"]) if horizontal else 340,
        xaxis=value_axis if horizontal else sscp_charts.CATEGORY_AXIS,
        # A horizontal chart's long agency names wrapped, not squeezing the bars.
        yaxis={"autorange": "reversed", **ticks} if horizontal else value_axis,
        annotations=_suppressed(spec, rows, labels, dict(table.columns)),
    )
    if spec.get("band"):
        low, high = spec["band"]
        layout["shapes"] = [
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": low,
                "y1": high,
                "fillcolor": "#00703c",
                "opacity": 0.12,
                "line": {"width": 0},
            }
        ]
    return {"data": _traces(table, spec, rows), "layout": layout}


# A table this wide, or a chart of bars by agency, is drawn across the page, its table below:
# side by side, the table scrolled and the agencies' names squeezed the bars.
BESIDE_AT_MOST = 2  # value columns


def beside_table(table: Table) -> bool:
    """Whether the chart fits beside its table (half the page each)."""
    return table.chart["type"] != "hbar" and len(table.columns) <= BESIDE_AT_MOST


def chart_note(table: Table) -> str:
    """What the chart's caption adds: how hidden counts are drawn, when it has any."""
    return SUPPRESSED_NOTE if hides_counts(table) else ""


def chart_json(table: Table) -> dict | None:
    """The figure as plain JSON data for Django's json_script, serialised by plotly's encoder.

    Validation (building a `go.Figure`) costs more than the rest of the dashboard together,
    so the page skips it; `table_figure` validates the same dicts in the tests.
    """
    figure = chart_dict(table)
    if figure is None:
        return None
    return json.loads(pio.to_json(figure, validate=False))
