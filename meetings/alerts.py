"""Email alerts: who is told about what, and the message they get.

Rules kept here (sending is a task, meetings/tasks.py):

- agenda and minutes alerts go to the body's current members who hold an account with an email
  address and may read meetings; an action alert to the person it is given to; the weekly digest
  to everyone owning open actions; the deadline reminder to committee officers;
- each person's choices (``AlertPreference``; no row: everything on) are read when the message is
  sent, so an unsubscribe stops the messages already queued;
- a paper added to (or replaced on) an item of a published agenda tells the same members
  ("supplementary papers published"), except for a confidential item, which is never told of;
- no message carries confidential content: confidential items are left out of an agenda alert
  and the actions of exempt minutes are named by their minute number only; the agenda pack is a
  link (the reader signs in), never an attachment;
- every message has a plain-text and an HTML part and a one-click unsubscribe for its own kind
  of alert (RFC 8058: ``List-Unsubscribe`` with a signed link and ``List-Unsubscribe-Post``).
"""

from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from meetings import wording
from meetings.deadlines import agenda_deadline
from meetings.models import Action, AgendaItem, Alert, AlertPreference, Meeting
from meetings.selectors import exempt_minute, open_actions_of
from sscp import workdays

UNSUBSCRIBE_SALT = "meetings.alerts.unsubscribe"
#: Working days that must lie wholly between an agenda's publication and its meeting.
#: The officer is reminded this many working days before the publication deadline.
REMIND_WORKING_DAYS_BEFORE = 2


# --- Choices and unsubscribe links ----------------------------------------------------------


def wants(user, alert: str) -> bool:
    preference = AlertPreference.objects.filter(user=user).first()
    return preference is None or preference.wants(alert)


def unsubscribe_token(user, alert: str) -> str:
    return signing.dumps([user.pk, str(alert)], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str):
    """(user, alert) the token was signed for, or None when it is forged or names nobody."""
    try:
        user_pk, alert = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if alert not in Alert.values:
        return None
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    return None if user is None else (user, alert)


def absolute(path: str) -> str:
    return f"{settings.SSCP_SITE_URL}{path}"


# --- Deadlines ------------------------------------------------------------------------------


def reminder_day(meeting_date: datetime.date) -> datetime.date:
    """The officer is reminded two working days before the agenda's publication deadline."""
    return workdays.add_working_days(agenda_deadline(meeting_date), -REMIND_WORKING_DAYS_BEFORE)


# --- Messages -------------------------------------------------------------------------------


def _meeting_line(meeting) -> str:
    return (
        f"{meeting.body} meets on {wording.long_date(meeting.date)} at "
        f"{meeting.start_time:%H:%M}, {meeting.venue}."
    )


def _agenda(meeting) -> dict:
    items = [
        f"{item.order}. {item.title}"
        for item in meeting.items.order_by("order")
        if not item.is_confidential
    ]
    return {
        "subject": f"Agenda published: {meeting.body}, {wording.long_date(meeting.date)}",
        "lines": [_meeting_line(meeting), "The agenda and its papers are published."],
        "items": items,
        "links": [
            ("Read the agenda", absolute(reverse("meetings:detail", args=[meeting.pk]))),
            (
                "Download the agenda pack (PDF)",
                absolute(reverse("meetings:pack", args=[meeting.pk])),
            ),
        ],
    }


def _supplementary(item) -> dict | None:
    """A paper added to (or replaced on) an item of a published agenda. A confidential item's
    paper is never told of, as the agenda alert leaves confidential items out."""
    if item is None or item.is_confidential:
        return None
    meeting = item.meeting
    return {
        "subject": f"Supplementary papers published: {meeting.body}, "
        f"{wording.long_date(meeting.date)}",
        "lines": [
            _meeting_line(meeting),
            "A paper has been added to its published agenda, under the item:",
        ],
        "items": [f"{item.order}. {item.title}"],
        "links": [
            ("Read the agenda", absolute(reverse("meetings:detail", args=[meeting.pk]))),
            (
                "Download the agenda pack (PDF)",
                absolute(reverse("meetings:pack", args=[meeting.pk])),
            ),
        ],
    }


