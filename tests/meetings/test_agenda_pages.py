"""The agenda over HTTP: items added, moved and removed; the printable agenda and its membership."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
)
from tests.factories import (
    AgendaItemFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.meetings.helpers import date_fields, minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_an_item_is_added_moved_and_removed_over_http(client, officer, meeting):
    client.force_login(officer)
    client.post(reverse("meetings:item_add", args=[meeting.pk]), {"title": "Pelican", "kind": "presentation"})  # fmt: skip
    item = AgendaItem.objects.get(title="Pelican")
    assert item.order == 4
    client.post(reverse("meetings:item_move", args=[item.pk]), {"direction": "up"})
    assert AgendaItem.objects.get(pk=item.pk).order == 3
    client.post(reverse("meetings:item_remove", args=[item.pk]))
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_previous_minutes_item_links_the_previous_minutes(client, officer, board_member):
    meeting, _ = minutes_of_two_items(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    following = services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 12, 13), start_time=datetime.time(11),
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.agenda_publish(meeting=following, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:detail", args=[following.pk])).content.decode()
    assert reverse("meetings:minutes_print", args=[meeting.pk]) in page


def test_the_printable_agenda_is_laid_out_like_the_seed(client, officer, board_member, meeting):
    body = meeting.body
    body.committee_officer_name, body.committee_officer_email = "Claire Mather", "c@example.org"
    body.save()
    for title, last in [("Councillor", "Hartwell"), ("Councillor", "Thorne"), ("", "Wardley")]:
        MembershipFactory(body=body, person=PersonFactory(title=title, first_name="Ian",
                                                          last_name=last))  # fmt: skip
    AgendaItemFactory(meeting=meeting, order=5, title="Exempt review", is_confidential=True)
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:agenda_print", args=[meeting.pk])).content.decode()
    for phrase in (
        "Thursday 13th September, 2018",
        "(PLEASE NOTE: THIS MEETING IS NOT OPEN TO THE PUBLIC)",
        '<p data-testid="membership">Councillors Hartwell, Thorne and Ian Wardley</p>',
        "2. Declarations of Interest",
        "Minutes of Previous Meeting",
        "COMMITTEE OFFICER:</dt><dd>Claire Mather",
        "c@example.org",
        "Exempt review",
    ):
        assert phrase in page, phrase


def test_the_officer_keeps_the_membership_that_the_agenda_names(
    client, officer, board_member, meeting
):
    body = meeting.body
    hartwell = MembershipFactory(
        body=body, person=PersonFactory(title="Councillor", last_name="Hartwell")
    )
    url = reverse("meetings:body_members", args=[body.slug])
    client.force_login(board_member)
    assert "Hartwell" in client.get(url).content.decode()
    assert client.post(url, {"first_name": "Ian", "last_name": "Wardley"}).status_code == 403
    end_url = reverse("meetings:membership_end", args=[hartwell.pk])
    assert (
        client.post(end_url, date_fields("end_date", datetime.date(2018, 6, 1))).status_code == 403
    )
    client.force_login(officer)
    data = {"title": "Councillor", "first_name": "Derek", "last_name": "Thorne", "role": "member"}
    response = client.post(url, data | date_fields("start_date", datetime.date(2018, 5, 1)))
    assert response["Location"] == url
    # Refusals next to the field, nothing saved.
    again = client.post(url, data | {"person": hartwell.person.pk, "first_name": ""}
                        | date_fields("start_date", datetime.date(2018, 7, 1)))  # fmt: skip
    assert "is already a member of" in again.context["form"].errors["start_date"][0]
    backwards = client.post(url, data | date_fields("start_date", datetime.date(2018, 7, 1))
                            | date_fields("end_date", datetime.date(2018, 6, 1)))  # fmt: skip
    assert "must end on or after its start" in backwards.context["form"].errors["end_date"][0]
    nobody = client.post(
        url, {"role": "member"} | date_fields("start_date", datetime.date(2018, 7, 1))
    )
    assert "Choose a person" in nobody.context["form"].errors["person"][0]
    assert body.memberships.count() == 2
    early = client.post(end_url, date_fields("end_date", datetime.date(2018, 4, 1)))
    assert "must end on or after its start" in early.context["form"].errors["end_date"][0]
    # Hartwell leaves before the meeting: the agenda names Thorne only.
    response = client.post(end_url, date_fields("end_date", datetime.date(2018, 6, 1)))
    assert response["Location"] == url
    services.agenda_publish(meeting=meeting, user=officer)
    page = client.get(reverse("meetings:agenda_print", args=[meeting.pk])).content.decode()
    assert '<p data-testid="membership">Councillor Thorne</p>' in page
