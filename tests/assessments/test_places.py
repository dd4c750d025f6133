"""The places view's areas without figures: police.uk lists every crime, so an area with no
row in a month the file covers had none (0, ranked and shaded); any other source's missing
figure stays missing ("No data"). A map frozen into an agenda item stays a map: SVG drawn on
the server, printed by WeasyPrint. Hand-built files, so every count is known."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments import dashboards, selectors, svg
from assessments.demo import tables as demo_tables
from assessments.imports import boundaries_import, dataset_import
from assessments.models import Indicator
from assessments.periods import parse_period
from sscp.models import Area
from tests.assessments.helpers import csv_bytes
from tests.assessments.sefton import sefton_with_lsoas

pytestmark = pytest.mark.django_db

POLICE_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
LSOAS = demo_tables.demo_lsoas(44)  # two to each of the 22 wards
WARD_NAMES = dict(demo_tables.SEFTON_WARDS)


def _crime(month, lsoa, crime_type, n):
    code, name, _ = LSOAS[lsoa]
    return (
        f"c{month}{lsoa}{n},{month},Merseyside Police,Merseyside Police,-3.0,53.5,"
        f"On or near X,{code},{name},{crime_type},Under investigation,"
    )


@pytest.fixture
def police(db):
    """April 2018: two burglaries in the first LSOA, one in the second; May 2018: one drugs
    offence, so the file covers May too, with no burglary anywhere."""
    sefton_with_lsoas(44)
    lines = [
        _crime("2018-04", 0, "Burglary", 1),
        _crime("2018-04", 0, "Burglary", 2),
        _crime("2018-04", 1, "Burglary", 1),
        _crime("2018-05", 2, "Drugs", 1),
    ]
    report = dataset_import("police-uk", csv_bytes(POLICE_HEADER, *lines), dataset_name="p")
    assert report.ok, report.as_text()
    return Area.objects.get(code=demo_tables.SEFTON[0])


def _burglary():
    return Indicator.objects.get(name="Burglary")


def test_police_uk_areas_without_a_crime_count_zero(police):
    board = dashboards.places(police, _burglary(), "2018-04")

    wards = board.chart("wards")
    assert len(wards.rows) == 22  # every ward of the lookup, not only the two with crimes
    first, second = (WARD_NAMES[LSOAS[i][2]] for i in (0, 1))
    assert [row[1] for row in wards.rows[:2]] == [first, second]
    assert [row[3] for row in wards.rows] == ["2", "1"] + ["0"] * 20
    assert [row[0] for row in wards.rows] == [str(i) for i in range(1, 23)]
    assert wards.figure["data"][0]["x"] == [2, 1] + [0] * 20
    assert len(wards.export_rows()) == 22 and wards.export_rows()[-1]["count"] == 0
    localities = board.chart("localities")
    assert sum(int(row[1]) for row in localities.rows) == 3
    assert all(row[1] != "No data" for row in localities.rows)
    lsoas = board.chart("lsoas")
    assert [row[4] for row in lsoas.rows] == ["2", "1"] + ["0"] * 18


def test_wards_and_lsoas_are_ranked_by_rate_where_their_populations_are_loaded(police):
    first_ward, second_ward = LSOAS[0][2], LSOAS[1][2]
    ward_people = {code: 1000 for code, _ in demo_tables.SEFTON_WARDS}
    ward_people |= {first_ward: 2000, second_ward: 200}
    lsoa_people = {code: 500 for code, _, _ in LSOAS} | {LSOAS[0][0]: 1000, LSOAS[1][0]: 100}
    lines = [f"{code},2018,{n}" for code, n in (ward_people | lsoa_people).items()]
    assert dataset_import(
        "population", csv_bytes("area_code,year,population", *lines), dataset_name="Mid-2018"
    ).ok

    board = dashboards.places(police, _burglary(), "2018-04")

    wards = board.chart("wards")
    # 1 burglary among 200 people (5.0 per 1,000) ranks above 2 among 2,000 (1.0).
    assert [row[1:5] for row in wards.rows[:2]] == [
        [WARD_NAMES[second_ward], *wards.rows[0][2:3], "1", "5.0"],
        [WARD_NAMES[first_ward], *wards.rows[1][2:3], "2", "1.0"],
    ]
    assert wards.figure["data"][0]["x"][:3] == [5.0, 1.0, 0.0]
    top = wards.export_rows()[0]
    assert (top["value"], top["count"], top["denominator"]) == (5.0, 1, 200)
    lsoas = board.chart("lsoas")
    assert lsoas.columns[-1] == "Rate per 1,000 residents"
    assert [row[2] for row in lsoas.rows[:2]] == [LSOAS[1][0], LSOAS[0][0]]
    assert [row[4:] for row in lsoas.rows[:3]] == [["1", "10.0"], ["2", "2.0"], ["0", "0.0"]]
    assert lsoas.figure["data"][0]["x"][:2] == [10.0, 2.0]
    top = lsoas.export_rows()[0]
    assert (top["area_code"], top["value"], top["count"], top["denominator"]) == (
        LSOAS[1][0],
        10.0,
        1,
        100,
    )


def test_the_rates_data_as_at_names_the_population_import_too(police):
    lines = [f"{code},2018,1000" for code, _ in demo_tables.SEFTON_WARDS]
    population = dataset_import(
        "population",
        csv_bytes("area_code,year,population", *lines),
        dataset_name="Mid-2018",
        filename="wards-2018.csv",
    ).dataset_import
    # Loaded after the counts: the rates are as at the population's import.
    population.imported_at = population.imported_at.replace(year=2030, month=1, day=2)
    population.save(update_fields=["imported_at"])

    board = dashboards.places(police, _burglary(), "2018-04")

    wards = str(board.chart("wards").data_as_at)
    assert wards.startswith("2 January 2030 ")
    assert "counts imported " in wards and "into 'p'" in wards
    assert f"population imported 2 January 2030 {population.imported_at:%H:%M} (import " in wards
    assert f"#{population.pk}, wards-2018.csv) into 'Mid-2018'" in wards
    # Counts only, no population behind them: the newest count import alone.
    assert "population" not in str(board.chart("localities").data_as_at)
    assert "population" not in str(board.chart("lsoas").data_as_at)  # no LSOA populations


def test_another_source_of_the_crime_type_is_never_added_to_police_uk(client, board_member, police):
    """A tidy file of ward burglaries for the same month is a second source, shown on its own
    when chosen, not added to police.uk's counts."""
    first_ward, second_ward = LSOAS[0][2], LSOAS[2][2]
    lines = [
        f"Burglary,{first_ward},{WARD_NAMES[first_ward]},2018-04,5,5",
        f"Burglary,{second_ward},{WARD_NAMES[second_ward]},2018-04,4,4",
    ]
    tidy = dataset_import(
        "tidy",
        csv_bytes("indicator,area_code,area_name,period,value,count", *lines),
        dataset_name="Ward burglaries (own extract)",
    )
    assert tidy.ok, tidy.as_text()
    dataset = tidy.dataset_import.dataset_id

    board = dashboards.places(police, _burglary(), "2018-04")

    wards = board.chart("wards")
    assert [row[3] for row in wards.rows] == ["2", "1"] + ["0"] * 20  # police.uk alone
    assert sum(int(row[1]) for row in board.chart("localities").rows) == 3
    assert board.sentences == [
        "Burglary: figures from police.uk street-level crime only. Its other sources, never "
        "added to these, can be chosen under Source: Ward burglaries (own extract)."
    ]
    own = dashboards.places(police, _burglary(), "2018-04", source=dataset).chart("wards")
    assert [row[1:4:2] for row in own.rows[:2]] == [
        [WARD_NAMES[first_ward], "5"],
        [WARD_NAMES[second_ward], "4"],
    ]
    assert all(row[3] == "No data" for row in own.rows[2:])  # not police.uk: no zeros
    assert str(own.data_as_at).endswith(f"(import #{tidy.dataset_import.pk}, upload)")
    client.force_login(board_member)
    url = reverse("assessments:places")
    page = client.get(url, {"indicator": _burglary().pk, "period": "2018-04"})
    assert b'<option value="0" selected>police.uk street-level crime</option>' in page.content
    chosen = client.get(
        url,
        {
            "indicator": _burglary().pk,
            "source": dataset,
            "download": "csv",
            "chart": "wards",
            "period": "2018-04",
        },
    )
    assert [(r["area_code"], r["count"]) for r in csv.DictReader(io.StringIO(chosen.text))] == [
        (first_ward, "5"),
        (second_ward, "4"),
    ]


