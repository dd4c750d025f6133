"""The demo's 13 September 2018 pack as full as the seed's: seed_demo (every app) attaches the
strategic assessment's frozen dashboards and register to item 6 and the issued MARAC report to
item 8, through the data apps' own attach paths, before the meeting is held.

The whole demo is loaded and the pack built once for the module (rolled back afterwards).
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader

from meetings import pack
from meetings.models import FrozenPaper, Meeting, MeetingStatus
from meetings.pack_pdf import read_back

pytestmark = pytest.mark.django_db

ASSESSMENT_ITEM = "6. Sefton Strategic Needs Assessment 2018/19"
MARAC_ITEM = "8. Domestic Abuse Strategy Refresh"
MARAC_REPORT = "Sefton MARAC Performance Report April 2017 - March 2018"
REGISTER = "Strategic assessment 2018/19: recommendations, considerations and gaps"


def _seed() -> None:
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    built = {}
    with django_db_blocker.unblock(), transaction.atomic():
        _seed()
        meeting = Meeting.objects.select_related("body", "venue").get(date="2018-09-13")
        built["status"] = meeting.status
        built["papers"] = list(
            FrozenPaper.objects.filter(agenda_item__meeting=meeting).values_list(
                "agenda_item__order", "title", "kind", "created_by__username"
            )
        )
        path, _ = pack.pack_build(meeting, variant=pack.MEMBERS)
        built["pdf"] = path.read_bytes()
        count = FrozenPaper.objects.count()
        _seed()
        built["counts"] = (count, FrozenPaper.objects.count())
        transaction.set_rollback(True)
    built["texts"] = read_back(built["pdf"])
    return built


def test_papers_attached_by_the_data_apps_before_the_meeting_was_held(full_demo):
    assert full_demo["status"] == MeetingStatus.MINUTES_DRAFTED
    papers = full_demo["papers"]
    assessment = [p for p in papers if p[0] == 6]
    assert len(assessment) >= 5
    assert {kind for _, _, kind, _ in assessment} == {"chart", "table"}
    assert {user for *_, user in assessment} == {"analyst"}
    assert (6, REGISTER, "table", "analyst") in papers
    assert (8, MARAC_REPORT, "report", "marac") in papers


def test_pack_is_at_least_60_pages_numbered_throughout(full_demo):
    texts = full_demo["texts"]
    assert len(texts) >= 60
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\bPage {number}\b", text), number


def test_item_labels_on_the_assessment_and_the_marac_report(full_demo):
    texts = full_demo["texts"]
    item6 = [t for t in texts if "Agenda Item 6" in t]
    item8 = [t for t in texts if "Agenda Item 8" in t]
    assert len(item6) >= 10
    assert any("/performance/assessment/recommendations/" in t for t in item6)
    assert any("illustrative: demo street-level records" in " ".join(t.split()) for t in item6)
    assert any("MARAC" in t for t in item8)
    # The MARAC report runs from its title page to the end of the pack, every page item 8's.
    first = next(i for i, t in enumerate(texts) if MARAC_REPORT in " ".join(t.split()))
    assert len(texts) - first >= 10
    assert all("Agenda Item 8" in t for t in texts[first:])


def test_bookmarks_for_both_items_and_their_papers(full_demo):
    outline = PdfReader(io.BytesIO(full_demo["pdf"])).outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert ASSESSMENT_ITEM in titles
    assert MARAC_ITEM in titles
    children = [entry.title for part in outline if isinstance(part, list) for entry in part
                if not isinstance(entry, list)]  # fmt: skip
    assert REGISTER in children
    assert MARAC_REPORT in children


def test_seed_demo_twice_attaches_nothing_more(full_demo):
    before, after = full_demo["counts"]
    assert before == after
