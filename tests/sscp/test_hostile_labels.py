"""Stored names are text, never markup: a person or an organisation named with HTML goes through
every form that shows stored names (as labels, legends or choices) and the page carries it
escaped. crispy-forms-gds prints labels with ``|safe``; ``templates/gds/`` overrides that."""

import datetime

import pytest
from django.urls import reverse

from marac.models import Report
from meetings import services
from meetings.models import MeetingStatus, Minute
from sscp.models import Organisation
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from tests.marac.conftest import reference, small_marac  # noqa: F401 (fixtures)

IMG = "X<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
RAW = ("<img src=x onerror=alert(1)>", SCRIPT)
ESCAPED = ("X&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;")


def assert_escaped(response):
    assert response.status_code == 200
    page = response.content.decode()
    for raw, escaped in zip(RAW, ESCAPED, strict=True):
        assert raw not in page
        assert escaped in page


@pytest.fixture
def hostile_meeting(officer):
    """A held meeting of a body whose members and organisations carry hostile names, with
    standard minutes, a resolution and an action owned by a hostile person."""
    organisations = [OrganisationFactory(name=IMG), OrganisationFactory(name=SCRIPT)]
    meeting = MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED)
    people = [
        PersonFactory(first_name=IMG, last_name="Able", organisation=organisations[0]),
        PersonFactory(first_name="Bea", last_name=SCRIPT, organisation=organisations[1]),
    ]
    for person, organisation in zip(people, organisations, strict=True):
        MembershipFactory(body=meeting.body, person=person, organisation=organisation)
    AgendaItemFactory(meeting=meeting, title="Arson")
    services.minutes_generate_standard(meeting=meeting, user=officer)
    minute = Minute.objects.filter(meeting=meeting).order_by("number").first()
    services.minute_save(minute=minute, user=officer, expected_version=1, number=minute.number,
                         title=minute.title, text="", parts=["the report be noted"])  # fmt: skip
    part = minute.resolution_parts.get()
    for person in people:
        services.action_add(resolution_part=part, user=officer, description="Report back",
                            owner_person=person)  # fmt: skip
    return meeting, minute


def test_hostile_names_are_escaped_in_every_meetings_form(client, officer, hostile_meeting):
    meeting, minute = hostile_meeting
    draft = MeetingFactory(
        body=meeting.body, date=datetime.date(2018, 12, 13), status=MeetingStatus.DRAFT
    )
    client.force_login(officer)
    pages = {
        "attendance and declarations": reverse("meetings:attendance", args=[meeting.pk]),
        "membership": reverse("meetings:body_members", args=[meeting.body.slug]),
        "agenda item presenter": reverse("meetings:agenda", args=[draft.pk]),
        "action owner": reverse("meetings:minute_edit", args=[minute.pk]),
        "action log filter": reverse("meetings:actions") + "?status=all",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert "<form" in response.content.decode(), name
        assert_escaped(response)


def test_a_hostile_agency_name_is_escaped_in_the_marac_forms(
    client,
    marac_coordinator,
    small_marac,  # noqa: F811
):
    client.force_login(marac_coordinator)
    period = {"start": "2017-04-01", "end": "2018-03-31", "title": "MARAC report 2017/18"}
    assert client.post(reverse("marac:report_list"), period).status_code == 302
    report = Report.objects.get()
    police = client.get(reverse("marac:report_edit", args=[report.pk]))
    agency = police.context["form"].agency_fields
    assert agency, "the report's attendance tables name an agency"
    Organisation.objects.filter(name__in=agency.values()).update(name=SCRIPT)
    OrganisationFactory(name=IMG)
    response = client.get(reverse("marac:report_edit", args=[report.pk]))
    page = response.content.decode()
    assert "Attendance comments: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert SCRIPT not in page
    assert_escaped(client.get(reverse("marac:case_add")))
