import pytest

from assessments.readers import detect_format, read_file
from tests.assessments.helpers import csv_bytes, xlsx_bytes

HEADERS = {
    "police-uk": "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context",
    "fingertips": "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,"
    "Area Type,Sex,Age,Category Type,Category,Time period,Value",
    "tidy": "indicator,area_code,area_name,period,value",
    "wide": "Sefton Offence Counts,2015/16,2016/17,2017/18",
    "area-lookup": "LSOA11CD,LSOA11NM,WD18CD,WD18NM,LAD18CD,LAD18NM",
    "population": "area_code,year,population,sex,age_band",
}


@pytest.mark.parametrize("format", sorted(HEADERS))
def test_it_detects_each_format_from_its_header(format):
    assert detect_format(csv_bytes(HEADERS[format], bom=True)) == format
    assert detect_format(xlsx_bytes([HEADERS[format].split(",")])) == format


def test_it_reports_a_file_it_cannot_recognise():
    result = read_file(csv_bytes("name,colour", "apple,red"))

    assert result.format == "unknown"
    assert len(result.errors) == 1
    assert result.errors[0].reason.startswith("header row not found: expected the columns of")
    assert result.errors[0].reason.endswith("(looked at lines 1-2)")
    assert detect_format(csv_bytes("name,colour")) is None


def test_it_refuses_an_unknown_format_name():
    with pytest.raises(ValueError, match="unknown format 'csv'"):
        read_file(b"", "csv")
