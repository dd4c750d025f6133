"""The dashboards' data: the seed's hand-worked figures reproduce, tested as figure JSON and
table rows (not HTML); downloads carry the same numbers; query counts do not grow with data."""

import csv
import io

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assessments import charts, dashboards, selectors, svg
from assessments.demo import tables as demo_tables
from assessments.demo.load import load_demo
from assessments.figures import EXPORT_COLUMNS
from assessments.imports import dataset_import
from assessments.models import ComparatorSet, Dataset, Indicator, Observation, Population
from sscp.demo import load_reference_data
from sscp.models import Area
from tests.assessments.helpers import csv_bytes
from tests.assessments.sefton import police_csv, sefton_with_lsoas

pytestmark = pytest.mark.django_db

SEFTON = "E08000014"


@pytest.fixture
def demo(db):
    load_reference_data()
    load_demo()
    return Area.objects.get(code=SEFTON)


def test_overview_reproduces_table_1_and_the_lcr_ranking(demo):
    rate = Indicator.objects.get(name=demo_tables.TOTAL_CRIME_RATE)
    board = dashboards.overview(demo, rate)
    ranking = board.chart("ranking")

    bars = ranking.figure["data"][0]
    assert bars["x"] == ["Wirral", "Sefton", "Knowsley", "St. Helens", "Halton", "Liverpool"]
    assert bars["y"] == [72, 74, 77, 81, 107, 114]
    # 20,300 crimes among 274,100 residents: 74 per 1,000, worked from count and population.
    sefton_row = next(row for row in ranking.rows if row[1] == "Sefton")
    assert sefton_row == ["2", "Sefton", "20,300", "74", "74"]
    assert board.sentences == [
        "In 2017/18 Sefton was the second lowest of the six Liverpool City Region authorities "
        "for total recorded crime per 1,000 population."
    ]
    trend = board.chart("trend")
    assert {t["name"]: t["y"] for t in trend.figure["data"]} == {
        "Sefton": [74],
        "Liverpool City Region": [90],
        "North West": [97],
        "England": [83],
    }
    assert trend.rows[0] == ["Sefton", "74.0"]
    assert str(trend.data_as_at).endswith("crime-lcr.csv)")


def test_an_administrator_edits_the_comparator_set_and_the_ranking_follows(
    client, administrator, demo
):
    lcr = ComparatorSet.objects.get(name=dashboards.LCR_SET)
    keep = lcr.areas.exclude(code="E06000006").values_list("pk", flat=True)  # not Halton
    client.force_login(administrator)

    response = client.post(
        reverse("admin:assessments_comparatorset_change", args=[lcr.pk]),
        {"name": lcr.name, "description": "", "areas": [str(pk) for pk in keep]},
    )

    assert response.status_code == 302
    rate = Indicator.objects.get(name=demo_tables.TOTAL_CRIME_RATE)
    board = dashboards.overview(demo, rate)
    assert board.chart("ranking").figure["data"][0]["x"] == [
        "Wirral", "Sefton", "Knowsley", "St. Helens", "Liverpool"
    ]  # fmt: skip
    assert "second lowest of the five Liverpool City Region authorities" in board.sentences[0]


def test_categories_reproduce_table_2_and_the_16_percent_rise(demo):
    table_2 = Dataset.objects.get(name="Count of offences occurring in Sefton by type")
    chart = dashboards.by_category(demo, table_2).chart("categories")

    assert chart.columns[:4] == ["Category", "2015/16", "2016/17", "2017/18"]
    total = chart.rows[-1]
    assert total[:4] == ["Total", "15,850", "17,567", "20,331"]
    # "a 16% rise from 2016/17 to 2017/18"
    assert total[6] == "16%"
    violence = next(r for r in chart.rows if r[0] == "Violence Against The Person")
    assert violence[1:4] == ["3,660", "4,660", "5,785"]
    traces = {t["name"]: t["y"] for t in chart.figure["data"]}
    assert traces["2017/18"][chart.figure["data"][0]["x"].index("Violence Against The Person")]


