"""A body's work programme: items deferred to its meetings to come, items planned ahead and
standing reports; kept by the officer (with history and confirmation), read by members,
printable; a plan drops into its meeting's agenda builder."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Change, MeetingState, MeetingStatus, PlannedItem
from meetings.selectors import work_programme
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MinuteFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def board(officer):
    """A body with a held meeting (its minute deferred an item), four meetings to come and a
    cancelled one; a one-off plan, a standing report at every meeting and a quarterly one."""
    body = BodyFactory()
    held = MeetingFactory(body=body, date=D(2018, 6, 14), status=MeetingStatus.HELD)
    minute = MinuteFactory(meeting=held, number=7)
    dates = [D(2018, 9, 13), D(2018, 10, 11), D(2018, 12, 13), D(2019, 1, 17)]
    to_come = [MeetingFactory(body=body, date=d, status=MeetingStatus.DRAFT) for d in dates]
    MeetingFactory(body=body, date=D(2018, 11, 8), status=MeetingStatus.DRAFT,
                   state=MeetingState.CANCELLED)  # fmt: skip
    AgendaItem.objects.create(
        meeting=to_come[0], order=1, title="Street drinking review", requested_by=minute
    )
    lead = OrganisationFactory(name="Northshire Police")
    once = services.planned_item_add(
        body=body, user=officer, meeting=to_come[1], title="Night-time economy update",
        lead_organisation=lead,
    )  # fmt: skip
    every = services.planned_item_add(
        body=body, user=officer, meeting=to_come[0], title="Police performance",
        recurrence="every_meeting",
    )  # fmt: skip
    quarterly = services.planned_item_add(
        body=body, user=officer, meeting=to_come[0], title="MARAC quarterly report",
        recurrence="quarterly",
    )  # fmt: skip
    return body, to_come, {"once": once, "every": every, "quarterly": quarterly}


def _titles(entry):
    return (
        [i.title for i in entry["deferred"]],
        [d["plan"].title for d in entry["planned"]],
        sorted(d["plan"].title for d in entry["standing"]),
    )


def test_the_programme_lists_deferred_planned_and_standing_items_per_meeting(board):
    body, to_come, _ = board
    programme = work_programme(body)
    assert [e["meeting"] for e in programme] == to_come  # held and cancelled left out
    both = ["MARAC quarterly report", "Police performance"]
    assert _titles(programme[0]) == (["Street drinking review"], [], both)
    assert _titles(programme[1]) == ([], ["Night-time economy update"], both)  # Q4's first
    assert _titles(programme[2]) == ([], [], ["Police performance"])  # Q4's second
    assert _titles(programme[3]) == ([], [], both)  # Q1 2019's first


def test_members_read_the_page_and_its_printable_version(client, board_member, board):
    body, *_ = board
    client.force_login(board_member)
    page = client.get(reverse("meetings:work_programme", args=[body.slug])).content.decode()
    assert "Deferred by minute 7 of 14 June 2018" in page
    assert "Night-time economy update" in page and "Northshire Police" in page
    assert "Plan an item" not in page and "Remove" not in page
    printed = client.get(reverse("meetings:work_programme_print", args=[body.slug]))
    assert "app-print" in printed.content.decode()
    assert printed.content.decode().count("Police performance") == 4


def test_the_officer_plans_an_item_recorded_in_history(client, officer, board):
    body, to_come, _ = board
    client.force_login(officer)
    response = client.post(
        reverse("meetings:planned_add", args=[body.slug]),
        {"meeting": to_come[2].pk, "title": "Hate crime", "description": "", "recurrence": ""},
    )
    assert response.status_code == 302
    plan = PlannedItem.objects.get(title="Hate crime")
    assert plan.created_by == officer
    assert Change.objects.filter(object_type="planneditem", object_id=plan.pk).count() == 1


def test_a_cancelled_or_held_meeting_cannot_be_planned_for(client, officer, board):
    body, to_come, _ = board
    cancelled = body.meetings.get(state=MeetingState.CANCELLED)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:planned_add", args=[body.slug]),
        {"meeting": cancelled.pk, "title": "Hate crime"},
    )
    assert response.status_code == 200
    assert "meeting" in response.context["form"].errors
    assert "Hate crime" in response.content.decode()  # the typed title is kept
    held = body.meetings.get(status=MeetingStatus.HELD)
    with pytest.raises(ValidationError, match="not to come"):
        services.planned_item_add(body=body, user=officer, meeting=held, title="Late")
    other = MeetingFactory(status=MeetingStatus.DRAFT)
    with pytest.raises(ValidationError, match="Choose a meeting of"):
        services.planned_item_add(body=body, user=officer, meeting=other, title="Elsewhere")


def test_the_officer_changes_a_plan(client, officer, board):
    _, to_come, plans = board
    client.force_login(officer)
    url = reverse("meetings:planned_edit", args=[plans["once"].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"meeting": to_come[3].pk, "title": "Night-time economy", "recurrence": ""}
    )
    assert response.status_code == 302
    plans["once"].refresh_from_db()
    assert (plans["once"].title, plans["once"].meeting) == ("Night-time economy", to_come[3])
    change = Change.objects.filter(object_type="planneditem", summary__contains="changed").get()
    assert change.before["title"] == "Night-time economy update"


def test_removing_a_plan_asks_for_confirmation(client, officer, board):
    _, _, plans = board
    client.force_login(officer)
    url = reverse("meetings:planned_remove", args=[plans["every"].pk])
    page = client.get(url).content.decode()
    assert "Remove “Police performance” from the work programme?" in page
    assert PlannedItem.objects.filter(pk=plans["every"].pk).exists()
    assert client.post(url).status_code == 302
    assert not PlannedItem.objects.filter(pk=plans["every"].pk).exists()
    assert Change.objects.filter(summary__contains="removed (work programme)").exists()


def test_a_plan_drops_into_its_meetings_agenda_builder(client, officer, board):
    _, to_come, plans = board
    meeting = to_come[1]
    client.force_login(officer)
    builder = reverse("meetings:agenda", args=[meeting.pk])
    page = client.get(builder).content.decode()
    assert "Planned for this meeting" in page and "Add to the agenda" in page
    take = reverse("meetings:planned_take", args=[plans["once"].pk, meeting.pk])
    assert client.post(take).status_code == 302
    item = meeting.items.get(title="Night-time economy update")
    assert item.presenter_text == "Northshire Police"
    plans["once"].refresh_from_db()
    assert plans["once"].taken_into == item
    assert "On the agenda" in client.get(builder).content.decode()
    client.post(take)  # a second time: refused, not added twice
    assert meeting.items.filter(title="Night-time economy update").count() == 1


def test_a_standing_report_is_taken_at_each_meeting(client, officer, board):
    _, to_come, plans = board
    client.force_login(officer)
    for meeting in to_come[:2]:
        client.post(reverse("meetings:planned_take", args=[plans["every"].pk, meeting.pk]))
        assert meeting.items.filter(title="Police performance").count() == 1
    entry = work_programme(to_come[0].body)[2]
    assert [d["taken"] for d in entry["standing"]] == [False]


def test_roles_are_refused(client, board_member, board):
    body, to_come, plans = board
    client.force_login(board_member)
    pk = plans["once"].pk
    for url in [
        reverse("meetings:planned_add", args=[body.slug]),
        reverse("meetings:planned_edit", args=[pk]),
        reverse("meetings:planned_remove", args=[pk]),
    ]:
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "x"}).status_code == 403
    take = reverse("meetings:planned_take", args=[pk, to_come[1].pk])
    assert client.post(take).status_code == 403
    assert PlannedItem.objects.filter(pk=pk, taken_into__isnull=True).exists()
    client.force_login(UserFactory())  # no role
    assert client.get(reverse("meetings:work_programme", args=[body.slug])).status_code == 403
