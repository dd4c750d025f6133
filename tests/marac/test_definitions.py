"""Definition versions: each section's figures print the definition(s) in force for the
report's period, so an old report keeps the wording it was produced under."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from marac.definitions import BY_KEY, DEFINITIONS, versions_for_period
from marac.models import DefinitionVersion, Report
from marac.report import SECTIONS

D = datetime.date
OLD = "A repeat is any further incident within 12 months (old wording)."
NEW = "A repeat is a case referred again within 12 months of its last referral (new wording)."


def _version(key, text, start, end=None, version="1"):
    return {
        "key": key,
        "text": text,
        "version": version,
        "source": "SafeLives",
        "valid_from": start,
        "valid_to": end,
    }


REPEAT_VERSIONS = [
    _version("repeat", NEW, D(2018, 1, 1), version="2"),
    _version("repeat", OLD, D(2010, 1, 1), D(2017, 12, 31)),
]


def test_every_section_of_the_report_has_a_governing_definition():
    sections = {definition.section for definition in DEFINITIONS}
    assert sections == {key for key, _ in SECTIONS}


def test_without_recorded_versions_each_definition_prints_the_rules_the_figures_follow():
    applied = versions_for_period([], D(2017, 4, 1), D(2018, 3, 31))
    [[repeat]] = applied["repeat"]
    assert not repeat.recorded
    assert repeat.text == BY_KEY["repeat"].text
    assert "12 calendar months" in repeat.text
    assert [v[0].key for v in applied["timeliness"]] == ["working_days"]


@pytest.mark.parametrize(
    ("start", "end", "texts"),
    [
        (D(2016, 4, 1), D(2017, 3, 31), [OLD]),
        (D(2017, 4, 1), D(2018, 3, 31), [OLD, NEW]),  # reworded during the period
        (D(2018, 4, 1), D(2019, 3, 31), [NEW]),
        (D(2017, 12, 31), D(2017, 12, 31), [OLD]),
        (D(2018, 1, 1), D(2018, 1, 1), [NEW]),
    ],
)
def test_the_versions_in_force_during_the_period_apply(start, end, texts):
    applied = versions_for_period(REPEAT_VERSIONS, start, end)
    [versions] = applied["repeat"]
    assert [v.text for v in versions] == texts
    # Other definitions are untouched by the repeat versions.
    assert not applied["actions"][0][0].recorded


def test_versions_of_unknown_definitions_are_ignored():
    applied = versions_for_period(
        [_version("gone", "x", D(2010, 1, 1))], D(2017, 1, 1), D(2017, 2, 1)
    )
    assert all(not v.recorded for groups in applied.values() for group in groups for v in group)


@pytest.mark.django_db
def test_a_version_cannot_end_before_it_starts():
    """Refused by the form's check with the reason, and by the database's own constraint."""
    backwards = DefinitionVersion(
        key="repeat", text="x", source="SafeLives", valid_from=D(2018, 1, 1), valid_to=D(2017, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        backwards.full_clean()
    assert refused.value.message_dict["valid_to"] == ["The version cannot end before it starts."]
    with pytest.raises(IntegrityError, match="definition_version_dates"), transaction.atomic():
        backwards.save()
    assert not DefinitionVersion.objects.exists()


def _report_page(client, start, end, variant="restricted"):
    report = Report.objects.create(start=start, end=end, title=f"MARAC {start}")
    url = reverse("marac:report_detail", kwargs={"pk": report.pk, "variant": variant})
    return report, client.get(url).content.decode()


def test_the_report_prints_which_version_applied_for_its_period(
    client, small_marac, marac_coordinator
):
    for row in REPEAT_VERSIONS:
        DefinitionVersion.objects.create(**row)
    client.force_login(marac_coordinator)
    _, year = _report_page(client, D(2017, 4, 1), D(2018, 3, 31))
    assert (
        "Repeat and returning cases</strong>, changed during the period. Each case is counted under the version in force on the date of its meeting"
        in year
    )
    assert "version 1, in force from 1 January 2010 to 31 December 2017; SafeLives" in year
    assert f"version 2, in force from 1 January 2018; SafeLives: {NEW}" in year
    # An earlier quarter keeps the wording it was produced under.
    _, quarter = _report_page(client, D(2017, 4, 1), D(2017, 6, 30))
    assert OLD in quarter and NEW not in quarter
    # Definitions without a recorded version print the rules the figures follow.
    assert "Action timeliness</strong> (the rules these figures follow; no version" in quarter
    assert escape(BY_KEY["working_days"].text) in quarter
    assert escape(BY_KEY["swaca_engagement"].text) in quarter


def test_the_pdf_prints_the_definitions_too(client, small_marac, marac_coordinator):
    DefinitionVersion.objects.create(**REPEAT_VERSIONS[1])
    client.force_login(marac_coordinator)
    report, _ = _report_page(client, D(2017, 4, 1), D(2017, 6, 30))
    response = client.get(
        reverse("marac:report_pdf", kwargs={"pk": report.pk, "variant": "restricted"})
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", " ")
    assert "old wording" in text
    assert "Definition: Action timeliness" in text


# -- parameters: the figures follow the version in force on each meeting date ----------------

SEVEN_MONTHS_APART = (
    b"meeting_date,victim_ref,referring_agency,referral_basis\n"
    b"2016-06-02,V-1,Police,visible_high_risk\n2017-01-12,V-1,Police,visible_high_risk\n"
    b"2017-06-01,V-2,Police,visible_high_risk\n2018-01-11,V-2,Police,visible_high_risk\n"
)
FIRST_YEAR = (D(2016, 4, 1), D(2017, 3, 31))
SECOND_YEAR = (D(2017, 4, 1), D(2018, 3, 31))


def _saved(**fields):
    version = DefinitionVersion(**{"version": "1", "text": "x", **fields})
    version.full_clean()
    version.save()
    return version


def test_a_new_version_changes_the_figures_of_its_dates_only(reference):
    from marac import selectors
    from marac.exports import safelives_rows
    from marac.imports import import_marac

    assert import_marac("discussions", SEVEN_MONTHS_APART).ok
    first = _saved(key="repeat", parameter=12, valid_from=D(2010, 1, 1))
    old_year = selectors.figures_for_period(*FIRST_YEAR)
    assert old_year["repeat"] == 1
    assert selectors.figures_for_period(*SECOND_YEAR)["repeat"] == 1

    first.valid_to = D(2017, 9, 30)
    first.full_clean()
    first.save()
    _saved(key="repeat", version="2", parameter=6, valid_from=D(2017, 10, 1))

    assert selectors.figures_for_period(*FIRST_YEAR) == old_year
    new_year = selectors.figures_for_period(*SECOND_YEAR)
    assert (new_year["repeat"], new_year["returning_same_perpetrator"]) == (0, 1)
    # The coordinator's per-meeting table and the SafeLives return follow the same versions.
    per_meeting = selectors.categories_per_meeting(*SECOND_YEAR)
    assert [row["returning_same_perpetrator"] for row in per_meeting] == [0, 1]
    _, rows = safelives_rows(*SECOND_YEAR)
    assert [row[2] for row in rows] == [0, 0]  # "Repeat cases"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"key": "repeat", "parameter": 6, "valid_from": D(2017, 10, 1)},
            "valid_from",
            "These dates overlap Repeat and returning cases version 1, in force from 1 January "
            "2010 with no end date: versions of a definition cannot overlap.",
        ),
        (
            {
                "key": "repeat",
                "parameter": 6,
                "valid_from": D(2009, 1, 1),
                "valid_to": D(2010, 1, 1),
            },
            "valid_from",
            "These dates overlap",
        ),
        (
            {"key": "repeat", "valid_from": D(2000, 1, 1), "valid_to": D(2000, 12, 31)},
            "parameter",
            "Give the monitoring period (calendar months, 1 to 24).",
        ),
        (
            {
                "key": "repeat",
                "parameter": 36,
                "valid_from": D(2000, 1, 1),
                "valid_to": D(2000, 12, 31),
            },
            "parameter",
            "The monitoring period must be from 1 to 24 calendar months; 36 is outside.",
        ),
        (
            {"key": "action_timeliness", "parameter": 0, "valid_from": D(2000, 1, 1)},
            "parameter",
            "The timescale must be from 1 to 20 working days; 0 is outside.",
        ),
        (
            {"key": "children", "parameter": 3, "valid_from": D(2000, 1, 1)},
            "parameter",
            "Children and pregnancies has no parameter: leave it blank.",
        ),
        (
            {"key": "children", "valid_from": D(2018, 1, 1), "valid_to": D(2017, 1, 1)},
            "valid_to",
            "The version cannot end before it starts.",
        ),
    ],
)
def test_a_version_that_overlaps_or_has_a_wrong_parameter_is_refused(fields, field, message):
    _saved(key="repeat", parameter=12, valid_from=D(2010, 1, 1))
    with pytest.raises(ValidationError) as refused:
        _saved(**fields)
    assert any(message in text for text in refused.value.message_dict[field])


@pytest.mark.django_db
def test_an_unknown_definition_is_the_keys_error_only():
    with pytest.raises(ValidationError) as refused:
        _saved(key="gone", parameter=3, valid_from=D(2000, 1, 1))
    assert set(refused.value.message_dict) == {"key"}


@pytest.mark.django_db
def test_versions_that_follow_each_other_and_edits_of_a_version_are_accepted():
    first = _saved(key="repeat", parameter=12, valid_from=D(2010, 1, 1), valid_to=D(2017, 9, 30))
    _saved(key="repeat", version="2", parameter=6, valid_from=D(2017, 10, 1))
    first.text = "reworded"
    first.full_clean()  # a version does not overlap itself
    first.save()
    _saved(key="action_timeliness", parameter=10, valid_from=D(2010, 1, 1))  # another definition

    stored = DefinitionVersion.objects.order_by("key", "valid_from")
    assert [(v.key, v.version, v.parameter, v.text) for v in stored] == [
        ("action_timeliness", "1", 10, "x"),
        ("repeat", "1", 12, "reworded"),
        ("repeat", "2", 6, "x"),
    ]


def test_the_admin_refuses_an_overlapping_version_with_the_reason(client, administrator):
    _saved(key="repeat", parameter=12, valid_from=D(2010, 1, 1))
    client.force_login(administrator)
    response = client.post(
        reverse("admin:marac_definitionversion_add"),
        {
            "key": "repeat",
            "version": "2",
            "text": "Within 6 months.",
            "parameter": "6",
            "valid_from": "2017-10-01",
            "valid_to": "",
            "source": "",
        },
    )
    assert response.status_code == 200
    assert "versions of a definition cannot overlap" in response.content.decode()
    assert DefinitionVersion.objects.count() == 1


def test_the_report_states_the_parameter_each_version_set_and_the_rule_between_them(
    client, small_marac, marac_coordinator
):
    _saved(key="repeat", parameter=12, valid_from=D(2010, 1, 1), valid_to=D(2017, 5, 31), text=OLD)
    _saved(key="repeat", version="2", parameter=6, valid_from=D(2017, 6, 1), text=NEW)
    _saved(key="action_timeliness", parameter=5, valid_from=D(2017, 5, 1), text="Five days.")
    client.force_login(marac_coordinator)
    _, page = _report_page(client, D(2017, 4, 1), D(2018, 3, 31))
    assert "Each case is counted under the version in force on the date of its meeting" in page
    assert f"{OLD} Monitoring period: 12 calendar months." in page
    assert f"{NEW} Monitoring period: 6 calendar months." in page
    # April 2017 had no recorded action timescale: the built-in rule applied, and says so.
    assert (
        "the rules these figures follow from 1 April 2017 to 30 April 2017, when no version was "
        "recorded" in page
    )
    assert "Five days. Timescale: 5 working days." in page
    assert "Within timescale (10, then 5 working days)" in page


def test_a_gap_between_versions_is_covered_by_the_built_in_rules():
    versions = [
        _version("repeat", OLD, D(2010, 1, 1), D(2017, 6, 30)),
        _version("repeat", NEW, D(2017, 10, 1), version="2"),
    ]
    [applied] = versions_for_period(versions, D(2017, 4, 1), D(2018, 3, 31))["repeat"]
    assert [(v.version, v.valid_from, v.valid_to) for v in applied] == [
        ("1", D(2010, 1, 1), D(2017, 6, 30)),
        ("", D(2017, 7, 1), D(2017, 9, 30)),
        ("2", D(2017, 10, 1), None),
    ]
    assert applied[1].text == BY_KEY["repeat"].text
    assert applied[1].parameter == "Monitoring period: 12 calendar months."
