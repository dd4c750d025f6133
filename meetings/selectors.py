"""Reads: which meetings a user may see."""

from meetings.models import Meeting, MeetingStatus


def meetings_visible_to(user):
    meetings = Meeting.objects.select_related("body", "venue")
    if user.has_perm("meetings.change_meeting"):
        return meetings
    # Board members and partners see a meeting once its agenda is published.
    return meetings.exclude(status=MeetingStatus.DRAFT)
