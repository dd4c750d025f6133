"""The meeting's history page: who changed what, with differences and names."""

import pytest
from django.urls import reverse

from meetings import services
from tests.factories import (
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_what(client, officer, board_member, meeting):
    item = meeting.items.get(order=1)
    services.item_update(item=item, user=officer, expected_version=1, title="Apologies")
    client.force_login(officer)
    page = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Item 1 “Apologies” changed" in page
    assert ">Apologies for Absence</td>" in page and ">Apologies</td>" in page
    client.force_login(board_member)
    assert client.get(reverse("meetings:history", args=[meeting.pk])).status_code == 403


def test_the_history_names_related_records(client, officer, meeting):
    """A presenter, a venue or a cited minute shows as its name, not a number."""
    item = meeting.items.get(order=1)
    presenter = PersonFactory(title="Superintendent", first_name="Mark", last_name="Bolland")
    services.item_update(item=item, user=officer, expected_version=1, presenter=presenter)
    client.force_login(officer)
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert ">Superintendent Mark Bolland</td>" in history
    assert f">{presenter.pk}</td>" not in history
