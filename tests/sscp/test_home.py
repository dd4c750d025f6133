"""A home page for each role (issue 11, item 7): the next meeting with its papers and my
actions for everyone; what is due for the officer; the last imports for the analyst; the last
uploads and the report due for the MARAC coordinator. Each panel only for its role."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from assessments.models import Dataset, DatasetImport
from marac.models import MaracImport, Report
from marac.selectors import last_quarter
from meetings import services
from meetings.deadlines import agenda_deadline
from meetings.models import MeetingState, MeetingStatus, Minute
from sscp import roles
from tests.factories import AgendaItemFactory, MeetingFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def _panels(response) -> dict:
    return {
        p["template"].split("/_home_")[1].removesuffix(".html"): p
        for p in response.context["panels"]
    }


def _published_minute_part(officer, date):
    meeting = MeetingFactory(date=date)
    item = AgendaItemFactory(meeting=meeting, title="Youth")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.get(agenda_item=item)
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="<p>Noted.</p>", parts=["the report be noted"])  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    return minute.resolution_parts.get()


def test_a_board_member_sees_the_next_meeting_with_its_pack_and_no_officer_panel(
    client, board_member
):
    MeetingFactory(date=TODAY + 3 * DAY, status=MeetingStatus.DRAFT)  # not theirs to see yet
    published = MeetingFactory(date=TODAY + 10 * DAY, status=MeetingStatus.AGENDA_PUBLISHED)
    response = _home(client, board_member)
    panels = _panels(response)
    assert set(panels) == {"next_meeting", "my_actions"}
    assert panels["next_meeting"]["meeting"] == published
    page = response.content.decode()
    assert reverse("meetings:pack", args=[published.pk]) in page
    assert "Due from the committee officer" not in page and "Agendas to publish" not in page
    assert "Your last imports" not in page and "Your last uploads" not in page


def test_my_actions_are_mine_or_my_organisations_overdue_first(client, officer, board_member):
    organisation = OrganisationFactory()
    PersonFactory(user=board_member, organisation=organisation)
    part = _published_minute_part(officer, TODAY - 60 * DAY)
    add = services.action_add
    later = add(resolution_part=part, user=officer, description="Later",
                owner_organisation=organisation, due_date=TODAY + 30 * DAY)  # fmt: skip
    overdue = add(resolution_part=part, user=officer, description="Late one",
                  owner_organisation=organisation, due_date=TODAY - 5 * DAY)  # fmt: skip
    add(resolution_part=part, user=officer, description="Someone else's",
        owner_organisation=OrganisationFactory(), due_date=TODAY - 9 * DAY)  # fmt: skip
    response = _home(client, board_member)
    assert _panels(response)["my_actions"]["actions"] == [overdue, later]
    page = response.content.decode()
    assert page.index("Late one") < page.index("Later") and "Someone else" not in page
    assert "Overdue" in page


def test_the_officer_sees_agendas_to_publish_with_their_deadline(client, officer):
    soon = MeetingFactory(date=TODAY + 14 * DAY, status=MeetingStatus.DRAFT)
    late = MeetingFactory(date=TODAY + 2 * DAY, status=MeetingStatus.DRAFT)
    MeetingFactory(date=TODAY + 120 * DAY, status=MeetingStatus.DRAFT)  # not due yet
    MeetingFactory(date=TODAY + 15 * DAY, status=MeetingStatus.AGENDA_PUBLISHED)
    called_off = MeetingFactory(date=TODAY + 16 * DAY, status=MeetingStatus.DRAFT)
    called_off.state = MeetingState.CANCELLED
    called_off.save()
    response = _home(client, officer)
    agendas = _panels(response)["officer"]["agendas"]
    assert agendas == [late, soon]
    assert agendas[0].late and not agendas[1].late
    assert agendas[1].deadline == agenda_deadline(soon.date)
    page = response.content.decode()
    assert f"publish by {agenda_deadline(soon.date):%A %-d %B %Y}" in page
    assert "Late" in page


def test_the_officer_sees_minutes_to_draft_publish_confirm_and_meetings_not_closed(client, officer):
    not_held = MeetingFactory(date=TODAY - 40 * DAY, status=MeetingStatus.AGENDA_PUBLISHED)
    to_draft = MeetingFactory(date=TODAY - 30 * DAY, status=MeetingStatus.HELD)
    to_publish = MeetingFactory(date=TODAY - 20 * DAY, status=MeetingStatus.AGENDA_PUBLISHED)
    AgendaItemFactory(meeting=to_publish, title="Youth")
    services.minutes_generate_standard(meeting=to_publish, user=officer)
    to_confirm = _published_minute_part(officer, TODAY - 10 * DAY).minute.meeting
    MeetingFactory(date=TODAY - 50 * DAY, status=MeetingStatus.MINUTES_CONFIRMED)
    panel = _panels(_home(client, officer))["officer"]
    assert panel["to_draft"] == [to_draft]
    assert panel["to_publish"] == [to_publish]
    assert panel["to_confirm"] == [to_confirm]
    assert panel["not_held"] == [not_held]


def test_the_analyst_sees_their_last_imports_only(client, analyst, officer):
    dataset = Dataset.objects.create(name="Police recorded crime")
    mine = DatasetImport.objects.create(dataset=dataset, format="csv", filename="mine.csv",
                                        sha256="a" * 64, imported_by=analyst, rows_accepted=12)  # fmt: skip
    DatasetImport.objects.create(dataset=dataset, format="csv", filename="theirs.csv",
                                 sha256="b" * 64, imported_by=officer)  # fmt: skip
    response = _home(client, analyst)
    panels = _panels(response)
    assert panels["imports"]["imports"] == [mine]
    assert "officer" not in panels and "coordinator" not in panels
    page = response.content.decode()
    assert "mine.csv" in page and "theirs.csv" not in page
    assert "Your last imports" not in _home(client, officer).content.decode()


def test_the_coordinator_sees_their_uploads_and_the_report_due(client, marac_coordinator):
    MaracImport.objects.create(user=marac_coordinator, kind="discussions",
                               filename="q2.csv", sha256="c" * 64, rows=40, succeeded=True)  # fmt: skip
    draft = Report.objects.create(start=datetime.date(2018, 4, 1),
                                  end=datetime.date(2018, 6, 30), title="Quarter 1 2018/19")  # fmt: skip
    response = _home(client, marac_coordinator)
    panel = _panels(response)["coordinator"]
    assert panel["to_issue"] == [draft]
    assert panel["missing"] == last_quarter(TODAY)
    page = response.content.decode()
    assert (
        "q2.csv" in page and "Quarter 1 2018/19" in page and "No report yet for the quarter" in page
    )
    start, end = last_quarter(TODAY)
    Report.objects.create(start=start, end=end, title="Last quarter")
    assert _panels(_home(client, marac_coordinator))["coordinator"]["missing"] is None


def test_a_user_with_several_roles_sees_each_panel(client, officer):
    officer.groups.add(Group.objects.get(name=roles.ANALYST))
    officer.groups.add(Group.objects.get(name=roles.MARAC_COORDINATOR))
    panels = _panels(_home(client, officer))
    assert {"next_meeting", "my_actions", "officer", "imports", "coordinator"} <= set(panels)


def test_the_last_quarter_is_the_one_ended_before_today():
    D = datetime.date
    assert last_quarter(D(2019, 1, 1)) == (D(2018, 10, 1), D(2018, 12, 31))
    assert last_quarter(D(2019, 5, 20)) == (D(2019, 1, 1), D(2019, 3, 31))
    assert last_quarter(D(2019, 7, 1)) == (D(2019, 4, 1), D(2019, 6, 30))


def test_an_account_without_a_person_is_told_why_it_has_no_actions(client, board_member):
    page = _home(client, board_member).content.decode()
    assert "Your account is not linked to a member or partner" in page
    PersonFactory(user=board_member)
    page = _home(client, board_member).content.decode()
    assert "No open actions are owned by you or your organisation." in page
