"""Issue 10 item 14: the ONS lookup analysts download (LSOA -> ward -> borough, no localities)
imports over a register that keeps wards under localities of that borough; a ward under
another borough is still refused, naming both."""

import pytest

from assessments.demo import tables as demo_tables
from assessments.imports import dataset_import
from sscp.demo import load_reference_data
from sscp.models import Area, AreaType
from sscp.places import SEFTON, SEFTON_WARDS

pytestmark = pytest.mark.django_db

ONS_HEADER = "LSOA11CD,LSOA11NM,WD18CD,WD18NM,LAD18CD,LAD18NM"


def _ons_lookup(lsoas, borough=SEFTON) -> bytes:
    wards = dict(SEFTON_WARDS)
    lines = [ONS_HEADER] + [
        f"{code},{name},{ward},{wards[ward]},{borough[0]},{borough[1]}"
        for code, name, ward in lsoas
    ]
    return "\n".join(lines).encode()


def test_the_ons_lookup_imports_under_wards_kept_in_localities(db):
    load_reference_data()
    lsoas = demo_tables.demo_lsoas(44)
    ward_parents = dict(
        Area.objects.filter(area_type=AreaType.WARD).values_list("code", "parent__code")
    )
    assert set(ward_parents.values()) != {SEFTON[0]}  # kept in localities

    report = dataset_import("area-lookup", _ons_lookup(lsoas), dataset_name="ONS lookup")

    assert report.ok, report.as_text()
    assert Area.objects.filter(area_type=AreaType.LSOA).count() == 44
    code, _, ward = lsoas[0]
    assert Area.objects.get(code=code).parent.code == ward
    # The register's tree is unchanged: each ward is still in its locality, in Sefton.
    assert (
        dict(Area.objects.filter(area_type=AreaType.WARD).values_list("code", "parent__code"))
        == ward_parents
    )
    assert any("stay under the locality they are stored in" in note for note in report.notes)


def test_a_ward_under_another_borough_is_still_refused_naming_both(db):
    load_reference_data()
    lsoas = demo_tables.demo_lsoas(3)
    ward = lsoas[0][2]
    locality = Area.objects.get(code=ward).parent.code

    report = dataset_import(
        "area-lookup", _ons_lookup(lsoas, ("E08000012", "Liverpool")), dataset_name="ONS lookup"
    )

    assert not report.ok
    refusal = next(e for e in report.errors if e.value == ward)
    assert (refusal.column, refusal.reason) == (
        "code",
        f"stored under {locality} in {SEFTON[0]}, here under E08000012",
    )
    assert not Area.objects.filter(area_type=AreaType.LSOA).exists()
