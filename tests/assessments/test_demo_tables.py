import csv
import io
from collections import Counter

import pytest

from assessments.demo import tables as demo_tables
from assessments.figures import rank_among, round_half_up, share_of_total, year_on_year
from assessments.readers import read_area_lookup, read_file, read_police_uk


@pytest.fixture(scope="module")
def loaded():
    return {
        table.key: read_file(table.content, table.format, **table.options)
        for table in demo_tables.demo_tables()
    }


def test_every_table_loads_through_the_readers(loaded):
    assert {key: result.errors for key, result in loaded.items() if not result.ok} == {}
    assert {key: len(result.frame) for key, result in loaded.items()} == {
        "crime-lcr": 18,
        "population": 1,
        "offence-counts": 27,
        "crime-types": 9,
        "crime-categorisations": 3,
        "asb-fire": 7,
        "adult-reoffending": 2,
        "reoffences": 9,
        "youth-reoffending": 24,
        "youth-offences": 13,
        "parking": 23,
        "imd": 14,
    }


def test_every_table_is_recognised_from_its_header():
    for table in demo_tables.demo_tables():
        assert read_file(table.content, None, **table.options).format == table.format


def test_table_1_ranks_sefton_second_lowest_of_the_six(loaded):
    frame = loaded["crime-lcr"].frame
    rates = frame[frame["indicator"] == demo_tables.TOTAL_CRIME_RATE].set_index("area_code")
    lcr = rates.loc[[code for code, _ in demo_tables.LCR_AUTHORITIES], "value"].to_dict()

    assert rank_among(lcr, "E08000014").wording == "second lowest of the six"
    assert rates.loc["E92000001", "value"] == 83 and rates.loc["E08000014", "count"] == 20300


def test_table_2_reproduces_the_16_percent_rise(loaded):
    totals = loaded["offence-counts"].frame.groupby("period")["count"].sum().to_dict()

    assert round_half_up(year_on_year(totals)["2017/18"]) == 16


def test_table_3_reproduces_violence_31_percent(loaded):
    frame = loaded["crime-types"].frame
    counts = dict(zip(frame["indicator"], frame["count"], strict=True))

    shares = share_of_total(counts)

    assert round_half_up(shares[demo_tables.LOCAL_CRIME_PREFIX + "Violence"]) == 31


def test_ward_and_area_tables_resolve_names_to_codes(loaded):
    parking = loaded["parking"].frame.set_index("area_code")["value"]
    youth = loaded["youth-reoffending"].frame

    assert parking["E05000938"] == 16416  # Dukes
    assert parking["E08000014"] == 35966
    assert set(youth["area_code"]) == {"E08000014", "E11000002", "E12000002", "E92000001"}


def test_the_register_has_every_recommendation_consideration_and_gap():
    codes = Counter(r.kind for r in demo_tables.RECOMMENDATIONS)

    assert codes == {"recommendation": 11, "consideration": 6, "information_gap": 7}
    assert [r.code for r in demo_tables.RECOMMENDATIONS][:3] == ["R1", "R2", "R3"]
    assert demo_tables.RECOMMENDATIONS[10].priority_area == "Drugs"
    assert len(demo_tables.RECOMMENDATIONS) == 24
    assert demo_tables.RECOMMENDATIONS[-1].code == "I7"


def test_the_lookup_covers_the_22_wards_in_three_localities():
    result = read_area_lookup(demo_tables.sefton_area_lookup_csv())

    assert result.ok, result.errors
    assert result.frame["area_type"].value_counts().to_dict() == {
        "lsoa": 189,
        "ward": 22,
        "locality": 3,
        "borough": 1,
    }
    wards = result.frame[result.frame["area_type"] == "ward"]
    assert dict(zip(wards["code"], wards["name"], strict=True)) == dict(demo_tables.SEFTON_WARDS)
    assert demo_tables.SEFTON_WARDS[0] == ("E05000932", "Ainsdale")
    assert demo_tables.SEFTON_WARDS[-1] == ("E05000953", "Victoria")


def test_the_police_file_has_the_quirks_of_real_ones():
    content = demo_tables.police_uk_demo_csv(months=("2018-01",), rows_per_month=300, seed=7)

    rows = list(csv.DictReader(io.StringIO(content.decode(), newline="")))

    assert content.count(b"\r\n") == 301 and content.count(b"\n") == 301
    assert list(rows[0]) == list(demo_tables.POLICE_UK_HEADER)
    assert sum(r["Location"] == "No Location" and r["LSOA code"] == "" for r in rows) == 3
    assert {r["LSOA code"] for r in rows} & {c for c, _ in demo_tables.OUTSIDE_LSOAS}
    asb = [r for r in rows if r["Crime type"] == "Anti-social behaviour"]
    assert asb and all(r["Crime ID"] == "" and r["Last outcome category"] == "" for r in asb)
    crimes = [r for r in rows if r["Crime type"] != "Anti-social behaviour"]
    assert all(len(r["Crime ID"]) == 64 for r in crimes)
    assert demo_tables.police_uk_demo_csv(seed=7) == demo_tables.police_uk_demo_csv(seed=7)


def test_the_bulk_generator_writes_a_file_the_reader_accepts(tmp_path):
    path = demo_tables.police_uk_bulk_csv(tmp_path / "bulk.csv", rows=20000, seed=3)
    lookup = read_area_lookup(demo_tables.sefton_area_lookup_csv()).frame

    result = read_police_uk(path, lookup=lookup)

    assert result.ok, result.errors[:3]
    assert (result.rows_read, result.rows_no_location, result.rows_outside_lookup) == (
        20000,
        20,
        40,
    )
    assert set(result.force_totals["period"]) == {f"2018-{m:02d}" for m in range(1, 13)}
