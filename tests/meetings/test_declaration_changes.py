"""The officer corrects or removes a declaration until the minutes are confirmed; the history
keeps what it said and the Declarations of Interest minute follows."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import (
    Change,
    Declaration,
    DeclarationKind,
    Meeting,
    MeetingStatus,
    Minute,
    StandardKind,
)
from meetings.wording import NO_DECLARATIONS
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def declaration(meeting, officer):
    """Councillor Ann Thomas's declaration on a report of the meeting, minutes started."""
    member = PersonFactory(title="Councillor", first_name="Ann", last_name="Thomas")
    MembershipFactory(body=meeting.body, person=member)
    report = services.item_add(meeting=meeting, user=officer, title="Community Grants")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    return services.declaration_add(
        agenda_item=report,
        person=member,
        kind=DeclarationKind.PERSONAL,
        nature="Trustee of Sefton CVS",
        user=officer,
    )


def _declarations_minute(meeting):
    return Minute.objects.get(meeting=meeting, agenda_item__standard_kind=StandardKind.DECLARATIONS)


def _edit(client, declaration, **changes):
    data = {
        "person": declaration.person_id,
        "agenda_item": declaration.agenda_item_id,
        "kind": declaration.kind,
        "nature": declaration.nature,
        **changes,
    }
    return client.post(reverse("meetings:declaration_edit", args=[declaration.pk]), data)


def test_the_attendance_page_links_each_declaration_to_its_correction(client, officer, declaration):
    client.force_login(officer)
    page = client.get(reverse("meetings:attendance", args=[declaration.agenda_item.meeting_id]))
    html = page.content.decode()
    assert reverse("meetings:declaration_edit", args=[declaration.pk]) in html
    assert "Councillor Ann Thomas, personal interest – Trustee of Sefton CVS" in html


def test_the_officer_corrects_a_declaration_and_the_minute_follows(client, officer, declaration):
    client.force_login(officer)
    meeting = declaration.agenda_item.meeting
    assert "as a Trustee of Sefton CVS" in _declarations_minute(meeting).text
    response = _edit(
        client, declaration, kind=DeclarationKind.PECUNIARY, nature="Employed by Sefton CVS"
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.kind == DeclarationKind.PECUNIARY
    text = _declarations_minute(meeting).text
    assert "declared a disclosable pecuniary interest" in text
    assert "being employed by Sefton CVS" in text
    change = Change.objects.get(summary="Declaration by Councillor Ann Thomas corrected")
    assert change.before["nature"] == "Trustee of Sefton CVS"
    assert change.after["nature"] == "Employed by Sefton CVS"
    assert change.before["kind"] == "Personal interest"


def test_removing_a_declaration_asks_first_then_keeps_it_in_the_history(
    client, officer, declaration
):
    client.force_login(officer)
    meeting = declaration.agenda_item.meeting
    url = reverse("meetings:declaration_remove", args=[declaration.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Remove the declaration by Councillor Ann Thomas?" in page.content.decode()
    assert Declaration.objects.filter(pk=declaration.pk).exists()  # nothing yet
    assert client.post(url).status_code == 302
    assert not Declaration.objects.filter(pk=declaration.pk).exists()
    assert _declarations_minute(meeting).text == f"<p>{NO_DECLARATIONS}</p>"
    change = Change.objects.get(summary__endswith="removed")
    assert change.summary == "Declaration by Councillor Ann Thomas on item 4 removed"
    assert change.before["nature"] == "Trustee of Sefton CVS"
    assert change.before["person"] == "Councillor Ann Thomas"


def test_a_board_member_may_not_correct_or_remove_a_declaration(client, board_member, declaration):
    client.force_login(board_member)
    for name in ("meetings:declaration_edit", "meetings:declaration_remove"):
        url = reverse(name, args=[declaration.pk])
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert Declaration.objects.filter(pk=declaration.pk).exists()


def test_once_the_minutes_are_confirmed_a_declaration_stays(client, officer, declaration):
    meeting = declaration.agenda_item.meeting
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_CONFIRMED)
    declaration.agenda_item.meeting.refresh_from_db()
    client.force_login(officer)
    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert reverse("meetings:declaration_edit", args=[declaration.pk]) not in page
    response = client.get(reverse("meetings:declaration_edit", args=[declaration.pk]), follow=True)
    assert "declarations can no longer be changed" in response.content.decode()
    assert _edit(client, declaration, nature="Something else").status_code == 302
    client.post(reverse("meetings:declaration_remove", args=[declaration.pk]))
    declaration.refresh_from_db()
    assert declaration.nature == "Trustee of Sefton CVS"
    with pytest.raises(ValidationError):
        services.declaration_remove(declaration=declaration, user=officer)
    with pytest.raises(ValidationError):
        services.declaration_update(declaration=declaration, user=officer, nature="x")


def test_a_declaration_moves_only_to_an_item_of_its_meeting(officer, declaration):
    other = services.item_add(
        meeting=services.meeting_create(
            body=declaration.agenda_item.meeting.body,
            date=declaration.agenda_item.meeting.date.replace(month=12),
            start_time=declaration.agenda_item.meeting.start_time,
            venue=declaration.agenda_item.meeting.venue,
            user=officer,
        ),
        user=officer,
        title="Elsewhere",
    )
    with pytest.raises(ValidationError):
        services.declaration_update(declaration=declaration, user=officer, agenda_item=other)
