"""The meetings' panels on the home page (sscp.home): the next meeting and my actions for
everyone who reads meetings; what is due for the committee officer."""

from django.urls import reverse

from meetings.models import MeetingStatus
from meetings.selectors import (
    agendas_to_publish,
    failed_digests,
    is_linked_to_person,
    minutes_due,
    my_actions,
    next_meeting_for,
)
from meetings.view_helpers import EDIT, VIEW


def panels(user, *, today) -> list[dict]:
    if not user.has_perm(VIEW):
        return []
    meeting = next_meeting_for(user, today)
    found = [
        {
            "template": "meetings/_home_next_meeting.html",
            "meeting": meeting,
            "pack_url": reverse("meetings:pack", args=[meeting.pk])
            if meeting is not None and meeting.status != MeetingStatus.DRAFT
            else None,
        },
        {
            "template": "meetings/_home_my_actions.html",
            "actions": my_actions(user, today),
            "linked": is_linked_to_person(user),
        },
    ]
    if user.has_perm(EDIT):
        found.append(
            {
                "template": "meetings/_home_officer.html",
                "agendas": agendas_to_publish(today),
                "failed_digests": failed_digests(today),
                **minutes_due(today),
            }
        )
    return found
