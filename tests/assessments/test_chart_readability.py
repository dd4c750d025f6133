"""The strategic-assessment charts as partners read them: labels that grow the margins instead
of being cut, legends above the plot, long names wrapped; the map dark where there is most,
its wards named; an indicator with no England value kept off the spine; empty rate columns
left out."""

import pytest

from assessments import charts, dashboards, demo_tables, svg
from assessments.imports import dataset_import
from assessments.models import Indicator, Population
from sscp import charts as sscp_charts
from sscp.demo import load_reference_data
from sscp.models import Area
from tests.assessments.helpers import csv_bytes
from tests.assessments.sefton import sefton_with_lsoas
from tests.assessments.test_places import POLICE_HEADER, _burglary, _crime, _ward_outlines

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-3.0, 53.5], [-2.9, 53.5], [-2.9, 53.4], [-3.0, 53.4], [-3.0, 53.5]]],
}


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_axes_grow_their_margins_and_the_legend_sits_above_the_plot():
    figures = [
        charts.line_figure({"Sefton": (["2016/17", "2017/18"], [70, 74])}, y_title="Rate"),
        charts.bar_figure(["Wirral", "Sefton"], [72, 74], x_title="Rate"),
        charts.grouped_bar_figure(["Drugs", "Robbery"], {"2017/18": [50, 16]}, y_title="Count"),
        charts.bar_figure(["A", "B"], [1, 2], x_title="Count", horizontal=True),
    ]
    for figure in figures:
        layout = figure["layout"]
        assert layout["xaxis"]["automargin"] and layout["yaxis"]["automargin"]
        assert layout["legend"]["y"] > 1 and layout["legend"]["yanchor"] == "bottom"
        charts.validated(figure)


def test_a_horizontal_bar_chart_wraps_long_names_on_its_axis_only():
    name = "Southport and Ormskirk Hospital NHS Trust Emergency Department"
    figure = charts.bar_figure([name, "Kew"], [3, 1], x_title="Count", horizontal=True)

    assert figure["data"][0]["y"] == [name, "Kew"]  # the data keeps the whole name
    axis = figure["layout"]["yaxis"]
    assert axis["tickvals"] == [name, "Kew"]
    assert "<br>" in axis["ticktext"][0] and axis["ticktext"][1] == "Kew"
    assert figure["layout"]["height"] >= sscp_charts.bar_height(["a", "b"])
    charts.validated(figure)


def test_the_map_runs_pale_at_zero_to_dark_at_its_highest_value():
    figure = charts.choropleth_figure(
        ["E1", "E2", "E3"],
        ["Linacre", "Ford", "Derby"],
        [10, 0, 4],
        {"E1": SQUARE, "E2": SQUARE, "E3": SQUARE},
        colour_title="Count",
    )
    trace = figure["data"][0]
    scale = trace["colorscale"]
    assert (trace["zmin"], trace["zmax"]) == (0, 10)
    assert [stop for stop, _ in scale] == sorted(stop for stop, _ in scale)
    shades = [_luminance(colour) for _, colour in scale]
    assert shades == sorted(shades, reverse=True)  # paler (brighter) at 0, darker at the top
    # The top ward takes the darkest shade: its value is the scale's top.
    assert trace["z"][trace["text"].index("Linacre")] == trace["zmax"]
    charts.validated(figure)


def test_the_wards_map_names_each_ward_at_its_middle(db):
    sefton_with_lsoas(44)
    lines = [_crime("2018-04", 0, "Burglary", 1), _crime("2018-04", 1, "Burglary", 1)]
    assert dataset_import("police-uk", csv_bytes(POLICE_HEADER, *lines), dataset_name="p").ok
    _ward_outlines()
    sefton = Area.objects.get(code=demo_tables.SEFTON[0])

    chart = dashboards.places(sefton, _burglary(), "2018-04").chart("wards")

    shading, names = chart.figure["data"]
    assert shading["colorscale"][0][1] == svg.MAP_SCALE[0]
    assert names["type"] == "scattergeo" and names["mode"] == "text"
    assert len(names["text"]) == 22
    assert sorted(n.replace("<br>", " ") for n in names["text"]) == sorted(shading["text"])
    assert "darker is more" in chart.caption
    charts.validated(chart.figure)
    drawing = chart.svg_markup()  # the frozen paper's map names them too
    assert all(f">{name}</text>" in drawing for name in shading["text"] if "&" not in name)


