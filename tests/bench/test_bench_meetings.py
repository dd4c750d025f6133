"""Meetings at scale: ten years of history, 40 meetings a year across 4 bodies, 12 items each,
every item minuted with a two-part resolution and an action.

Prints the server time of the meeting page, the minutes editor, one minute's editor and the action
log against a bare SELECT of the same rows measured in the same run, as ratios. Generated with
bulk_create.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse

from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingStatus,
    Minute,
    Person,
    ResolutionPart,
    Venue,
)
from sscp import roles
from sscp.models import AgencyGroup, Organisation
from tests.bench.conftest import best_of
from tests.factories import UserFactory

YEARS = 10
BODIES = 4
MEETINGS_PER_YEAR = 40  # across the 4 bodies
ITEMS = 12
FIRST_YEAR = 2009


def _load_history():
    venue = Venue.objects.create(name="Bench room", short_name="Bench room")
    organisations = [
        Organisation.objects.create(name=f"Bench org {n}", group=AgencyGroup.OTHER)
        for n in range(10)
    ]
    people = Person.objects.bulk_create(
        Person(first_name=f"P{n}", last_name=f"Member{n}") for n in range(20)
    )
    bodies = [
        Body.objects.create(name=f"Bench body {n}", slug=f"bench-{n}", default_venue=venue)
        for n in range(BODIES)
    ]
    meetings = []
    for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        start = datetime.date(year, 6, 1)
        for n in range(MEETINGS_PER_YEAR):
            body = bodies[n % BODIES]
            meetings.append(
                Meeting(
                    body=body,
                    date=start + datetime.timedelta(days=9 * n),
                    start_time=datetime.time(10),
                    venue=venue,
                    status=MeetingStatus.MINUTES_CONFIRMED,
                )
            )
    meetings = Meeting.objects.bulk_create(meetings)
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, order=i + 1, title=f"Item {i + 1}", description="Report of X.")
        for m in meetings
        for i in range(ITEMS)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=m, person=p, status="present" if i else "chair")
        for m in meetings
        for i, p in enumerate(people[:10])
    )
    numbers = {}
    minutes = []
    for item in items:
        meeting = item.meeting
        year = meeting.body.municipal_year_start(meeting.date)
        key = (meeting.body_id, year)
        numbers[key] = numbers.get(key, 0) + 1
        minutes.append(
            Minute(
                meeting=meeting,
                agenda_item=item,
                body_id=meeting.body_id,
                municipal_year=year,
                number=numbers[key],
                title=item.title.upper(),
                text="<p>The Partnership considered the report.</p>",
            )
        )
    minutes = Minute.objects.bulk_create(minutes, batch_size=2000)
    parts = ResolutionPart.objects.bulk_create(
        (
            ResolutionPart(minute=m, order=o, text=f"part {o} of the resolution")
            for m in minutes
            for o in (1, 2)
        ),
        batch_size=5000,
    )
    Action.objects.bulk_create(
        (
            Action(
                resolution_part=p,
                description="Report back",
                owner_organisation=organisations[p.pk % 10],
                due_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=p.pk % 400),
                status="open" if p.pk % 20 == 0 else "done",
            )
            for p in parts
            if p.order == 2
        ),
        batch_size=5000,
    )
    return meetings


def _bare_select(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()


@pytest.mark.django_db
def test_meeting_pages_against_a_bare_select(report_ratio):
    meetings = _load_history()
    meeting = meetings[len(meetings) // 2]
    minute = Minute.objects.filter(meeting=meeting).order_by("number").last()
    officer = UserFactory(username="bench-officer")
    officer.groups.add(Group.objects.get(name=roles.COMMITTEE_OFFICER))
    client = Client()
    client.force_login(officer)
    print(
        f"\nBENCH history: {Meeting.objects.count()} meetings, {AgendaItem.objects.count()} "
        f"items, {Minute.objects.count()} minutes, {Action.objects.count()} actions"
    )

    def get(url):
        def run():
            assert client.get(url).status_code == 200

        return run

    items_sql = (
        'SELECT i.id, i."order", i.title, i.description, m.id, m.number, m.title, m.text, '
        'p.id, p."order", p.text, a.id, a.description, a.due_date, a.status '
        "FROM meetings_agendaitem i LEFT JOIN meetings_minute m ON m.agenda_item_id = i.id "
        "LEFT JOIN meetings_resolutionpart p ON p.minute_id = m.id "
        "LEFT JOIN meetings_action a ON a.resolution_part_id = p.id "
        'WHERE i.meeting_id = %s ORDER BY i."order", p."order"'
    )
    baseline = best_of(lambda: _bare_select(items_sql, [meeting.pk]), repeat=20)
    for name, url in (
        ("meeting page", reverse("meetings:detail", args=[meeting.pk])),
        ("minutes editor", reverse("meetings:minutes", args=[meeting.pk])),
        ("one minute's editor", reverse("meetings:minute_edit", args=[minute.pk])),
    ):
        report_ratio(f"{name} vs bare SELECT", best_of(get(url)), baseline, at_most=500)

    open_actions = Action.objects.filter(status__in=["open", "in_progress"]).count()
    actions_sql = (
        "SELECT a.id, a.description, a.due_date, a.status, a.rag, o.name, m.number, mt.date "
        "FROM meetings_action a JOIN meetings_resolutionpart p ON p.id = a.resolution_part_id "
        "JOIN meetings_minute m ON m.id = p.minute_id JOIN meetings_meeting mt ON mt.id = "
        "m.meeting_id LEFT JOIN sscp_organisation o ON o.id = a.owner_organisation_id "
        "WHERE a.status IN ('open', 'in_progress') ORDER BY a.due_date, a.id"
    )
    print(f"BENCH action log: {open_actions} open actions")
    report_ratio(
        "action log vs bare SELECT",
        best_of(get(reverse("meetings:actions"))),
        best_of(lambda: _bare_select(actions_sql, []), repeat=10),
        at_most=500,
    )
