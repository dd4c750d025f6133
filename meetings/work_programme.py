"""When a standing report is due: the rule of the work programme, apart from the database.

A standing report recurs from the meeting it was first planned for: at every later meeting,
or at the first meeting of each calendar quarter (the board's quarterly reports)."""

import datetime

from meetings.models import Recurrence


def quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def standing_due(plan, meeting, meetings) -> bool:
    """Whether the standing report ``plan`` is due at ``meeting``, one of ``meetings`` (the
    body's meetings to come, in date order)."""
    if meeting.date < plan.meeting.date:
        return False
    if meeting.pk == plan.meeting_id or plan.recurrence == Recurrence.EVERY_MEETING:
        return True
    if plan.recurrence != Recurrence.QUARTERLY:
        return False
    same_quarter = [m for m in meetings if quarter(m.date) == quarter(meeting.date)]
    first = same_quarter[0]
    return first.pk == meeting.pk and quarter(meeting.date) != quarter(plan.meeting.date)
