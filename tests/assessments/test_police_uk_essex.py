"""The real police.uk file for Essex, December 2022 (see shared/samples/police-uk/README.md)."""

import csv
from collections import Counter

import pandas as pd
import pytest

from assessments.readers import CRIME_TYPES, read_police_uk
from tests.assessments.helpers import shared_sample

ESSEX_DISTRICTS = {
    "Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester",
    "Epping Forest", "Harlow", "Maldon", "Rochford", "Southend-on-Sea", "Tendring", "Thurrock",
    "Uttlesford",
}  # fmt: skip


@pytest.fixture(scope="module")
def essex_rows():
    path = shared_sample("samples", "police-uk", "2022-12-essex-street.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return path, list(csv.DictReader(handle))


def district(lsoa_name: str) -> str:
    return lsoa_name.rsplit(" ", 1)[0]


@pytest.fixture(scope="module")
def essex(essex_rows):
    path, rows = essex_rows
    lsoas = {r["LSOA code"]: r["LSOA name"] for r in rows if r["LSOA code"]}
    inside = {code: name for code, name in lsoas.items() if district(name) in ESSEX_DISTRICTS}
    districts = sorted({district(name) for name in inside.values()})
    lookup = pd.DataFrame(
        [(f"X-{d}", d, "borough", "") for d in districts]
        + [(code, name, "lsoa", f"X-{district(name)}") for code, name in inside.items()],
        columns=["code", "name", "area_type", "parent_code"],
    )
    return rows, read_police_uk(path, lookup=lookup)


def test_it_reads_the_whole_file(essex):
    rows, result = essex

    assert result.ok, result.errors[:5]
    assert result.rows_read == len(rows) == 13139
    assert result.rows_no_location == 107
    outside = [
        r for r in rows if r["LSOA code"] and district(r["LSOA name"]) not in ESSEX_DISTRICTS
    ]
    assert {district(r["LSOA name"]) for r in outside} == {
        "Redbridge",
        "Havering",
        "Broxbourne",
        "East Hertfordshire",
    }
    assert result.rows_outside_lookup == len(outside) == 11
    assert result.rows_accepted == 13139 - 107 - 11


def test_its_force_totals_by_crime_type_match_an_independent_count(essex):
    rows, result = essex
    expected = Counter(r["Crime type"] for r in rows)

    got = result.force_totals.groupby("indicator")["count"].sum().to_dict()

    assert got == dict(expected)
    assert set(got) == set(CRIME_TYPES)
    assert set(result.force_totals["force"]) == {"Essex Police"}
    assert set(result.force_totals["period"]) == {"2022-12"}


def test_its_asb_rows_without_a_crime_id_are_counted(essex):
    rows, result = essex
    asb = [r for r in rows if r["Crime type"] == "Anti-social behaviour"]
    assert len(asb) == 1076 and all(r["Crime ID"] == "" for r in asb)

    totals = result.force_totals.set_index("indicator")["count"]

    assert totals["Anti-social behaviour"] == 1076


def test_its_district_counts_match_an_independent_count(essex):
    rows, result = essex
    expected = Counter(
        (r["Crime type"], f"X-{district(r['LSOA name'])}")
        for r in rows
        if r["LSOA code"] and district(r["LSOA name"]) in ESSEX_DISTRICTS
    )
    districts = result.frame[result.frame["area_code"].str.startswith("X-")]

    got = {(r.indicator, r.area_code): r.count for r in districts.itertuples(index=False)}

    assert got == expected
    assert sum(got.values()) == result.rows_accepted
