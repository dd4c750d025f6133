"""Writing the minutes: numbers, deferrals, citations and locked minutes."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    Minute,
)
from tests.factories import (
    BodyFactory,
    OrganisationFactory,
)
from tests.meetings.helpers import hold_next_meeting, minute_form, minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_a_duplicate_minute_number_is_refused_next_to_the_field(client, officer):
    meeting, (first, second) = minutes_of_two_items(officer)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[second.pk]), minute_form(second, number=1)
    )
    assert response.status_code == 200
    assert "Minute No. 1 is already used" in response.context["form"].errors["number"][0]
    assert "Kept text" in response.content.decode()


def test_editing_locked_minutes_is_refused_with_a_message(client, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minutes_publish(meeting=meeting, user=officer)
    hold_next_meeting(meeting, officer)
    services.minutes_confirm(meeting=meeting, user=officer)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[first.pk]), minute_form(first, text="<p>Late</p>")
    )
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode()
    assert Minute.objects.get(pk=first.pk).text != "<p>Late</p>"


def test_the_officer_defers_an_item_from_a_minute(client, officer):
    body = BodyFactory()
    meeting = services.meeting_create(
        body=body, date=datetime.date(2018, 6, 14), start_time=datetime.time(10),
        venue=body.default_venue, user=officer, next_meeting_date=datetime.date(2018, 9, 13),
    )  # fmt: skip
    services.agenda_publish(meeting=meeting, user=officer)
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting).first()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_defer", args=[minute.pk]), {"defer-title": "Needs assessment"}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get(title="Needs assessment").requested_by == minute


def test_locked_minutes_take_no_new_action(client, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["the report be noted"])  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    hold_next_meeting(meeting, officer)
    services.minutes_confirm(meeting=meeting, user=officer)
    part = first.resolution_parts.get()
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_action", args=[first.pk]),
        {"resolution_part": part.pk, "description": "Late action",
         "owner_organisation": OrganisationFactory().pk},
    )  # fmt: skip
    assert response.status_code == 200
    [refusal] = response.context["action_form"].non_field_errors()
    assert "have been confirmed as a correct record and can no longer be changed" in refusal
    assert refusal in response.content.decode()
    assert not part.actions.exists()


def test_a_deferred_item_and_a_cited_minute_link_back_to_the_minute(client, officer, board_member):
    earlier, (_, youth) = minutes_of_two_items(officer)
    services.minutes_publish(meeting=earlier, user=officer)
    following = services.meeting_create(
        body=earlier.body, date=earlier.date + datetime.timedelta(days=91),
        start_time=earlier.start_time, venue=earlier.venue, user=officer,
    )  # fmt: skip
    item = services.item_defer(minute=youth, user=officer, title="Youth strategy")
    services.agenda_publish(meeting=following, user=officer)
    services.attendance_record(meeting=following, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=following, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="", parts=["noted"], cites=youth)  # fmt: skip
    services.minutes_publish(meeting=following, user=officer)
    client.force_login(board_member)
    page = client.get(reverse("meetings:detail", args=[following.pk])).content.decode()
    target = f"{reverse('meetings:detail', args=[earlier.pk])}#minute-{youth.pk}"
    held = f"{earlier.date:%-d %B %Y}"
    assert f'href="{target}">Minute No. {youth.number} of {held}</a>' in page  # deferred by
    assert (
        f'href="{target}">Further to Minute No. {youth.number} of the meeting held on {held}</a>'
        in page
    )
