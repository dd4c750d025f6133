"""dataset_import: all or nothing, every bad row named, same file refused, rolled back whole."""

import csv
import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from openpyxl import load_workbook

from assessments.demo import tables as demo_tables
from assessments.demo.load import load_demo
from assessments.imports import (
    RollbackRefused,
    dataset_import,
    dataset_import_rollback,
)
from assessments.models import (
    DatasetImport,
    ImportStatus,
    Indicator,
    Observation,
    Population,
    Recommendation,
)
from sscp.demo import load_reference_data
from sscp.models import Area, AreaType
from tests.assessments.helpers import csv_bytes, shared_sample, xlsx_bytes
from tests.assessments.sefton import police_csv, sefton_with_lsoas

pytestmark = pytest.mark.django_db

TIDY = "indicator,area_code,area_name,period,value"


def errors(report):
    return [(e.line, e.column, e.value, e.reason) for e in report.errors]


def nothing_stored():
    return not Observation.objects.exists() and not DatasetImport.objects.exists()


@pytest.fixture
def reference(db):
    load_reference_data()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            csv_bytes("indicator,area_code,area_name,period", "Crime,E08000014,Sefton,2017/18"),
            [(1, "value", None, "missing required column")],
            id="missing-column",
        ),
        pytest.param(
            csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5", "Crime,E08999999,X,2017/18,5"),
            [(3, "area_code", "E08999999", "unknown area code")],
            id="unknown-area-code",
        ),
        pytest.param(
            csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,abc"),
            [(2, "value", "abc", "not a number")],
            id="non-numeric-value",
        ),
        pytest.param(
            csv_bytes(TIDY, "Crime,E08000014,Sefton,Summer 2017,4"),
            [
                (
                    2,
                    "period",
                    "Summer 2017",
                    "cannot read period 'Summer 2017': 'Summer' is not a month",
                )
            ],
            id="unparseable-period",
        ),
        pytest.param(
            xlsx_bytes(
                [["Crime in Sefton"]]
                + [[f"note {n}"] for n in range(12)]
                + [TIDY.split(","), ["Crime", "E08000014", "Sefton", "2017/18", 4]]
            ),
            [
                (
                    None,
                    None,
                    None,
                    "header row not found: expected columns indicator, area_code, area_name, "
                    "period, value (looked at rows 1-10)",
                )
            ],
            id="xlsx-header-on-wrong-row",
        ),
    ],
)
def test_it_names_each_bad_row_and_stores_nothing(reference, content, expected):
    report = dataset_import("tidy", content, dataset_name="Table", filename="table.csv")

    assert not report.ok
    assert errors(report) == expected
    assert report.dataset_import is None
    assert nothing_stored()


def _as_xlsx(content: bytes) -> bytes:
    """The same table as a workbook, numbers as number cells (as a spreadsheet saves them)."""
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    def cell(text):
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        return float(text) if re.fullmatch(r"-?\d+\.\d+", text) else text

    return xlsx_bytes([[cell(text) for text in row] for row in rows])


def _stored():
    """Everything an import can store, without its ids."""
    return (
        sorted(
            Observation.objects.values_list(
                "indicator__name", "area__code", "period__label", "value", "count", "note"
            )
        ),
        sorted(Population.objects.values_list("area__code", "year", "persons", "sex")),
        sorted(Area.objects.values_list("code", "name", "area_type", "parent__code")),
    )


SIX_FORMATS = {
    "police-uk": (police_csv(rows_per_month=60, lsoas=10), {}),
    "fingertips": (
        csv_bytes(
            "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,"
            "Count,Denominator,Value note",
            "92,Violent crime,E08000014,Sefton,District & UA,Persons,All ages,2017/18,21.1,5785,"
            "274100,",
            "92,Violent crime,E06000099,Newtown,District & UA,Persons,All ages,2017/18,,,,"
            "Value suppressed for disclosure control due to small count",
        ),
        {},
    ),
    "tidy": (csv_bytes(TIDY + ",count", "Crime,E08000014,Sefton,2017/18,74.5,20300"), {}),
    "wide": (
        csv_bytes("Sefton Offence Counts,2015/16,2016/17", "Drugs,1008,1063", "Robbery,148,"),
        {"first_column": "indicator", "area_code": "E08000014", "values_are_counts": True},
    ),
    "area-lookup": (
        csv_bytes(
            "LSOA11CD,LSOA11NM,WD18CD,WD18NM,LAD18CD,LAD18NM",
            "E01099001,Newtown 001A,E05099001,Old Town,E06000099,Newtown",
        ),
        {},
    ),
    "population": (csv_bytes("area_code,year,population", "E08000014,2018,274100"), {}),
}


