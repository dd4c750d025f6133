"""Actions: when they are overdue, who may own them, correcting and progressing them, and
the action log as CSV and print."""

import datetime

import pytest
from django.urls import reverse

from meetings import services
from meetings.forms import ActionForm
from meetings.models import ActionStatus, MeetingStatus, Minute, Rag
from meetings.selectors import action_log, agenda_action_log
from sscp.models import AgencyGroup
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
SEPT = datetime.date(2018, 9, 13)


def _part(officer, date=SEPT):
    """A resolution part of a held meeting's minute, for actions to hang on."""
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED, date=date)
    item = AgendaItemFactory(meeting=meeting, title="Youth")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="", parts=["the report be noted"])  # fmt: skip
    return minute.resolution_parts.get()


def _add(officer, part, description, due, **fields):
    fields.setdefault("owner_organisation", OrganisationFactory())
    return services.action_add(resolution_part=part, user=officer, description=description,
                               due_date=due and datetime.date(*due), **fields)  # fmt: skip


# --- 1. Overdue from the due date and status ---------------------------------------------------


def test_overdue_means_due_before_today_and_not_complete(officer):
    part = _part(officer)
    _add(officer, part, "Late and open", (2018, 7, 1))
    _add(officer, part, "Late, in progress", (2018, 7, 2), status=ActionStatus.IN_PROGRESS)
    _add(officer, part, "Late but Green", (2018, 7, 3), rag=Rag.GREEN)
    _add(officer, part, "Late but done", (2018, 7, 4), status=ActionStatus.DONE)
    _add(officer, part, "Late but cancelled", (2018, 7, 5), status=ActionStatus.CANCELLED)
    _add(officer, part, "Due today", (2018, 9, 1), rag=Rag.RED)
    _add(officer, part, "Not yet due", (2018, 12, 1), rag=Rag.AMBER)
    _add(officer, part, "No due date", None)
    log = action_log(user=officer, status="all", today=datetime.date(2018, 9, 1))
    assert {a.description: a.is_overdue for a in log} == {
        "Late and open": True,
        "Late, in progress": True,
        "Late but Green": False,
        "Late but done": False,
        "Late but cancelled": False,
        "Due today": False,
        "Not yet due": False,
        "No due date": False,
    }
    overdue = action_log(user=officer, status="overdue", today=datetime.date(2018, 9, 1))
    assert [a.description for a in overdue] == ["Late and open", "Late, in progress"]


def test_an_agenda_action_log_is_overdue_as_at_its_meeting(officer):
    part = _part(officer, date=datetime.date(2018, 6, 14))
    _add(officer, part, "Due before September", (2018, 9, 1))
    _add(officer, part, "Due after September", (2018, 10, 1))
    _add(officer, part, "Green before September", (2018, 8, 1), rag=Rag.GREEN)
    services.minutes_publish(meeting=part.minute.meeting, user=officer)
    september = MeetingFactory(body=part.minute.meeting.body, date=SEPT)
    listed = agenda_action_log(september, entitled=True)
    assert [(a.description, a.is_overdue) for a in listed] == [
        ("Green before September", False),
        ("Due before September", True),
        ("Due after September", False),
    ]


# --- 2. Owners are the partnership's organisations ---------------------------------------------


def _offered(part):
    form = ActionForm(minute=part.minute)
    return [o.name for o in form.fields["owner_organisation"].queryset]


def test_an_action_is_offered_the_organisations_represented_on_the_body(officer):
    part = _part(officer)
    body = part.minute.meeting.body
    police = OrganisationFactory(name="Merseyside Police", group=AgencyGroup.POLICE)
    council = OrganisationFactory(name="Sefton Council", group=AgencyGroup.COUNCIL)
    gone = OrganisationFactory(name="Left in 2017")
    OrganisationFactory(name="Seaforth FC", group=AgencyGroup.VOLUNTARY)
    OrganisationFactory(name="Wirral MARAC", group=AgencyGroup.MARAC)
    MembershipFactory(body=body, organisation=police)  # represents the police
    MembershipFactory(body=body, person=PersonFactory(organisation=council))  # a councillor
    MembershipFactory(body=body, organisation=gone, start_date=datetime.date(2016, 6, 1),
                      end_date=datetime.date(2017, 5, 31))  # fmt: skip
    MembershipFactory(organisation=OrganisationFactory(name="Another board's agency"))
    assert _offered(part) == ["Merseyside Police", "Sefton Council"]


def test_a_body_without_members_offers_every_organisation_but_other_maracs(officer):
    part = _part(officer)
    OrganisationFactory(name="Sefton Council", group=AgencyGroup.COUNCIL)
    OrganisationFactory(name="Wirral MARAC", group=AgencyGroup.MARAC)
    assert _offered(part) == ["Sefton Council"]


def test_an_action_for_an_organisation_outside_the_partnership_is_refused(client, officer):
    part = _part(officer)
    MembershipFactory(body=part.minute.meeting.body, organisation=OrganisationFactory())
    club = OrganisationFactory(name="Seaforth FC", group=AgencyGroup.VOLUNTARY)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:minute_edit", args=[part.minute.pk]),
        {"resolution_part": part.pk, "description": "Run a summer league",
         "owner_organisation": club.pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        "Select a valid choice" in response.context["action_form"].errors["owner_organisation"][0]
    )
    assert not part.actions.exists()


def test_the_action_log_filter_offers_organisations_with_actions(client, officer):
    part = _part(officer)
    police = OrganisationFactory(name="Merseyside Police")
    OrganisationFactory(name="Seaforth FC")
    _add(officer, part, "Patrol plan", None, owner_organisation=police)
    client.force_login(officer)
    form = client.get(reverse("meetings:actions")).context["form"]
    assert [o.name for o in form.fields["owner"].queryset] == ["Merseyside Police"]
