"""When an agenda must be published: five clear working days before its meeting.

"Clear" days leave out both the day of publication and the day of the meeting (Local
Government Act 1972, s.100B, as councils read it), and working days leave out weekends and bank
holidays in England and Wales (sscp.workdays). The deadline shown is the last working day on
which publishing still leaves five clear working days: an officer does not publish on a Sunday.
"""

import datetime

from sscp.workdays import is_working_day

CLEAR_WORKING_DAYS = 5


def agenda_deadline(meeting_date: datetime.date) -> datetime.date:
    """The last working day to publish the agenda of a meeting on ``meeting_date``."""
    day, counted = meeting_date, 0
    while counted <= CLEAR_WORKING_DAYS:  # five clear days, then the publication day itself
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day
