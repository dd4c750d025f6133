import pandas as pd
import pytest

from assessments.readers import AREA_COLUMNS, AreaLookup, read_area_lookup
from tests.assessments.helpers import csv_bytes, error_tuples

ONS_2021 = csv_bytes(
    "FID,LSOA21CD,LSOA21NM,WD22CD,WD22NM,LAD22CD,LAD22NM,Locality",
    "1,E01006500,Sefton 001A,E05000932,Ainsdale,E08000014,Sefton,North Sefton",
    "2,E01006501,Sefton 001B,E05000932,Ainsdale,E08000014,Sefton,North Sefton",
    "3,E01006502,Sefton 002A,E05000942,Linacre,E08000014,Sefton,South Sefton",
    bom=True,
)


def test_it_reads_areas_with_types_and_parents_whatever_the_year_suffix():
    result = read_area_lookup(ONS_2021)

    assert result.ok, result.errors
    assert list(result.frame.columns) == list(AREA_COLUMNS)
    assert result.frame.values.tolist() == [
        ["E08000014", "Sefton", "borough", ""],
        ["E08000014-NS", "North Sefton", "locality", "E08000014"],
        ["E08000014-SS", "South Sefton", "locality", "E08000014"],
        ["E05000932", "Ainsdale", "ward", "E08000014-NS"],
        ["E05000942", "Linacre", "ward", "E08000014-SS"],
        ["E01006500", "Sefton 001A", "lsoa", "E05000932"],
        ["E01006501", "Sefton 001B", "lsoa", "E05000932"],
        ["E01006502", "Sefton 002A", "lsoa", "E05000942"],
    ]
    assert (result.rows_read, result.rows_accepted) == (3, 3)


def test_it_reads_a_ward_lookup_without_localities():
    result = read_area_lookup(
        csv_bytes(
            "WD18CD,WD18NM,LAD18CD,LAD18NM,RGN18CD,RGN18NM",
            "E05000932,Ainsdale,E08000014,Sefton,E12000002,North West",
        )
    )

    assert result.ok, result.errors
    assert result.frame[["code", "area_type", "parent_code"]].values.tolist() == [
        ["E12000002", "region", ""],
        ["E08000014", "borough", "E12000002"],
        ["E05000932", "ward", "E08000014"],
    ]


def test_it_reports_conflicts_bad_codes_repeats_and_gaps():
    result = read_area_lookup(
        csv_bytes(
            "LSOA11CD,LSOA11NM,WD18CD,WD18NM,LAD18CD,LAD18NM",
            "E01006500,Sefton 001A,E05000932,Ainsdale,E08000014,Sefton",
            "E01006501,Sefton 001B,E05000932,Ainsdale,E08000013,St. Helens",
            "E01006500,Sefton 001A,E05000932,Ainsdale,E08000014,Sefton",
            "E0100650X,Sefton 001C,E05000932,Ainsdale,E08000014,Sefton",
            "E01006503,Sefton 001D,,,E08000014,Sefton",
            "E01006504,Sefton 001E,E05000932,Ainsdale Ward,E08000014,Sefton",
        )
    )

    assert error_tuples(result) == [
        (3, "WD18CD", "E05000932", "is under E08000014 on line 2 but under E08000013 here"),
        (4, "LSOA11CD", "E01006500", "repeats line 2"),
        (5, "LSOA11CD", "E0100650X", "not an ONS area code (a letter and eight digits)"),
        (6, "WD18CD", "", "missing ward code"),
        (7, "WD18CD", "E05000932", "is named 'Ainsdale' on line 2"),
    ]
    assert result.frame.empty
    assert result.rows_rejected == 5


def test_it_refuses_two_localities_that_would_share_a_code():
    result = read_area_lookup(
        csv_bytes(
            "WD18CD,WD18NM,LAD18CD,LAD18NM,Locality",
            "E05000932,Ainsdale,E08000014,Sefton,North Sefton",
            "E05000933,Birkdale,E08000014,Sefton,New Southport",
        )
    )

    assert error_tuples(result) == [
        (
            3,
            "Locality",
            "E08000014-NS",
            "'New Southport' and 'North Sefton' (line 2) would share the code E08000014-NS: "
            "add a locality code column",
        )
    ]


def test_it_builds_an_ancestry_for_rolling_up():
    lookup = AreaLookup.of(read_area_lookup(ONS_2021).frame)

    ancestry = lookup.ancestry()

    assert ancestry[ancestry["lsoa_code"] == "E01006502"]["area_code"].tolist() == [
        "E01006502",
        "E05000942",
        "E08000014-SS",
        "E08000014",
    ]


def test_it_accepts_an_ons_frame_or_a_child_to_parent_mapping():
    frame = pd.DataFrame(
        {"LSOA21CD": ["E01006500"], "WD22CD": ["E05000932"], "LAD22CD": ["E08000014"]}
    )
    mapping = {"E01006500": "E05000932", "E05000932": "E08000014"}

    for lookup in (AreaLookup.of(frame), AreaLookup.of(mapping)):
        assert lookup.ancestors("E01006500") == ["E05000932", "E08000014"]
        assert lookup.lsoa_codes() == ["E01006500"]


def test_it_refuses_a_lookup_with_a_loop():
    lookup = AreaLookup.of({"E01006500": "E05000932", "E05000932": "E01006500"})

    with pytest.raises(ValueError, match="loop"):
        lookup.ancestors("E01006500")
