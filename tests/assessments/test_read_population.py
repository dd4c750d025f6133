from assessments.readers import POPULATION_COLUMNS, read_population
from tests.assessments.helpers import csv_bytes, error_tuples


def test_it_reads_population_by_area_year_sex_and_age():
    result = read_population(
        csv_bytes(
            "area_code,year,population,sex,age_band",
            "E08000014,2018,274100,,",
            "E08000014,2018,131000,Male,",
            "E08000014,2018,4500,Persons,90+",
        ),
        known_codes={"E08000014"},
    )

    assert result.ok, result.errors
    assert list(result.frame.columns) == list(POPULATION_COLUMNS)
    assert result.frame.values.tolist() == [
        ["E08000014", 2018, 274100.0, "", ""],
        ["E08000014", 2018, 131000.0, "Male", ""],
        ["E08000014", 2018, 4500.0, "Persons", "90+"],
    ]
    assert str(result.frame["year"].dtype) == "int64"


def test_it_reports_bad_years_populations_codes_and_repeats():
    result = read_population(
        csv_bytes(
            "Area Code,Year,Population",
            "E08000014,2018,274100",
            "E08000014,18,1",
            "E08000014,2019,",
            "E08000014,2020,-5",
            "E08000099,2018,1",
            "E08000014,2018,274200",
        ),
        known_codes={"E08000014"},
    )

    assert error_tuples(result) == [
        (3, "Year", "18", "not a year (YYYY)"),
        (4, "Population", "", "empty"),
        (5, "Population", "-5", "negative"),
        (6, "Area Code", "E08000099", "unknown area code"),
        (7, "Area Code, Year", "E08000014 | 2018", "repeats line 2"),
    ]
    assert result.frame.empty
