"""Email alerts in Chromium: the officer publishes an agenda; the member's alert arrives over SMTP
(a local aiosmtpd server the app's email settings point at) and its unsubscribe link works
signed out, turning off that alert only (axe on the pages)."""

import datetime
import re
import time

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from meetings.models import AlertPreference, MeetingStatus
from sscp import roles
from tests.browser.conftest import assert_accessible
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from tests.smtp_server import smtp_server, smtp_settings


def _user(role, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def _wait_for(received, count=1, seconds=30):
    deadline = time.monotonic() + seconds
    while len(received) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return received


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_members_alert_arrives_over_smtp_and_unsubscribes(
    live_server, page, context, login_as, settings
):
    page.set_default_timeout(60_000)
    roles.roles_sync()
    officer = _user(roles.COMMITTEE_OFFICER, username="cleo")
    member = _user(roles.BOARD_MEMBER, username="ada", email="ada@example.org")
    meeting = MeetingFactory(date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=meeting, title="Anti-social behaviour in Bootle")
    MembershipFactory(body=meeting.body, person=PersonFactory(user=member))

    with smtp_server() as (port, received):
        smtp_settings(settings, port)
        settings.SSCP_SITE_URL = live_server.url
        login_as(officer)
        page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
        page.get_by_role("button", name="Publish agenda").click()
        page.get_by_role("button", name="Publish agenda").click()  # the confirmation page
        expect(page.get_by_text("Agenda published: board members can now read it.")).to_be_visible()
        assert len(_wait_for(received)) == 1

    message = received[0]
    assert message["To"] == "ada@example.org"
    text = message.get_body(preferencelist=("plain",)).get_content()
    unsubscribe = re.search(r"Stop these emails: (\S+)", text).group(1)
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert unsubscribe.startswith(live_server.url)

    context.clear_cookies()  # opened from a mail program: signed out
    page.goto(unsubscribe)
    expect(page.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    assert_accessible(page)
    preference = AlertPreference.objects.get(user=member)
    assert not preference.agenda_published and preference.minutes_published
