"""Minute numbers: continuous through a body's municipal year (June to May by default).

The first meeting of the year starts at 1; each later meeting carries on after the last number
used. The database refuses a duplicate (one_minute_number_per_year); these functions let the
services say so politely first.
"""

from django.db.models import Max

from meetings import wording
from meetings.models import Meeting, MeetingStatus, Minute


def municipal_year_label(meeting) -> str:
    """'2018/19'; '2018' for a body whose year starts in January (one calendar year)."""
    start = meeting.municipal_year_start()
    if start.month == 1:
        return str(start.year)
    return f"{start.year}/{(start.year + 1) % 100:02d}"


def next_minute_number(meeting) -> int:
    """The number the next minute of ``meeting`` takes: one after the year's last so far."""
    last = Minute.objects.filter(
        body_id=meeting.body_id,
        municipal_year=meeting.municipal_year_start(),
        meeting__date__lte=meeting.date,
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def minute_number_taken_by(*, meeting, number: int, exclude_pk=None) -> Minute | None:
    """The minute already holding ``number`` in ``meeting``'s municipal year, if any."""
    minutes = Minute.objects.filter(
        body_id=meeting.body_id, municipal_year=meeting.municipal_year_start(), number=number
    ).select_related("meeting")
    if exclude_pk is not None:
        minutes = minutes.exclude(pk=exclude_pk)
    return minutes.first()


def numbering_refusal(meeting) -> str:
    """Why ``meeting``'s minutes cannot be numbered now ('' when they can): numbers run on in
    meeting order, so an earlier held meeting of the year is minuted first, and a meeting is
    not minuted once a later one of its year has taken the numbers after it."""
    year = meeting.municipal_year_start()
    same_year = Meeting.objects.filter(
        body_id=meeting.body_id, date__gte=year, date__lt=_next_year(year)
    ).exclude(pk=meeting.pk)
    later = (
        Minute.objects.filter(body_id=meeting.body_id, municipal_year=year)
        .filter(meeting__in=same_year.filter(date__gt=meeting.date))
        .select_related("meeting")
        .order_by("meeting__date")
        .first()
    )
    if later is not None:
        return (
            f"The minutes of {wording.long_date(later.meeting.date)} already carry on the "
            f"numbering of {municipal_year_label(meeting)}: an earlier meeting's minutes can no "
            "longer be numbered."
        )
    earlier = (
        same_year.filter(date__lt=meeting.date, status=MeetingStatus.HELD)
        .filter(items__minute__isnull=True)
        .order_by("date")
        .first()
    )
    if earlier is not None:
        return (
            f"Start the minutes of {wording.long_date(earlier.date)} first: minute numbers run "
            f"on through {municipal_year_label(meeting)} in meeting order."
        )
    return ""


def _next_year(start):
    return start.replace(year=start.year + 1)
