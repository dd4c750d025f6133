"""Plotly figures for the dashboards, as plain JSON-ready dicts.

Built in Python and drawn in the browser by static/js/charts.mjs; the same numbers always go in
a table beside the chart (plotly charts have no accessible name of their own). Values are passed
as lists, never numpy arrays, so the figure JSON is stable and testable. The dicts follow
plotly's figure schema; the tests validate every dashboard's figures with `validated`.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import plotly.graph_objects as go
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from assessments.figures import none_if_missing
from assessments.svg import MAP_SCALE
from sscp import charts as sscp_charts

# GOV.UK Design System colours, distinguishable in print.
PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#505a5f", "#f499be", "#85994b"]
LAYOUT = sscp_charts.layout(colorway=PALETTE)


@dataclass
class Chart:
    """A chart, its caption, its numbers as a table and its tidy rows for download."""

    id: str
    title: str
    caption: str
    figure: dict
    columns: list[str]
    rows: list[list]
    export: list[dict] | Callable[[], list[dict]] = field(default_factory=list)
    data_as_at: object = None
    svg: str | Callable[[], str] = ""
    # What every reading of the numbers needs to know (the months a year's figures cover):
    # in the caption, the table's caption and each downloaded row.
    note: str = ""

    # Columns left out of the table when no row has a figure in them (rates needing a
    # population that is not loaded).
    optional_columns: tuple[str, ...] = ()

    def __post_init__(self):
        self.columns, self.rows = without_empty_columns(
            self.columns, self.rows, self.optional_columns
        )

    def export_rows(self) -> list[dict]:
        """The tidy rows behind the chart; large ones are built only when downloaded."""
        return self.export() if callable(self.export) else self.export

    def svg_markup(self) -> str:
        """The static SVG drawing for frozen papers, drawn only when a chart is attached."""
        return self.svg() if callable(self.svg) else self.svg

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def table_body(self) -> SafeString:
        """The table's rows as HTML: the first cell of each row its header, the rest numbers.
        Written here, not in the template: a template loop cost more per cell than the SQL."""
        cells = [escape(str(cell)) for row in self.rows for cell in row]
        html, n = [], 0
        for row in self.rows:
            head, *rest = cells[n : n + len(row)]
            n += len(row)
            html.append(
                f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{head}'
                "</th>"
                + "".join(
                    f'<td class="govuk-table__cell govuk-table__cell--numeric">{cell}</td>'
                    for cell in rest
                )
                + "</tr>"
            )
        return mark_safe("".join(html))  # noqa: S308 - every cell escaped above

    def figure_json(self) -> SafeString:
        """The figure as JSON safe inside <script type="application/json"> (as Django's
        json_script writes it), with any `RawJSON` (outlines) copied in as it is stored."""
        return figure_json(self.figure)


NO_DATA = "No data"
# Cells that hold no figure: a column of nothing else is left out of the table.
EMPTY_CELLS = frozenset({"", NO_DATA})


def without_empty_columns(
    columns: list[str], rows: list[list], optional: tuple[str, ...]
) -> tuple[list[str], list[list]]:
    """The table without those of the ``optional`` columns in which no row has a figure: the
    ranking's "Rate per 1,000 from count and population" when no population is loaded."""
    keep = [
        i
        for i, column in enumerate(columns)
        if column not in optional or any(str(row[i]) not in EMPTY_CELLS for row in rows)
    ]
    if len(keep) == len(columns):
        return columns, rows
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]


class RawJSON:
    """JSON text put into a figure as it is: map outlines, hundreds of kilobytes, would
    otherwise be parsed from the database and written out again on every page."""

    def __init__(self, text: str):
        self.text = text

    def __eq__(self, other):
        return isinstance(other, RawJSON) and other.text == self.text

    def __hash__(self):
        return hash(self.text)


_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def figure_json(figure: dict) -> SafeString:
    raws: list[str] = []

    class Encoder(DjangoJSONEncoder):
        def default(self, o):
            if isinstance(o, RawJSON):
                raws.append(o.text)
                return f"\x00raw{len(raws) - 1}\x00"
            return super().default(o)

    text = json.dumps(figure, cls=Encoder).translate(_SCRIPT_ESCAPES)
    for n, raw in enumerate(raws):
        if "<" in raw or ">" in raw or "&" in raw:
            raw = raw.translate(_SCRIPT_ESCAPES)
        text = text.replace(f'"\\u0000raw{n}\\u0000"', raw, 1)
    return mark_safe(text)  # noqa: S308 - escaped for a script element as json_script does


