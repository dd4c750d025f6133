"""Builders shared by the meetings page tests."""

import datetime

from meetings import services
from meetings.models import MeetingStatus, Minute
from tests.factories import AgendaItemFactory, MeetingFactory


def date_fields(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def first_item_report(meeting, officer):
    return services.report_save(
        item=meeting.items.first(), user=officer, sections=[("Background", "<p>b</p>")],
        report_to="SSCP", meeting_date=meeting.date, subject="Strategy", report_of="Officer",
    )  # fmt: skip


def minutes_of_two_items(officer):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=meeting, title="Arson")
    AgendaItemFactory(meeting=meeting, title="Youth")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    return meeting, list(Minute.objects.filter(meeting=meeting).order_by("number"))


def minute_form(minute, **overrides):
    return {"number": minute.number, "title": minute.title, "text": "<p>Kept text</p>",
            "parts": "the report be noted", "version": minute.version} | overrides  # fmt: skip


def hold_next_meeting(meeting, officer, minutes_started=True):
    following = services.meeting_create(
        body=meeting.body, date=meeting.date + datetime.timedelta(days=91),
        start_time=meeting.start_time, venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.attendance_record(meeting=following, user=officer, statuses={}, also_present=[])
    if minutes_started:
        services.minutes_generate_standard(meeting=following, user=officer)
    return following
