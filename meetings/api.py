"""The public JSON API's records, in the shape of the Open Civic Data event schema.

Built only from ``public_selectors``: what the public pages show and nothing more. An exempt
item keeps its number and title, flagged ``exempt``; its papers and minute are left out.
See docs/api.md.
"""

import datetime

from django.urls import reverse

from meetings.calendar import DEFAULT_LENGTH, LOCAL
from meetings.public_selectors import (
    minutes_published,
    public_agenda,
    public_members,
    public_minutes,
)


def _moment(day: datetime.date, time: datetime.time) -> str:
    return datetime.datetime.combine(day, time, tzinfo=LOCAL).isoformat()


def event_status(meeting, today: datetime.date | None = None) -> str:
    """OCD's event status: cancelled, confirmed (to come) or passed."""
    if meeting.is_called_off:
        return "cancelled"
    return "passed" if meeting.date < (today or datetime.date.today()) else "confirmed"


def _link(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _pdf(request, note, name, *args) -> dict:
    link = {"url": _link(request, name, *args), "media_type": "application/pdf"}
    return {"note": note, "links": [link]}


def _in_pack(note: str) -> dict:
    return {"note": f"{note} (in the agenda pack)", "links": []}


def _minute_record(minute_text) -> dict:
    return {
        "number": minute_text.number,
        "title": minute_text.title,
        "citation": minute_text.citation,
        "text_html": minute_text.html,
        "resolutions": minute_text.resolution,
    }


def _agenda_item(request, item, minutes_by_item) -> dict:
    hidden = item.papers_hidden
    media = []
    if not hidden:
        media = [_pdf(request, d.title, "public:document", d.pk) for d in item.documents.all()]
        media += [_in_pack(f"Report: {r.subject}") for r in item.reports.all()]
        media += [_in_pack(p.title) for p in item.frozen_papers.all()]
    minute = minutes_by_item.get(item.pk)
    return {
        "order": str(item.order),
        "description": item.title,
        "classification": [item.get_kind_display()],
        "subjects": [],
        "notes": [] if hidden else [item.description] if item.description else [],
        "related_entities": [],
        "media": media,
        "extras": {
            "exempt": item.is_confidential,
            "minute": None if minute is None or minute.exempt else _minute_record(minute),
        },
    }


def event(request, meeting) -> dict:
    """One meeting as an OCD event."""
    minutes = public_minutes(meeting)
    minute_texts = minutes["minutes"] if minutes else []
    by_item = {m.minute.agenda_item_id: m for m in minute_texts if m.minute.agenda_item_id}
    end = datetime.datetime.combine(meeting.date, meeting.start_time) + DEFAULT_LENGTH
    documents = [_pdf(request, "Agenda pack (public)", "public:pack", meeting.pk)]
    if minutes_published(meeting):
        documents.append(_pdf(request, "Minutes", "public:minutes_pdf", meeting.pk))
    page = _link(request, "public:meeting", meeting.pk)
    return {
        "_type": "event",
        "id": f"sscp-meeting-{meeting.pk}",
        "name": meeting.body.name,
        "description": meeting.state_reason if meeting.is_called_off else "",
        "classification": "committee-meeting",
        "start_date": _moment(meeting.date, meeting.start_time),
        "end_date": _moment(end.date(), end.time()),
        "all_day": False,
        "status": event_status(meeting),
        "location": {
            "name": meeting.venue.name,
            "note": meeting.venue.address,
            "coordinates": None,
        },
        "participants": [
            {"entity_type": "organization", "name": meeting.body.name, "note": "host"}
        ],
        "links": [{"note": "Public page", "url": page}],
        "sources": [{"note": "Public page", "url": page}],
        "media": [],
        "documents": documents,
        "agenda": [_agenda_item(request, i, by_item) for i in public_agenda(meeting)],
        "extras": {
            "body": meeting.body.slug,
            "open_to_public": not meeting.is_private,
            "minutes_status": meeting.get_status_display() if minutes_published(meeting) else None,
            "sequence": meeting.sequence,
        },
    }


def body_record(request, body) -> dict:
    """A body as an OCD organization with its current members."""
    return {
        "_type": "organization",
        "id": f"sscp-body-{body.slug}",
        "name": body.name,
        "classification": "committee",
        "links": [{"note": "Public page", "url": _link(request, "public:body", body.slug)}],
        "events_url": request.build_absolute_uri(reverse("api:events") + f"?body={body.slug}"),
        "memberships": [
            {
                "person_name": str(m.person),
                "role": m.get_role_display(),
                "organization": str(m.organisation) if m.organisation else "",
                "start_date": m.start_date.isoformat(),
            }
            for m in public_members(body)
        ],
    }