@pytest.mark.parametrize("format", sorted(SIX_FORMATS))
def test_each_format_stores_the_same_from_xlsx_as_from_csv(reference, format):
    if format == "police-uk":
        sefton_with_lsoas(10)
    content, options = SIX_FORMATS[format]
    before = _stored()
    from_csv = dataset_import(format, content, dataset_name="CSV", options=options)
    assert from_csv.ok, from_csv.as_text()
    stored = _stored()
    assert stored != before
    dataset_import_rollback(from_csv.dataset_import)

    from_xlsx = dataset_import(None, _as_xlsx(content), dataset_name="CSV", options=options)

    assert from_xlsx.ok, from_xlsx.as_text()
    assert from_xlsx.format == format  # detected from the workbook's header
    assert _stored() == stored


def test_it_reads_an_xlsx_whose_header_is_below_a_title(reference):
    content = xlsx_bytes(
        [["Crime in Sefton"], [], TIDY.split(","), ["Crime", "E08000014", "Sefton", "2017/18", 4]]
    )
    report = dataset_import("tidy", content, dataset_name="Table")

    assert report.ok, report.as_text()
    assert "header found on row 3; rows above it were ignored" in report.notes
    assert Observation.objects.get().value == 4


def test_it_stores_nothing_when_one_row_of_many_is_bad(reference):
    rows = [f"Crime,E08000014,Sefton,20{10 + n}/{11 + n},{n}" for n in range(8)]
    report = dataset_import(
        "tidy", csv_bytes(TIDY, *rows, "Crime,E08000014,Sefton,2019/20,x"), dataset_name="T"
    )

    assert errors(report) == [(10, "value", "x", "not a number")]
    assert nothing_stored()


def test_it_refuses_the_same_file_twice_unless_replacing(reference):
    content = csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5")
    first = dataset_import("tidy", content, dataset_name="A", filename="a.csv")
    again = dataset_import("tidy", content, dataset_name="B", filename="a-copy.csv")

    assert first.ok
    assert len(again.errors) == 1
    assert "was already loaded as import" in again.errors[0].reason
    assert Observation.objects.count() == 1

    replaced = dataset_import("tidy", content, dataset_name="A", filename="a.csv", replace=True)

    assert replaced.ok
    first.dataset_import.refresh_from_db()
    assert first.dataset_import.status == ImportStatus.ROLLED_BACK
    assert list(Observation.objects.values_list("dataset_import", flat=True)) == [
        replaced.dataset_import.pk
    ]


