"""A published meeting holding every kind of record the public may or may not see, with
distinctive secret words in everything confidential or unpublished, for the public tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from meetings import services
from meetings.models import Minute
from tests.factories import MembershipFactory, PersonFactory, tiny_pdf

SECRETS = (
    "SECRET-ITEM-DESCRIPTION",
    "SECRET-PAPER-TITLE",
    "SECRET-MINUTE-TEXT",
    "SECRET-RESOLUTION",
    "SECRET-DRAFT-AGENDA",
)


def _pdf(name):
    return SimpleUploadedFile(f"{name}.pdf", tiny_pdf(name), content_type="application/pdf")


def published_meeting(meeting, officer):
    """``meeting`` with an open and a confidential item, each with a paper, its agenda and
    minutes published (the confidential item's minute exempt), and a later draft meeting."""
    person = PersonFactory(first_name="Rowan", last_name="Pemberton")
    MembershipFactory(body=meeting.body, person=person, start_date=datetime.date(2018, 1, 1))
    open_item = services.item_add(
        meeting=meeting, user=officer, title="Community safety update", kind="report",
        description="The open update.",
    )  # fmt: skip
    secret_item = services.item_add(
        meeting=meeting, user=officer, title="Exempt case review", kind="report",
        description=SECRETS[0], is_confidential=True,
    )  # fmt: skip
    services.document_upload(item=open_item, user=officer, title="Open paper", file=_pdf("open"))
    services.document_upload(item=secret_item, user=officer, title=SECRETS[1], file=_pdf("secret"))
    services.agenda_publish(meeting=meeting, user=officer)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    for item, text, part in (
        (open_item, "<p>The open minute.</p>", "the open update be noted"),
        (secret_item, f"<p>{SECRETS[2]}</p>", SECRETS[3]),
    ):
        minute = Minute.objects.get(agenda_item=item)
        services.minute_save(
            minute=minute, user=officer, expected_version=None, number=minute.number,
            title=minute.title, text=text, parts=[part],
        )  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    draft = services.meeting_create(
        body=meeting.body, date=datetime.date(2018, 12, 13), start_time=datetime.time(10),
        venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.item_add(meeting=draft, user=officer, title=SECRETS[4], kind="report")
    meeting.refresh_from_db()
    return meeting, open_item, secret_item, draft
