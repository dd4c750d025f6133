"""Actions: when they are overdue, who may own them, correcting and progressing them, and
the action log as CSV and print."""

import datetime

import pytest

from meetings import services
from meetings.models import ActionStatus, MeetingStatus, Minute, Rag
from meetings.selectors import action_log, agenda_action_log
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
SEPT = datetime.date(2018, 9, 13)


def _part(officer, date=SEPT):
    """A resolution part of a held meeting's minute, for actions to hang on."""
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED, date=date)
    item = AgendaItemFactory(meeting=meeting, title="Youth")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="", parts=["the report be noted"])  # fmt: skip
    return minute.resolution_parts.get()


def _add(officer, part, description, due, **fields):
    fields.setdefault("owner_organisation", OrganisationFactory())
    return services.action_add(resolution_part=part, user=officer, description=description,
                               due_date=due and datetime.date(*due), **fields)  # fmt: skip


# --- 1. Overdue from the due date and status ---------------------------------------------------


def test_overdue_means_due_before_today_and_not_complete(officer):
    part = _part(officer)
    _add(officer, part, "Late and open", (2018, 7, 1))
    _add(officer, part, "Late, in progress", (2018, 7, 2), status=ActionStatus.IN_PROGRESS)
    _add(officer, part, "Late but Green", (2018, 7, 3), rag=Rag.GREEN)
    _add(officer, part, "Late but done", (2018, 7, 4), status=ActionStatus.DONE)
    _add(officer, part, "Late but cancelled", (2018, 7, 5), status=ActionStatus.CANCELLED)
    _add(officer, part, "Due today", (2018, 9, 1), rag=Rag.RED)
    _add(officer, part, "Not yet due", (2018, 12, 1), rag=Rag.AMBER)
    _add(officer, part, "No due date", None)
    log = action_log(user=officer, status="all", today=datetime.date(2018, 9, 1))
    assert {a.description: a.is_overdue for a in log} == {
        "Late and open": True,
        "Late, in progress": True,
        "Late but Green": False,
        "Late but done": False,
        "Late but cancelled": False,
        "Due today": False,
        "Not yet due": False,
        "No due date": False,
    }
    overdue = action_log(user=officer, status="overdue", today=datetime.date(2018, 9, 1))
    assert [a.description for a in overdue] == ["Late and open", "Late, in progress"]


def test_an_agenda_action_log_is_overdue_as_at_its_meeting(officer):
    part = _part(officer, date=datetime.date(2018, 6, 14))
    _add(officer, part, "Due before September", (2018, 9, 1))
    _add(officer, part, "Due after September", (2018, 10, 1))
    _add(officer, part, "Green before September", (2018, 8, 1), rag=Rag.GREEN)
    services.minutes_publish(meeting=part.minute.meeting, user=officer)
    september = MeetingFactory(body=part.minute.meeting.body, date=SEPT)
    listed = agenda_action_log(september, entitled=True)
    assert [(a.description, a.is_overdue) for a in listed] == [
        ("Green before September", False),
        ("Due before September", True),
        ("Due after September", False),
    ]
