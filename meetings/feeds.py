"""Per body, an RSS and an Atom feed of its agendas, supplementary papers and minutes as they
are published.

Django's syndication framework; entries come from ``public_selectors.public_publications``, so
they hold what the public pages hold and nothing more (never a draft or an exempt minute).
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from meetings import wording
from meetings.public_selectors import public_body, public_publications


def _meeting(entry):
    kind, record, _ = entry
    return record.agenda_item.meeting if kind == "supplementary" else record


class BodyFeed(Feed):
    def get_object(self, request, slug):
        return public_body(slug)

    def title(self, body):
        return f"{body.name}: agendas and minutes"

    def link(self, body):
        return reverse("public:body", args=[body.slug])

    def description(self, body):
        return f"Agendas and minutes of the {body.name} as they are published."

    def items(self, body):
        return public_publications(body)

    def item_title(self, entry):
        kind, record, _ = entry
        meeting = _meeting(entry)
        label = {"agenda": "Agenda", "minutes": "Minutes"}.get(kind)
        if label is None:
            label = f"Supplementary paper ({record.title})"
        return f"{label}: {meeting.body.name}, {wording.long_date(meeting.date)}"

    def item_description(self, entry):
        kind, record, _ = entry
        meeting = _meeting(entry)
        if kind == "supplementary":
            return (
                f"{record.title}, for item {record.agenda_item.order} of the meeting on "
                f"{wording.long_date(meeting.date)}."
            )
        if kind == "agenda":
            return (
                f"The agenda and public papers for the meeting on "
                f"{wording.long_date(meeting.date)}, {wording.clock(meeting.start_time)}, "
                f"{meeting.venue}."
            )
        return f"The minutes of the meeting held on {wording.long_date(meeting.date)}."

    def item_link(self, entry):
        kind, record, _ = entry
        if kind == "supplementary":
            return reverse("public:document", args=[record.pk])
        name = "public:meeting" if kind == "agenda" else "public:minutes"
        return reverse(name, args=[record.pk])

    def item_guid(self, entry):
        kind, record, at = entry
        return f"{kind}-{record.pk}-{at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry[2]


class BodyAtomFeed(BodyFeed):
    feed_type = Atom1Feed

    def subtitle(self, body):
        return self.description(body)


rss = login_not_required(BodyFeed())
atom = login_not_required(BodyAtomFeed())
