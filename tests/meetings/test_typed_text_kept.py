"""Nothing typed is lost by pressing another button on the page (issue 11, item 2).

The attendance page and the minute editor are each one <form>: the sub-form's button posts to
its own URL and carries what was typed in the rest of the page, which is saved with it or
shown again with the reasons it could not be.
"""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Declaration,
    MeetingStatus,
    Minute,
)
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(meeting):
    chair = MembershipFactory(body=meeting.body, person=PersonFactory(last_name="Quill")).person
    member = MembershipFactory(body=meeting.body, person=PersonFactory(last_name="Ashdown")).person
    return chair, member


def _attendance(chair, member, **overrides):
    return {
        f"member_{chair.pk}": "chair",
        f"member_{member.pk}": "apologies",
        "also_present": "Helen Armitage\r\nBen Ryder",
    } | overrides


def _declaration(person, item, **overrides):
    return {
        "person": person.pk,
        "agenda_item": item.pk,
        "kind": "personal",
        "nature": "Trustee of the Marsh Lane Trust",
    } | overrides


def _statuses(meeting):
    return dict(meeting.attendances.values_list("name", "status")) | {
        a.person_id: a.status for a in meeting.attendances.filter(person__isnull=False)
    }


# --- attendance and declarations -------------------------------------------------------------------


def test_adding_a_declaration_saves_the_attendance_typed_with_it(client, officer, meeting, members):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        _attendance(chair, member) | _declaration(member, item),
    )
    assert response.status_code == 302
    assert item.declarations.get().nature == "Trustee of the Marsh Lane Trust"
    statuses = _statuses(meeting)
    assert statuses[chair.pk] == AttendanceStatus.CHAIR
    assert statuses[member.pk] == AttendanceStatus.APOLOGIES
    assert statuses["Helen Armitage"] == statuses["Ben Ryder"] == AttendanceStatus.ALSO_PRESENT
    page = client.get(response.url).content.decode()
    assert "Declaration recorded." in page and "Attendance saved." in page


def test_a_refused_declaration_keeps_what_was_typed(client, officer, meeting, members):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        _attendance(chair, member) | _declaration(member, item, kind=""),
    )
    assert response.status_code == 200
    assert "kind" in response.context["declaration_form"].errors
    assert "Trustee of the Marsh Lane Trust" in response.content.decode()
    assert not Declaration.objects.exists()
    # The attendance typed was saved, and the page shows it as saved.
    assert _statuses(meeting)[chair.pk] == AttendanceStatus.CHAIR
    assert "Helen Armitage" in response.content.decode()


def test_refused_attendance_keeps_both_and_adds_nothing(client, officer, meeting, members):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        _attendance(chair, member, **{f"member_{member.pk}": "chair"}) | _declaration(member, item),
    )
    assert response.status_code == 200
    assert "Only one member can be in the chair." in response.content.decode()
    assert "Trustee of the Marsh Lane Trust" in response.content.decode()
    assert "Ben Ryder" in response.content.decode()
    assert not Declaration.objects.exists()
    assert not meeting.attendances.exists()


def test_saving_attendance_keeps_a_declaration_typed_but_not_added(
    client, officer, meeting, members
):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        _attendance(chair, member) | _declaration(member, item),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Attendance saved." in page
    assert "The declaration you typed has not been added yet" in page
    assert 'value="Trustee of the Marsh Lane Trust"' in page
    assert not response.context["declaration_form"].is_bound  # shown again, without errors
    assert _statuses(meeting)[member.pk] == AttendanceStatus.APOLOGIES
    assert not Declaration.objects.exists()


def test_attendance_sent_back_unchanged_is_not_recorded_again(client, officer, meeting, members):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    client.post(reverse("meetings:attendance", args=[meeting.pk]), _attendance(chair, member))
    changes = meeting.changes.count()
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]),
        _attendance(chair, member) | _declaration(member, item),
    )
    assert response.status_code == 302
    assert meeting.changes.count() == changes + 1  # the declaration only


def test_a_declaration_sent_alone_leaves_the_attendance_alone(client, officer, meeting, members):
    chair, member = members
    item = meeting.items.last()
    client.force_login(officer)
    client.post(reverse("meetings:attendance", args=[meeting.pk]), _attendance(chair, member))
    response = client.post(
        reverse("meetings:declaration_add", args=[meeting.pk]), _declaration(member, item)
    )
    assert response.status_code == 302
    assert meeting.attendances.count() == 4


def test_a_board_member_is_refused_adding_a_declaration(client, board_member, meeting, members):
    chair, member = members
    client.force_login(board_member)
    url = reverse("meetings:declaration_add", args=[meeting.pk])
    assert client.post(url, _declaration(member, meeting.items.last())).status_code == 403
    assert not Declaration.objects.exists()


def test_the_declaration_url_takes_posts_only(client, officer, meeting):
    client.force_login(officer)
    assert client.get(reverse("meetings:declaration_add", args=[meeting.pk])).status_code == 405


