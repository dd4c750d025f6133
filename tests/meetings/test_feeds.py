"""Per-body RSS and Atom feeds of agendas and minutes as they are published, and a walk over
every public output (feeds, API, calendars) that no draft or confidential record reaches."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from meetings import services
from tests.meetings.public_records import SECRETS, published_meeting


@pytest.fixture
def published(meeting, officer):
    cache.clear()
    return published_meeting(meeting, officer)


def _get(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, name
    return response.content.decode()


@pytest.mark.django_db
def test_the_atom_feed_lists_the_agenda_and_the_minutes_as_published(client, published):
    meeting, *_ = published
    text = _get(client, "public:feed_atom", meeting.body.slug)
    assert text.startswith("<?xml") and "http://www.w3.org/2005/Atom" in text
    assert "Agenda: " in text and "Minutes: " in text
    assert reverse("public:minutes", args=[meeting.pk]) in text


@pytest.mark.django_db
def test_the_rss_feed_says_the_same(client, published):
    meeting, *_ = published
    text = _get(client, "public:feed_rss", meeting.body.slug)
    assert "<rss" in text and "Agenda: " in text and "Minutes: " in text


@pytest.mark.django_db
def test_an_agenda_taken_back_leaves_the_feed(client, published, officer):
    meeting, _, _, draft = published
    services.agenda_publish(meeting=draft, user=officer)
    assert reverse("public:meeting", args=[draft.pk]) in _get(
        client, "public:feed_atom", meeting.body.slug
    )
    services.agenda_unpublish(meeting=draft, user=officer, reason="A wrong paper")
    assert reverse("public:meeting", args=[draft.pk]) not in _get(
        client, "public:feed_atom", meeting.body.slug
    )


@pytest.mark.django_db
def test_no_public_output_includes_a_draft_or_confidential_record(client, published):
    """Every published object type (body, meeting, agenda item, paper, minute, resolution)
    through every public output: the secret words of the confidential item, its paper, minute
    and resolution, and of the draft agenda, appear in none."""
    meeting, open_item, _, draft = published
    slug = meeting.body.slug
    outputs = {
        "atom": _get(client, "public:feed_atom", slug),
        "rss": _get(client, "public:feed_rss", slug),
        "ical": _get(client, "public:body_calendar", slug),
        "api bodies": _get(client, "api:bodies"),
        "api body": _get(client, "api:body", slug),
        "api events": _get(client, "api:events"),
        "api event": _get(client, "api:event", meeting.pk),
        "page body": _get(client, "public:body", slug),
        "page meeting": _get(client, "public:meeting", meeting.pk),
        "page minutes": _get(client, "public:minutes", meeting.pk),
    }
    for output, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, (output, secret)
        assert f"sscp-meeting-{draft.pk}" not in text, output
    # ...while what is public is there.
    assert "the open update be noted" in outputs["api event"]
    assert "Open paper" in outputs["api event"]
    assert "Exempt case review" in outputs["api event"]


@pytest.mark.django_db
def test_a_body_that_does_not_publish_has_no_feed(client, published):
    meeting, *_ = published
    meeting.body.publishes_papers = False
    meeting.body.save()
    assert client.get(reverse("public:feed_atom", args=[meeting.body.slug])).status_code == 404
    assert client.get(reverse("public:feed_rss", args=[meeting.body.slug])).status_code == 404


@pytest.mark.django_db
def test_a_paper_added_after_publication_is_a_supplementary_entry(client, published, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import tiny_pdf

    _, _, _, draft = published
    services.agenda_publish(meeting=draft, user=officer)
    item = draft.items.get(title="SECRET-DRAFT-AGENDA")
    item.title = "Late report"
    item.save()
    services.document_upload(
        item=item, user=officer, title="Late paper",
        file=SimpleUploadedFile("late.pdf", tiny_pdf("late")),
    )  # fmt: skip
    secret = services.item_add(meeting=draft, user=officer, title="Exempt", kind="report",
                               is_confidential=True)  # fmt: skip
    services.document_upload(
        item=secret, user=officer, title="SECRET-LATE-PAPER",
        file=SimpleUploadedFile("s.pdf", tiny_pdf("s")),
    )  # fmt: skip
    text = _get(client, "public:feed_atom", draft.body.slug)
    assert "Supplementary paper (Late paper)" in text
    assert "SECRET-LATE-PAPER" not in text  # a confidential item's late paper stays out
