"""Calendars: the public one without signing in; a member's secret address (made, replaced and
revoked from their page; 404 when forged, revoked or expired; never in a log); moved or called-off
meetings keep their UID with a higher SEQUENCE and STATUS:CANCELLED."""

import datetime
import logging
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from meetings import services
from meetings.models import CalendarToken
from sscp.logs import GunicornLogger, RedactSecretsFilter, redact
from tests.meetings.public_records import published_meeting


def _address(response) -> str:
    return re.search(r'value="(http[^"]+/calendar/[^"]+\.ics)"', response.content.decode())[1]


@pytest.fixture
def address(client, board_member):
    client.force_login(board_member)
    response = client.post(reverse("meetings:calendar_subscription"), {"action": "make"})
    assert response.status_code == 200
    client.logout()
    return _address(response)


@pytest.mark.django_db
def test_a_member_subscribes_with_a_secret_address_without_signing_in(
    client, address, meeting, officer
):
    services.agenda_publish(meeting=meeting, user=officer)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f"UID:meeting-{meeting.pk}@" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_only_the_tokens_hash_is_stored(address):
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    stored = CalendarToken.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64


@pytest.mark.django_db
def test_a_forged_token_is_a_404_not_the_login_page(client, address):
    assert client.get(reverse("personal_calendar", args=["forged-token"])).status_code == 404
    assert client.get(address[:-8] + "AAAA.ics").status_code == 404


@pytest.mark.django_db
def test_a_revoked_address_stops_at_once(client, address, board_member):
    assert client.get(address).status_code == 200
    client.force_login(board_member)
    client.post(reverse("meetings:calendar_subscription"), {"action": "revoke"})
    client.logout()
    assert client.get(address).status_code == 404


@pytest.mark.django_db
def test_a_new_address_replaces_the_old_one(client, address, board_member):
    client.force_login(board_member)
    new = _address(client.post(reverse("meetings:calendar_subscription"), {"action": "make"}))
    client.logout()
    assert new != address
    assert client.get(address).status_code == 404
    assert client.get(new).status_code == 200


@pytest.mark.django_db
@override_settings(SSCP_CALENDAR_TOKEN_DAYS=30)
def test_an_expired_address_is_a_404(client, address):
    old = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=31)
    CalendarToken.objects.update(created_at=old)
    assert client.get(address).status_code == 404


@pytest.mark.django_db
def test_the_address_of_a_deactivated_member_is_a_404(client, address, board_member):
    board_member.is_active = False
    board_member.save()
    assert client.get(address).status_code == 404


@pytest.mark.django_db
def test_the_page_never_shows_an_address_again(client, address, board_member):
    client.force_login(board_member)
    text = client.get(reverse("meetings:calendar_subscription")).content.decode()
    assert "/calendar/" not in text and "It is not shown again" in text


def test_the_token_never_reaches_a_log_line():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Not Found: %s", ("/calendar/s3cr3t-token.ics",), None)  # fmt: skip
    RedactSecretsFilter().filter(record)
    assert "s3cr3t" not in record.getMessage()
    assert (
        redact('"GET /calendar/abc_DEF-1.ics HTTP/1.1"')
        == '"GET /calendar/[redacted].ics HTTP/1.1"'
    )


def test_gunicorns_access_log_redacts_the_token():
    class Config:
        errorlog = "-"
        loglevel = "info"
        accesslog = None
        syslog = False
        capture_output = False
        logconfig = None
        logconfig_dict = {}
        logconfig_json = None
        access_log_format = "%(r)s %(U)s"
        user = None
        group = None
        umask = 0
        dogstatsd_tags = ""
        statsd_prefix = ""

    class Response:
        status = "200 OK"
        headers = []
        sent = 10

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/calendar/s3cr3t.ics",
               "SERVER_PROTOCOL": "HTTP/1.1", "PATH_INFO": "/calendar/s3cr3t.ics"}  # fmt: skip
    atoms = GunicornLogger.atoms(
        GunicornLogger.__new__(GunicornLogger), Response(), [], environ,
        datetime.timedelta(seconds=0),
    )  # fmt: skip
    assert "s3cr3t" not in str(atoms)


@pytest.mark.django_db
def test_the_public_calendar_needs_no_sign_in_and_holds_no_draft(client, meeting, officer):
    cache.clear()
    meeting, _, _, draft = published_meeting(meeting, officer)
    text = client.get(reverse("public:body_calendar", args=[meeting.body.slug])).content.decode()
    assert f"UID:meeting-{meeting.pk}@" in text
    assert f"UID:meeting-{draft.pk}@" not in text
    assert reverse("public:meeting", args=[meeting.pk]) in text


@pytest.mark.django_db
def test_a_moved_then_cancelled_meeting_keeps_its_uid_with_a_higher_sequence(client, officer):
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(status="agenda_published", date=datetime.date(2030, 3, 1))
    url = reverse("public:body_calendar", args=[meeting.body.slug])
    uid = f"UID:meeting-{meeting.pk}@"

    def event():
        text = client.get(url).content.decode()
        assert text.count(uid) == 1
        return text

    assert "SEQUENCE:0" in event() and "STATUS:CONFIRMED" in event()
    services.meeting_reschedule(meeting=meeting, user=officer, date=datetime.date(2030, 3, 8),
                                start_time=meeting.start_time, venue=meeting.venue,
                                is_private=meeting.is_private)  # fmt: skip
    assert "SEQUENCE:1" in event() and "DTSTART:20300308" in event()
    meeting.refresh_from_db()
    services.meeting_call_off(
        meeting=meeting, user=officer, state="cancelled", reason="Not quorate"
    )
    text = event()
    assert "SEQUENCE:2" in text and "STATUS:CANCELLED" in text