def _minutes(meeting) -> dict:
    return {
        "subject": f"Minutes published: {meeting.body}, {wording.long_date(meeting.date)}",
        "lines": [
            f"The draft minutes of the {meeting.body} meeting of "
            f"{wording.long_date(meeting.date)} are published.",
        ],
        "items": [],
        "links": [("Read the minutes", absolute(reverse("meetings:detail", args=[meeting.pk])))],
    }


def action_text(action) -> str:
    """An action as an email may show it: exempt minutes' actions by minute number only."""
    minute = action.resolution_part.minute
    due = f", due {wording.long_date(action.due_date)}" if action.due_date else ""
    if exempt_minute(minute):
        return f"An action under minute {minute.number} (confidential){due}"
    return f"{action.description} (minute {minute.number}){due}"


def _action(action) -> dict:
    meeting = action.resolution_part.minute.meeting
    return {
        "subject": f"Action for you: {meeting.body}, {wording.long_date(meeting.date)}",
        "lines": [
            f"The minutes of the {meeting.body} meeting of {wording.long_date(meeting.date)} "
            "give you an action:",
        ],
        "items": [action_text(action)],
        "links": [("Your actions", absolute(reverse("meetings:actions")))],
    }


def _digest(actions: list[Action], today: datetime.date) -> dict:
    overdue = [a for a in actions if a.due_date and a.due_date < today]
    return {
        "subject": f"Your actions: {len(actions)} open, {len(overdue)} overdue",
        "lines": [
            f"You have {len(actions)} open action{'s' if len(actions) != 1 else ''}"
            f", {len(overdue)} of them overdue, as at {wording.long_date(today)}.",
        ],
        "items": [("Overdue: " if a in overdue else "") + action_text(a) for a in actions],
        "links": [("Your actions", absolute(reverse("meetings:actions")))],
    }


def _reminder(meeting) -> dict:
    deadline = agenda_deadline(meeting.date)
    return {
        "subject": f"Agenda due by {wording.long_date(deadline)}: {meeting.body}",
        "lines": [
            _meeting_line(meeting),
            f"Its agenda must be published by {wording.long_date(deadline)}, five clear "
            "working days before the meeting, and is still a draft.",
        ],
        "items": [],
        "links": [("Open the agenda", absolute(reverse("meetings:agenda", args=[meeting.pk])))],
    }


@functools.cache
def _builders():
    return {
        Alert.AGENDA_PUBLISHED: lambda pk: _agenda(Meeting.objects.get(pk=pk)),
        Alert.SUPPLEMENTARY_PUBLISHED: lambda pk: _supplementary(
            AgendaItem.objects.select_related("meeting__body", "meeting__venue")
            .filter(pk=pk)
            .first()
        ),
        Alert.MINUTES_PUBLISHED: lambda pk: _minutes(Meeting.objects.get(pk=pk)),
        Alert.ACTION_ASSIGNED: lambda pk: _action(Action.objects.get(pk=pk)),
        Alert.DEADLINE_REMINDER: lambda pk: _reminder(Meeting.objects.get(pk=pk)),
    }


def content(alert: str, object_pk: int | None, user, today: datetime.date) -> dict | None:
    """What the message says; None when there is nothing to say (no open actions)."""
    if alert == Alert.WEEKLY_DIGEST:
        actions = open_actions_of(user)
        return _digest(actions, today) if actions else None
    return _builders()[Alert(alert)](object_pk)


def message(alert: str, user, parts: dict) -> EmailMultiAlternatives:
    """The email: plain text and HTML from the same parts, with the one-click unsubscribe."""
    unsubscribe = absolute(reverse("meetings:unsubscribe", args=[unsubscribe_token(user, alert)]))
    context = {
        **parts,
        "name": user.get_full_name() or user.get_username(),
        "alert_label": Alert(alert).label,
        "unsubscribe": unsubscribe,
        "preferences": absolute(reverse("meetings:alert_preferences")),
    }
    email = EmailMultiAlternatives(
        subject=parts["subject"],
        body=render_to_string("emails/alert.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(render_to_string("emails/alert.html", context), "text/html")
    return email
