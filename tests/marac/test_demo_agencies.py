"""The MARAC demo generator cannot import Django, so it keeps its own agency list: keep the two
in step with the partnership's organisation register."""

import pytest

from marac.demo_data import AGENCY_GROUPS
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