MONTHS_AND_YEAR = [("2018-04", 3), ("2018-05", 4), ("2018/19", 30)]


def test_a_years_total_beside_its_months_is_not_added_to_them(db):
    sefton_with_lsoas(44)
    ward, name = demo_tables.SEFTON_WARDS[0]
    report = dataset_import(
        "tidy",
        csv_bytes(
            "indicator,area_code,area_name,period,value,count",
            *[f"Youth referrals,{ward},{name},{p},{n},{n}" for p, n in MONTHS_AND_YEAR],
        ),
        dataset_name="Referrals",
    )
    assert report.ok, report.as_text()
    sefton = Area.objects.get(code=demo_tables.SEFTON[0])
    referrals = Indicator.objects.get(name="Youth referrals")

    year = dashboards.places(sefton, referrals, "2018/19").chart("wards")
    month = dashboards.places(sefton, referrals, "2018-04").chart("wards")

    assert year.rows[0][1::2] == [name, "30"]  # the year's total, not 30 + 3 + 4
    assert year.note == ""  # the year is stored whole: not "only April and May"
    assert month.rows[0][1::2] == [name, "3"]


def test_a_covered_month_with_no_crime_of_the_type_is_zero_everywhere(police):
    periods = dashboards.period_choices(selectors.periods_of(_burglary(), police))
    assert periods == ["2018-05", "2018/19", "2018-04"]  # May offered: the file covers it
    board = dashboards.places(police, _burglary(), "2018-05")

    assert [row[3] for row in board.chart("wards").rows] == ["0"] * 22
    assert board.empty_reason == ""