def test_categories_show_each_years_rate_where_its_population_is_loaded(demo):
    report = dataset_import(
        "population",
        csv_bytes("area_code,year,population", "E08000014,2016,272000", "E08000014,2017,273000"),
        dataset_name="Mid-year estimates",
    )
    assert report.ok, report.as_text()
    table_2 = Dataset.objects.get(name="Count of offences occurring in Sefton by type")

    chart = dashboards.by_category(demo, table_2).chart("category-rates")

    assert chart.columns == ["Category", "2015/16", "2016/17", "2017/18"]
    violence = next(r for r in chart.rows if r[0] == "Violence Against The Person")
    # 3,660 / 272,000, 4,660 / 273,000 and 5,785 / 274,100 (the demo's 2018) per 1,000.
    assert violence[1:] == ["13.5", "17.1", "21.1"]
    assert chart.rows[-1] == ["Total", "58.3", "64.3", "74.2"]
    exported = {
        r["period"]: (round(r["value"], 2), r["count"], r["denominator"])
        for r in chart.export_rows()
        if r["indicator"] == "Violence Against The Person per 1,000 residents"
    }
    assert exported == {
        "2015/16": (13.46, 3660, 272000),
        "2016/17": (17.07, 4660, 273000),
        "2017/18": (21.11, 5785, 274100),
    }


def test_rates_name_the_population_import_in_their_data_as_at(demo):
    population = dataset_import(
        "population",
        csv_bytes("area_code,year,population", "E08000014,2017,273000"),
        dataset_name="Mid-year estimates",
        filename="mid-2017.csv",
    ).dataset_import
    demo_population = Population.objects.get(area__code=SEFTON, year=2018).dataset_import
    rate = Indicator.objects.get(name=demo_tables.TOTAL_CRIME_RATE)
    table_2 = Dataset.objects.get(name="Count of offences occurring in Sefton by type")

    overview = dashboards.overview(demo, rate)
    categories = dashboards.by_category(demo, table_2)

    # The ranking's rates from count and population, 2017/18: the 2018 populations.
    ranking = str(overview.chart("ranking").data_as_at)
    assert "counts imported " in ranking and "crime-lcr.csv" in ranking
    assert f"population imported {demo_population.imported_at:%-d %B %Y %H:%M} " in ranking
    assert f"(import #{demo_population.pk}, {demo_population.filename})" in ranking
    assert "population" not in str(overview.chart("trend").data_as_at)  # rates as published
    # The rates chart uses 2017's and 2018's populations: the newer import is named.
    rates = str(categories.chart("category-rates").data_as_at)
    assert f"population imported {population.imported_at:%-d %B %Y %H:%M} " in rates
    assert f"(import #{population.pk}, mid-2017.csv) into 'Mid-year estimates'" in rates
    # The counts table's one rate is 2017/18's, from the demo's 2018 population.
    table = str(categories.chart("categories").data_as_at)
    assert f"(import #{demo_population.pk}, {demo_population.filename})" in table


def test_categories_without_populations_show_no_rates(db):
    sefton_with_lsoas()
    dataset_import("police-uk", police_csv(), dataset_name="p")
    board = dashboards.by_category(Area.objects.get(code=SEFTON), Dataset.objects.get(name="p"))

    assert board.chart("category-rates") is None


def test_categories_reproduce_table_3_shares(demo):
    table_3 = Dataset.objects.get(name="Sefton crime types 2017/18")
    chart = dashboards.by_category(demo, table_3).chart("categories")

    violence = next(r for r in chart.rows if r[0] == "Violence")
    # "Violence 6175 31%"
    assert violence[1] == "6,175"
    assert violence[-1] == "31%"


