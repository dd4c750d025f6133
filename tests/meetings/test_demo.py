"""The demo's 2018 meetings: their minutes are numbered and laid out like the seed documents."""

import io

import pytest
from django.core.management import call_command

from meetings.documents import minutes_document
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Change,
    Meeting,
    MeetingStatus,
    Minute,
    Report,
    ResolutionPart,
)


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


def _meeting(month):
    return Meeting.objects.get(date__month=month)


def _counts():
    return [
        model.objects.count()
        for model in (AgendaItem, Minute, ResolutionPart, Action, Attendance, Report, Change)
    ]


def test_june_minutes_are_1_to_12_with_the_seed_structure(seeded):
    doc = minutes_document(_meeting(6), entitled=True)
    assert [m.number for m in doc["minutes"]] == list(range(1, 13))
    assert doc["held_at"] == (
        "MEETING HELD AT THE COMMITTEE ROOM - BOOTLE TOWN HALL, TRINITY ROAD, BOOTLE, L20 7AE"
    )
    assert doc["date"] == "ON THURSDAY 14TH JUNE, 2018"
    assert doc["present"] == [
        "Councillor Hartwell (in the Chair)",
        "Councillors Shelby and Thorne, Superintendent Mark Bolland, Joanne Cullen, "
        "Nigel Fairbrother, Tom Harrower, Ian Wardley and Andrea Whitfield",
    ]
    assert doc["also_present"].startswith("Councillor Peter Kenyon, Helen Ashworth")
    titles = [m.title for m in doc["minutes"]]
    assert titles[:3] == [
        "APOLOGIES FOR ABSENCE",
        "DECLARATIONS OF INTEREST",
        "MINUTES OF PREVIOUS MEETING",
    ]
    assert titles[10:] == ["DATE OF NEXT MEETING", "DOMESTIC VIOLENCE AND THE WORLD CUP"]
    by_number = {m.number: m for m in doc["minutes"]}
    assert by_number[1].html == (
        "<p>Apologies for absence were received from Rachel Goodall, Susan Holbrook, "
        "Brendan Priestley and Linda Tranter.</p>"
    )
    assert by_number[2].html == (
        "<p>No declarations of any disclosable pecuniary interests or personal interests were "
        "received.</p>"
    )
    assert by_number[3].resolution == [
        "RESOLVED:",
        "That the Minutes of the meeting held on 11 December 2017 be confirmed as a correct record.",
    ]
    assert by_number[4].resolution[0] == "RESOLVED: That:-"
    assert by_number[4].resolution[1].startswith("(1) ") and by_number[4].resolution[1].endswith(
        "; and"
    )
    assert by_number[4].resolution[2].startswith("(2) ")
    assert by_number[11].resolution == [
        "RESOLVED:",
        "That the next meeting be held on Thursday, 13 September 2018 at the Town Hall, Bootle, "
        "commencing at 10.00 a.m.",
    ]
    assert by_number[12].resolution == []


def test_september_minutes_are_13_to_21_and_cite_june(seeded):
    doc = minutes_document(_meeting(9), entitled=True)
    assert [m.number for m in doc["minutes"]] == list(range(13, 22))
    assert doc["present"] == [
        "Councillor Hartwell (in the Chair)",
        "Councillor Thorne, Nigel Fairbrother and Ian Wardley",
    ]
    by_number = {m.number: m for m in doc["minutes"]}
    assert by_number[13].html.startswith(
        "<p>Apologies for absence were received from Councillor Maureen Shelby, "
        "Superintendent Mark Bolland"
    )
    assert by_number[15].resolution[1] == (
        "That the Minutes of the meeting held on 14 June 2018 be confirmed as a correct record."
    )
    assert by_number[18].citation == "Further to Minute No. 8 of the meeting held on 14 June 2018"
    assert [line[:4] for line in by_number[18].resolution] == [
        "RESO", "(1) ", "(2) ", "(3) ", "(4) "
    ]  # fmt: skip
    assert (
        by_number[21]
        .resolution[1]
        .startswith("That the next meeting be held on Thursday, 13 December 2018")
    )


def test_the_demo_has_the_forward_plan_an_action_log_and_a_published_december(seeded):
    september_ssna = AgendaItem.objects.get(
        meeting__date__month=9, title="Sefton Strategic Needs Assessment 2018/19"
    )
    assert september_ssna.requested_by.number == 8
    assert Action.objects.count() >= 4
    december = _meeting(12)
    assert december.status == MeetingStatus.AGENDA_PUBLISHED
    assert not december.minutes.exists()
    assert december.items.count() == 9
    assert december.items.get(order=9).description.startswith(
        "The next meeting will be held on Thursday, 14 March 2019"
    )
    assert _meeting(6).status == MeetingStatus.MINUTES_CONFIRMED
    assert _meeting(9).status == MeetingStatus.MINUTES_DRAFTED
    assert Report.objects.filter(subject__contains="Domestic and Sexual Abuse").exists()


def test_june_is_confirmed_through_september_minute_15_as_an_officer_would(seeded):
    june, september = _meeting(6), _meeting(9)
    confirmed = Change.objects.filter(meeting=june, summary__startswith="Minutes confirmed")
    assert [c.summary for c in confirmed] == [
        "Minutes confirmed at the meeting of 13 September 2018 (Minute No. 15)"
    ]
    # The draft was published first, then confirmed: the history reads in that order.
    summaries = list(june.changes.order_by("pk").values_list("summary", flat=True))
    assert summaries.index("Draft minutes published") < summaries.index(confirmed[0].summary)
    assert september.changes.filter(
        summary="Minute 15 “MINUTES OF PREVIOUS MEETING”: confirmation recorded"
    ).exists()


def test_loading_the_demo_twice_changes_nothing(seeded):
    before = _counts()
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    assert _counts() == before


def test_december_has_supplementary_agenda_1_published_with_its_late_paper(seeded):
    december = _meeting(12)
    supplement = december.supplements.get()
    assert supplement.number == 1 and supplement.published_at is not None
    assert supplement.papers.count() == 1
    assert december.items.get(title="Integrated Youth Service").paper_to_follow
