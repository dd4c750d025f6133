import io

import pytest
from django.core.management import call_command

from marac.models import IdvaStatus
from sscp.demo import load_reference_data


@pytest.fixture
def reference(db):
    """The Sefton agencies, aliases and wards, and two IDVA statuses."""
    load_reference_data()
    IdvaStatus.objects.create(code="open_to_idva", label="Already open to the IDVA team")
    IdvaStatus.objects.create(code="declined", label="Declined IDVA support")


@pytest.fixture
def marac_demo(db):
    """The whole demo (Sefton MARAC 2016-18), loaded as seed_demo loads it."""
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