def test_the_221_percent_rise_in_violence_against_the_person(demo):
    """The seed prints 2017/18's count (Table 2: 5,785) but not 2013/14's: the table adds a
    2013/14 count of 1,802 (5,785 / 3.21; see test_figures) to the demo's stored 2017/18."""
    stored = Observation.objects.get(
        dataset__name="Count of offences occurring in Sefton by type",
        indicator__name__endswith="Violence Against The Person",
        area__code=SEFTON,
        period__label="2017/18",
    ).count
    assert stored == 5785
    content = csv_bytes(
        "Sefton Offence Counts,2013/14,2017/18", f"Violence Against The Person,1802,{stored}"
    )
    report = dataset_import(
        "wide",
        content,
        dataset_name="Violence 2013/14 to 2017/18",
        options={"first_column": "indicator", "area_code": SEFTON, "values_are_counts": True},
    )
    assert report.ok, report.as_text()
    chart = dashboards.by_category(
        demo, Dataset.objects.get(name="Violence 2013/14 to 2017/18")
    ).chart("categories")

    assert chart.columns[4] == "Change 2013/14 to 2017/18"
    assert chart.rows[0][4] == "221%"


def test_categories_say_which_months_a_partly_covered_year_sums(db):
    sefton_with_lsoas()
    dataset_import("police-uk", police_csv(months=("2018-04", "2018-05")), dataset_name="p")
    sefton = Area.objects.get(code=SEFTON)

    chart = dashboards.by_category(sefton, Dataset.objects.get(name="p")).chart("categories")

    note = (
        "Only April and May 2018 of 2018/19 have been imported (2 of its 12 months): the "
        "figures, zeros included, are for those months."
    )
    assert chart.columns[1] == "2018/19"
    assert chart.note == note and note in chart.caption
    assert {row["note"] for row in chart.export_rows()} == {note}


def test_no_change_is_worked_to_or_from_a_partly_covered_year(db):
    sefton_with_lsoas()
    months = [f"{2017 + (m < 4)}-{m:02d}" for m in (*range(4, 13), 1, 2, 3)] + ["2018-04"]
    assert dataset_import("police-uk", police_csv(months=months, rows_per_month=50),
                          dataset_name="p").ok  # fmt: skip
    sefton = Area.objects.get(code=SEFTON)

    chart = dashboards.by_category(sefton, Dataset.objects.get(name="p")).chart("categories")

    assert chart.columns[1:3] == ["2017/18", "2018/19"]
    assert chart.note.startswith("Only April 2018 of 2018/19 have been imported (1 of its 12")
    assert "2017/18 have" not in chart.note  # a whole year needs no note
    total = chart.rows[-1]
    assert int(total[1].replace(",", "")) > int(total[2].replace(",", ""))
    assert total[4:6] == ["", ""]  # no "-92%" from a month set against a year
    assert all(row[4:6] == ["", ""] for row in chart.rows)
    assert "No change is worked out to or from a partly covered year." in chart.caption


def test_places_rank_wards_from_police_uk_months(db):
    sefton_with_lsoas()
    dataset_import("police-uk", police_csv(months=("2018-04", "2018-05")), dataset_name="p")
    sefton = Area.objects.get(code=SEFTON)
    violence = Indicator.objects.get(name="Violence and sexual offences")
    periods = dashboards.period_choices(selectors.periods_of(violence))
    assert periods == ["2018-05", "2018/19", "2018-04"]

    board = dashboards.places(sefton, violence, "2018/19")
    wards = board.chart("wards")
    counts = wards.figure["data"][0]["x"]
    assert counts == sorted(counts, reverse=True)
    top = wards.figure["data"][0]["y"][0]
    assert (
        counts[0]
        == Observation.objects.filter(
            indicator=violence, area__name=top, period__label__in=["2018-04", "2018-05"]
        ).aggregate(total=Sum("count"))["total"]
    )
    localities = board.chart("localities")
    assert sum(localities.figure["data"][0]["y"]) == sum(counts)
    assert [r[0] for r in localities.rows] == ["Central", "North", "South"]
    month = dashboards.places(sefton, violence, "2018-04").chart("wards")
    assert sum(month.figure["data"][0]["x"]) < sum(counts)


