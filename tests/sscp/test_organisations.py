import pytest

from sscp.demo import load_reference_data
from sscp.models import OrganisationAlias
from sscp.organisations import OrganisationIndex, normalise_agency_name
from tests.factories import OrganisationFactory


def test_it_normalises_case_spacing_and_ampersands():
    assert normalise_agency_name("  SOUTHPORT &  Ormskirk ") == "southport and ormskirk"
    assert normalise_agency_name("West Lancs. MARAC") == "west lancs marac"


@pytest.mark.django_db
def test_it_resolves_a_name_and_its_aliases_to_one_organisation():
    police = OrganisationFactory(name="Merseyside Police")
    OrganisationAlias.objects.create(organisation=police, alias="POLICE")
    for spelling in ("POLICE", "Merseyside Police", "merseyside police", "Police "):
        assert OrganisationIndex().resolve(spelling) == police


@pytest.mark.django_db
def test_it_returns_none_and_close_matches_for_an_unknown_agency():
    load_reference_data()
    index = OrganisationIndex()
    assert index.resolve("Merseysde Polise") is None
    assert "Merseyside Police" in index.close_matches("Merseysde Polise")


@pytest.mark.django_db
def test_it_refuses_the_same_alias_twice_whatever_its_case():
    from django.db import IntegrityError

    police = OrganisationFactory(name="Merseyside Police")
    OrganisationAlias.objects.create(organisation=police, alias="POLICE")
    with pytest.raises(IntegrityError):
        OrganisationAlias.objects.create(organisation=police, alias="police")
