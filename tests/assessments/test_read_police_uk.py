import csv
import io
from collections import Counter

import pytest

from assessments.demo import tables as demo_tables
from assessments.readers import (
    FORCE_TOTAL_COLUMNS,
    OBSERVATION_COLUMNS,
    read_area_lookup,
    read_file,
    read_police_uk,
)
from tests.assessments.helpers import csv_bytes, error_tuples, xlsx_bytes

HEADER = ",".join(demo_tables.POLICE_UK_HEADER)


@pytest.fixture(scope="module")
def demo_csv() -> bytes:
    return demo_tables.police_uk_demo_csv()


@pytest.fixture(scope="module")
def lookup():
    return read_area_lookup(demo_tables.sefton_area_lookup_csv()).frame


@pytest.fixture(scope="module")
def result(demo_csv, lookup):
    return read_police_uk(demo_csv, lookup=lookup)


def independent_counts(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_it_counts_every_row_once(result, demo_csv):
    rows = independent_counts(demo_csv)
    months = len(demo_tables.DEMO_MONTHS)

    assert result.ok, result.errors
    assert result.rows_read == len(rows) == 600 * months
    assert result.rows_no_location == demo_tables.NO_LOCATION_PER_MONTH * months
    assert result.rows_outside_lookup == demo_tables.OUTSIDE_PER_MONTH * months
    assert result.rows_accepted == result.rows_read - result.rows_no_location - (
        result.rows_outside_lookup
    )
    asb_without_id = [r for r in rows if r["Crime type"] == "Anti-social behaviour"]
    assert asb_without_id and all(r["Crime ID"] == "" for r in asb_without_id)


def test_it_counts_crime_type_by_month_by_lsoa(result, demo_csv):
    rows = independent_counts(demo_csv)
    expected = Counter(
        (r["Crime type"], r["LSOA code"], r["Month"])
        for r in rows
        if r["LSOA code"].startswith("E010065") or r["LSOA code"].startswith("E010066")
    )
    lsoas = result.frame[result.frame["area_code"].str.startswith("E01")]

    got = {(r.indicator, r.area_code, r.period): r.count for r in lsoas.itertuples(index=False)}

    assert got == expected
    assert list(result.frame.columns) == list(OBSERVATION_COLUMNS)
    assert (result.frame["value"] == result.frame["count"]).all()


def test_it_rolls_lsoas_up_to_ward_locality_and_borough(result, demo_csv):
    rows = independent_counts(demo_csv)
    ward_of = {code: ward for code, _, ward in demo_tables.demo_lsoas()}
    ward_names = dict(demo_tables.SEFTON_WARDS)
    expected_linacre = sum(
        1
        for r in rows
        if r["LSOA code"] in ward_of
        and ward_names[ward_of[r["LSOA code"]]] == "Linacre"
        and r["Crime type"] == "Violence and sexual offences"
        and r["Month"] == "2018-05"
    )
    frame = result.frame.set_index(["indicator", "area_code", "period"])

    linacre = frame.loc[("Violence and sexual offences", "E05000942", "2018-05")]

    assert linacre["count"] == expected_linacre > 0
    assert linacre["area_name"] == "Linacre"
    by_area = result.frame.groupby("area_code")["count"].sum()
    assert by_area["E08000014"] == result.rows_accepted
    assert by_area[["E08000014-N", "E08000014-C", "E08000014-S"]].sum() == result.rows_accepted
    wards = [code for code, _ in demo_tables.SEFTON_WARDS]
    assert by_area[wards].sum() == result.rows_accepted


def test_it_counts_no_location_and_outside_rows_toward_the_force(result):
    totals = result.force_totals

    assert list(totals.columns) == list(FORCE_TOTAL_COLUMNS)
    assert set(totals["force"]) == {"Merseyside Police"}
    assert totals["count"].sum() == result.rows_read
    assert "E01006412" not in set(result.frame["area_code"])


def test_it_keeps_lsoa_counts_only_without_a_lookup(demo_csv):
    result = read_police_uk(demo_csv)

    assert result.ok
    assert result.rows_outside_lookup == 0
    assert result.rows_accepted == result.rows_read - result.rows_no_location
    assert result.frame["area_code"].str.match(r"E01\d{6}").all()
    assert "E01006412" in set(result.frame["area_code"])


def test_it_is_detected_from_its_header(demo_csv, lookup):
    detected = read_file(demo_csv, lookup=lookup)

    assert detected.format == "police-uk"
    assert detected.rows_accepted > 0


def test_it_reports_bad_months_crime_types_and_lsoa_codes():
    content = csv_bytes(
        HEADER,
        ",2018-04,Merseyside Police,Merseyside Police,,,No Location,,,Burglary,,",
        "a,2018-4,Merseyside Police,Merseyside Police,-3,53.5,On or near X,E01006500,S 1,Drugs,,",
        "b,2018-04,Merseyside Police,Merseyside Police,-3,53.5,On or near X,E01006500,S 1,Fraud,,",
        "c,2018-04,Merseyside Police,Merseyside Police,-3,53.5,On or near X,Bootle,S 1,Drugs,,",
        "d,,Merseyside Police,Merseyside Police,-3,53.5,On or near X,E01006500,S 1,,,",
    )

    result = read_police_uk(content)

    assert error_tuples(result) == [
        (3, "Month", "2018-4", "not a month (YYYY-MM)"),
        (4, "Crime type", "Fraud", "not a police.uk crime type"),
        (5, "LSOA code", "Bootle", "not an LSOA code"),
        (6, "Month", "", "empty month"),
        (6, "Crime type", "", "empty crime type"),
    ]
    assert result.frame.empty
    assert (result.rows_read, result.rows_accepted, result.rows_rejected) == (5, 0, 4)


def test_it_names_missing_columns():
    result = read_police_uk(
        csv_bytes("Crime ID,Month,Falls within,Crime type", "a,2018-04,X,Drugs")
    )

    assert error_tuples(result) == [(1, "LSOA code", None, "missing required column")]


def test_it_reads_an_xlsx_export_the_same_way():
    rows = [
        demo_tables.POLICE_UK_HEADER,
        ["a", "2018-04", "Merseyside Police", "Merseyside Police", -3.0, 53.5, "On or near X",
         "E01006500", "Sefton 001A", "Drugs", "Under investigation", None],
        [None, "2018-04", "Merseyside Police", "Merseyside Police", None, None, "No Location",
         None, None, "Anti-social behaviour", None, None],
    ]  # fmt: skip

    result = read_police_uk(xlsx_bytes([list(r) for r in rows]), lookup={"E01006500": "E05000932"})

    assert result.ok, result.errors
    assert (result.rows_read, result.rows_accepted, result.rows_no_location) == (2, 1, 1)
    assert result.frame[["indicator", "area_code", "period", "count"]].values.tolist() == [
        ["Drugs", "E01006500", "2018-04", 1.0],
        ["Drugs", "E05000932", "2018-04", 1.0],
    ]