def test_a_label_goes_in_the_middle_of_the_largest_ring():
    big = [[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]
    small = [[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]
    assert svg.label_point({"type": "MultiPolygon", "coordinates": [[small], [big]]}) == (2, 1)


def _spine_row(name, placed=True):
    if not placed:
        return dict.fromkeys(("left_q", "right_q", "subject", "region", "lcr"), None) | {
            "name": name
        }
    return {"name": name, "left_q": 0.3, "right_q": 0.7, "subject": 0.6, "region": 0.4, "lcr": 0.5}


def test_an_indicator_without_an_england_value_is_not_placed_on_the_spine():
    figure = charts.spine_figure([_spine_row("Total crime"), _spine_row("Fires", placed=False)])

    borough = next(t for t in figure["data"] if t.get("name") == "Borough")
    assert borough["y"][1] == "Fires (no England value)"
    assert borough["x"] == [0.6, None]  # not at 0.5, England's line
    bars = [t for t in figure["data"] if t["type"] == "bar"]
    assert all(t["x"][1] is None for t in bars)
    (note,) = figure["layout"]["annotations"]
    assert note["y"] == "Fires (no England value)" and "no England value" in note["text"]
    charts.validated(figure)
    assert "Not placed: no England value" in svg.spine_svg([_spine_row("Fires", placed=False)])


@pytest.fixture
def demo(db):
    from assessments.demo import load_demo

    load_reference_data()
    load_demo()
    return Area.objects.get(code=demo_tables.SEFTON[0])


def test_the_spine_names_the_missing_england_value_in_its_table(demo):
    chart = dashboards.spine(demo).chart("spine")

    england = chart.columns.index("England")
    missing = [row for row in chart.rows if row[england] == dashboards.NO_ENGLAND_VALUE]
    assert missing, "the demo has indicators with no England value"
    borough = next(t for t in chart.figure["data"] if t.get("name") == "Borough")
    for row in missing:
        index = borough["y"].index(f"{row[0]} (no England value)")
        assert borough["x"][index] is None


def test_a_column_with_no_figure_in_any_row_is_left_out():
    columns, rows = charts.without_empty_columns(
        ["Rank", "Area", "Count", "Rate"],
        [["1", "Wirral", "5", ""], ["2", "Kew", "No data", ""]],
        ("Rate", "Count"),
    )
    assert columns == ["Rank", "Area", "Count"]  # Count has a figure; Rate has none
    assert rows == [["1", "Wirral", "5"], ["2", "Kew", "No data"]]


def test_the_places_rate_column_is_left_out_when_no_population_is_loaded(db):
    sefton_with_lsoas(44)
    lines = [_crime("2018-04", 0, "Burglary", 1)]
    assert dataset_import("police-uk", csv_bytes(POLICE_HEADER, *lines), dataset_name="p").ok
    sefton = Area.objects.get(code=demo_tables.SEFTON[0])

    board = dashboards.places(sefton, _burglary(), "2018-04")

    for chart in (board.chart("wards"), board.chart("lsoas")):
        assert dashboards.RATE_PER_RESIDENTS not in chart.columns
        assert all(len(row) == len(chart.columns) for row in chart.rows)


def test_the_rankings_rate_from_population_is_left_out_when_no_population_is_loaded(demo):
    ranking = dashboards.overview(demo, _total_crime()).chart("ranking")
    assert dashboards.RATE_FROM_POPULATION in ranking.columns  # Sefton's population is loaded

    Population.objects.all().delete()
    ranking = dashboards.overview(demo, _total_crime()).chart("ranking")

    assert dashboards.RATE_FROM_POPULATION not in ranking.columns
    assert all(len(row) == len(ranking.columns) for row in ranking.rows)


def _total_crime():
    return Indicator.objects.get(name=demo_tables.TOTAL_CRIME_RATE)
