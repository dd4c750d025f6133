import csv
import io
import math

from openpyxl import load_workbook

from assessments.figures import EXPORT_COLUMNS, export_csv, export_xlsx, neutralise
from assessments.readers import read_tidy

ROWS = [
    {
        "indicator": '=HYPERLINK("http://evil.example","click")',
        "area_code": "E08000014",
        "area_name": "+Sefton",
        "period": "2017/18",
        "value": -3.2,
        "count": 20300.0,
        "denominator": math.nan,
        "note": "-3.2",
    },
    {
        "indicator": "@SUM(A1)",
        "area_code": "E08000015",
        "area_name": "-Wirral",
        "period": "2017/18",
        "value": 72.0,
        "note": "\tcmd",
    },
]


def test_it_neutralises_formulas_but_not_numbers():
    assert neutralise("=1+2") == "'=1+2"
    assert neutralise("+44 151 934 2070") == "'+44 151 934 2070"
    assert neutralise("-Sefton") == "'-Sefton"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-3.2") == "-3.2"
    assert neutralise(-3.2) == -3.2
    assert neutralise("Sefton") == "Sefton"


def test_it_exports_csv_with_the_tidy_columns():
    text = export_csv(ROWS)

    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert text.endswith("\r\n")
    assert rows[0] == list(EXPORT_COLUMNS)
    assert rows[1] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "E08000014",
        "'+Sefton",
        "2017/18",
        "-3.2",
        "20300",
        "",
        "",
        "",
        "-3.2",
    ]
    assert rows[2][0] == "'@SUM(A1)" and rows[2][2] == "'-Wirral" and rows[2][9] == "'\tcmd"


def test_its_csv_reads_back_through_the_tidy_reader():
    result = read_tidy(export_csv(ROWS).encode())

    assert result.ok, result.errors
    assert result.frame["value"].tolist() == [-3.2, 72.0]
    assert result.frame["area_name"].tolist() == ["'+Sefton", "'-Wirral"]


def test_it_exports_xlsx_with_numbers_as_numbers_and_no_formulas():
    workbook = load_workbook(io.BytesIO(export_xlsx(ROWS)))
    sheet = workbook["Data"]

    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    types = {cell.data_type for row in sheet.iter_rows() for cell in row}

    assert values[0] == list(EXPORT_COLUMNS)
    assert values[1][:6] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "E08000014",
        "'+Sefton",
        "2017/18",
        -3.2,
        20300,
    ]
    assert values[1][6] is None
    assert "f" not in types
