"""Publishing minutes with an empty minute warns on the confirmation page, naming it; the
officer may still publish after confirming."""

import pytest
from django.urls import reverse

from meetings import services, wording
from meetings.models import Meeting, MeetingStatus, Minute
from meetings.selectors import empty_minutes

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(meeting, officer):
    """Minutes started: the standard ones written, two reports' minutes still empty."""
    services.item_add(meeting=meeting, user=officer, title="Community Grants")
    services.item_add(meeting=meeting, user=officer, title="Arson")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    return meeting


def test_it_names_the_empty_minutes():
    assert wording.empty_minutes_caution([(4, "ARSON")]) == (
        "Minute 4 (ARSON) has no text and no resolution. Publish only if that is what the "
        "meeting recorded; otherwise cancel and write it."
    )
    assert wording.empty_minutes_caution([(4, "A"), (5, "B")]).startswith(
        "Minute 4 (A) and Minute 5 (B) have no text"
    )
    assert wording.empty_minutes_caution([]) == ""


def test_a_minute_with_only_empty_paragraphs_is_empty_and_one_with_a_resolution_is_not(
    started, officer
):
    grants, arson = (
        Minute.objects.get(meeting=started, title=t) for t in ("COMMUNITY GRANTS", "ARSON")
    )
    Minute.objects.filter(pk=grants.pk).update(text="<p>&nbsp;</p><p></p>")
    services.minute_save(
        minute=arson, user=officer, expected_version=arson.version, number=arson.number,
        title=arson.title, text="", parts=["the report be noted"],
    )  # fmt: skip
    # Apologies and declarations wrote themselves; previous minutes and next meeting are empty
    # here (no meeting before or after), as are the grants.
    assert (grants.number, "COMMUNITY GRANTS") in empty_minutes(started)
    assert (arson.number, "ARSON") not in empty_minutes(started)


def test_the_confirmation_page_warns_then_publishing_is_allowed(client, officer, started):
    client.force_login(officer)
    url = reverse("meetings:minutes_publish", args=[started.pk])
    page = client.get(url).content.decode()
    grants = Minute.objects.get(meeting=started, title="COMMUNITY GRANTS")
    arson = Minute.objects.get(meeting=started, title="ARSON")
    assert 'data-testid="caution"' in page
    assert f"Minute {grants.number} (COMMUNITY GRANTS)" in page
    assert f"Minute {arson.number} (ARSON)" in page
    assert "no text and no resolution" in page
    assert client.post(url).status_code == 302
    assert Meeting.objects.get(pk=started.pk).status == MeetingStatus.MINUTES_DRAFTED


def test_no_warning_when_every_minute_has_something(client, officer, started):
    for minute in Minute.objects.filter(meeting=started):
        Minute.objects.filter(pk=minute.pk).update(text="<p>Noted.</p>")
    client.force_login(officer)
    page = client.get(reverse("meetings:minutes_publish", args=[started.pk])).content.decode()
    assert 'data-testid="caution"' not in page
