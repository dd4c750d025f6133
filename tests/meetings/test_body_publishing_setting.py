"""The officer turns a body's "publishes papers" setting on or off on a page; each change is
recorded in the setting's history; board members and others cannot."""

import pytest
from django.urls import reverse

from meetings.models import Change
from tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return BodyFactory(publishes_papers=True)


def _url(body):
    return reverse("meetings:body_publishing", args=[body.slug])


def test_the_officer_turns_publishing_off_and_the_history_records_it(client, officer, body):
    client.force_login(officer)
    response = client.post(_url(body), {"publishes_papers": "False"})
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.publishes_papers is False
    change = Change.objects.get(object_type="body", object_id=body.pk)
    assert (change.meeting, change.user) == (None, officer)
    assert change.before == {"publishes_papers": True}
    assert change.after == {"publishes_papers": False}
    page = client.get(_url(body)).content.decode()
    assert "Papers no longer published on the public pages" in page
    assert "not published; only people who sign in see them" in page


def test_saving_the_same_value_records_nothing(client, officer, body):
    client.force_login(officer)
    client.post(_url(body), {"publishes_papers": "True"})
    assert not Change.objects.exists()


def test_turning_publishing_off_takes_the_body_off_the_public_pages(client, officer, body):
    assert body.name in client.get(reverse("public:index")).content.decode()
    client.force_login(officer)
    client.post(_url(body), {"publishes_papers": "False"})
    client.logout()
    assert body.name not in client.get(reverse("public:index")).content.decode()


def test_a_choice_is_required(client, officer, body):
    client.force_login(officer)
    response = client.post(_url(body), {})
    assert response.status_code == 400
    body.refresh_from_db()
    assert body.publishes_papers is True


def test_a_board_member_cannot_see_or_change_the_setting(client, board_member, body):
    client.force_login(board_member)
    assert client.get(_url(body)).status_code == 403
    assert client.post(_url(body), {"publishes_papers": "False"}).status_code == 403
    body.refresh_from_db()
    assert body.publishes_papers is True
    assert not Change.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, body):
    response = client.post(_url(body), {"publishes_papers": "False"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    body.refresh_from_db()
    assert body.publishes_papers is True


def test_the_members_page_links_to_it_for_the_officer_only(client, officer, board_member, body):
    client.force_login(officer)
    members = reverse("meetings:body_members", args=[body.slug])
    assert _url(body) in client.get(members).content.decode()
    client.force_login(board_member)
    assert _url(body) not in client.get(members).content.decode()