def test_a_month_the_file_does_not_cover_has_no_figures(police):
    board = dashboards.places(police, _burglary(), "2018-06")

    assert board.charts[0].rows == []
    assert board.empty_reason.startswith("No figures below the borough")


COVERAGE = (
    "Only April and May 2018 of 2018/19 have been imported (2 of its 12 months): the figures, "
    "zeros included, are for those months."
)


def test_a_partly_covered_year_says_which_months_its_figures_cover(client, board_member, police):
    board = dashboards.places(police, _burglary(), "2018/19")

    for chart in board.charts:
        assert COVERAGE in chart.caption
        assert chart.note == COVERAGE
        assert {row["note"] for row in chart.export_rows()} == {COVERAGE}
    client.force_login(board_member)
    query = {"indicator": _burglary().pk, "period": "2018/19"}
    page = client.get(reverse("assessments:places"), query).content.decode()
    assert f'<span class="app-table-note">{COVERAGE}</span></caption>' in page
    csv = client.get(reverse("assessments:places"), {**query, "download": "csv", "chart": "wards"})
    assert COVERAGE in csv.content.decode()
    # A month, or a year every month of which is imported, needs no such note.
    assert all(not c.note for c in dashboards.places(police, _burglary(), "2018-04").charts)


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (["2018-11", "2018-12", "2019-01"], "Only November 2018 to January 2019 of 2018/19"),
        (["2018-04", "2018-06"], "Only April 2018 and June 2018 of 2018/19"),
    ],
)
def test_the_coverage_note_words_runs_of_months(months, words):
    note = dashboards.coverage_note(parse_period("2018/19"), [parse_period(m) for m in months])

    assert note.startswith(words)
    assert f"({len(months)} of its 12 months)" in note


def test_a_fully_covered_year_needs_no_coverage_note():
    months = [parse_period(f"{2018 + (m < 4)}-{m:02d}") for m in range(1, 13)]
    assert dashboards.coverage_note(parse_period("2018/19"), months) == ""


def _ward_outlines():
    """A square per ward, in a row along the coast, as a ward GeoJSON upload gives them."""
    features = [
        {
            "type": "Feature",
            "properties": {"WD18CD": code},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[-3 + i / 50, 53.5], [-2.99 + i / 50, 53.5],
                                 [-2.99 + i / 50, 53.49], [-3 + i / 50, 53.49], [-3 + i / 50, 53.5]]],
            },
        }
        for i, (code, _) in enumerate(demo_tables.SEFTON_WARDS)
    ]  # fmt: skip
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    assert boundaries_import(content, dataset_name="Ward outlines").ok


