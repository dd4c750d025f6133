"""An alert delivered over SMTP to a local server (aiosmtpd on 127.0.0.1, a free port) and read
back: both parts and the RFC 8058 headers survive the wire."""

import datetime

from django.urls import reverse

from meetings import alerts
from meetings.models import Alert, MeetingStatus
from sscp import roles
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.smtp_server import smtp_server, smtp_settings


def test_an_agenda_alert_arrives_over_smtp(
    client, officer, user_with_role, settings, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=meeting, title="Anti-social behaviour in Bootle")
    member = user_with_role(roles.BOARD_MEMBER, username="ada", email="ada@example.org")
    MembershipFactory(body=meeting.body, person=PersonFactory(user=member))
    with smtp_server() as (port, received):
        smtp_settings(settings, port)
        client.force_login(officer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("meetings:publish", args=[meeting.pk]))
    assert len(received) == 1
    message = received[0]
    assert message["To"] == "ada@example.org"
    assert message["Subject"].startswith("Agenda published:")
    token = alerts.unsubscribe_token(member, Alert.AGENDA_PUBLISHED)
    assert message["List-Unsubscribe"].strip() == (
        f"<http://testserver{reverse('meetings:unsubscribe', args=[token])}>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Anti-social behaviour in Bootle" in text and "<li>" in html
