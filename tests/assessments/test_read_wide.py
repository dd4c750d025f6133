import math

import pytest

from assessments.readers import read_wide
from tests.assessments.helpers import csv_bytes, error_tuples, xlsx_bytes

TABLE_2 = csv_bytes(
    "Sefton Offence Counts,2015/16,2016/17,2017/18",
    "Arson and Criminal Damage,2483,2730,2819",
    "Drugs,1008,1063,1262",
    "Robbery,148,,205",
)
SEFTON = {"first_column": "indicator", "area_code": "E08000014", "area_name": "Sefton"}


def test_it_reads_one_indicator_per_row_for_one_area():
    result = read_wide(TABLE_2, **SEFTON, indicator_prefix="Offences: ", values_are_counts=True)

    assert result.ok, result.errors
    assert (result.rows_read, result.rows_accepted) == (3, 3)
    rows = result.frame[["indicator", "area_code", "area_name", "period", "value", "count"]]
    assert rows.values.tolist()[:3] == [
        ["Offences: Arson and Criminal Damage", "E08000014", "Sefton", "2015/16", 2483.0, 2483.0],
        ["Offences: Arson and Criminal Damage", "E08000014", "Sefton", "2016/17", 2730.0, 2730.0],
        ["Offences: Arson and Criminal Damage", "E08000014", "Sefton", "2017/18", 2819.0, 2819.0],
    ]
    robbery = result.frame[result.frame["indicator"] == "Offences: Robbery"]
    assert robbery["period"].tolist() == ["2015/16", "2017/18"]  # the empty cell is no figure
    assert len(result.frame) == 8


def test_it_reads_one_area_per_row_by_code_or_name():
    content = csv_bytes(
        "Re offending,2014/15,2015/16",
        "Sefton,43.9,42.0",
        "north  west,45.9,44.1",
        "E92000001,42.6,41.9",
    )
    areas = {"E08000014": "Sefton", "E12000002": "North West", "E92000001": "England"}

    result = read_wide(content, first_column="area", indicator="Youth re-offending", areas=areas)

    assert result.ok, result.errors
    assert result.frame[["area_code", "area_name", "period", "value"]].values.tolist() == [
        ["E08000014", "Sefton", "2014/15", 43.9],
        ["E08000014", "Sefton", "2015/16", 42.0],
        ["E12000002", "North West", "2014/15", 45.9],
        ["E12000002", "North West", "2015/16", 44.1],
        ["E92000001", "England", "2014/15", 42.6],
        ["E92000001", "England", "2015/16", 41.9],
    ]
    assert set(result.frame["indicator"]) == {"Youth re-offending"}
    assert math.isnan(result.frame["count"].iloc[0])


def test_it_reports_bad_headings_cells_areas_and_repeats():
    content = csv_bytes(
        "Area,2016/17,Total,2016/2017",
        "Sefton,1,2,3",
        "Atlantis,4,5,6",
        "Sefton,7,8,9",
        "Wirral,n/a,,",
    )

    result = read_wide(
        content,
        first_column="area",
        indicator="X",
        areas={"E08000014": "Sefton", "E08000015": "Wirral"},
    )

    assert error_tuples(result) == [
        (
            1,
            "Total",
            "Total",
            "column heading is not a period: cannot read period 'Total': expected a label "
            "such as 2017/18, Q3 2017/18, 2022-12, 2018, 2014 - 16, 2014/15 - 16/17, "
            "Jul 2015 - Jun 2016",
        ),
        (1, "2016/2017", "2016/2017", "repeats the period of column '2016/17'"),
        (3, "Area", "Atlantis", "unknown area: not a known code or area name"),
        (4, "Area", "E08000014", "repeats line 2"),
        (5, "2016/17", "n/a", "not a number"),
    ]
    assert result.frame.empty


def test_it_refuses_an_unknown_code_when_codes_are_given():
    content = csv_bytes("Area,2018", "E08000099,1")

    result = read_wide(content, first_column="area", indicator="X", known_codes={"E08000014"})

    assert error_tuples(result) == [
        (2, "Area", "E08000099", "unknown area: not a known code or area name")
    ]


def test_it_accepts_known_codes_without_an_area_list():
    content = csv_bytes("Area,2018", "E08000014,1", "Sefton,2")

    result = read_wide(content, first_column="area", indicator="X", known_codes={"E08000014"})

    assert error_tuples(result) == [
        (3, "Area", "Sefton", "unknown area: not a known code or area name")
    ]
    ok = read_wide(
        content.replace(b"Sefton", b"E08000014 "),
        first_column="area",
        indicator="X",
        known_codes={"E08000014"},
    )
    assert error_tuples(ok) == [(3, "Area", "E08000014", "repeats line 2")]


def test_it_finds_the_header_of_a_spreadsheet_table_below_its_title():
    content = xlsx_bytes(
        [
            ["Table 2. Count of Offences Occurring in Sefton by Type"],
            [None, "2016/17", "2017/18"],
            ["Drugs", 1063, 1262],
        ]
    )

    result = read_wide(content, **SEFTON)

    assert result.ok, result.errors
    assert result.header_line == 2
    assert result.frame[["indicator", "period", "value"]].values.tolist() == [
        ["Drugs", "2016/17", 1063.0],
        ["Drugs", "2017/18", 1262.0],
    ]


def test_it_needs_to_be_told_what_the_table_is_about():
    with pytest.raises(ValueError, match="needs the area_code"):
        read_wide(TABLE_2, first_column="indicator")
    with pytest.raises(ValueError, match="needs the indicator"):
        read_wide(TABLE_2, first_column="area")
