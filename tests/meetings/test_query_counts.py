"""The meeting page, the minutes editor and the action log run a fixed number of queries,
however many items, minutes and actions a meeting has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import Action, MeetingStatus, Minute
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _meeting_with(items: int, officer, *, confidential: bool = False):
    """With ``confidential``, every other item is confidential (its minute exempt for some)."""
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    organisation = OrganisationFactory()
    people = [MembershipFactory(body=meeting.body).person for _ in range(3)]
    for n in range(items):
        item = AgendaItemFactory(
            meeting=meeting,
            order=n + 1,
            presenter=people[0],
            is_confidential=confidential and n % 2,
        )
        services.report_save(
            item=item, user=officer, sections=[("Background", "<p>x</p>")], report_to="SSCP",
            meeting_date=meeting.date, subject=f"Report {n}", report_of="Officer",
        )  # fmt: skip
    services.attendance_record(
        meeting=meeting,
        user=officer,
        statuses={people[0].pk: "chair", people[1].pk: "present", people[2].pk: "apologies"},
        also_present=["Guest One"],
    )
    services.minutes_generate_standard(meeting=meeting, user=officer)
    for minute in Minute.objects.filter(meeting=meeting):
        services.minute_save(
            minute=minute, user=officer, expected_version=None, number=minute.number,
            title=minute.title, text="<p>Text</p>", parts=["one", "two"],
        )  # fmt: skip
        part = minute.resolution_parts.get(order=2)
        services.action_add(
            resolution_part=part, user=officer, description="Do it",
            owner_organisation=organisation, owner_person=PersonFactory(),
            due_date=datetime.date(2018, 1, 1),
        )  # fmt: skip
    services.minutes_publish(meeting=meeting, user=officer)
    return meeting


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_name", ["meetings:detail", "meetings:minutes", "meetings:minutes_print"]
)
def test_meeting_pages_do_not_grow_with_items(client, officer, url_name):
    small, large = _meeting_with(2, officer), _meeting_with(12, officer)
    client.force_login(officer)
    assert _count(client, reverse(url_name, args=[small.pk])) == _count(
        client, reverse(url_name, args=[large.pk])
    )


@pytest.mark.parametrize(
    "url_name", ["meetings:detail", "meetings:minutes_print", "meetings:minutes_pdf"]
)
def test_exempt_minutes_cost_no_queries(client, officer, analyst, url_name):
    """Those not entitled to confidential items read their minutes as exempt, at no cost."""
    small, large = _meeting_with(2, officer), _meeting_with(12, officer, confidential=True)
    client.force_login(analyst)
    assert _count(client, reverse(url_name, args=[small.pk])) == _count(
        client, reverse(url_name, args=[large.pk])
    )


def test_the_meeting_page_runs_few_queries(client, officer, django_assert_max_num_queries):
    meeting = _meeting_with(12, officer)
    client.force_login(officer)
    with django_assert_max_num_queries(21):  # the 21st: its supplementary agendas
        client.get(reverse("meetings:detail", args=[meeting.pk]))


def test_the_action_log_does_not_grow_with_actions(client, officer, analyst):
    _meeting_with(2, officer)
    owner = Action.objects.filter(owner_person__isnull=False).first()
    filtered = reverse("meetings:actions") + (
        f"?status=overdue&owner={owner.owner_organisation_id}&person={owner.owner_person_id}"
    )
    client.force_login(officer)
    few, few_filtered = _count(client, reverse("meetings:actions")), _count(client, filtered)
    _meeting_with(12, officer)
    assert _count(client, reverse("meetings:actions")) == few
    assert _count(client, reverse("meetings:actions") + "?status=all") == few
    assert _count(client, filtered) == few_filtered
    client.force_login(analyst)
    few = _count(client, reverse("meetings:actions"))
    _meeting_with(4, officer, confidential=True)
    assert _count(client, reverse("meetings:actions")) == few


def test_the_minute_editor_does_not_grow_with_parts_and_actions(client, officer):
    """One minute's editor: its resolution parts, their actions and owners in fixed queries."""
    meeting = _meeting_with(2, officer)
    small, large = Minute.objects.filter(meeting=meeting, agenda_item__order__in=[1, 2])
    services.minute_save(
        minute=large, user=officer, expected_version=None, number=large.number,
        title=large.title, text="", parts=["one", "two", "three", "four"],
    )  # fmt: skip
    for part in large.resolution_parts.all():
        for n in range(3):
            services.action_add(
                resolution_part=part, user=officer, description=f"Action {n}",
                owner_organisation=OrganisationFactory(), owner_person=PersonFactory(),
            )  # fmt: skip
    client.force_login(officer)
    assert _count(client, reverse("meetings:minute_edit", args=[small.pk])) == _count(
        client, reverse("meetings:minute_edit", args=[large.pk])
    )