def _layout(**overrides) -> dict:
    return sscp_charts.layout(colorway=PALETTE, **overrides)


def _figure(traces: list[dict], layout: dict) -> dict:
    """The figure as plain JSON-ready data: no plotly objects on the page's path (building and
    serialising a `go.Figure` cost more than the dashboard's SQL). `validated` checks the same
    dicts against plotly's schema in the tests, and plotly.js checks again when it draws."""
    return {"data": traces, "layout": layout}


def validated(figure: dict) -> go.Figure:
    """The figure as a validated plotly `go.Figure`: raises ValueError on any unknown property."""
    return go.Figure(figure)


def line_figure(series: dict[str, tuple[list, list]], *, y_title: str) -> dict:
    """One line per name: name -> (x labels, y values)."""
    traces = [
        {
            "type": "scatter",
            "x": list(xs),
            "y": none_if_missing(ys),
            "name": name,
            "mode": "lines+markers",
        }
        for name, (xs, ys) in series.items()
    ]
    layout = _layout(
        xaxis=sscp_charts.CATEGORY_AXIS, yaxis={"title": {"text": y_title}, "rangemode": "tozero"}
    )
    return _figure(traces, layout)


def bar_figure(
    labels: list[str],
    values: list,
    *,
    x_title: str,
    horizontal: bool = False,
    highlight: str | None = None,
) -> dict:
    colours = [PALETTE[1] if label == highlight else PALETTE[0] for label in labels]
    if horizontal:
        ticks = sscp_charts.wrapped_ticks(labels)
        trace = {
            "type": "bar",
            "x": none_if_missing(values),
            "y": list(labels),
            "orientation": "h",
            "marker": {"color": colours},
        }
        layout = {
            "xaxis": {"title": {"text": x_title}},
            "yaxis": {"autorange": "reversed", "automargin": True, **ticks},
            "height": sscp_charts.bar_height(ticks["ticktext"]),
        }
    else:
        trace = {
            "type": "bar",
            "x": list(labels),
            "y": none_if_missing(values),
            "marker": {"color": colours},
        }
        layout = {"xaxis": sscp_charts.CATEGORY_AXIS, "yaxis": {"title": {"text": x_title}}}
    return _figure([trace], _layout(**layout))


def grouped_bar_figure(categories: list[str], groups: dict[str, list], *, y_title: str) -> dict:
    traces = [
        {"type": "bar", "x": list(categories), "y": none_if_missing(values), "name": name}
        for name, values in groups.items()
    ]
    layout = _layout(
        barmode="group", xaxis=sscp_charts.CATEGORY_AXIS, yaxis={"title": {"text": y_title}}
    )
    return _figure(traces, layout)


NO_ENGLAND_VALUE = "no England value"


def _on_spine(row: dict) -> bool:
    return row["left_q"] is not None and row["right_q"] is not None


