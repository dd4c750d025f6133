"""Ward outlines for the places map: a GeoJSON upload read whole or refused, analysts only; the
places page maps the wards when every ward shown has an outline, and ranks them in bars
otherwise."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments import charts
from assessments.boundaries import read_boundaries
from assessments.demo import tables as demo_tables
from assessments.imports import boundaries_import, dataset_import, dataset_import_rollback
from assessments.models import AreaBoundary, DatasetImport
from tests.assessments.helpers import error_tuples
from tests.assessments.sefton import police_csv, sefton_with_lsoas

WARDS = [code for code, _ in demo_tables.SEFTON_WARDS]


def _square(west=-3.0, north=53.5, side=0.01):
    return [
        [[west, north], [west + side, north], [west + side, north - side], [west, north - side]]
        + [[west, north]]
    ]


def _collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(code, geometry=None, key="WD18CD"):
    geometry = geometry or {"type": "Polygon", "coordinates": _square()}
    return {"type": "Feature", "properties": {key: code, "name": "x"}, "geometry": geometry}


# ---------------------------------------------------------------------------------------------
# The reader (no database)


def test_the_reader_finds_the_code_property_and_keeps_the_outlines():
    result = read_boundaries(_collection(_feature("A1"), _feature("A2")), {"A1", "A2", "x"})

    assert result.ok
    assert result.code_property == "WD18CD"
    assert result.boundaries["A2"] == {"type": "Polygon", "coordinates": _square()}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"type": "FeatureCollection",\n "features": [}', [(2, None, None, "not valid JSON")]),
        (b"\xff\xfe{}", [(None, None, None, "the file is not UTF-8 text")]),
        (b'{"type": "Feature"}', [(None, None, None, "expected a GeoJSON FeatureCollection")]),
        (_collection(), [(None, None, None, "the FeatureCollection has no features")]),
    ],
)
def test_the_reader_refuses_what_is_not_a_feature_collection(content, expected):
    result = read_boundaries(content, {"A1"})

    assert [(e.line, e.column, e.value, e.reason[: len(r)]) for e, (_, _, _, r) in zip(
        result.errors, expected, strict=True
    )] == expected  # fmt: skip
    assert result.boundaries == {}


def test_the_reader_names_each_bad_feature_and_keeps_nothing():
    point = {"type": "Point", "coordinates": [-3.0, 53.5]}
    open_ring = {"type": "Polygon", "coordinates": [_square()[0][:-1] + [[-3.0, 53.4]]]}
    content = _collection(
        _feature("A1"),
        _feature("E05099999"),
        _feature("A2", point),
        _feature("A1"),
        _feature("A3", open_ring),
    )

    result = read_boundaries(content, {"A1", "A2", "A3"})

    assert error_tuples(result) == [
        (None, "feature 2, property WD18CD", "E05099999", "not a known area code"),
        (None, "feature 3, geometry", "Point", "must be a Polygon or MultiPolygon (an area's outline)"),
        (None, "feature 4, property WD18CD", "A1", "already given by feature 1"),
        (None, "feature 5, geometry", "Polygon", "a ring must end where it starts"),
    ]  # fmt: skip
    assert result.boundaries == {}


def test_the_reader_says_when_no_property_holds_a_known_code():
    result = read_boundaries(_collection(_feature("Z9", key="ref")), {"A1"})

    assert "no property of the features holds a known area code (properties: name, ref)" in (
        result.errors[0].reason
    )


# ---------------------------------------------------------------------------------------------
# Upload, command and the places page


@pytest.fixture
def sefton(db):
    sefton_with_lsoas()
    report = dataset_import("police-uk", police_csv(), dataset_name="police.uk")
    assert report.ok, report.as_text()


def _wards_geojson(codes=WARDS) -> bytes:
    return _collection(*[_feature(code, {"type": "Polygon", "coordinates": _square(-3 + i / 50)})
                         for i, code in enumerate(codes)])  # fmt: skip


def _upload(client, content: bytes, name="wards.geojson", **fields):
    data = {"format": "auto", "dataset": "Ward boundaries", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/geo+json")
    return client.post(reverse("assessments:imports"), data)


def _wards_chart(client):
    response = client.get(reverse("assessments:places"))
    assert response.status_code == 200
    return response.context["board"].chart("wards")


def test_an_analyst_uploads_ward_outlines_and_the_places_page_maps_them(client, analyst, sefton):
    client.force_login(analyst)
    assert _wards_chart(client).figure["data"][0]["type"] == "bar"

    response = _upload(client, _wards_geojson())

    assert response.status_code == 302
    record = DatasetImport.objects.get(format="boundaries")
    assert record.imported_by == analyst
    detail = client.get(response["Location"]).content.decode()
    assert "Area outlines stored" in detail and "22 area boundaries stored" in detail
    assert AreaBoundary.objects.count() == 22
    chart = _wards_chart(client)
    trace = chart.figure["data"][0]
    assert trace["type"] == "choropleth"
    assert trace["featureidkey"] == "properties.code"
    assert chart.figure["layout"]["geo"]["fitbounds"] == "locations"
    shown = [row[1] for row in chart.rows]
    codes = {name: code for code, name in demo_tables.SEFTON_WARDS}
    assert trace["locations"] == [codes[name] for name in shown]  # the table beside it
    features = {f["properties"]["code"] for f in trace["geojson"]["features"]}
    assert features == set(trace["locations"])
    assert f"import #{record.pk}" in chart.caption
    # The page carries the outlines as stored, in valid plotly JSON.
    page = client.get(reverse("assessments:places")).content.decode()
    start = page.index('<script id="wards-data" type="application/json">') + 48
    sent = json.loads(page[start : page.index("</script>", start)])
    charts.validated(sent)
    geometry = sent["data"][0]["geojson"]["features"][0]["geometry"]
    assert geometry == AreaBoundary.objects.get(area__code=trace["locations"][0]).geometry

    dataset_import_rollback(record)
    assert _wards_chart(client).figure["data"][0]["type"] == "bar"


def test_a_map_needs_an_outline_for_every_ward_shown(client, analyst, sefton):
    assert boundaries_import(_wards_geojson(WARDS[:5]), dataset_name="Some wards").ok
    client.force_login(analyst)

    assert _wards_chart(client).figure["data"][0]["type"] == "bar"


def test_a_board_member_cannot_upload_outlines(client, board_member, sefton):
    client.force_login(board_member)
    response = _upload(client, _wards_geojson())

    assert response.status_code == 403
    assert not AreaBoundary.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "fields", "field_error"),
    [
        ("wards.geojson", b"Ward,Code\n", {}, "is named .geojson but is not GeoJSON"),
        ("wards.csv", b"a,b\n", {"format": "boundaries"}, "Area boundaries are GeoJSON files"),
        ("wards.geojson", b"{}", {"format": "tidy"}, "Area boundaries are GeoJSON files"),
    ],
)
def test_files_of_the_wrong_type_are_refused(
    client, analyst, sefton, name, content, fields, field_error
):
    client.force_login(analyst)
    response = _upload(client, content, name=name, **fields)

    assert response.status_code == 400
    assert field_error in str(response.context["form"].errors["file"])
    assert not AreaBoundary.objects.exists()


def test_bad_json_and_unknown_codes_are_named_and_nothing_is_stored(client, analyst, sefton):
    client.force_login(analyst)
    bad_json = _upload(client, b'{"type": "FeatureCollection", "features": [')
    assert bad_json.status_code == 400
    assert bad_json.context["report"].errors[0].reason.startswith("not valid JSON")

    unknown = _upload(client, _wards_geojson([*WARDS, "E05099999"]))

    assert unknown.status_code == 400
    assert error_tuples(unknown.context["report"]) == [
        (None, "feature 23, property WD18CD", "E05099999", "not a known area code")
    ]
    assert "E05099999" in unknown.content.decode()
    assert not AreaBoundary.objects.exists()
    assert not DatasetImport.objects.filter(format="boundaries").exists()


def test_an_outline_file_over_the_size_limit_is_refused(client, analyst, sefton, settings):
    settings.SSCP_MAX_UPLOAD_MB = 0
    client.force_login(analyst)

    response = _upload(client, _wards_geojson())

    assert "larger than 0 MB" in str(response.context["form"].errors["file"])
    # The import function (and so the command) checks the limit too.
    report = boundaries_import(_wards_geojson(), dataset_name="x")
    assert [e.reason for e in report.errors] == ["the file is larger than 0 MB"]
    assert not AreaBoundary.objects.exists()


def test_the_import_command_loads_outlines_all_or_nothing(sefton, tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_bytes(_wards_geojson(["E05099999"]))
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "import_dataset", "boundaries", str(bad), "--code-property", "WD18CD", stderr=stderr
        )
    assert "'E05099999': not a known area code" in stderr.getvalue()

    good = tmp_path / "wards.geojson"
    good.write_bytes(_wards_geojson())
    out = io.StringIO()
    call_command("import_dataset", "boundaries", str(good), "--dataset", "Wards", stdout=out)
    assert "22 area boundaries stored (codes in property 'WD18CD')" in out.getvalue()
    assert AreaBoundary.objects.count() == 22


def test_figure_json_copies_raw_outlines_and_escapes_for_a_script_element():
    figure = {
        "data": [{"name": "</script><b>&", "geo": charts.RawJSON('{"type": "Polygon"}')}],
        "layout": {},
    }

    text = charts.figure_json(figure)

    assert "</script>" not in text and "<b>" not in text
    assert json.loads(text) == {
        "data": [{"name": "</script><b>&", "geo": {"type": "Polygon"}}],
        "layout": {},
    }


def test_lsoas_are_mapped_when_each_has_an_outline(client, analyst, sefton):
    client.force_login(analyst)
    board = client.get(reverse("assessments:places")).context["board"]
    assert board.chart("lsoa-map") is None
    lsoas = [code for code, _, _ in demo_tables.demo_lsoas(44)]
    outlines = _collection(
        *[
            _feature(code, {"type": "Polygon", "coordinates": _square(-3 + i / 100, side=0.005)})
            for i, code in enumerate(lsoas)
        ]
    )
    assert boundaries_import(outlines, dataset_name="LSOA outlines").ok

    board = client.get(reverse("assessments:places")).context["board"]

    chart = board.chart("lsoa-map")
    trace = chart.figure["data"][0]
    assert trace["type"] == "choropleth"
    assert trace["locations"] == [row[2] for row in chart.rows]
    assert len(chart.rows) > 20  # every LSOA with figures, not only the top 20
    assert board.chart("wards").figure["data"][0]["type"] == "bar"  # no ward outlines
