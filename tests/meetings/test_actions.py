"""Actions: when they are overdue, who may own them, correcting and progressing them, and
the action log as CSV and print."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.forms import ActionForm
from meetings.models import ActionStatus, Change, MeetingStatus, Minute, Rag
from meetings.selectors import action_log, agenda_action_log
from sscp.models import AgencyGroup
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
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
        reverse("meetings:minute_action", args=[part.minute.pk]),
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


# --- 3. Correcting and removing an action ------------------------------------------------------


def _confirm(officer, meeting):
    """Publish the minutes, hold the next meeting and confirm them there (locks them)."""
    services.minutes_publish(meeting=meeting, user=officer)
    following = services.meeting_create(
        body=meeting.body, date=meeting.date + datetime.timedelta(days=91),
        start_time=meeting.start_time, venue=meeting.venue, user=officer,
    )  # fmt: skip
    services.attendance_record(meeting=following, user=officer, statuses={}, also_present=[])
    services.minutes_generate_standard(meeting=following, user=officer)
    services.minutes_confirm(meeting=meeting, user=officer)


def _form(action, **overrides):
    data = {"description": action.description, "owner_organisation": action.owner_organisation_id,
            "owner_person": "", "status": action.status, "rag": action.rag,
            "progress_note": action.progress_note}  # fmt: skip
    if action.due_date:
        data |= {"due_date_0": action.due_date.day, "due_date_1": action.due_date.month,
                 "due_date_2": action.due_date.year}  # fmt: skip
    return data | overrides


def test_the_officer_corrects_an_actions_wording_owner_and_due_date(client, officer):
    part = _part(officer)
    police, council = OrganisationFactory(name="Merseyside Police"), OrganisationFactory()
    for organisation in (police, council):
        MembershipFactory(body=part.minute.meeting.body, organisation=organisation)
    action = _add(officer, part, "Circlate dates", (2018, 7, 1), owner_organisation=police)
    client.force_login(officer)
    url = reverse("meetings:action_edit", args=[action.pk])
    response = client.post(url, _form(action, description="Circulate dates",
                                      owner_organisation=council.pk, due_date_1=8))  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.owner_organisation, action.due_date) == (
        "Circulate dates",
        council,
        datetime.date(2018, 8, 1),
    )
    change = Change.objects.filter(object_type="action").first()
    assert change.summary == "Action corrected"
    assert change.before["description"] == "Circlate dates"
    assert change.after["owner_organisation"] == str(council)


def test_an_action_needs_an_owner_when_corrected(client, officer):
    part = _part(officer)
    action = _add(officer, part, "Circulate dates", None)
    client.force_login(officer)
    response = client.post(reverse("meetings:action_edit", args=[action.pk]),
                           _form(action, owner_organisation=""))  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["owner_organisation"] == ["Choose who owns the action."]


def test_the_officer_removes_an_action_after_a_confirmation_page(client, officer, board_member):
    part = _part(officer)
    action = _add(officer, part, "Given in error", (2018, 7, 1))
    url = reverse("meetings:action_remove", args=[action.pk])
    client.force_login(board_member)
    assert client.post(url).status_code == 403
    client.force_login(officer)
    page = client.get(url)
    assert "Remove the action “Given in error”?" in page.content.decode()
    assert part.actions.exists()  # a GET removes nothing
    assert client.post(url).status_code == 302
    assert not part.actions.exists()
    change = Change.objects.get(summary__startswith="Action removed")
    assert change.before["description"] == "Given in error"
    assert change.meeting == part.minute.meeting


def test_after_confirmation_only_status_and_progress_change(client, officer):
    part = _part(officer)
    action = _add(officer, part, "Circulate dates", (2018, 7, 1))
    _confirm(officer, part.minute.meeting)
    with pytest.raises(ValidationError) as refusal:
        services.action_update(action=action, user=officer, description="Reworded")
    assert "Only the action's status, RAG and progress can change" in str(refusal.value)
    with pytest.raises(ValidationError):
        services.action_remove(action=action, user=officer)
    client.force_login(officer)
    url = reverse("meetings:action_edit", args=[action.pk])
    page = client.get(url)
    assert "description" not in page.context["form"].fields
    assert "Remove this action" not in page.content.decode()
    assert "the action stands as agreed" in page.content.decode()
    response = client.post(url, {"description": "Reworded", "status": "done", "rag": "green",
                                 "progress_note": "Sent on 2 July."})  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.status, action.progress_note) == (
        "Circulate dates",
        "done",
        "Sent on 2 July.",
    )
    removal = client.post(reverse("meetings:action_remove", args=[action.pk]))
    assert "can no longer be changed" in removal.content.decode()
    assert part.actions.filter(pk=action.pk).exists()


# --- 4. Owners record their own actions' progress ----------------------------------------------


def test_an_owner_records_progress_on_their_own_actions_only(client, officer, board_member):
    part = _part(officer)
    police, council = OrganisationFactory(name="Merseyside Police"), OrganisationFactory()
    inspector = PersonFactory(user=board_member, organisation=police)
    for_police = _add(officer, part, "Patrol plan", None, owner_organisation=police)
    for_inspector = _add(officer, part, "Knife arches", None, owner_person=inspector,
                         owner_organisation=None)  # fmt: skip
    for_council = _add(officer, part, "Street lights", None, owner_organisation=council)
    client.force_login(board_member)
    progress = {"status": "in_progress", "rag": "amber", "progress_note": "Under way."}
    edit = lambda action: reverse("meetings:action_edit", args=[action.pk])  # noqa: E731
    # Not while the minutes are an officer's draft.
    assert client.post(edit(for_police), progress).status_code == 403
    services.minutes_publish(meeting=part.minute.meeting, user=officer)
    log = client.get(reverse("meetings:actions"), {"status": "all"})
    updatable = {a.description for a in log.context["actions"] if a.can_update}
    assert updatable == {"Patrol plan", "Knife arches"}
    page = client.get(edit(for_police))
    assert page.status_code == 200
    assert "description" not in page.context["form"].fields  # progress only
    assert "Remove this action" not in page.content.decode()
    for action in (for_police, for_inspector):
        posted = progress | {"description": "Reworded"}
        assert client.post(edit(action), posted).status_code == 302
        action.refresh_from_db()
        assert (action.description, action.status, action.progress_note) == (
            action.description,
            "in_progress",
            "Under way.",
        )
        assert action.description != "Reworded"
    assert client.get(edit(for_council)).status_code == 403
    assert client.post(edit(for_council), progress).status_code == 403
    for_council.refresh_from_db()
    assert for_council.status == ActionStatus.OPEN
    assert client.post(reverse("meetings:action_remove", args=[for_police.pk])).status_code == 403


def test_a_user_with_no_person_owns_no_action(client, officer, analyst):
    part = _part(officer)
    action = _add(officer, part, "Patrol plan", None)
    services.minutes_publish(meeting=part.minute.meeting, user=officer)
    client.force_login(analyst)
    response = client.post(reverse("meetings:action_edit", args=[action.pk]), {"status": "done"})
    assert response.status_code == 403


# --- 5. The action log as CSV and print ----------------------------------------------------------


def test_the_action_log_downloads_as_csv_with_formulas_neutralised(client, officer):
    part = _part(officer)
    police = OrganisationFactory(name="Merseyside Police")
    _add(officer, part, '=HYPERLINK("http://x")', (2018, 7, 1), owner_organisation=police)
    _add(officer, part, "Street lights", (2030, 1, 1), owner_organisation=OrganisationFactory())
    url = reverse("meetings:actions_csv")
    client.force_login(officer)
    response = client.get(url, {"owner": police.pk, "status": ""})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Action", "Minute", "Meeting date"]
    assert len(rows) == 2  # the page's filter: the police's actions only
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][4] == "Merseyside Police" and rows[1][6] == "2018-07-01"
    assert rows[1][7] == "Yes"
    client.force_login(UserFactory())  # no role
    assert client.get(url).status_code == 403
    assert client.get(reverse("meetings:actions_print")).status_code == 403


def test_the_action_log_prints(client, officer):
    part = _part(officer)
    _add(officer, part, "Street lights", (2018, 7, 1))
    client.force_login(officer)
    log = client.get(reverse("meetings:actions"), {"status": "all"}).content.decode()
    assert 'href="/meetings/actions/print/?status=all"' in log
    page = client.get(reverse("meetings:actions_print"), {"status": "all"}).content.decode()
    assert "Action log as at" in page and "Street lights" in page
    assert "Update" not in page and 'class="app-print"' in page
