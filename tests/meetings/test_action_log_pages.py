"""The action log: the agenda item, a member's own actions first, filters and updates."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import (
    Meeting,
    StandardKind,
)
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
)
from tests.meetings.helpers import minutes_of_two_items

pytestmark = pytest.mark.django_db


def test_a_board_member_sees_the_action_log_item(client, officer, board_member, meeting):
    """The item lists the body's unfinished actions from earlier published minutes."""
    earlier, (first, _) = minutes_of_two_items(officer)
    Meeting.objects.filter(pk=earlier.pk).update(body=meeting.body, date=datetime.date(2018, 6, 14))
    earlier.refresh_from_db()
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    part = first.resolution_parts.get()
    for description, status, due in [
        ("Late leaflet", "open", datetime.date(2018, 8, 1)),
        ("Done survey", "done", datetime.date(2018, 8, 1)),
        ("Plan refresh", "in_progress", datetime.date(2019, 1, 1)),
    ]:
        services.action_add(resolution_part=part, user=officer, description=description,
                            owner_organisation=OrganisationFactory(), status=status,
                            due_date=due)  # fmt: skip
    other_body, (elsewhere, _) = minutes_of_two_items(officer)  # another body's action: not listed
    services.minute_save(minute=elsewhere, user=officer, expected_version=1, parts=["b"],
                         number=elsewhere.number, title=elsewhere.title, text="")  # fmt: skip
    services.action_add(resolution_part=elsewhere.resolution_parts.get(), user=officer,
                        description="Other body", owner_organisation=OrganisationFactory())  # fmt: skip
    services.minutes_publish(meeting=other_body, user=officer)
    client.force_login(board_member)
    assert (
        client.post(reverse("meetings:item_add_action_log", args=[meeting.pk])).status_code == 403
    )
    client.force_login(officer)
    client.post(reverse("meetings:item_add_action_log", args=[meeting.pk]))
    assert meeting.items.filter(standard_kind=StandardKind.ACTION_LOG).count() == 1
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.context["agenda_actions"] == []  # the earlier minutes are not published yet
    services.minutes_publish(meeting=earlier, user=officer)
    response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    listed = [(a.description, a.is_overdue) for a in response.context["agenda_actions"]]
    assert listed == [("Late leaflet", True), ("Plan refresh", False)]
    page = response.content.decode()
    assert "Open actions as at 13 September 2018" in page and "Other body" not in page


def test_a_member_sees_their_organisations_actions_first(client, officer, board_member):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a", "b"])  # fmt: skip
    mine, other = OrganisationFactory(), OrganisationFactory()
    PersonFactory(user=board_member, organisation=mine)
    part = first.resolution_parts.get(order=1)
    for organisation in (mine, other):
        services.action_add(resolution_part=part, user=officer, description=f"For {organisation}",
                            owner_organisation=organisation)  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    default = client.get(reverse("meetings:actions"))
    assert [a.owner_organisation for a in default.context["actions"]] == [mine]
    everyone = client.get(reverse("meetings:actions"), {"owner": "", "status": ""})
    assert len(everyone.context["actions"]) == 2


def test_the_action_log_is_filtered_by_owner_person(client, officer):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    part = first.resolution_parts.get()
    owner, other = PersonFactory(last_name="Boyle"), PersonFactory(last_name="Reid")
    for person in (owner, other):
        services.action_add(resolution_part=part, user=officer, description=f"For {person}",
                            owner_person=person)  # fmt: skip
    client.force_login(officer)
    page = client.get(reverse("meetings:actions"), {"person": owner.pk})
    assert [a.owner_person for a in page.context["actions"]] == [owner]
    assert 'name="person"' in page.content.decode()
    # Not a 500 for an unknown person: the form says so and the log is unfiltered.
    page = client.get(reverse("meetings:actions"), {"person": 999999})
    assert page.status_code == 200
    assert "person" in page.context["form"].errors


def test_the_officer_updates_an_action_and_a_member_may_not(client, officer, board_member):
    meeting, (first, _) = minutes_of_two_items(officer)
    services.minute_save(minute=first, user=officer, expected_version=1, number=first.number,
                         title=first.title, text="", parts=["a"])  # fmt: skip
    action = services.action_add(
        resolution_part=first.resolution_parts.get(), user=officer, description="Do it",
        owner_organisation=OrganisationFactory(),
    )  # fmt: skip
    url = reverse("meetings:action_edit", args=[action.pk])
    client.force_login(board_member)
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(officer)
    response = client.post(url, {"description": "Do it", "owner_organisation": action.owner_organisation_id,
                                 "status": "done", "rag": "green", "progress_note": "Sent."})  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag, action.progress_note) == ("done", "green", "Sent.")
