"""Attendance by agency: each organisation's attendance over the meetings a body held in a
period (a member or a named deputy represents it), each member's figures, the CSV and print
versions; a deputy is refused for someone who is not a member on the meeting's day."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, MeetingState, MeetingStatus
from meetings.selectors import agency_attendance, meeting_attendance, municipal_year_period
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def board(officer):
    """A body (municipal year from May) of three agencies' members over five meetings: three
    held in 2018/19, one cancelled, one held in 2019/20; Agency C's member left in October."""
    body = BodyFactory(municipal_year_start_month=5)
    orgs = {k: OrganisationFactory(name=f"Agency {k}") for k in "ABC"}
    people = {}
    for key, name, end in [
        ("A", "Alice", None),
        ("B", "Bob", None),
        ("C", "Carol", D(2018, 10, 31)),
    ]:
        person = PersonFactory(first_name=name, last_name=f"{name}son")
        MembershipFactory(
            body=body,
            person=person,
            organisation=orgs[key],
            start_date=D(2018, 5, 1),
            end_date=end,
        )
        people[key] = person
    meetings = {}
    for key, day in [
        ("m1", D(2018, 6, 14)),
        ("m2", D(2018, 9, 13)),
        ("m3", D(2018, 12, 13)),
        ("m4", D(2019, 3, 14)),
        ("m5", D(2019, 6, 13)),
    ]:
        meetings[key] = MeetingFactory(body=body, date=day, status=MeetingStatus.HELD)
    meetings["m3"].state = MeetingState.CANCELLED
    meetings["m3"].save()
    marks = {
        "m1": {"A": "present", "B": "apologies", "C": "present"},
        "m2": {"A": "chair", "B": "absent", "C": "apologies"},
        "m3": {"A": "present", "B": "present"},
        "m4": {"A": "apologies", "B": "present"},
        "m5": {"A": "present"},
    }
    for key, statuses in marks.items():
        for who, status in statuses.items():
            Attendance.objects.create(meeting=meetings[key], person=people[who], status=status)
    services.deputy_record(
        meeting=meetings["m2"], user=officer, member=people["B"], name="Dee Putty"
    )
    return body, orgs, people, meetings
    # fmt: skip


def _figures(report):
    return {r["organisation"].name: (r["expected"], r["present"], r["percent"])
            for r in report["organisations"]}  # fmt: skip


def test_held_meetings_count_and_a_deputy_counts_for_the_members_organisation(board):
    body, _, people, _ = board
    report = agency_attendance(body, D(2018, 5, 1), D(2019, 4, 30))
    assert len(report["meetings"]) == 3  # the cancelled one and 2019/20's are not counted
    assert _figures(report) == {
        "Agency A": (3, 2, 67),
        "Agency B": (3, 2, 67),  # at 13 September 2018 by Dee Putty, deputy for Bob
        "Agency C": (2, 1, 50),  # not expected after Carol's membership ended
    }
    people_rows = {r["person"].first_name: r for r in report["people"]}
    assert (people_rows["Bob"]["expected"], people_rows["Bob"]["present"]) == (3, 1)
    assert people_rows["Bob"]["absent"] == 1
    assert people_rows["Carol"]["expected"] == 2


def test_without_the_deputy_bobs_agency_has_one_meeting_fewer(board):
    body, _, _, _ = board
    Attendance.objects.filter(deputy_for__isnull=False).delete()
    report = agency_attendance(body, D(2018, 5, 1), D(2019, 4, 30))
    assert _figures(report)["Agency B"] == (3, 1, 33)


def test_the_page_defaults_to_the_current_municipal_year(client, board_member, board):
    body, *_ = board
    client.force_login(board_member)
    response = client.get(reverse("meetings:body_attendance", args=[body.slug]))
    assert response.status_code == 200
    start, end = municipal_year_period(body, datetime.date.today())
    assert start.month == 5 and end == start.replace(year=start.year + 1) - datetime.timedelta(1)
    assert response.context["start"] == start
    assert "No meetings held in this period." in response.content.decode()


def test_the_period_filter_from_and_to(client, board_member, board):
    body, *_ = board
    client.force_login(board_member)
    url = reverse("meetings:body_attendance", args=[body.slug])
    response = client.get(url, {"from": "2019-05-01", "to": "2020-04-30"})
    assert response.status_code == 200
    assert _figures(response.context["report"]) == {"Agency A": (1, 1, 100), "Agency B": (1, 0, 0)}
    page = client.get(url, {"from": "2018-05-01", "to": "2019-04-30"}).content.decode()
    assert "3 meetings held" in page