def test_spine_places_sefton_among_the_boroughs_with_england_at_the_centre(demo):
    chart = dashboards.spine(demo).chart("spine")
    row = next(r for r in chart.rows if r[0] == demo_tables.TOTAL_CRIME_RATE)

    # Higher is worse: the worst is Liverpool's 114, the best Wirral's 72.
    assert row[2:6] == ["74.0", "83.0", "97.0", "90.0"]
    assert row[6] == "114.0" and row[9] == "72.0"
    assert row[10] == "Higher is worse"
    names = chart.figure["data"][3]["y"]
    position = chart.figure["data"][3]["x"][names.index(demo_tables.TOTAL_CRIME_RATE)]
    # Better than England (83): right of centre.
    assert 0.5 < position <= 1


@pytest.mark.parametrize(
    ("polarity", "positions"),
    [
        # Higher is better: Halton's 10 is the worst end (left), Wirral's 60 the best (right).
        ("higher-is-better", {"Borough": 0.5 + 0.5 * 20 / 30, "Region": 0.5 + 0.5 * 10 / 30,
                              "City region": 0.5 - 0.5 * 5 / 20}),
        # Higher is worse: the same values mirrored about England's 30.
        ("higher-is-worse", {"Borough": 0.5 - 0.5 * 20 / 30, "Region": 0.5 - 0.5 * 10 / 30,
                             "City region": 0.5 + 0.5 * 5 / 20}),
    ],
)  # fmt: skip
def test_the_spine_respects_polarity_and_marks_the_region_and_city_region(
    client, board_member, polarity, positions
):
    load_reference_data()
    values = {"E08000011": 20, "E08000012": 30, "E08000013": 40, "E08000014": 50,
              "E08000015": 60, "E06000006": 10, "E92000001": 30, "E12000002": 40,
              "E47000004": 25}  # fmt: skip
    lines = [f"Good outcomes per 1000,{code},x,2017/18,{v}" for code, v in values.items()]
    assert dataset_import("tidy", csv_bytes("indicator,area_code,area_name,period,value", *lines),
                          dataset_name="Outcomes").ok  # fmt: skip
    Indicator.objects.update(unit="per_1000", polarity=polarity)
    client.force_login(board_member)

    response = client.get(reverse("assessments:spine"), {"area": SEFTON})

    chart = response.context["board"].chart("spine")
    markers = {t["name"]: t["x"][0] for t in chart.figure["data"] if t["type"] == "scatter"}
    assert markers == pytest.approx(positions)
    ends = ["10.0", "60.0"] if polarity == "higher-is-better" else ["60.0", "10.0"]
    row = chart.rows[0]
    assert row[2:6] == ["50.0", "30.0", "40.0", "25.0"]
    assert [row[6], row[9]] == ends
    assert row[11] == "6"  # the six boroughs; England, the region and the city region are marks


def test_the_printed_spine_marks_the_borough_region_and_city_region_with_a_legend():
    rows = [{"name": "Crime", "left_q": 0.2, "right_q": 0.7, "subject": 0.9, "region": 0.4,
             "lcr": 0.25}]  # fmt: skip

    drawing = svg.spine_svg(rows)

    left, width = 220, svg.WIDTH - 20 - 220
    assert f'<circle cx="{left + width * 0.9:.1f}"' in drawing
    assert f'<line x1="{left + width * 0.4:.1f}"' in drawing
    assert f'<path d="M{left + width * 0.25:.1f},' in drawing  # the city region's diamond
    for name in ("Borough", "Region", "City region"):
        assert f">{name}</text>" in drawing


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_each_chart_downloads_its_numbers(client, board_member, demo, kind):
    client.force_login(board_member)
    response = client.get(reverse("assessments:overview"), {"download": kind, "chart": "ranking"})

    assert response.status_code == 200
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header, *body = [list(r) for r in sheet.iter_rows(values_only=True)]
        rows = [dict(zip(header, r, strict=True)) for r in body]
    sefton = next(r for r in rows if r["area_code"] == SEFTON)
    assert float(sefton["value"]) == 74
    assert sefton["period"] == "2017/18"
    assert len(rows) == 6


