"""What the printed agenda and minutes say, built from the records in a fixed number of queries.

The views render these structures with templates; tests check them against the seed documents.
"""

from dataclasses import dataclass, field

from meetings import wording
from meetings.models import Membership
from meetings.selectors import (
    exempt_minute,
    meeting_agenda,
    meeting_attendance,
    meeting_minutes,
)


@dataclass
class MinuteText:
    minute: object
    number: int
    title: str
    citation: str  # "Further to Minute No. 29 of the meeting held on 11 December 2017"
    cited: object  # the cited Minute, for the link
    html: str
    resolution: list[str] = field(default_factory=list)
    parts: list = field(default_factory=list)
    exempt: str = ""  # for a reader not entitled to a confidential item's minute: why it is blank


def members_on(meeting):
    memberships = Membership.objects.current_on(meeting.date).filter(body_id=meeting.body_id)
    return [m.person for m in memberships.select_related("person")]


def agenda_document(meeting, user) -> dict:
    body = meeting.body
    venue = meeting.venue
    return {
        "title": "AGENDA",
        "body": body.name,
        "date": wording.agenda_date(meeting.date),
        "time_and_place": f"{wording.clock(meeting.start_time)}, {venue}",
        "private": meeting.is_private,
        "membership": wording.membership_sentence(members_on(meeting)),
        "items": meeting_agenda(meeting, user),
        "officer": body,
    }


def minutes_document(meeting, *, entitled: bool) -> dict:
    """The minutes as printed. For a reader not ``entitled`` to confidential items
    (``selectors.entitled_to_confidential``; the wider-circulation pack) a confidential item's
    minute keeps its number and title and says it is exempt: no text, resolution or actions."""
    attendance = meeting_attendance(meeting)
    chair = attendance["chair"][0] if attendance["chair"] else None
    minutes = []
    for minute in meeting_minutes(meeting):
        if not entitled and exempt_minute(minute):
            minutes.append(
                MinuteText(
                    minute=minute,
                    number=minute.number,
                    title=minute.title,
                    citation="",
                    cited=None,
                    html="",
                    exempt=wording.EXEMPT_MINUTE,
                )
            )
            continue
        citation = ""
        if minute.cites is not None:
            citation = (
                f"Further to Minute No. {minute.cites.number} of the meeting held on "
                f"{wording.long_date(minute.cites.meeting.date)}"
            )
        parts = list(minute.resolution_parts.all())
        minutes.append(
            MinuteText(
                minute=minute,
                number=minute.number,
                title=minute.title,
                citation=citation,
                cited=minute.cites,
                html=minute.text,
                resolution=wording.resolution_lines([p.text for p in parts]),
                parts=parts,
            )
        )
    return {
        "body": meeting.body.name.upper(),
        "held_at": f"MEETING HELD AT THE {str(meeting.venue).upper()}",
        "date": f"ON {wording.minutes_date(meeting.date)}",
        "running_head": minutes_running_head(meeting),
        "present": wording.present_paragraph(chair, attendance["present"]),
        "also_present": wording.also_present_sentence(attendance["also_present"]),
        "minutes": minutes,
    }


def minutes_running_head(meeting) -> str:
    """The line atop every page of the minutes but the first, as in the printed minutes:
    'SEFTON SAFER COMMUNITIES PARTNERSHIP - THURSDAY 13TH SEPTEMBER, 2018'."""
    return f"{meeting.body.name.upper()} - {wording.minutes_date(meeting.date)}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: anything but plain ASCII letters, digits, spaces and
    simple punctuation is hex-escaped, so no text can end the string or the rule."""
    safe = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.-()")
    return '"' + "".join(c if c in safe else f"\\{ord(c):06x}" for c in text) + '"'