def test_zero_wards_are_shaded_on_the_map(police):
    _ward_outlines()

    trace = dashboards.places(police, _burglary(), "2018-04").chart("wards").figure["data"][0]

    assert trace["type"] == "choropleth"
    assert len(trace["locations"]) == 22
    assert trace["z"] == [2, 1] + [0] * 20


def test_other_sources_leave_a_missing_figure_as_no_data(db):
    sefton_with_lsoas(44)
    wards = demo_tables.SEFTON_WARDS
    lines = ["indicator,area_code,area_name,period,value,count"] + [
        f"Youth referrals,{code},{name},2018/19,{n},{n}" for n, (code, name) in enumerate(wards[:3])
    ]
    assert dataset_import("tidy", csv_bytes(*lines), dataset_name="Referrals").ok
    sefton = Area.objects.get(code=demo_tables.SEFTON[0])
    board = dashboards.places(sefton, Indicator.objects.get(name="Youth referrals"), "2018/19")

    rows = board.chart("wards").rows
    assert len(rows) == 22
    assert [row[3] for row in rows[:3]] == ["2", "1", "0"]  # a zero the file gave is a zero
    assert all(row[3] == "No data" and row[0] == "" for row in rows[3:])
    assert len(board.chart("wards").export_rows()) == 3
    assert board.chart("lsoas") is None  # no LSOA has a figure: no table of them at all


# ---------------------------------------------------------------------------------------------
# A map frozen into an agenda item


def test_the_map_drawing_projects_outlines_and_shades_by_value():
    square = {
        "type": "Polygon",
        "coordinates": [[[-3, 54], [-2, 54], [-2, 53], [-3, 53], [-3, 54]]],
    }
    drawing = svg.map_svg(
        ["Linacre", "Derby", "Ravenmeols"],
        [10, 0, None],
        [square, json.dumps(square), {"type": "MultiPolygon", "coordinates": [square["coordinates"]]}],
        title="Burglary, 2018-04",
        legend_title="Count",
    )  # fmt: skip

    paths = re.findall(r'<path d="([^"]+)" fill="([^"]+)"', drawing)
    assert len(paths) == 3
    xs = [float(x) for x in re.findall(r"([\d.]+),[\d.]+", paths[0][0])]
    ys = [float(y) for y in re.findall(r"[\d.]+,([\d.]+)", paths[0][0])]
    # A degree of longitude at 53.5 N is cos(53.5) of a degree of latitude.
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width / height == pytest.approx(0.5948, abs=0.01)
    assert [fill for _, fill in paths] == [svg.MAP_SCALE[-1], svg.MAP_SCALE[0], svg.NO_DATA_FILL]
    assert (
        "<title>Linacre: 10.0</title>" in drawing
        and "<title>Ravenmeols: No data</title>" in drawing
    )
    assert "No data</text>" in drawing and ">Count</text>" in drawing
    # A month without a crime anywhere is pale all over, not dark.
    none = svg.map_svg(["Linacre"], [0], [square], title="t", legend_title="Count")
    assert re.findall(r'<path d="[^"]+" fill="([^"]+)"', none) == [svg.MAP_SCALE[0]]


def test_a_frozen_map_prints_as_a_map(client, analyst, police):
    from meetings import pack
    from meetings.models import FrozenPaper
    from tests.factories import AgendaItemFactory

    _ward_outlines()
    item = AgendaItemFactory(meeting__status="agenda_published", title="Strategic assessment")
    client.force_login(analyst)
    query = {"indicator": _burglary().pk, "period": "2018-04"}
    url = reverse("assessments:attach", args=["places", "wards"])

    response = client.post(url + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
                           {**query, "agenda_item": item.pk})  # fmt: skip

    assert response.status_code == 302
    paper = FrozenPaper.objects.get()
    html = pack.frozen_paper_html(paper, item)
    assert html.count("<path d=") == 22  # every ward drawn (the sanitiser kept the paths)
    first = WARD_NAMES[LSOAS[0][2]]
    assert f"<title>{first}: 2.0</title>" in html
    assert "<table>" in html and f'<th scope="row">1</th><td>{first}</td>' in html
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pack.render_part(html))).pages
    )
    assert "Wards ranked: Burglary, 2018-04" in text
    assert f"Data as at {paper.data_as_at}" in " ".join(text.split())
