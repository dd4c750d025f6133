"""Minute numbers: continuous through a body's municipal year (June to May by default).

The first meeting of the year starts at 1; each later meeting carries on after the last number
used. The database refuses a duplicate (one_minute_number_per_year); these functions let the
services say so politely first.
"""

from django.db.models import Max, Q

from meetings import wording
from meetings.models import Meeting, MeetingState, Minute


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


def _same_year(meeting):
    year = meeting.municipal_year_start()
    return Meeting.objects.filter(
        body_id=meeting.body_id, date__gte=year, date__lt=_next_year(year)
    ).exclude(pk=meeting.pk)


def open_earlier_meeting(meeting):
    """The first meeting of ``meeting``'s year before it that took place (not cancelled or
    postponed) and still has items without a minute: its minutes take the numbers first."""
    return (
        _same_year(meeting)
        .filter(date__lt=meeting.date, state=MeetingState.SCHEDULED)
        .filter(Q(items__isnull=True) | Q(items__minute__isnull=True))
        .order_by("date")
        .first()
    )


def numbering_refusal(meeting) -> str:
    """Why ``meeting``'s minutes cannot be numbered now ('' when they can): numbers run on in
    meeting order, so an earlier meeting of the year is minuted (or marked cancelled or
    postponed) first, and a meeting is not minuted once a later one has taken the numbers."""
    if meeting.is_called_off:
        return (
            f"The meeting of {wording.long_date(meeting.date)} was "
            f"{meeting.get_state_display().lower()}: it has no minutes."
        )
    later = (
        Minute.objects.filter(
            body_id=meeting.body_id, municipal_year=meeting.municipal_year_start()
        )
        .filter(meeting__in=_same_year(meeting).filter(date__gt=meeting.date))
        .select_related("meeting")
        .order_by("meeting__date")
        .first()
    )
    if later is not None:
        return (
            f"The minutes of {wording.long_date(later.meeting.date)} already carry on the "
            f"numbering of {municipal_year_label(meeting)}: an earlier meeting's minutes can no "
            "longer be numbered. If this meeting did not take place, mark it cancelled or "
            "postponed."
        )
    earlier = open_earlier_meeting(meeting)
    if earlier is not None:
        return (
            f"Start the minutes of {wording.long_date(earlier.date)} first: minute numbers run "
            f"on through {municipal_year_label(meeting)} in meeting order. If that meeting did "
            "not take place, mark it cancelled or postponed."
        )
    return ""


def _next_year(start):
    return start.replace(year=start.year + 1)
