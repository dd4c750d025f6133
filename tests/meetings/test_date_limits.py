"""Issue 10 item 6: every date typed into the meetings forms is inside the app's stated range
(sscp.dates); a date outside it, or a day no calendar has (10^20), is a form error next to
the field, never a stored meeting that breaks /meetings/ and never an OverflowError."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Action, Meeting, Membership
from tests.factories import BodyFactory, MeetingFactory, OrganisationFactory
from tests.meetings.helpers import minutes_of_two_items

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = (
    "Enter a date between 1 January 1990 and 31 December 2099: 1 January 1 is outside it."
)
NOT_A_DATE = (
    "Enter a real date, for example 13 9 2018: the day must be a day of that month, "
    "the month 1 to 12, and the year four digits."
)
CASES = [
    ((1, 1, 1), OUT_OF_RANGE),
    ((31, 12, 2100), "31 December 2100 is outside it."),
    ((10**20, 1, 2018), NOT_A_DATE),
    ((1, 10**20, 2018), NOT_A_DATE),
    ((1, 1, 10**20), NOT_A_DATE),
    ((31, 2, 2018), NOT_A_DATE),
]


def _date(prefix, day, month, year):
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


def _meeting_data(body, **dates):
    data = {"body": body.pk, "venue": body.default_venue.pk, "start_time": "10:00"}
    data |= _date("date", 13, 9, 2018)
    for prefix, value in dates.items():
        data |= _date(prefix, *value)
    return data


@pytest.mark.parametrize("field", ["date", "next_meeting_date"])
@pytest.mark.parametrize(("value", "message"), CASES)
def test_a_meeting_date_outside_the_range_is_a_form_error(client, officer, field, value, message):
    body = BodyFactory()
    client.force_login(officer)

    response = client.post(reverse("meetings:create"), _meeting_data(body, **{field: value}))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Meeting.objects.filter(body=body).exists()
    assert client.get(reverse("meetings:index")).status_code == 200


def test_a_meeting_moved_out_of_range_is_a_form_error(client, officer):
    meeting = MeetingFactory()
    client.force_login(officer)
    data = _meeting_data(meeting.body, date=(1, 1, 1))
    del data["body"]

    response = client.post(reverse("meetings:change", args=[meeting.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [OUT_OF_RANGE]
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2018, 9, 13)


def test_the_edges_of_the_range_are_accepted(client, officer):
    body = BodyFactory()
    client.force_login(officer)

    first = client.post(reverse("meetings:create"), _meeting_data(body, date=(1, 1, 1990)))
    last = client.post(reverse("meetings:create"), _meeting_data(body, date=(31, 12, 2099)))

    assert (first.status_code, last.status_code) == (302, 302)
    assert sorted(Meeting.objects.filter(body=body).values_list("date", flat=True)) == [
        datetime.date(1990, 1, 1),
        datetime.date(2099, 12, 31),
    ]


@pytest.mark.parametrize(("value", "message"), CASES)
def test_a_membership_date_outside_the_range_is_a_form_error(client, officer, value, message):
    body = BodyFactory()
    client.force_login(officer)
    data = {"title": "", "first_name": "Ada", "last_name": "Quill", "role": "member"}
    data |= _date("start_date", *value)

    response = client.post(reverse("meetings:body_members", args=[body.slug]), data)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["start_date"])
    assert not Membership.objects.filter(body=body).exists()


@pytest.mark.parametrize(("value", "message"), CASES)
def test_an_action_due_date_outside_the_range_is_a_form_error(client, officer, value, message):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["the report be noted"])  # fmt: skip
    part = first.resolution_parts.get()
    client.force_login(officer)
    data = {"resolution_part": part.pk, "description": "Write the plan",
            "owner_organisation": OrganisationFactory().pk}  # fmt: skip
    data |= _date("due_date", *value)

    response = client.post(reverse("meetings:minute_action", args=[first.pk]), data)

    assert response.status_code == 200
    assert any(message in e for e in response.context["action_form"].errors["due_date"])
    assert not Action.objects.exists()


def test_the_officers_forms_are_still_refused_to_a_member(client, board_member):
    client.force_login(board_member)

    response = client.post(reverse("meetings:create"), _meeting_data(BodyFactory(), date=(1, 1, 1)))

    assert response.status_code == 403


def test_the_admin_keeps_meeting_dates_in_the_range_too(client, administrator):
    body = BodyFactory()
    client.force_login(administrator)
    data = {"body": body.pk, "date": "0001-01-01", "start_time": "10:00",
            "venue": body.default_venue.pk, "status": "draft", "version": 1}  # fmt: skip

    response = client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not Meeting.objects.filter(body=body).exists()
    assert client.get(reverse("meetings:index")).status_code == 200