@pytest.mark.parametrize("name", ["overview", "categories", "places", "spine"])
def test_every_chart_has_its_table_data_as_at_line_and_csv(client, board_member, demo, name):
    client.force_login(board_member)
    url = reverse(f"assessments:{name}")
    response = client.get(url)
    content = response.content.decode()

    charts_shown = response.context["board"].charts
    assert charts_shown
    assert content.count('data-testid="data-as-at">Data as at ') == len(charts_shown)
    for chart in charts_shown:
        assert f'<table class="govuk-table" id="{chart.id}-table">' in content
        assert chart.rows and chart.data_as_at is not None
        assert f"download=csv&amp;chart={chart.id}" in content
        download = client.get(url, {"download": "csv", "chart": chart.id})
        assert download["Content-Type"].startswith("text/csv")
        header, *rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert tuple(header) == EXPORT_COLUMNS and rows


def test_an_unknown_chart_download_is_not_found(client, board_member, demo):
    client.force_login(board_member)
    response = client.get(reverse("assessments:overview"), {"download": "csv", "chart": "x"})
    assert response.status_code == 404


def test_the_page_carries_the_figure_json_and_the_data_as_at_line(client, board_member, demo):
    client.force_login(board_member)
    response = client.get(reverse("assessments:overview"))

    content = response.content.decode()
    assert 'data-chart-json="ranking-data"' in content
    assert '<script id="ranking-data" type="application/json">' in content
    assert "Data as at" in content
    assert "<script>" not in content  # no inline script under the CSP


DASHBOARDS = ["overview", "categories", "places", "spine"]


