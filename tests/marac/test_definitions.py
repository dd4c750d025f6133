"""Definition versions: each section's figures print the definition(s) in force for the
report's period, so an old report keeps the wording it was produced under."""

import datetime
import io

import pytest
from django.db import IntegrityError
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
    with pytest.raises(IntegrityError):
        DefinitionVersion.objects.create(
            key="repeat", text="x", valid_from=D(2018, 1, 1), valid_to=D(2017, 1, 1)
        )


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
    assert "Repeat and returning cases</strong>, reworded during the period" in year
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
