"""Database builders shared by the assessments tests: the demo's Sefton areas and files."""

from assessments.demo import tables as demo_tables
from assessments.imports import dataset_import
from sscp.demo import load_reference_data

LOOKUP_DATASET = "Sefton area lookup"


def sefton_with_lsoas(lsoas: int = 44):
    """Reference areas plus `lsoas` demo LSOAs under the 22 Sefton wards, imported as a lookup."""
    load_reference_data()
    report = dataset_import(
        "area-lookup",
        demo_tables.sefton_area_lookup_csv(demo_tables.demo_lsoas(lsoas)),
        dataset_name=LOOKUP_DATASET,
        filename="sefton-lookup.csv",
    )
    assert report.ok, report.as_text()
    return report


def police_csv(months=("2018-04",), rows_per_month=200, seed=2018, lsoas: int = 44) -> bytes:
    return demo_tables.police_uk_demo_csv(
        months=months, lsoas=demo_tables.demo_lsoas(lsoas), seed=seed, rows_per_month=rows_per_month
    )
