"""Reads: what a user may see, and the lists the pages show."""

from meetings.models import AgendaItem, Meeting, MeetingStatus

OPEN_FOR_PAPERS = (MeetingStatus.DRAFT, MeetingStatus.AGENDA_PUBLISHED)


def meetings_visible_to(user):
    meetings = Meeting.objects.select_related("body", "venue")
    if user.has_perm("meetings.change_meeting"):
        return meetings
    # Board members and partners see a meeting once its agenda is published.
    return meetings.exclude(status=MeetingStatus.DRAFT)


def agenda_items_open_for_papers(user):
    """Items of meetings not yet held to which ``user`` may attach a frozen paper.

    Empty for users without ``meetings.attach_frozenpaper``; confidential items only for users
    entitled to see them. Ordered by meeting date, then item order.
    """
    if not user.has_perm("meetings.attach_frozenpaper"):
        return AgendaItem.objects.none()
    items = AgendaItem.objects.filter(meeting__status__in=OPEN_FOR_PAPERS).select_related(
        "meeting", "meeting__body"
    )
    if not user.has_perm("meetings.view_confidential_agendaitem"):
        items = items.filter(is_confidential=False)
    return items.order_by("meeting__date", "meeting__start_time", "order", "pk")
