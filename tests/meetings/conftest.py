"""Fixtures shared by the meetings tests."""

import datetime

import pytest

from meetings import services
from tests.factories import BodyFactory


@pytest.fixture
def meeting(officer):
    """A meeting of a new body on 13 September 2018, scheduled by the officer (agenda draft)."""
    body = BodyFactory()
    return services.meeting_create(
        body=body,
        date=datetime.date(2018, 9, 13),
        start_time=datetime.time(10),
        venue=body.default_venue,
        user=officer,
    )
