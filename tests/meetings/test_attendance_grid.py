"""The attendance page is a grid (issue 11, item 6): one row a member in surname order, a radio
per status in the row, not a fieldset per person; choices and errors kept as before."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(meeting):
    names = [("Zoe", "Quill"), ("Adam", "Ashdown"), ("Bea", "ashworth"), ("Abe", "Ashdown")]
    return [
        MembershipFactory(
            body=meeting.body, person=PersonFactory(first_name=first, last_name=last)
        ).person
        for first, last in names
    ]


def test_members_are_rows_in_surname_then_forename_order(client, officer, meeting, members):
    client.force_login(officer)
    response = client.get(reverse("meetings:attendance", args=[meeting.pk]))
    page = response.content.decode()
    rows = [person.pk for person, _ in response.context["form"].member_rows()]
    quill, adam, bea, abe = members
    assert rows == [abe.pk, adam.pk, bea.pk, quill.pk]
    grid = page.split('data-testid="attendance-grid"')[1].split("</table>")[0]
    assert grid.count('<tr class="govuk-table__row') == 5  # a header and four members
    assert "<fieldset" not in grid
    for status in ("chair", "present", "apologies", "absent"):
        assert grid.count(f'value="{status}"') == 4
    assert f"{quill}: Apologies" in grid  # each radio is labelled with the member and status


def test_the_grid_keeps_the_choices_and_shows_the_refusal_in_the_row(
    client, officer, meeting, members
):
    quill, adam, *_ = members
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {f"member_{quill.pk}": "chair", f"member_{adam.pk}": "chair", "also_present": ""},
    )
    grid = response.content.decode().split('data-testid="attendance-grid"')[1]
    assert "Only one member can be in the chair." in grid
    assert grid.count('value="chair" checked') == 2
    # The error summary's link lands on the member's first radio.
    assert f'href="#id_member_{quill.pk}"' in response.content.decode()
    assert f'id="id_member_{quill.pk}"' in grid
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {f"member_{quill.pk}": "chair", f"member_{adam.pk}": "apologies", "also_present": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert f'name="member_{adam.pk}" value="apologies" checked' in page
