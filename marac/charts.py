"""plotly figures of the report's tables, as JSON for the page's one chart script.

Each chart is drawn from the table shown beside it, after suppression: a hidden cell is a gap
in the chart, never a bar.
"""

import plotly.graph_objects as go

from marac.report import Table

_COLOURS = ["#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#505a5f", "#ffdd00", "#5694ca"]


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def table_figure(table: Table) -> go.Figure | None:
    spec = table.chart
    if not spec or not spec["series"]:
        return None
    rows = table.rows[:-1] if spec.get("skip_total") or table.total_row else table.rows
    labels = [row["label"] for row in rows]
    names = dict(table.columns)
    figure = go.Figure()
    horizontal = spec["type"] == "hbar"
    for index, series in enumerate(spec["series"]):
        values = [_number(row.get(series)) for row in rows]
        colour = _COLOURS[index % len(_COLOURS)]
        if spec["type"] == "line":
            figure.add_trace(
                go.Scatter(
                    x=labels,
                    y=values,
                    name=names[series],
                    mode="lines+markers",
                    line={"color": colour},
                )
            )
        elif horizontal:
            figure.add_trace(
                go.Bar(
                    y=labels,
                    x=values,
                    name=names[series],
                    orientation="h",
                    marker={"color": colour},
                )
            )
        else:
            figure.add_trace(
                go.Bar(x=labels, y=values, name=names[series], marker={"color": colour})
            )
    if spec.get("line") is not None:
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=[spec["line"]] * len(labels),
                name=spec["line_name"],
                mode="lines",
                line={"color": "#d4351c", "dash": "dash"},
            )
        )
    if spec.get("band"):
        low, high = spec["band"]
        figure.add_hrect(
            y0=low,
            y1=high,
            fillcolor="#00703c",
            opacity=0.12,
            line_width=0,
            annotation_text=spec.get("band_name", ""),
        )
    figure.update_layout(
        barmode="stack" if spec["type"] == "stack" else "group",
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        height=max(300, 22 * len(labels)) if horizontal else 320,
        legend={"orientation": "h"},
        font={"family": "Arial, Helvetica, sans-serif"},
        yaxis={"tickformat": ".0%"}
        if table.formats.get(spec["series"][0]) == "percent" and not horizontal
        else {},
        xaxis={"tickformat": ".0%"}
        if table.formats.get(spec["series"][0]) == "percent" and horizontal
        else {},
    )
    if horizontal:
        figure.update_yaxes(autorange="reversed", automargin=True)
    return figure


def chart_json(table: Table) -> dict | None:
    """The figure as plain JSON data (a dict), for Django's json_script."""
    import json

    figure = table_figure(table)
    return json.loads(figure.to_json()) if figure is not None else None
