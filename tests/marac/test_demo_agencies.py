"""The MARAC demo generator cannot import Django, so it keeps its own agency list: keep the two
in step with the partnership's organisation register."""

import pytest

from marac.demo.data import AGENCY_GROUPS
from sscp.demo import load_reference_data
from sscp.organisations import OrganisationIndex


@pytest.mark.django_db
def test_every_demo_agency_is_in_the_register_with_the_same_group():
    load_reference_data()
    index = OrganisationIndex()
    for name, group in AGENCY_GROUPS.items():
        organisation = index.resolve(name)
        assert organisation is not None, f"{name} is not in sscp/demo.py"
        assert organisation.group == group, name


@pytest.mark.django_db
def test_the_seeds_non_core_agency_names_resolve_to_the_demos_agencies():
    """The seed's non-core attendance table, spelt as printed, names the demo's agencies."""
    from marac.demo.data import NON_CORE_ATTENDANCE_2017_18

    load_reference_data()
    index = OrganisationIndex()
    seed_names = {
        "PSS – Ruby Project": "PSS Ruby Project",
        "Adactus Housing": "Adactus Housing",
        "Excel Housing": "Excel Housing",
        "PSS – Womens Turnaround": "PSS Women's Turnaround",
        "Liverpool Women’s Hospital": "Liverpool Women's Hospital",
        "Sefton YOT": "Sefton Youth Offending Team",
    }
    assert set(seed_names.values()) == set(NON_CORE_ATTENDANCE_2017_18)
    for printed, name in seed_names.items():
        organisation = index.resolve(printed)
        assert organisation is not None, printed
        assert organisation.name == name


def test_the_demo_comments_are_for_agencies_of_its_attendance_tables():
    from marac.demo.data import ATTENDANCE_2017_18, NON_CORE_ATTENDANCE_2017_18
    from marac.demo.load import COMMENTARY

    agencies = {*ATTENDANCE_2017_18, *NON_CORE_ATTENDANCE_2017_18}
    assert set(COMMENTARY["attendance_comments"]) <= agencies
