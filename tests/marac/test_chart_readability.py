"""The MARAC charts as partners read them: a hidden count ("<5", "*") is a gap marked with its
sign, never a bar of zero; labels grow the margins, the legend sits above the plot, agency
names are wrapped and their charts drawn across the page; wide tables scroll in their own
region."""

import re

import pytest
from django.urls import reverse

from marac.charts import beside_table, chart_dict, chart_note, hides_counts, table_figure
from marac.report import Table
from marac.suppression import SMALL, WITHHELD

PERIOD = {"start": "2017-04-01", "end": "2018-03-31"}
LONG_NAME = "North West Boroughs Healthcare NHS Foundation Trust"


def _monthly(**chart) -> Table:
    return Table(
        key="repeat",
        caption="Table 2: new and repeat cases per month",
        label_header="Month",
        columns=[("new", "New"), ("repeat", "Repeat")],
        rows=[
            {"label": "Apr 2017", "new": 27, "repeat": 13},
            {"label": "May 2017", "new": 25, "repeat": WITHHELD},
            {"label": "Jun 2017", "new": SMALL, "repeat": SMALL},
        ],
        counts=["new", "repeat"],
        chart={"type": "stack", "series": ["new", "repeat"], **chart},
    )


def test_hidden_counts_are_gaps_marked_with_their_sign_never_zero_bars():
    figure = chart_dict(_monthly())

    new, repeat = figure["data"]
    assert new["y"] == [27, 25, None] and repeat["y"] == [13, None, None]
    notes = {n["x"]: n for n in figure["layout"]["annotations"]}
    assert set(notes) == {"May 2017", "Jun 2017"}
    assert notes["May 2017"]["text"] == "*"
    assert notes["Jun 2017"]["text"] == "&lt;5"  # plotly reads its text as HTML
    assert notes["May 2017"]["y"] == 25  # just above the bars drawn
    assert notes["Jun 2017"]["y"] == 0  # on the axis: nothing is drawn
    assert "Repeat: hidden (*)" in notes["May 2017"]["hovertext"]
    table_figure(_monthly())  # valid plotly


def test_a_chart_with_hidden_counts_says_so_in_its_caption():
    assert hides_counts(_monthly())
    assert "never bars of zero" in chart_note(_monthly())
    exact = _monthly()
    exact.rows = [dict(row, new=1, repeat=2) for row in exact.rows]
    assert not hides_counts(exact) and chart_note(exact) == ""
    assert chart_dict(exact)["layout"]["annotations"] == []


def test_a_hidden_point_of_a_line_is_marked_at_the_foot_of_the_chart():
    table = _monthly()
    table.chart = {"type": "line", "series": ["repeat"]}

    figure = chart_dict(table)

    assert figure["data"][0]["y"] == [13, None, None]
    for note in figure["layout"]["annotations"]:
        assert (note["yref"], note["y"]) == ("paper", 0)


def _agencies() -> Table:
    return Table(
        key="agencies",
        caption="Repeat cases by referring agency",
        label_header="Referring agency",
        columns=[("cases", "Cases")],
        rows=[
            {"label": "Merseyside Police", "cases": 99},
            {"label": LONG_NAME, "cases": SMALL},
            {"label": "Kew GP Surgery", "cases": SMALL},
        ],
        counts=["cases"],
        chart={"type": "hbar", "series": ["cases"]},
    )


def test_agency_charts_wrap_long_names_and_are_drawn_across_the_page():
    figure = chart_dict(_agencies())
    layout = figure["layout"]

    assert figure["data"][0]["y"][1] == LONG_NAME  # the data keeps the whole name
    assert layout["yaxis"]["tickvals"][1] == LONG_NAME
    assert "<br>" in layout["yaxis"]["ticktext"][1]
    assert layout["yaxis"]["automargin"] and layout["yaxis"]["autorange"] == "reversed"
    assert layout["height"] >= 300
    hidden = [n for n in layout["annotations"] if n["y"] == LONG_NAME]
    assert hidden and hidden[0]["x"] == 0 and hidden[0]["xanchor"] == "left"
    assert not beside_table(_agencies())
    table_figure(_agencies())


def test_labels_grow_the_margins_and_the_legend_sits_above_the_plot():
    layout = chart_dict(_monthly())["layout"]

    assert layout["xaxis"]["automargin"] and layout["yaxis"]["automargin"]
    assert layout["legend"]["orientation"] == "h"
    assert layout["legend"]["y"] > 1 and layout["legend"]["yanchor"] == "bottom"
    assert beside_table(_monthly())  # two value columns: the chart fits beside its table
    wide = _monthly()
    wide.columns = [*wide.columns, ("a", "A"), ("b", "B")]
    assert not beside_table(wide)


def _regions(html: str) -> list[str]:
    return re.findall(
        r'<div class="app-table-scroll" tabindex="0" role="region" aria-label="[^"]+"', html
    )


@pytest.mark.django_db
def test_every_table_of_the_dashboard_scrolls_in_its_own_region(client, marac_demo, board_member):
    client.force_login(board_member)
    html = client.get(reverse("marac:dashboard"), PERIOD).content.decode()

    tables = re.findall(r"<table ", html)
    assert len(_regions(html)) == len(tables)
    assert 'aria-label="Against the benchmarks"' in html
    assert "never bars of zero" in html  # the board member's charts have hidden counts
    # Table 6 (cases per agency each month) is wide: drawn across the page, its table below.
    assert re.search(
        r'govuk-grid-column-full">\s*<figure class="app-chart-figure">\s*'
        r'<div class="app-chart" id="chart-referrals_per_agency"',
        html,
    )