def test_the_page_is_one_form_and_the_declaration_button_has_its_own_url(
    client, officer, meeting, members
):
    client.force_login(officer)
    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert page.count('<form method="post" novalidate') == 1
    assert "data-unsaved-warning" in page
    assert f'formaction="{reverse("meetings:declaration_add", args=[meeting.pk])}"' in page


# --- the minute editor ------------------------------------------------------------------------------


@pytest.fixture
def minute(officer):
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    MeetingFactory(body=meeting.body, date=datetime.date(2018, 12, 13), status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=meeting, title="Arson")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting, agenda_item__title="Arson").get()
    services.minute_save(minute=minute, user=officer, expected_version=minute.version,
                         number=minute.number, title=minute.title, text="",
                         parts=["the report be noted"])  # fmt: skip
    return Minute.objects.get(pk=minute.pk)


def _minute_data(minute, **overrides):
    return {
        "number": minute.number,
        "title": minute.title,
        "text": "<p>Typed before the button</p>",
        "parts": "the report be noted",
        "version": minute.version,
    } | overrides


def _action(minute, **overrides):
    return {
        "resolution_part": minute.resolution_parts.get().pk,
        "description": "Write the arson reduction plan",
        "owner_organisation": OrganisationFactory().pk,
    } | overrides


def test_adding_an_action_saves_the_minute_typed(client, officer, minute):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_action", args=[minute.pk]), _minute_data(minute) | _action(minute)
    )
    assert response.status_code == 302
    assert Minute.objects.get(pk=minute.pk).text == "<p>Typed before the button</p>"
    assert Action.objects.get().description == "Write the arson reduction plan"


def test_deferring_saves_the_minute_typed(client, officer, minute):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_defer", args=[minute.pk]),
        _minute_data(minute) | {"defer-title": "Arson reduction plan"},
    )
    assert response.status_code == 302
    assert Minute.objects.get(pk=minute.pk).text == "<p>Typed before the button</p>"
    assert AgendaItem.objects.get(title="Arson reduction plan").requested_by == minute


def test_a_refused_action_keeps_the_action_typed_and_the_minute_saved(client, officer, minute):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_action", args=[minute.pk]),
        _minute_data(minute) | _action(minute, owner_organisation=""),
    )
    assert response.status_code == 200
    assert "Write the arson reduction plan" in response.content.decode()
    assert not Action.objects.exists()
    saved = Minute.objects.get(pk=minute.pk)
    assert saved.text == "<p>Typed before the button</p>"
    # The page carries the saved version: saving again is not a stale edit.
    assert response.context["form"].initial["version"] == saved.version


def test_a_stale_minute_keeps_everything_typed_and_adds_nothing(client, officer, minute):
    read_at = minute.version
    services.minute_save(minute=minute, user=officer, expected_version=minute.version,
                         number=minute.number, title=minute.title, text="<p>Theirs</p>",
                         parts=["the report be noted"])  # fmt: skip
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_defer", args=[minute.pk]),
        _minute_data(minute, text="<p>Mine</p>", version=read_at)
        | {"defer-title": "Arson reduction plan"},
    )
    assert response.status_code == 200
    assert response.context["stale"] is not None
    page = response.content.decode()
    assert "Mine" in page and "Arson reduction plan" in page
    assert Minute.objects.get(pk=minute.pk).text == "<p>Theirs</p>"
    assert not AgendaItem.objects.filter(title="Arson reduction plan").exists()


def test_a_refused_minute_save_keeps_an_action_typed(client, officer, minute):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[minute.pk]),
        _minute_data(minute, title="") | _action(minute),
    )
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert 'value="Write the arson reduction plan"' in response.content.decode()
    assert not response.context["action_form"].is_bound


def test_an_action_sent_alone_leaves_the_minute_alone(client, officer, minute):
    client.force_login(officer)
    response = client.post(reverse("meetings:minute_action", args=[minute.pk]), _action(minute))
    assert response.status_code == 302
    assert Minute.objects.get(pk=minute.pk).version == minute.version


@pytest.mark.parametrize("name", ["meetings:minute_action", "meetings:minute_defer"])
def test_a_board_member_is_refused_the_minute_sub_forms(client, board_member, minute, name):
    client.force_login(board_member)
    data = _minute_data(minute) | _action(minute) | {"defer-title": "Arson reduction plan"}
    assert client.post(reverse(name, args=[minute.pk]), data).status_code == 403
    assert not Action.objects.exists()
    assert Minute.objects.get(pk=minute.pk).text == ""


def test_the_minute_editor_is_one_form_with_a_url_for_each_button(client, officer, minute):
    client.force_login(officer)
    page = client.get(reverse("meetings:minute_edit", args=[minute.pk])).content.decode()
    assert page.count('<form method="post" novalidate') == 1
    assert "data-unsaved-warning" in page
    for name in ("meetings:minute_action", "meetings:minute_defer"):
        assert f'formaction="{reverse(name, args=[minute.pk])}"' in page
