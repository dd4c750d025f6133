"""Each shared upload guard (sscp.uploads) on small files: it refuses past its limit, naming the
limit, and lets a file inside it through. The hostile files themselves go through both importers
in tests/assessments/test_hostile_files.py and tests/marac/test_hostile_files.py."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook

from sscp import uploads
from sscp.uploads import Refused
from tests import hostile_files


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _undeclared_xlsx(rows: int, columns: int) -> bytes:
    """A sheet of ``rows`` rows of ``columns`` cells with no <dimension>: only streaming tells."""
    row = "<row>" + '<c t="n"><v>1</v></c>' * columns + "</row>"

    def write(sheet):
        sheet.write((hostile_files._SHEET_START + "<sheetData>").encode())
        sheet.write((row * rows).encode())
        sheet.write(b"</sheetData></worksheet>")

    return hostile_files._workbook(write)


# -- CSV --------------------------------------------------------------------------------------


def test_text_is_utf8_with_or_without_a_bom_and_a_bad_byte_names_its_line():
    assert uploads.decode_text("\ufeffward,count\n".encode()) == "ward,count\n"
    with pytest.raises(Refused, match=r"not UTF-8 text \(byte 0xe9 on line 2\)") as refusal:
        uploads.decode_text(b"ward,count\nCaf\xe9,1\n")
    assert refusal.value.line == 2


def test_csv_rows_carry_the_line_they_start_on_and_skip_blank_lines():
    text = 'ward,note\r\n\r\n Linacre ,"two\nlines"\n,\nFord,x'
    assert uploads.read_csv_rows(text) == [
        (1, ["ward", "note"]),
        (3, ["Linacre", "two\nlines"]),
        (6, ["Ford", "x"]),
    ]


def test_csv_past_the_row_limit_is_refused_naming_it(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ROWS", 3)
    assert len(uploads.read_csv_rows("a\n1\n2\n")) == 3
    with pytest.raises(Refused, match="the file has more than 3 rows") as refusal:
        uploads.read_csv_rows("a\n1\n2\n3\n")
    assert refusal.value.line == 4


def test_csv_past_the_column_limit_is_refused_naming_the_line(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_COLUMNS", 3)
    assert uploads.read_csv_rows("a,b,c\n") == [(1, ["a", "b", "c"])]
    with pytest.raises(Refused, match="^line 2 has more than 3 columns$"):
        uploads.read_csv_rows("a,b,c\n1,2,3,4\n")


def test_a_field_past_the_limit_is_refused_naming_the_line_and_the_limit():
    assert csv.field_size_limit() == uploads.MAX_FIELD_CHARS  # the limit stated is the one applied
    uploads.read_csv_rows("a\n" + "x" * uploads.MAX_FIELD_CHARS + "\n")
    with pytest.raises(Refused, match="^line 2 has a field longer than 131,072 characters$"):
        uploads.read_csv_rows("a\n" + "x" * (uploads.MAX_FIELD_CHARS + 1) + "\n")


# -- XLSX -------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(Refused, match="not a readable XLSX workbook"):
        uploads.check_xlsx(b"PK\x03\x04 not really a zip")


def test_a_workbook_of_too_many_parts_is_refused_naming_the_limit(monkeypatch):
    data = _xlsx([["a"]])
    parts = len(zipfile.ZipFile(io.BytesIO(data)).infolist())
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", parts)
    uploads.check_xlsx(data)
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", parts - 1)
    with pytest.raises(Refused, match=f"the workbook has {parts} parts; at most {parts - 1}"):
        uploads.check_xlsx(data)


def test_a_workbook_too_large_unpacked_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_XLSX_UNPACKED_MB", 1)
    uploads.check_xlsx(_undeclared_xlsx(rows=1_000, columns=2))
    with pytest.raises(Refused, match=r"the workbook unpacks to \d+ MB; at most 1 MB"):
        uploads.check_xlsx(_undeclared_xlsx(rows=60_000, columns=2))


def test_a_part_compressed_too_well_is_refused_as_a_zip_bomb():
    bomb = _undeclared_xlsx(rows=60_000, columns=2)  # 2.6 MB of one repeated row
    with pytest.raises(
        Refused, match=r"sheet1.xml is compressed [\d,]+ to 1; at most 100 to 1 for"
    ):
        uploads.check_xlsx(bomb)
    uploads.check_xlsx(_undeclared_xlsx(rows=15_000, columns=2))  # under 1 MB: any ratio


def test_a_declared_sheet_size_past_the_limits_is_refused_before_reading(monkeypatch):
    data = _xlsx([["a", "b", "c"], [1, 2, 3]])  # openpyxl declares A1:C2
    uploads.check_xlsx(data)
    monkeypatch.setattr(uploads, "MAX_COLUMNS", 2)
    with pytest.raises(Refused, match=r"\(A1:C2\) declares 2 rows and 3 columns; at most"):
        uploads.check_xlsx(data)


def test_xlsx_rows_are_streamed_with_their_numbers_skipping_blank_rows():
    data = _xlsx([["ward", "count"], [None, None], ["Linacre", 3], ["Ford", 4]])
    assert list(uploads.read_xlsx_rows(data)) == [
        (1, ("ward", "count")),
        (3, ("Linacre", 3)),
        (4, ("Ford", 4)),
    ]
    assert [number for number, _ in uploads.read_xlsx_rows(data, stop_after=3)] == [1, 3]


def test_a_sheet_that_is_not_there_is_refused_naming_the_sheets():
    with pytest.raises(Refused, match=r"has no sheet 'Data' \(sheets: Sheet\)"):
        list(uploads.read_xlsx_rows(_xlsx([["a"]]), sheet="Data"))


def test_undeclared_rows_and_columns_past_the_limits_are_refused_while_streaming(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ROWS", 3)
    assert len(list(uploads.read_xlsx_rows(_undeclared_xlsx(rows=3, columns=2)))) == 3
    with pytest.raises(Refused, match="the sheet has more than 3 rows"):
        list(uploads.read_xlsx_rows(_undeclared_xlsx(rows=4, columns=2)))
    monkeypatch.setattr(uploads, "MAX_COLUMNS", 2)
    with pytest.raises(Refused, match="^row 1 has more than 2 columns$"):
        list(uploads.read_xlsx_rows(_undeclared_xlsx(rows=1, columns=3)))


# -- GeoJSON ----------------------------------------------------------------------------------


def test_geojson_inside_the_depth_limit_is_parsed():
    feature = b'{"type": "FeatureCollection", "features": [], "name": "[[[{{"}'
    assert uploads.load_geojson(feature)["name"] == "[[[{{"


def test_geojson_nested_past_the_limit_is_refused_naming_it():
    deep = b"[" * 33 + b"]" * 33
    uploads.load_geojson(b"[" * 32 + b"]" * 32)
    with pytest.raises(Refused, match="nests lists and objects 33 levels deep; at most 32"):
        uploads.load_geojson(deep)


def test_brackets_inside_strings_do_not_count_towards_the_depth():
    assert uploads.json_depth(rb'{"a": "[[[\"[[[", "b": [{"c": "\\"}]}') == 3
    assert uploads.json_depth(b"1") == 0


def test_geojson_that_is_not_utf8_or_not_json_is_refused_naming_the_line():
    with pytest.raises(Refused, match="not UTF-8"):
        uploads.load_geojson(b'{"name": "Caf\xe9"}')
    with pytest.raises(Refused, match="not valid JSON") as refusal:
        uploads.load_geojson(b'{\n"type": }')
    assert refusal.value.line == 2