def test_it_refuses_figures_the_dataset_already_holds(reference):
    dataset_import("tidy", csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5"), dataset_name="A")
    clash = dataset_import(
        "tidy", csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,6"), dataset_name="A"
    )

    assert "already holds this figure" in clash.errors[0].reason
    assert Observation.objects.get().value == 5


def test_rollback_removes_every_figure_of_the_import(reference):
    sefton_with_lsoas()
    report = dataset_import("police-uk", police_csv(), dataset_name="police")
    other = dataset_import(
        "tidy", csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5"), dataset_name="T"
    )
    assert report.ok and other.ok

    dataset_import_rollback(report.dataset_import)

    assert Observation.objects.filter(dataset_import=report.dataset_import).count() == 0
    assert Observation.objects.count() == 1
    report.dataset_import.refresh_from_db()
    assert report.dataset_import.rolled_back


def test_rolling_back_a_lookup_removes_its_areas_unless_in_use(reference):
    lookup = sefton_with_lsoas(10)
    assert Area.objects.filter(area_type=AreaType.LSOA).count() == 10
    police = dataset_import("police-uk", police_csv(lsoas=10), dataset_name="police")

    with pytest.raises(RollbackRefused):
        dataset_import_rollback(lookup.dataset_import)
    assert Area.objects.filter(area_type=AreaType.LSOA).count() == 10

    dataset_import_rollback(police.dataset_import)
    dataset_import_rollback(lookup.dataset_import)
    assert not Area.objects.filter(area_type=AreaType.LSOA).exists()
    assert Area.objects.filter(area_type=AreaType.WARD).count() == 22


def test_police_counts_roll_up_from_lsoa_to_ward_locality_and_borough(reference):
    sefton_with_lsoas()
    report = dataset_import("police-uk", police_csv(rows_per_month=300), dataset_name="police")

    assert report.ok, report.as_text()
    assert report.rows_no_location == demo_tables.NO_LOCATION_PER_MONTH
    assert report.rows_outside == demo_tables.OUTSIDE_PER_MONTH
    totals = dict(
        Observation.objects.values_list("area__area_type")
        .annotate(total=Sum("count"))
        .values_list("area__area_type", "total")
    )
    inside = 300 - demo_tables.NO_LOCATION_PER_MONTH - demo_tables.OUTSIDE_PER_MONTH
    assert totals == {"lsoa": inside, "ward": inside, "locality": inside, "borough": inside}
    assert not Observation.objects.filter(area__area_type__in=["region", "country"]).exists()
    assert set(Indicator.objects.values_list("name", flat=True)) <= set(
        demo_tables.POLICE_UK_HEADER + tuple(demo_tables._CRIME_TYPE_SHARES)
    )


def test_a_police_uk_month_is_loaded_once_whatever_the_dataset(reference):
    sefton_with_lsoas()
    first = dataset_import(
        "police-uk", police_csv(months=("2018-04",)), dataset_name="p", filename="police-uk.csv"
    )
    assert first.ok
    stored = Observation.objects.count()

    again = dataset_import(
        "police-uk", police_csv(months=("2018-04", "2018-05"), seed=9), dataset_name="q"
    )

    assert not again.ok
    assert [e.reason for e in again.errors] == [
        f"2018-04 is already loaded from police.uk by import #{first.dataset_import.pk} "
        "(police-uk.csv) in the dataset 'p': the places view adds up every police.uk import, "
        "so a month is loaded once; roll that import back first"
    ]
    assert Observation.objects.count() == stored
    assert dataset_import("police-uk", police_csv(months=("2018-05",)), dataset_name="q").ok


def test_police_uk_needs_an_area_lookup_first(reference):
    report = dataset_import("police-uk", police_csv(), dataset_name="police")

    assert "import an area lookup" in report.errors[0].reason
    assert nothing_stored()


def test_a_population_file_loads_and_rolls_back(reference):
    content = csv_bytes("area_code,year,population", "E08000014,2018,274100")
    report = dataset_import(None, content, dataset_name="Population")

    assert report.format == "population"
    assert Population.objects.get().persons == 274100
    dataset_import_rollback(report.dataset_import)
    assert not Population.objects.exists()


# ---------------------------------------------------------------------------------------------
# The real Essex file


def _essex_lookup_and_counts(path):
    """An LSOA → district lookup built from the file's own LSOA names (Essex districts only),
    and the per-type count of rows in those LSOAs, counted with the csv module."""
    essex = {
        "Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester",
        "Epping Forest", "Harlow", "Maldon", "Rochford", "Southend-on-Sea", "Tendring",
        "Thurrock", "Uttlesford",
    }  # fmt: skip
    lsoas, per_type, rows = {}, Counter(), 0
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            district = row["LSOA name"].rsplit(" ", 1)[0]
            if row["LSOA code"] and district in essex:
                lsoas[row["LSOA code"]] = (row["LSOA name"], district)
                per_type[row["Crime type"]] += 1
    codes = {name: f"E0799{n:04d}" for n, name in enumerate(sorted(essex))}
    lines = ["LSOA11CD,LSOA11NM,LAD18CD,LAD18NM"] + [
        f"{code},{name},{codes[district]},{district}" for code, (name, district) in lsoas.items()
    ]
    return "\n".join(lines).encode(), per_type, rows, codes


def test_the_real_essex_file_imports_and_its_totals_match_an_independent_count(db):
    path = shared_sample("samples", "police-uk", "2022-12-essex-street.csv")
    lookup, per_type, rows, districts = _essex_lookup_and_counts(path)
    assert dataset_import("area-lookup", lookup, dataset_name="Essex lookup").ok

    report = dataset_import("police-uk", path, dataset_name="Essex police.uk")

    assert report.ok, report.as_text()
    assert report.rows_read == rows == 13139
    assert report.rows_no_location == 107
    stored = dict(
        Observation.objects.filter(area__code__in=districts.values())
        .values("indicator__name")
        .annotate(total=Sum("count"))
        .values_list("indicator__name", "total")
    )
    assert stored == dict(per_type)
    assert len(stored) == 14
    assert report.rows_outside == rows - 107 - sum(per_type.values())
    lsoa_total = Observation.objects.filter(area__area_type=AreaType.LSOA).aggregate(
        total=Sum("count")
    )["total"]
    assert lsoa_total == sum(per_type.values())


# ---------------------------------------------------------------------------------------------
# Commands and the demo


def test_import_dataset_command_fails_with_the_report_on_stderr(reference, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,lots"))
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="not loaded"):
        call_command("import_dataset", "tidy", str(bad), stderr=stderr)

    assert "line 2, column 'value', value 'lots': not a number" in stderr.getvalue()
    assert nothing_stored()


def test_import_and_export_dataset_commands_round_trip_and_neutralise_formulas(reference, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(
        csv_bytes(
            TIDY + ",note",
            'Crime,E08000014,Sefton,2017/18,5,"=HYPERLINK(""http://x"")"',
            "Crime,E92000001,England,2017/18,-3.5,@sum",
        )
    )
    call_command("import_dataset", "auto", str(good), "--dataset", "Mine", stdout=io.StringIO())
    out = tmp_path / "out.csv"
    call_command("export_dataset", "Mine", "--output", str(out), stdout=io.StringIO())

    rows = list(csv.DictReader(out.open(newline="")))
    assert [r["area_code"] for r in rows] == ["E08000014", "E92000001"]
    assert rows[0]["note"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["note"] == "'@sum"
    assert rows[1]["value"] == "-3.5"
    workbook = tmp_path / "out.xlsx"
    call_command("export_dataset", "Mine", "--output", str(workbook), stdout=io.StringIO())
    header, *cells = load_workbook(workbook).active.iter_rows(values_only=True)
    sheet = [dict(zip(header, r, strict=True)) for r in cells]
    assert [(r["area_code"], r["value"], r["note"]) for r in sheet] == [
        ("E08000014", 5, '\'=HYPERLINK("http://x")'),
        ("E92000001", -3.5, "'@sum"),
    ]


def test_the_demo_loads_through_the_imports_and_twice_changes_nothing(reference):
    load_demo()
    counts = (Observation.objects.count(), DatasetImport.objects.count(), Area.objects.count())
    load_demo()

    assert (
        Observation.objects.count(),
        DatasetImport.objects.count(),
        Area.objects.count(),
    ) == counts
    assert DatasetImport.objects.filter(format="police-uk").count() == 1
    assert Recommendation.objects.filter(code__startswith="R").count() == 11
    assert Recommendation.objects.filter(code__startswith="C").count() == 6
    assert Recommendation.objects.filter(code__startswith="I").count() == 7


FINGERTIPS = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,"
    "Denominator,Value note"
)


def test_a_fingertips_export_adds_its_areas_keeps_suppressed_values_missing_and_rolls_back(
    reference,
):
    content = csv_bytes(
        FINGERTIPS,
        "92,Violent crime,,,E92000001,England,England,Persons,All ages,,,2017/18,20.0,,,,,",
        "92,Violent crime,E12000002,North West,E08000014,Sefton,District & UA,Persons,All ages,"
        ",,2017/18,21.1,20.0,22.2,5785,274100,",
        "92,Violent crime,E47000004,LCR,E08000014,Sefton,District & UA,Persons,All ages,"
        ",,2017/18,21.1,20.0,22.2,5785,274100,",
        "92,Violent crime,E12000002,North West,E06000099,Newtown,District & UA,Persons,All ages,"
        ",,2017/18,,,,,,Value suppressed for disclosure control due to small count",
    )
    report = dataset_import("fingertips", content, dataset_name="Fingertips")

    assert report.ok, report.as_text()
    assert Area.objects.get(code="E06000099").area_type == AreaType.BOROUGH
    values = dict(Observation.objects.values_list("area__code", "value"))
    assert values == {"E92000001": 20.0, "E08000014": 21.1, "E06000099": None}
    assert Indicator.objects.get().code == "fingertips-92"

    dataset_import_rollback(report.dataset_import)
    assert not Area.objects.filter(code="E06000099").exists()
    assert Area.objects.filter(code="E08000014").exists()
