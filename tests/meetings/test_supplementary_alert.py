"""A paper added to an item of a meeting whose agenda is already published tells the body's
members "supplementary papers published", with the agenda alert's rules: their choice, a
one-click unsubscribe of that alert, and nothing of a confidential item (no email at all)."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import alerts, services
from meetings.models import Alert, AlertPreference, MeetingStatus
from sscp import roles
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    tiny_pdf,
)

SECRET_ITEM = "Covert surveillance of the Linacre ward"


@pytest.fixture
def body(db):
    return BodyFactory(name="Safer Sefton Board")


@pytest.fixture
def member(user_with_role, body):
    user = user_with_role(roles.BOARD_MEMBER, username="ada", email="ada@example.org")
    MembershipFactory(body=body, person=PersonFactory(user=user, first_name="Ada"))
    return user


def _meeting(body, status):
    return MeetingFactory(body=body, date=datetime.date(2019, 3, 14), status=status)


def _upload(item, officer, title="Youth diversion update"):
    return services.document_upload(
        item=item, user=officer, title=title,
        file=SimpleUploadedFile("paper.pdf", tiny_pdf("Detached youth work")),
    )  # fmt: skip


def test_a_paper_added_to_a_published_agenda_emails_the_members(officer, member, body):
    item = AgendaItemFactory(
        meeting=_meeting(body, MeetingStatus.AGENDA_PUBLISHED), title="Youth diversion"
    )
    _upload(item, officer)
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Supplementary papers published: Safer Sefton Board, 14 March 2019"
    assert f"{item.order}. Youth diversion" in message.body
    assert f"http://testserver{reverse('meetings:pack', args=[item.meeting_id])}" in message.body
    assert message.attachments == []
    token = alerts.unsubscribe_token(member, Alert.SUPPLEMENTARY_PUBLISHED)
    unsubscribe = f"http://testserver{reverse('meetings:unsubscribe', args=[token])}"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.alternatives[0][1] == "text/html"


def test_a_paper_added_to_a_draft_agenda_emails_nobody(officer, member, body):
    _upload(AgendaItemFactory(meeting=_meeting(body, MeetingStatus.DRAFT)), officer)
    assert mail.outbox == []


def test_a_confidential_items_paper_sends_nothing(officer, member, body):
    meeting = _meeting(body, MeetingStatus.AGENDA_PUBLISHED)
    _upload(AgendaItemFactory(meeting=meeting, title=SECRET_ITEM, is_confidential=True), officer)
    assert mail.outbox == []


def test_an_item_made_confidential_before_sending_sends_nothing(member, body):
    item = AgendaItemFactory(meeting=_meeting(body, MeetingStatus.AGENDA_PUBLISHED))
    item.is_confidential = True
    item.save()
    assert alerts.content(Alert.SUPPLEMENTARY_PUBLISHED, item.pk, member, None) is None


def test_a_member_who_turned_it_off_is_not_emailed(officer, member, body):
    AlertPreference.objects.create(user=member, supplementary_published=False)
    _upload(AgendaItemFactory(meeting=_meeting(body, MeetingStatus.AGENDA_PUBLISHED)), officer)
    assert mail.outbox == []


def test_unsubscribing_from_it_leaves_the_agenda_alert_on(client, member):
    token = alerts.unsubscribe_token(member, Alert.SUPPLEMENTARY_PUBLISHED)
    assert client.post(reverse("meetings:unsubscribe", args=[token])).status_code == 200
    preference = AlertPreference.objects.get(user=member)
    assert not preference.supplementary_published and preference.agenda_published


def test_a_member_can_choose_it_on_the_alerts_page(client, member):
    client.force_login(member)
    page = client.get(reverse("meetings:alert_preferences")).content.decode()
    assert "Supplementary papers are published" in page


def test_a_frozen_paper_attached_to_a_published_agenda_emails_the_members(
    officer, member, body, django_capture_on_commit_callbacks
):
    item = AgendaItemFactory(meeting=_meeting(body, MeetingStatus.AGENDA_PUBLISHED))
    with django_capture_on_commit_callbacks(execute=True):
        services.frozen_paper_attach(
            agenda_item=item, title="Deliberate fires chart", kind="chart",
            html="<p>Fires</p>", data_as_at="2019", source="Analyst", user=officer,
        )  # fmt: skip
    assert [m.subject for m in mail.outbox] == [
        "Supplementary papers published: Safer Sefton Board, 14 March 2019"
    ]


def test_a_board_member_cannot_upload_a_paper(client, member, body):
    item = AgendaItemFactory(meeting=_meeting(body, MeetingStatus.AGENDA_PUBLISHED))
    client.force_login(member)
    response = client.post(
        reverse("meetings:upload", args=[item.pk]),
        {"title": "Mine", "file": SimpleUploadedFile("p.pdf", tiny_pdf())},
    )
    assert response.status_code == 403
    assert mail.outbox == []
