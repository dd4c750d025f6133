"""iCalendar (RFC 5545) for meetings: the one builder for every calendar the app serves (a feed
per body, a download per meeting, the public calendar and members' secret subscription).

Written by hand: a few lines of text do not need a dependency. Each meeting keeps one UID for
life; a move or a cancellation raises its SEQUENCE, and a called-off meeting stays in the feed
with STATUS:CANCELLED, so subscribed calendars update the event they hold.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from meetings import wording

LOCAL = ZoneInfo(getattr(settings, "TIME_ZONE", "Europe/London") or "Europe/London")
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(day: datetime.date, time: datetime.time) -> str:
    moment = datetime.datetime.combine(day, time, tzinfo=LOCAL).astimezone(datetime.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def calendar_for(meetings, request, *, url_name: str = "meetings:detail") -> str:
    """``url_name`` is the page each event links to: the public page in public calendars."""
    host = request.get_host() if request is not None else "sscp-board"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SSCP Board//Meetings//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]  # fmt: skip
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for meeting in meetings:
        end = datetime.datetime.combine(meeting.date, meeting.start_time) + DEFAULT_LENGTH
        url = reverse(url_name, args=[meeting.pk])
        if request is not None:
            url = request.build_absolute_uri(url)
        summary = f"{meeting.body.name}"
        description = f"{wording.agenda_date(meeting.date)}, {wording.clock(meeting.start_time)}"
        status = "CONFIRMED"
        if meeting.is_called_off:
            status = "CANCELLED"
            summary = f"{meeting.get_state_display()}: {summary}"
            description += f". {meeting.get_state_display()}: {meeting.state_reason}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"SEQUENCE:{meeting.sequence}",
            f"DTSTART:{_utc(meeting.date, meeting.start_time)}",
            f"DTEND:{_utc(end.date(), end.time())}",
            f"SUMMARY:{_escape(summary)}",
            f"LOCATION:{_escape(str(meeting.venue))}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{url}",
            f"STATUS:{status}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
