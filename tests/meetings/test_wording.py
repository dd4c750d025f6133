"""The set phrases of agendas and minutes, exactly as the seed documents have them."""

import datetime
from types import SimpleNamespace

from meetings import wording


def person(title, first, last):
    return SimpleNamespace(title=title, first_name=first, last_name=last)


SEED_MEMBERS = [
    person("Councillor", "Ian", "Hardy"),
    person("Councillor", "Simon", "Shaw"),
    person("Councillor", "Ann", "Thomas"),
    person("Superintendent", "Matt", "Boyle"),
    person("", "Jenny", "Currie"),
    person("", "Neil", "Frackleton"),
    person("", "Rosie", "Goodwin"),
    person("", "Tony", "Harland"),
    person("", "Sue", "Holden"),
    person("", "Janet", "Marlow"),
    person("", "Brendan", "Prescott"),
    person("", "Linda", "Turner"),
    person("", "Andrea", "Watts"),
    person("", "Ian", "Willman"),
]


def test_it_writes_the_membership_sentence_of_the_seed_agenda():
    assert wording.membership_sentence(reversed(SEED_MEMBERS)) == (
        "Councillors Hardy, Shaw, Thomas, Superintendent Matt Boyle, Jenny Currie, "
        "Neil Frackleton, Rosie Goodwin, Tony Harland, Sue Holden, Janet Marlow, "
        "Brendan Prescott, Linda Turner, Andrea Watts and Ian Willman"
    )


def test_it_writes_one_councillor_in_the_singular():
    assert wording.membership_sentence([SEED_MEMBERS[0], SEED_MEMBERS[4]]) == (
        "Councillor Hardy and Jenny Currie"
    )


def test_it_dates_the_agenda_and_minutes_like_the_seeds():
    day = datetime.date(2018, 9, 13)
    assert wording.agenda_date(day) == "Thursday 13th September, 2018"
    assert wording.minutes_date(datetime.date(2018, 6, 14)) == "THURSDAY 14TH JUNE, 2018"
    assert wording.agenda_date(datetime.date(2018, 11, 1)) == "Thursday 1st November, 2018"
    assert wording.agenda_date(datetime.date(2018, 11, 22)) == "Thursday 22nd November, 2018"
    assert wording.agenda_date(datetime.date(2018, 10, 11)) == "Thursday 11th October, 2018"
    assert wording.clock(datetime.time(10, 0)) == "10.00 am"
    assert wording.clock(datetime.time(14, 30), dotted=True) == "2.30 p.m."


def test_it_writes_the_standard_item_texts():
    assert wording.previous_minutes_description(datetime.date(2018, 6, 14)) == (
        "Minutes of the meeting held on 14 June 2018."
    )
    assert wording.next_meeting_description(
        datetime.date(2018, 12, 13), datetime.time(11), "Town Hall, Bootle"
    ) == (
        "The next meeting will be held on Thursday, 13 December 2018, at Town Hall, Bootle, "
        "commencing at 11.00 a.m."
    )
    assert wording.DECLARATIONS_STANDING_TEXT[0].startswith("Members are requested at a meeting")


def test_it_writes_present_with_the_chair_first():
    chair, *others = [SEED_MEMBERS[i] for i in (0, 1, 2, 3, 4, 5, 7, 12, 13)]
    assert wording.present_paragraph(chair, others) == [
        "Councillor Hardy (in the Chair)",
        "Councillors Shaw and Thomas, Superintendent Matt Boyle, Jenny Currie, Neil Frackleton, "
        "Tony Harland, Andrea Watts and Ian Willman",
    ]


def test_it_writes_apologies_and_no_declarations():
    absent = [SEED_MEMBERS[i] for i in (6, 8, 10, 11)]
    assert wording.apologies_sentence(absent) == (
        "Apologies for absence were received from Rosie Goodwin, Sue Holden, Brendan Prescott "
        "and Linda Turner."
    )
    assert wording.apologies_sentence([]) == "No apologies for absence were received."
    assert wording.NO_DECLARATIONS == (
        "No declarations of any disclosable pecuniary interests or personal interests were "
        "received."
    )


def test_a_single_resolution_reads_resolved_that():
    assert wording.resolution_lines(
        [wording.previous_minutes_resolution(datetime.date(2018, 6, 14))]
    ) == [
        "RESOLVED:",
        "That the Minutes of the meeting held on 14 June 2018 be confirmed as a correct record.",
    ]


def test_several_parts_are_numbered_with_and_before_the_last():
    assert wording.resolution_lines(
        [
            "the contents of the presentation be noted",
            "the content of the SSNA be agreed;",
            "those involved be thanked.",
        ]
    ) == [
        "RESOLVED: That:-",
        "(1) the contents of the presentation be noted;",
        "(2) the content of the SSNA be agreed; and",
        "(3) those involved be thanked.",
    ]
    assert wording.resolution_lines(["", " "]) == []


def test_the_next_meeting_resolution_names_the_place():
    part = wording.next_meeting_resolution(
        datetime.date(2018, 12, 13), datetime.time(11), "Town Hall, Bootle"
    )
    assert wording.resolution_lines([part])[1] == (
        "That the next meeting be held on Thursday, 13 December 2018 at the Town Hall, Bootle, "
        "commencing at 11.00 a.m."
    )
