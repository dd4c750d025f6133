"""Reads for the public: what a body publishes, as anyone may read it without signing in.

One rule for the public pages, the feeds, the JSON API and the public calendar: a meeting is
public once its agenda is published, if its body publishes its papers; its minutes once they
are published; a confidential item keeps its number and title and is marked exempt, its papers
and minute text withheld. Everything is read as ``PUBLIC_READER``, a reader with no rights,
through the same selectors the members' pages use, so the exempt rule is the one rule.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.shortcuts import get_object_or_404

from meetings.documents import minutes_document
from meetings.models import (
    Body,
    Change,
    Meeting,
    MeetingStatus,
    Membership,
    Minute,
    UploadedDocument,
)
from meetings.selectors import PUBLISHED_MINUTES, exempt_minute, meeting_agenda

#: Reads as someone with no rights: confidential papers and exempt minutes stay withheld.
PUBLIC_READER = AnonymousUser()


def public_bodies():
    return Body.objects.filter(publishes_papers=True).order_by("name")


def public_body(slug: str) -> Body:
    return get_object_or_404(public_bodies(), slug=slug)


def public_meetings(body=None):
    """Meetings whose agenda is published, of bodies that publish; called-off ones included
    (the calendar says they are cancelled)."""
    meetings = (
        Meeting.objects.select_related("body", "venue")
        .filter(body__publishes_papers=True)
        .exclude(status=MeetingStatus.DRAFT)
    )
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings.order_by("date", "start_time")


def public_meeting(pk: int) -> Meeting:
    """With ``last_change`` (its history's latest time) for ``published_state``: one query."""
    return get_object_or_404(public_meetings().annotate(last_change=Max("changes__at")), pk=pk)


def minutes_published(meeting) -> bool:
    return meeting.status in PUBLISHED_MINUTES


def public_agenda(meeting) -> list:
    """The agenda's items; ``papers_hidden`` on confidential ones (see ``meeting_agenda``)."""
    return meeting_agenda(meeting, PUBLIC_READER)


def public_minutes(meeting) -> dict | None:
    """The minutes as the public may read them (exempt minutes number and title only), or None
    while they are unpublished."""
    if not minutes_published(meeting):
        return None
    return minutes_document(meeting, entitled=False)


def public_minute_records(meetings):
    """Published minutes of ``meetings``, exempt ones excluded: for the feeds and the API."""
    minutes = (
        Minute.objects.filter(meeting__in=meetings, meeting__status__in=PUBLISHED_MINUTES)
        .select_related("agenda_item", "meeting")
        .prefetch_related("resolution_parts")
    )
    return [m for m in minutes if not exempt_minute(m)]


def public_document(pk: int) -> UploadedDocument:
    """An uploaded paper of a published agenda's open (not confidential) item; else 404."""
    return get_object_or_404(
        UploadedDocument.objects.select_related("agenda_item__meeting"),
        pk=pk,
        agenda_item__is_confidential=False,
        agenda_item__meeting__in=public_meetings().values("pk"),
    )


def public_members(body, day: datetime.date | None = None):
    day = day or datetime.date.today()
    return (
        Membership.objects.current_on(day)
        .filter(body=body)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name")
    )


def published_state(meeting) -> str:
    """Changes whenever what the public sees of ``meeting`` may change: its status, state,
    schedule, the body's setting and the time of its last recorded change. Public pages are
    cached under it, so a cached page is never stale and needs no invalidation."""
    if hasattr(meeting, "last_change"):
        last = meeting.last_change
    else:
        last = Change.objects.filter(meeting=meeting).aggregate(at=Max("at"))["at"]
    stamp = last.timestamp() if last else 0
    return (
        f"{meeting.pk}.{meeting.status}.{meeting.state}.{meeting.sequence}."
        f"{meeting.date}.{meeting.start_time}.{meeting.venue_id}."
        f"{int(meeting.body.publishes_papers)}.{stamp}"
    )


def body_published_state(body) -> str:
    """As ``published_state`` for a body's page: its meetings and members."""
    meetings = public_meetings(body)
    changed = Change.objects.filter(meeting__body=body).aggregate(at=Max("at"))["at"]
    memberships = Membership.objects.filter(body=body).aggregate(
        n=Max("pk"), end=Max("end_date"), start=Max("start_date")
    )
    statuses = ",".join(f"{m.pk}{m.status[0]}{m.state[0]}{m.sequence}" for m in meetings)
    return (
        f"{body.pk}.{int(body.publishes_papers)}.{changed.timestamp() if changed else 0}."
        f"{memberships}.{statuses}.{datetime.date.today()}"
    )


AGENDA_PUBLISHED = "Agenda published"
MINUTES_PUBLISHED = "Draft minutes published"


def public_publications(body, limit: int = 50) -> list[tuple]:
    """``(kind, meeting, when)`` for the body's publications, newest first: each agenda and each
    set of minutes, from the history of when they were published, and each supplementary paper
    (``("supplementary", document, when)``). An agenda taken back to a
    draft, or minutes not (or no longer) published, are left out."""
    changes = (
        Change.objects.filter(
            meeting__in=public_meetings(body).values("pk"),
            object_type="meeting",
            summary__in=(AGENDA_PUBLISHED, MINUTES_PUBLISHED),
        )
        .select_related("meeting__body", "meeting__venue")
        .order_by("-at", "-pk")
    )
    seen, entries = set(), []
    for change in changes:
        kind = "agenda" if change.summary == AGENDA_PUBLISHED else "minutes"
        if (kind, change.meeting_id) in seen:
            continue  # published again after a correction: the latest counts
        if kind == "minutes" and not minutes_published(change.meeting):
            continue
        seen.add((kind, change.meeting_id))
        entries.append((kind, change.meeting, change.at))
    published_at = {m.pk: at for kind, m, at in entries if kind == "agenda"}
    entries += _supplementary_papers(published_at)
    entries.sort(key=lambda entry: entry[2], reverse=True)
    return entries[:limit]


def _supplementary_papers(published_at: dict) -> list:
    """Papers of open items uploaded after their agenda was published: ``("supplementary",
    document, when)``, the document carrying its meeting."""
    documents = UploadedDocument.objects.filter(
        agenda_item__meeting__in=list(published_at), agenda_item__is_confidential=False
    ).select_related("agenda_item__meeting__body", "agenda_item__meeting__venue")
    return [
        ("supplementary", d, d.uploaded_at)
        for d in documents
        if d.uploaded_at > published_at[d.agenda_item.meeting_id]
    ]