def _queries(client, name) -> int:
    """The dashboard's own queries (not the session's, the user's or the navigation's)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"assessments:{name}"))
    assert response.status_code == 200
    return sum(
        "assessments_" in q["sql"] or "sscp_area" in q["sql"] for q in queries.captured_queries
    )


def test_query_counts_do_not_grow_with_the_data(client, board_member, demo):
    client.force_login(board_member)
    before = {name: _queries(client, name) for name in DASHBOARDS}
    more = dataset_import(
        "police-uk",
        demo_tables.police_uk_demo_csv(months=("2018-07", "2018-08", "2018-09"), seed=7),
        dataset_name="more months",
    )
    earlier = dataset_import(
        "tidy",
        csv_bytes(
            "indicator,area_code,area_name,period,value",
            *[
                f'"{demo_tables.TOTAL_CRIME_RATE}",{code},x,{year}/{(year + 1) % 100:02d},{70 + n}'
                for n, (code, _) in enumerate(demo_tables.LCR_AUTHORITIES)
                for year in range(2013, 2017)
            ],
        ),
        dataset_name="earlier years",
    )
    assert more.ok and earlier.ok, more.as_text() + earlier.as_text()
    after = {name: _queries(client, name) for name in DASHBOARDS}

    assert after == before
    # boroughs, indicators or datasets, then one query per figure's data, its import and
    # populations: overview 6, categories 5, places 7 (with the periods of the crime type and
    # the ward outlines), spine 4.
    assert before == {"overview": 6, "categories": 5, "places": 7, "spine": 4}


@pytest.mark.parametrize("name", DASHBOARDS)
def test_every_figure_is_valid_plotly(client, board_member, demo, name):
    client.force_login(board_member)
    board = client.get(reverse(f"assessments:{name}")).context["board"]

    assert board.charts
    for chart in board.charts:
        charts.validated(chart.figure)  # raises on a property plotly does not know


def test_the_spine_chart_can_show_one_period(client, board_member, demo):
    client.force_login(board_member)
    response = client.get(reverse("assessments:spine"), {"period": "2015"})

    chart = response.context["board"].chart("spine")
    assert {row[1] for row in chart.rows} == {"2015"}
    assert [r[0] for r in chart.rows] == [
        "IMD 2015 average score",
        "IMD 2015 rank of average score (of 326)",
    ]


@pytest.fixture
def three_years(demo):
    """Rates for 2015/16 and 2016/17 next to Table 1's 2017/18, for Sefton, England and the
    LCR authorities."""
    codes = [code for code, _ in demo_tables.LCR_AUTHORITIES] + ["E92000001"]
    report = dataset_import(
        "tidy",
        csv_bytes(
            "indicator,area_code,area_name,period,value",
            *[
                f'"{demo_tables.TOTAL_CRIME_RATE}",{code},x,{year},{60 + n + offset}'
                for n, code in enumerate(codes)
                for offset, year in enumerate(["2015/16", "2016/17"])
            ],
        ),
        dataset_name="earlier rates",
    )
    assert report.ok, report.as_text()
    return demo


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_overview_filters_by_period_and_its_downloads_follow(client, board_member, three_years):
    client.force_login(board_member)
    url = reverse("assessments:overview")
    everything = client.get(url).context["board"]
    assert everything.chart("trend").columns == ["Area", "2015/16", "2016/17", "2017/18"]

    response = client.get(url, {"from": "2016/17", "to": "2016/17"})

    board = response.context["board"]
    trend = board.chart("trend")
    assert trend.columns == ["Area", "2016/17"]
    assert {t["name"]: t["x"] for t in trend.figure["data"]}["Sefton"] == ["2016/17"]
    # The rank is worked for the last period shown.
    assert board.chart("ranking").title.endswith("2016/17")
    assert board.sentences[0].startswith("In 2016/17 Sefton was the")
    content = response.content.decode()
    assert '<option value="2016/17" selected>' in content
    assert "from=2016%2F17&amp;to=2016%2F17&amp;download=csv&amp;chart=trend" in content
    for chart in ("trend", "ranking"):
        rows = _csv_rows(
            client.get(url, {"from": "2016/17", "to": "2016/17", "download": "csv", "chart": chart})
        )
        assert rows and {r["period"] for r in rows} == {"2016/17"}


def test_a_period_from_after_to_is_refused_on_the_page(client, board_member, three_years):
    client.force_login(board_member)
    response = client.get(reverse("assessments:overview"), {"from": "2017/18", "to": "2015/16"})

    assert response.status_code == 200
    assert response.context["board"].charts == []
    assert "The period from (2017/18) is after the period to (2015/16)." in (
        response.content.decode()
    )


def test_the_category_view_filters_by_period_and_its_download_follows(client, board_member, demo):
    table_2 = Dataset.objects.get(name="Count of offences occurring in Sefton by type")
    client.force_login(board_member)
    url = reverse("assessments:categories")
    query = {"dataset": table_2.pk, "from": "2016/17"}

    chart = client.get(url, query).context["board"].chart("categories")

    assert chart.columns[:3] == ["Category", "2016/17", "2017/18"]
    assert chart.columns[4] == "Change 2016/17 to 2017/18"
    assert chart.rows[-1][:3] == ["Total", "17,567", "20,331"]
    rows = _csv_rows(client.get(url, {**query, "download": "csv", "chart": "categories"}))
    assert {r["period"] for r in rows} == {"2016/17", "2017/18"}


def test_table_cells_are_escaped():
    chart = charts.Chart(
        id="t", title="t", caption="c", figure={}, columns=["a", "b"], rows=[["<b>A&B</b>", "1"]]
    )

    assert chart.table_body() == (
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        "&lt;b&gt;A&amp;B&lt;/b&gt;</th>"
        '<td class="govuk-table__cell govuk-table__cell--numeric">1</td></tr>'
    )
