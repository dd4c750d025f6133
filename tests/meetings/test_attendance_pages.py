"""Recording attendance and declarations; a member's attendance record."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    MeetingStatus,
)
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_attendance_and_a_declaration_are_recorded(client, officer, meeting):
    chair = MembershipFactory(body=meeting.body, person=PersonFactory(title="Councillor")).person
    member = MembershipFactory(body=meeting.body).person
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {f"member_{chair.pk}": "chair", f"member_{member.pk}": "apologies",
         "also_present": "Helen Armitage\nBen Ryder"},
    )  # fmt: skip
    assert response.status_code == 302
    assert meeting.attendances.count() == 4
    item = meeting.items.last()
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        {"person": chair.pk, "agenda_item": item.pk, "kind": "personal", "nature": "x"},
    )
    assert response.status_code == 302
    assert item.declarations.count() == 1


def test_a_member_reads_their_attendance_record(client, officer, board_member, meeting):
    person = MembershipFactory(body=meeting.body, person=PersonFactory(user=board_member)).person
    services.agenda_publish(meeting=meeting, user=officer)
    services.attendance_record(
        meeting=meeting, user=officer, statuses={person.pk: "apologies"}, also_present=[]
    )
    client.force_login(board_member)
    index = client.get(reverse("meetings:index")).content.decode()
    url = reverse("meetings:person_attendance", args=[person.pk])
    assert url in index
    record = client.get(url)
    assert [a.get_status_display() for a in record.context["record"]] == ["Apologies"]


def test_a_members_attendance_record_sums_up_their_meetings(client, officer, board_member):
    """Expected at, present (chair counts), apologies, absent and the share attended."""
    body = BodyFactory()
    person, other = (MembershipFactory(body=body).person for _ in range(2))
    statuses = ["chair", "present", "apologies", "absent"]
    for month, status in zip((3, 6, 9, 12), statuses, strict=True):
        meeting = MeetingFactory(
            body=body, date=datetime.date(2018, month, 14), status=MeetingStatus.AGENDA_PUBLISHED
        )
        services.attendance_record(
            meeting=meeting, user=officer, statuses={person.pk: status, other.pk: "present"},
            also_present=["Helen Ashworth"],
        )  # fmt: skip
    client.force_login(board_member)
    response = client.get(reverse("meetings:person_attendance", args=[person.pk]))
    assert response.context["summary"] == {
        "expected": 4, "present": 2, "apologies": 1, "absent": 1, "percent": 50
    }  # fmt: skip
    assert "2 (50%)" in response.content.decode()
    # The absent member is listed (and linked to their record) on the meeting page.
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:person_attendance", args=[person.pk]) in page
    nobody = client.get(reverse("meetings:person_attendance", args=[PersonFactory().pk]))
    assert nobody.context["summary"]["percent"] is None
    assert "No attendance recorded." in nobody.content.decode()
