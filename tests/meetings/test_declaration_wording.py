"""Declarations and resolutions read well whatever the officer typed."""

import pytest

from meetings import wording


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("Trustee of Sefton CVS", "as a Trustee of Sefton CVS"),
        ("Trustee of Sefton CVS.", "as a Trustee of Sefton CVS"),
        ("because she is a trustee of Sefton CVS", "because she is a trustee of Sefton CVS"),
        ("Because she is a trustee of Sefton CVS.", "because she is a trustee of Sefton CVS"),
        ("as a trustee of Sefton CVS..", "as a trustee of Sefton CVS"),
        ("As a trustee of Sefton CVS", "as a trustee of Sefton CVS"),
        ("She is a Trustee of Sefton CVS", "because she is a Trustee of Sefton CVS"),
        ("Her husband works for Sefton CVS", "because her husband works for Sefton CVS"),
        ("Sefton CVS employs her son", "because Sefton CVS employs her son"),
        ("a governor of Linacre Primary School", "as a governor of Linacre Primary School"),
        ("Employed by Sefton Council", "being employed by Sefton Council"),
        ("Owner of a shop on Stanley Road", "as an Owner of a shop on Stanley Road"),
        ("  Trustee   of Sefton CVS ;", "as a Trustee of Sefton CVS"),
        (" . ", ""),
    ],
)
def test_the_nature_of_an_interest_reads_as_the_end_of_the_sentence(typed, reads):
    assert wording.interest_reason(typed) == reads


def test_a_typed_role_is_not_minuted_as_because_role():
    sentence = wording.declaration_sentence(
        name="Councillor Ann Thomas",
        kind_label="Personal interest",
        minute_number=12,
        item_title="Community Grants",
        nature="Trustee of Sefton CVS.",
        withdrew=False,
    )
    assert sentence == (
        "Councillor Ann Thomas declared a personal interest in Minute No. 12 (Community Grants) "
        "as a Trustee of Sefton CVS."
    )
    assert "because Trustee" not in sentence and ".." not in sentence


def test_a_declaration_without_a_nature_ends_after_the_item():
    assert wording.declaration_sentence(
        name="Jenny Currie",
        kind_label="Disclosable pecuniary interest",
        minute_number=3,
        item_title="Arson",
        nature="",
        withdrew=True,
    ) == (
        "Jenny Currie declared a disclosable pecuniary interest in Minute No. 3 (Arson) and left "
        "the room during its consideration, taking no part in the decision."
    )


@pytest.mark.parametrize("ending", ["; and", " and", ";", ".", "; and.", ",and", ";  AND "])
def test_a_part_typed_with_the_joining_words_is_not_doubled(ending):
    lines = wording.resolution_lines(
        [f"the report be noted{ending}", f"the plan be agreed{ending}", "officers be thanked"]
    )
    assert lines == [
        "RESOLVED: That:-",
        "(1) the report be noted;",
        "(2) the plan be agreed; and",
        "(3) officers be thanked.",
    ]


def test_a_part_ending_in_a_word_with_and_in_it_keeps_it():
    assert wording.resolution_lines(["the grant go to Sefton Band"]) == [
        "RESOLVED:",
        "That the grant go to Sefton Band.",
    ]
