import io
import math

import pandas as pd

from assessments.readers import OBSERVATION_COLUMNS, read_file, read_tidy
from tests.assessments.helpers import csv_bytes, error_tuples, xlsx_bytes

HEADER = "indicator,area_code,area_name,period,value,count,denominator,lower_ci,upper_ci,note"
KNOWN = {"E08000014", "E08000015"}


def test_it_reads_a_tidy_csv_with_bom_and_crlf():
    result = read_tidy(
        csv_bytes(
            HEADER,
            'Crime rate,E08000014,Sefton,2017/18,74,"20,300",274100,70.1,78.2,',
            "Crime rate,E08000015,Wirral,2017/18,,,,,,Value suppressed for disclosure control",
            bom=True,
        ),
        known_codes=KNOWN,
    )

    assert result.ok, result.errors
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (2, 2, 0)
    assert list(result.frame.columns) == list(OBSERVATION_COLUMNS)
    sefton, wirral = result.frame.to_dict("records")
    assert sefton == {
        "indicator": "Crime rate",
        "area_code": "E08000014",
        "area_name": "Sefton",
        "period": "2017/18",
        "value": 74.0,
        "count": 20300.0,
        "denominator": 274100.0,
        "lower_ci": 70.1,
        "upper_ci": 78.2,
        "note": "",
    }
    assert math.isnan(wirral["value"]) and math.isnan(wirral["count"])
    assert wirral["note"] == "Value suppressed for disclosure control"


def test_it_maps_columns_by_name_not_position():
    result = read_tidy(
        csv_bytes(
            "Period,Value,Area Code,Indicator,Area_Name",
            "2018-12,5,E08000014,Burglary,Sefton",
            crlf=False,
        )
    )

    assert result.ok, result.errors
    row = result.frame.iloc[0]
    assert (row.indicator, row.area_code, row.period, row.value) == (
        "Burglary",
        "E08000014",
        "2018-12",
        5.0,
    )


def test_it_gives_periods_their_canonical_label():
    result = read_tidy(
        csv_bytes(
            HEADER, "X,E08000014,Sefton,2018/19 Q3,1,,,,,", "X,E08000014,Sefton,2016-2018,2,,,,,"
        )
    )

    assert result.frame["period"].tolist() == ["Q3 2018/19", "2016 - 18"]


def test_it_names_a_missing_required_column():
    result = read_tidy(csv_bytes("indicator,area_code,period,count", "X,E08000014,2017/18,5"))

    assert error_tuples(result) == [
        (1, "area_name", None, "missing required column"),
        (1, "value", None, "missing required column"),
    ]
    assert result.frame.empty
    assert result.rows_accepted == 0


def test_it_reports_every_bad_row_and_accepts_nothing():
    result = read_tidy(
        csv_bytes(
            HEADER,
            "Crime rate,E08000014,Sefton,2017/18,74,,,,,",
            "Crime rate,E08000015,Wirral,2017/18,seventy,,,,,",
            "Crime rate,E08000015,Wirral,2016-17,72,,,,,",
            "Crime rate,E08000099,Nowhere,2017/18,1,,,,,",
            "Crime rate,E08000014,Sefton,2017/18,74,,,,,",
            "Crime share,E08000014,Sefton,2017/18,31%,,,,,",
            ",E08000014,Sefton,2017/18,1,,,,,",
        ),
        known_codes=KNOWN,
    )

    assert error_tuples(result) == [
        (3, "value", "seventy", "not a number"),
        (
            4,
            "period",
            "2016-17",
            "cannot read period '2016-17': YYYY-MM is read as a month (01-12); write pooled "
            "years as '2016 - 17' and a financial year as '2016/17'",
        ),
        (5, "area_code", "E08000099", "unknown area code"),
        (6, "indicator, area_code, period", "Crime rate | E08000014 | 2017/18", "repeats line 2"),
        (7, "value", "31%", "not a number"),
        (8, "indicator", "", "empty"),
    ]
    assert result.frame.empty
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (7, 0, 6)


def test_it_counts_lines_as_the_user_sees_them():
    content = csv_bytes(
        HEADER,
        "",
        'Crime rate,E08000014,Sefton,2017/18,74,,,,,"a note',
        'on two lines"',
        "Crime rate,E08000015,Wirral,2017/18,x,,,,,",
    )

    result = read_tidy(content)

    assert error_tuples(result) == [(5, "value", "x", "not a number")]


def test_it_refuses_a_row_longer_than_the_header():
    result = read_tidy(csv_bytes(HEADER, "X,E08000014,Sefton,2017/18,1,,,,,,surplus"))

    assert error_tuples(result) == [(2, None, "surplus", "row has more cells than the header (10)")]


def test_it_refuses_a_file_that_is_not_utf8():
    result = read_tidy(HEADER.encode() + b"\r\nCrime,E08000014,S\xe9fton,2017/18,1,,,,,\r\n")

    assert len(result.errors) == 1
    assert result.errors[0].line == 2
    assert "not UTF-8" in result.errors[0].reason


def test_it_reads_xlsx_with_numbers_as_cells():
    content = xlsx_bytes(
        [HEADER.split(","), ["Crime rate", "E08000014", "Sefton", "2017/18", 74.06, 20300]]
    )

    result = read_file(content)

    assert result.format == "tidy"
    assert result.ok, result.errors
    assert result.frame.loc[0, ["value", "count"]].tolist() == [74.06, 20300.0]


def test_it_finds_an_xlsx_header_below_title_rows_and_says_so():
    content = xlsx_bytes(
        [
            ["Table 1. Crime rates"],
            [],
            HEADER.split(","),
            ["Crime rate", "E08000014", "Sefton", "2017/18", "x"],
        ]
    )

    result = read_tidy(content)

    assert error_tuples(result) == [(4, "value", "x", "not a number")]
    assert result.header_line == 3
    assert result.notes == ["header found on row 3; rows above it were ignored"]


def test_it_reports_an_xlsx_without_a_header_precisely():
    content = xlsx_bytes([["Table 1"], *[[f"row {i}", i] for i in range(2, 15)]])

    result = read_tidy(content)

    assert error_tuples(result) == [
        (
            None,
            None,
            None,
            "header row not found: expected columns indicator, area_code, area_name, period, "
            "value (looked at rows 1-10)",
        )
    ]


def test_it_reads_from_a_path_and_from_a_file_object(tmp_path):
    content = csv_bytes(HEADER, "X,E08000014,Sefton,2017/18,1,,,,,")
    path = tmp_path / "tidy.csv"
    path.write_bytes(content)

    from_path = read_tidy(str(path))
    from_file = read_tidy(io.BytesIO(content))

    pd.testing.assert_frame_equal(from_path.frame, from_file.frame)
    assert from_path.frame["value"].tolist() == [1.0]
