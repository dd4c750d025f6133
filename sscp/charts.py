"""The one layout every plotly chart starts from (the MARAC and strategic-assessment dashboards).

Partners read these charts on laptops and phones: tick labels grow the margins rather than
being cut ("Mar 2"), the legend sits above the plot area rather than over the axis, long
category names are wrapped rather than squeezing the bars. static/js/charts.mjs draws every
figure with the same configuration (no mode bar over the data).
"""

import textwrap

FONT = {"family": "Arial, Helvetica, sans-serif", "size": 14, "color": "#0b0c0c"}
AXIS = {"gridcolor": "#e5e5e5", "linecolor": "#0b0c0c", "automargin": True}
# Above the plot area, left-aligned: plotly grows the top margin to fit it.
LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}
# Categories on a horizontal axis: no more than 13 labels (a year of months and its total);
# plotly turns them when they do not fit side by side, and automargin keeps the last whole.
CATEGORY_AXIS = {**AXIS, "nticks": 13}
LAYOUT = {
    "font": FONT,
    "margin": {"l": 10, "r": 10, "t": 10, "b": 10, "pad": 4},
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
    "legend": LEGEND,
    # No plotly template: it would add 7 kB to every figure and most of the build time.
    "template": {},
    "xaxis": AXIS,
    "yaxis": AXIS,
}
LABEL_WIDTH = 32  # characters a category label may run to before it wraps


def layout(**overrides) -> dict:
    """The shared layout with ``overrides``; axes and the legend are merged, not replaced."""
    merged = {**LAYOUT, **overrides}
    for key in ("xaxis", "yaxis", "legend", "margin"):
        if key in overrides:
            merged[key] = {**LAYOUT[key], **overrides[key]}
    return merged


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A long category name over lines (plotly breaks tick labels at <br>), so that the names
    of a horizontal bar chart take no more than a third of a laptop-wide chart."""
    lines = textwrap.wrap(str(text), width, break_long_words=False) or [""]
    return "<br>".join(lines)


def wrapped_ticks(labels: list[str], width: int = LABEL_WIDTH) -> dict:
    """A category axis showing ``labels`` wrapped, the data keeping them whole (hover text,
    and the annotations placed on them)."""
    return {
        "tickmode": "array",
        "tickvals": list(labels),
        "ticktext": [wrap_label(label, width) for label in labels],
    }


def bar_height(labels: list[str], *, row: int = 28, line: int = 18, minimum: int = 300) -> int:
    """The height of a horizontal bar chart: a row per bar and a line more per wrapped line."""
    extra = sum(label.count("<br>") for label in labels)
    return max(minimum, row * len(labels) + line * extra + 100)
