"""plotly figures of the report's tables, as JSON for the page's one chart script.

Each chart is drawn from the table shown beside it, after suppression: a hidden cell is a gap
in the chart, never a bar. Traces and layout are built as plain dicts and handed to
`go.Figure` once: adding traces one by one costs ten times as much.
"""

import json

import plotly.graph_objects as go
import plotly.io as pio

from marac.report import Table

_COLOURS = ["#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#505a5f", "#ffdd00", "#5694ca"]


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


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
    """The chart as a plotly figure dict, unvalidated: the page's hot path."""
    spec = table.chart
    if not spec or not spec["series"]:
        return None
    rows = table.rows[:-1] if spec.get("skip_total") or table.total_row else table.rows
    horizontal = spec["type"] == "hbar"
    percent = table.formats.get(spec["series"][0]) == "percent"
    value_axis = {"tickformat": ".0%"} if percent else {}
    layout = {
        "barmode": "stack" if spec["type"] == "stack" else "group",
        "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
        "height": max(300, 22 * len(rows)) if horizontal else 320,
        "legend": {"orientation": "h"},
        "font": {"family": "Arial, Helvetica, sans-serif"},
        "xaxis": value_axis if horizontal else {},
        "yaxis": {"autorange": "reversed", "automargin": True} if horizontal else value_axis,
    }
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


def chart_json(table: Table) -> dict | None:
    """The figure as plain JSON data for Django's json_script, serialised by plotly's encoder.

    Validation (building a `go.Figure`) costs more than the rest of the dashboard together,
    so the page skips it; `table_figure` validates the same dicts in the tests.
    """
    figure = chart_dict(table)
    if figure is None:
        return None
    return json.loads(pio.to_json(figure, validate=False))