def spine_figure(rows: list[dict]) -> dict:
    """rows: name, left_q, right_q (positions 0-1 of the quartiles), subject, region, lcr
    (positions or None). England is the centre line at 0.5. A row without England's value
    (its positions all None) is named as such and left off the spine: placing it on the
    centre line would say it equals England's."""
    placed = [_on_spine(r) for r in rows]
    names = [
        r["name"] if ok else f"{r['name']} ({NO_ENGLAND_VALUE})"
        for r, ok in zip(rows, placed, strict=True)
    ]
    ticks = sscp_charts.wrapped_ticks(names, 40)

    def on_spine(values):
        return [value if ok else None for value, ok in zip(values, placed, strict=True)]

    traces = []
    spans = [
        ("Worst to 25th percentile", [r["left_q"] for r in rows], [0] * len(rows), "#bfc1c3"),
        (
            "25th to 75th percentile",
            [r["right_q"] - r["left_q"] if _on_spine(r) else None for r in rows],
            [r["left_q"] for r in rows],
            "#6f777b",
        ),
        (
            "75th percentile to best",
            [1 - r["right_q"] if _on_spine(r) else None for r in rows],
            [r["right_q"] for r in rows],
            "#bfc1c3",
        ),
    ]
    for label, widths, bases, colour in spans:
        traces.append(
            {
                "type": "bar",
                "y": names,
                "x": on_spine(widths),
                "base": on_spine(bases),
                "orientation": "h",
                "name": label,
                "marker": {"color": colour},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    for key, label, symbol, colour in (
        ("subject", "Borough", "circle", PALETTE[1]),
        ("region", "Region", "line-ns-open", "#0b0c0c"),
        ("lcr", "City region", "diamond-open", PALETTE[0]),
    ):
        traces.append(
            {
                "type": "scatter",
                "y": names,
                "x": on_spine([r[key] for r in rows]),
                "mode": "markers",
                "name": label,
                "marker": {"symbol": symbol, "size": 14, "color": colour, "line": {"width": 2}},
            }
        )
    unplaced = [
        {
            "x": 0.5,
            "y": name,
            "xref": "x",
            "yref": "y",
            "text": f"Not placed: {NO_ENGLAND_VALUE}",
            "showarrow": False,
            "bgcolor": "#ffffff",
            "font": {"size": 12},
        }
        for name, ok in zip(names, placed, strict=True)
        if not ok
    ]
    layout = _layout(
        barmode="overlay",
        height=sscp_charts.bar_height(ticks["ticktext"], row=40) + 20,
        xaxis={
            "range": [0, 1],
            "tickvals": [0, 0.5, 1],
            "ticktext": ["Worst", "England", "Best"],
        },
        yaxis={"autorange": "reversed", "automargin": True, **ticks},
        shapes=[
            {
                "type": "line",
                "x0": 0.5,
                "x1": 0.5,
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": "#0b0c0c", "width": 2},
            }
        ],
        annotations=unplaced,
    )
    return _figure(traces, layout)


def map_colours(values: list) -> dict:
    """The map's colour scale, pale at 0 to dark at the highest value (the caption says
    "darker is more"; plotly's own "Blues" runs the other way), as the frozen SVG shades."""
    known = [v for v in none_if_missing(values) if v is not None]
    top = max(known, default=0) or 1
    steps = len(MAP_SCALE) - 1
    return {
        "colorscale": [[i / steps, colour] for i, colour in enumerate(MAP_SCALE)],
        "zmin": 0,
        "zmax": top,
    }


def choropleth_figure(
    codes: list[str],
    names: list[str],
    values: list,
    outlines: dict[str, dict | RawJSON],
    *,
    colour_title: str,
    label_points: dict[str, tuple[float, float]] | None = None,
) -> dict:
    """Areas shaded by value on their own outlines (GeoJSON geometries by code, as dicts or
    as stored JSON text): no base map, no tiles, nothing fetched; fitted to the areas. With
    ``label_points`` (code -> lon, lat) each area carries its name."""
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": code}, "geometry": outlines[code]}
            for code in codes
        ],
    }
    colours = map_colours(values)
    trace = {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": "properties.code",
        "locations": list(codes),
        "z": none_if_missing(values),
        "text": list(names),
        "hovertemplate": "%{text}: %{z:,.1f}<extra></extra>",
        **colours,
        "marker": {"line": {"color": "#0b0c0c", "width": 0.5}},
        "colorbar": {"title": {"text": colour_title}},
    }
    traces = [trace]
    if label_points:
        traces.append(_area_labels(codes, names, trace["z"], label_points, colours["zmax"]))
    layout = {
        "font": LAYOUT["font"],
        "paper_bgcolor": LAYOUT["paper_bgcolor"],
        "template": {},
        "margin": {"l": 0, "r": 0, "t": 10, "b": 10},
        "height": 520,
        # World scope at 1:110m is the base map static/js/charts.mjs stands in for (empty).
        "geo": {
            "fitbounds": "locations",
            "visible": False,
            "scope": "world",
            "resolution": 110,
            "projection": {"type": "mercator"},
        },
    }
    return _figure(traces, layout)


def _area_labels(codes, names, values, points, top) -> dict:
    """Each area's name at its label point: white on the darker shades, black on the paler."""
    shown = [i for i, code in enumerate(codes) if points.get(code)]
    return {
        "type": "scattergeo",
        "mode": "text",
        "lon": [points[codes[i]][0] for i in shown],
        "lat": [points[codes[i]][1] for i in shown],
        "text": [sscp_charts.wrap_label(names[i], 12) for i in shown],
        "textfont": {
            "size": 11,
            "color": ["#ffffff" if (values[i] or 0) > 0.6 * top else "#0b0c0c" for i in shown],
        },
        "hoverinfo": "skip",
        "showlegend": False,
    }
