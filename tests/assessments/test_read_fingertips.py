import math

from assessments.readers import FINGERTIPS_EXTRA_COLUMNS, OBSERVATION_COLUMNS, read_fingertips
from tests.assessments.helpers import csv_bytes, error_tuples

COLUMNS = [
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name",
    "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value",
    "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
    "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to Region value or percentiles",
    "Time period Sortable", "New data", "Compared to goal", "Time period range",
]  # fmt: skip
NAME = "Deaths from drug misuse"
SUPPRESSED = "Value suppressed for disclosure control due to small count"


def row(**cells) -> str:
    defaults = {
        "Indicator ID": "92432",
        "Indicator Name": NAME,
        "Sex": "Persons",
        "Age": "All ages",
        "Time period": "2014 - 16",
        "Time period range": "3y",
    }
    values = {**defaults, **cells}
    return ",".join(
        f'"{values.get(c, "")}"' if "," in values.get(c, "") else values.get(c, "") for c in COLUMNS
    )


def fingertips(*rows: str, columns=COLUMNS) -> bytes:
    return csv_bytes(",".join(columns), *rows, bom=True)


ENGLAND = row(
    **{
        "Area Code": "E92000001",
        "Area Name": "England",
        "Area Type": "England",
        "Value": "4.2",
        "Count": "7000",
        "Denominator": "166000000",
    }
)
SEFTON_UNDER_REGION = row(
    **{
        "Parent Code": "E12000002",
        "Parent Name": "North West",
        "Area Code": "E08000014",
        "Area Name": "Sefton",
        "Area Type": "Districts & UAs",
        "Value": "11.4",
        "Lower CI 95.0 limit": "8.4",
        "Upper CI 95.0 limit": "15.0",
        "Count": "50",
        "Denominator": "438000",
    }
)
SEFTON_UNDER_ENGLAND = SEFTON_UNDER_REGION.replace("E12000002,North West", "E92000001,England")
KNOWSLEY_SUPPRESSED = row(
    **{
        "Parent Code": "E12000002",
        "Area Code": "E08000011",
        "Area Name": "Knowsley",
        "Area Type": "Districts & UAs",
        "Value note": SUPPRESSED,
    }
)
DECILE = row(
    **{
        "Area Code": "E92000001",
        "Area Name": "England",
        "Category Type": "District & UA deprivation deciles in England (IMD2015)",
        "Category": "Most deprived decile",
        "Value": "9.9",
    }
)


def test_it_keeps_an_area_listed_under_two_parents_once():
    result = read_fingertips(fingertips(ENGLAND, SEFTON_UNDER_REGION, SEFTON_UNDER_ENGLAND))

    assert result.ok, result.errors
    assert result.frame["area_code"].tolist() == ["E92000001", "E08000014"]
    sefton = result.frame.iloc[1]
    assert (sefton.value, sefton["count"], sefton.lower_ci, sefton.upper_ci) == (
        11.4,
        50.0,
        8.4,
        15.0,
    )  # not summed: 22.8 and 100 would be wrong
    assert (result.rows_read, result.rows_accepted, result.rows_deduplicated) == (3, 2, 1)
    assert list(result.frame.columns) == [*OBSERVATION_COLUMNS, *FINGERTIPS_EXTRA_COLUMNS]
    assert sefton.indicator == NAME and sefton.indicator_id == "92432"
    assert sefton.period == "2014 - 16"


def test_it_keeps_category_rows_apart_from_the_headline():
    result = read_fingertips(fingertips(ENGLAND, DECILE))

    assert result.ok, result.errors
    assert result.frame["value"].tolist() == [4.2]
    assert result.category_frame[["category", "value"]].values.tolist() == [
        ["Most deprived decile", 9.9]
    ]
    assert result.category_frame["category_type"].iloc[0].startswith("District & UA")


def test_it_reads_a_suppressed_value_as_missing_with_its_note():
    result = read_fingertips(fingertips(KNOWSLEY_SUPPRESSED))

    assert result.ok, result.errors
    knowsley = result.frame.iloc[0]
    assert math.isnan(knowsley.value) and math.isnan(knowsley["count"])
    assert knowsley.note == SUPPRESSED


def test_it_accepts_other_spellings_of_the_comparison_columns_and_no_period_range():
    columns = [
        "Compared to Regions (statistical) value or percentiles" if "Region" in c else c
        for c in COLUMNS[:-1]
    ]
    content = fingertips(ENGLAND.rsplit(",", 1)[0], columns=columns)

    result = read_fingertips(content)

    assert result.ok, result.errors
    assert result.frame["value"].tolist() == [4.2]


def test_it_refuses_the_same_area_twice_with_different_figures():
    other = SEFTON_UNDER_ENGLAND.replace(",11.4,", ",12.0,")

    result = read_fingertips(fingertips(SEFTON_UNDER_REGION, other))

    assert error_tuples(result) == [
        (
            3,
            "Value",
            "12.0",
            "repeats line 2 (same indicator, area, period, sex, age and category) with "
            "different figures",
        )
    ]
    assert result.frame.empty and result.category_frame is None


def test_it_reports_bad_values_periods_and_codes():
    bad = row(
        **{"Area Code": "E08000099", "Area Name": "X", "Value": "1.2.3", "Time period": "2014-16"}
    )

    result = read_fingertips(fingertips(ENGLAND, bad), known_codes={"E92000001", "E08000014"})

    assert [(e.line, e.column, e.value) for e in result.errors] == [
        (3, "Area Code", "E08000099"),
        (3, "Time period", "2014-16"),
        (3, "Value", "1.2.3"),
    ]
    assert result.rows_rejected == 1


def test_it_names_missing_required_columns():
    columns = [c for c in COLUMNS if c not in ("Indicator ID", "Time period")]

    result = read_fingertips(csv_bytes(",".join(columns)))

    assert error_tuples(result) == [
        (1, "Indicator ID", None, "missing required column"),
        (1, "Time period", None, "missing required column"),
    ]