@pytest.mark.parametrize(
    "query, message",
    [
        ({"from": "2019-05-01", "to": "2018-05-01"}, "The end of the period must be after"),
        ({"from": "2010-01-01", "to": "2019-04-30"}, "at most 5 years"),
        ({"from": "1900-01-01", "to": "1900-04-30"}, "Enter a date between"),
        ({"from": "not a date"}, "Enter a valid date"),
    ],
)
def test_a_bad_period_is_refused_next_to_the_field(client, board_member, board, query, message):
    body, *_ = board
    client.force_login(board_member)
    response = client.get(reverse("meetings:body_attendance", args=[body.slug]), query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["report"] is None


def test_csv_is_formula_neutralised(client, board_member, board):
    body, orgs, _, _ = board
    orgs["A"].name = "=HYPERLINK(1)"
    orgs["A"].save()
    client.force_login(board_member)
    response = client.get(
        reverse("meetings:body_attendance_csv", args=[body.slug]),
        {"from": "2018-05-01", "to": "2019-04-30"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Organisation", "Meetings expected at", "Meetings attended", "Per cent"]
    assert ["'=HYPERLINK(1)", "3", "2", "67"] in rows
    assert ["Agency C", "2", "1", "50"] in rows


def test_the_printable_version(client, board_member, board):
    body, *_ = board
    client.force_login(board_member)
    url = reverse("meetings:body_attendance_print", args=[body.slug])
    page = client.get(url, {"from": "2018-05-01", "to": "2019-04-30"}).content.decode()
    assert "app-print" in page and "Agency C" in page and "3 meetings held" in page


def test_a_deputy_is_recorded_and_shown_on_the_attendance_page(client, officer, board):
    _, _, people, meetings = board
    client.force_login(officer)
    url = reverse("meetings:deputy_add", args=[meetings["m4"].pk])
    response = client.post(url, {"deputy_for": people["A"].pk, "name": "Sam Standin"})
    assert response.status_code == 302
    deputy = meetings["m4"].attendances.get(deputy_for=people["A"])
    assert deputy.name == "Sam Standin"
    page = client.get(reverse("meetings:attendance", args=[meetings["m4"].pk])).content.decode()
    assert "Sam Standin, deputy for" in page
    assert meetings["m4"].changes.filter(summary__startswith="Deputy recorded").exists()


def test_saving_the_attendance_keeps_the_deputies(officer, board):
    _, _, people, meetings = board
    services.attendance_record(
        meeting=meetings["m2"], user=officer, statuses={people["A"].pk: "present"}, also_present=[]
    )
    assert meetings["m2"].attendances.filter(deputy_for=people["B"]).count() == 1


def test_a_deputy_for_someone_not_a_member_is_refused_next_to_the_field(client, officer, board):
    _, _, _, meetings = board
    stranger = PersonFactory(first_name="Stan")
    client.force_login(officer)
    response = client.post(
        reverse("meetings:deputy_add", args=[meetings["m4"].pk]),
        {"deputy_for": stranger.pk, "name": "Sam Standin"},
    )
    assert response.status_code == 200
    assert "is not a member of" in str(response.context["form"].errors["deputy_for"])
    assert not meetings["m4"].attendances.filter(deputy_for=stranger).exists()


def test_a_deputy_outside_the_membership_is_refused_next_to_the_field(client, officer, board):
    _, _, people, meetings = board
    client.force_login(officer)
    response = client.post(
        reverse("meetings:deputy_add", args=[meetings["m4"].pk]),
        {"deputy_for": people["C"].pk, "name": "Sam Standin"},
    )
    assert response.status_code == 200
    errors = str(response.context["form"].errors["deputy_for"])
    assert "was not a member of" in errors and "14 March 2019" in errors
    assert "Sam Standin" in response.content.decode()  # the typed name is kept


def test_roles_are_refused(client, board_member, board):
    body, _, people, meetings = board
    client.force_login(board_member)
    url = reverse("meetings:deputy_add", args=[meetings["m4"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"deputy_for": people["A"].pk, "name": "X"}).status_code == 403
    client.force_login(UserFactory())  # signed in, no role
    for name in ["body_attendance", "body_attendance_csv", "body_attendance_print"]:
        assert client.get(reverse(f"meetings:{name}", args=[body.slug])).status_code == 403


def test_the_minutes_list_a_deputy_as_present_for_the_member(board):
    _, _, people, meetings = board
    present = meeting_attendance(meetings["m2"])["present"]
    assert f"Dee Putty (deputy for {people['B']})" in present
