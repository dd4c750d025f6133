"""Public pages: anyone reads a published agenda, its public papers, pack and published minutes;
never a draft, unpublished minutes or a confidential item's papers or minute."""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django.urls import reverse

from meetings import services
from meetings.history import change_record
from meetings.models import Body
from tests.meetings.public_records import SECRETS, published_meeting


@pytest.fixture
def published(meeting, officer):
    cache.clear()
    return published_meeting(meeting, officer)


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def assert_no_secrets(text):
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.django_db
def test_an_anonymous_visitor_reads_the_body_its_members_and_meetings(client, published):
    meeting, *_, draft = published
    response = client.get(reverse("public:body", args=[meeting.body.slug]))
    assert response.status_code == 200
    text = _text(response)
    assert "Rowan Pemberton" in text
    assert reverse("public:meeting", args=[meeting.pk]) in text
    assert reverse("public:meeting", args=[draft.pk]) not in text
    assert 'rel="alternate" type="application/atom+xml"' in text


@pytest.mark.django_db
def test_the_meeting_page_shows_exempt_items_by_number_and_title_only(client, published):
    meeting, open_item, secret_item, _ = published
    text = _text(client.get(reverse("public:meeting", args=[meeting.pk])))
    assert "Community safety update" in text and "Open paper" in text
    assert f"{secret_item.order}. Exempt case review" in text
    assert "Exempt: the papers for this item are confidential" in text
    assert_no_secrets(text)


@pytest.mark.django_db
def test_published_minutes_are_public_with_exempt_minutes_blank(client, published):
    meeting, *_ = published
    text = _text(client.get(reverse("public:minutes", args=[meeting.pk])))
    assert "The open minute." in text and "the open update be noted" in text
    assert "This minute is exempt" in text
    assert_no_secrets(text)


@pytest.mark.django_db
def test_drafts_unpublished_minutes_and_confidential_papers_are_404(client, published, officer):
    meeting, open_item, secret_item, draft = published
    assert client.get(reverse("public:meeting", args=[draft.pk])).status_code == 404
    assert client.get(reverse("public:minutes", args=[draft.pk])).status_code == 404
    assert client.get(reverse("public:pack", args=[draft.pk])).status_code == 404
    secret_paper = secret_item.documents.get()
    assert client.get(reverse("public:document", args=[secret_paper.pk])).status_code == 404
    open_paper = open_item.documents.get()
    assert client.get(reverse("public:document", args=[open_paper.pk])).status_code == 200
    # An agenda published then taken back is no longer public.
    services.agenda_publish(meeting=draft, user=officer)
    assert client.get(reverse("public:meeting", args=[draft.pk])).status_code == 200
    services.agenda_unpublish(meeting=draft, user=officer, reason="A wrong paper")
    assert client.get(reverse("public:meeting", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_the_public_pack_leaves_confidential_papers_out(client, published):
    meeting, *_ = published
    response = client.get(reverse("public:pack", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "public" in response["Content-Disposition"]


@pytest.mark.django_db
def test_a_body_that_does_not_publish_has_no_public_pages(client, published):
    meeting, open_item, *_ = published
    Body.objects.filter(pk=meeting.body_id).update(publishes_papers=False)
    for name, arg in (
        ("public:body", meeting.body.slug),
        ("public:meeting", meeting.pk),
        ("public:minutes", meeting.pk),
        ("public:pack", meeting.pk),
        ("public:body_calendar", meeting.body.slug),
        ("public:document", open_item.documents.get().pk),
    ):
        assert client.get(reverse(name, args=[arg])).status_code == 404, name
    assert meeting.body.name not in _text(client.get(reverse("public:index")))


@pytest.mark.django_db
def test_a_cached_page_changes_as_soon_as_what_is_published_changes(client, published, officer):
    meeting, *_ = published
    url = reverse("public:meeting", args=[meeting.pk])
    assert "Mark Twelve" not in _text(client.get(url))
    item = meeting.items.get(title="Community safety update")
    # Any change recorded in the meeting's history gives the page a new key.
    Body.objects.filter(pk=meeting.body_id).update(name="Mark Twelve Partnership")
    change_record(meeting=meeting, instance=item, user=officer, summary="Renamed")
    assert "Mark Twelve" in _text(client.get(url))


@pytest.mark.django_db
def test_minutes_published_show_on_the_cached_meeting_page_at_once(client, meeting, officer):
    cache.clear()
    services.agenda_publish(meeting=meeting, user=officer)
    url = reverse("public:meeting", args=[meeting.pk])
    assert reverse("public:minutes", args=[meeting.pk]) not in _text(client.get(url))
    services.minutes_generate_standard(meeting=meeting, user=officer)
    services.minutes_publish(meeting=meeting, user=officer)
    assert reverse("public:minutes", args=[meeting.pk]) in _text(client.get(url))


@pytest.mark.django_db
def test_pages_for_anonymous_visitors_come_from_the_cache(
    client, published, django_assert_max_num_queries
):
    meeting, *_ = published
    url = reverse("public:meeting", args=[meeting.pk])
    client.get(url)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_robots_txt_allows_the_public_pages_only(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Allow: /public/" in text and "Disallow: /" in text


@pytest.mark.django_db
@override_settings(SSCP_PUBLIC_RATE_LIMIT=3)
def test_anonymous_visitors_are_rate_limited_per_address(client, published, board_member):
    caches["ratelimit"].clear()
    url = reverse("public:index")
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    other = client.get(url, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200
    client.force_login(board_member)  # a signed-in reader is not counted
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_signed_in_readers_page_is_never_cached_for_others(client, published, board_member):
    meeting, *_ = published
    url = reverse("public:meeting", args=[meeting.pk])
    client.force_login(board_member)
    signed_in = client.get(url)
    assert "Signed in as" in _text(signed_in)
    assert "no-store" in signed_in["Cache-Control"]
    client.logout()
    anonymous = client.get(url)
    assert "Signed in as" not in _text(anonymous)
    assert "public" in anonymous["Cache-Control"]
