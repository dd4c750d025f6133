"""The demo meeting's agenda pack, built from the database and read back with pypdf.

The demo pack (13 September 2018) is built once for the module, inside a transaction rolled back
afterwards: front sheet, the June minutes (item 3), the generated six-page Integrated Youth
Service upload (item 7) and the Domestic Abuse Strategy report (item 8).
"""

import io
import re
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader

from meetings import pack
from meetings.demo.load import load_demo
from meetings.models import (
    AgendaItem,
    FrozenPaper,
    Meeting,
    Report,
    ReportSection,
    UploadedDocument,
)
from meetings.pack_pdf import BLANK_PAGE_TEXT, RENDERS, read_back
from sscp import roles
from sscp.demo import load_reference_data
from tests.factories import tiny_pdf

# Marked so that the test database exists before the module's fixture uses it.
pytestmark = pytest.mark.django_db

BODY = "Sefton Safer Communities Partnership"
ITEM = re.compile(r"^(\d+)\. \S")
RANGE = re.compile(r"\(Pages? (\d+)(?: - (\d+))?\)")


def _seed():
    """The meetings part of seed_demo only (the other apps' demo data is not needed here)."""
    roles.roles_sync()
    load_reference_data()
    load_demo()
    return Meeting.objects.select_related("body", "venue").get(date__year=2018, date__month=9)


@pytest.fixture(scope="module")
def demo_packs(django_db_setup, django_db_blocker):
    """{'members': bytes, 'warnings': [...], 'confidential_public': bytes, ...}."""
    built = {}
    with django_db_blocker.unblock(), transaction.atomic():
        meeting = _seed()
        path, warnings = pack.pack_build(meeting, variant=pack.MEMBERS)
        built["members"] = path.read_bytes()
        built["warnings"] = warnings
        AgendaItem.objects.filter(meeting=meeting, title="Domestic Abuse Strategy Refresh").update(
            is_confidential=True
        )
        path, _ = pack.pack_build(meeting, variant=pack.PUBLIC)
        built["confidential_public"] = path.read_bytes()
        path, _ = pack.pack_build(meeting, variant=pack.MEMBERS)
        built["confidential_members"] = path.read_bytes()
        transaction.set_rollback(True)
    built["members_texts"] = read_back(built["members"])
    return built


@pytest.fixture
def seeded(db):
    return _seed()


def _front_sheet_ranges(texts) -> dict[int, tuple[int, int]]:
    """{item number: (first page, last page)} as the front sheet prints them."""
    ranges, number = {}, None
    for text in texts:
        if "Agenda Item" in text:
            break
        for line in text.splitlines():
            if match := ITEM.match(line):
                number = int(match[1])
            elif (match := RANGE.search(line)) and number is not None:
                ranges[number] = (int(match[1]), int(match[2] or match[1]))
    return ranges


def test_every_page_has_its_number_and_item_and_items_start_on_odd_pages(demo_packs):
    texts = demo_packs["members_texts"]
    assert demo_packs["warnings"] == []
    ranges = _front_sheet_ranges(texts)
    assert set(ranges) == {3, 7, 8}
    for position, text in enumerate(texts, start=1):
        assert re.search(rf"\bPage {position}\b", text), position
    for number, (start, end) in ranges.items():
        assert start % 2 == 1, f"item {number} starts on even page {start}"
        for position in range(start, end + 1):
            assert f"Agenda Item {number}" in texts[position - 1], (number, position)
        assert f"Agenda Item {number}" not in texts[start - 2]
    covered = {p for start, end in ranges.values() for p in range(start, end + 1)}
    front_pages = min(start for start, _ in ranges.values()) - 1
    for position, text in enumerate(texts, start=1):
        if position > front_pages and position not in covered:
            assert BLANK_PAGE_TEXT in text, position
            assert "Agenda Item" not in text


def test_front_sheet_page_ranges_are_where_the_items_really_start(demo_packs):
    texts = demo_packs["members_texts"]
    ranges = _front_sheet_ranges(texts)
    for number, (start, end) in ranges.items():
        pages = [i for i, t in enumerate(texts, start=1) if f"Agenda Item {number}" in t]
        assert (pages[0], pages[-1]) == (start, end)
    assert "SEFTON SAFER COMMUNITIES PARTNERSHIP" in texts[ranges[3][0] - 1]
    assert "Integrated Youth Service" in texts[ranges[7][0] - 1]
    assert "Report to:" in texts[ranges[8][0] - 1]
    assert len(texts[ranges[7][0] - 1 : ranges[7][1]]) == 6  # the upload, whole


def test_front_sheet_wording(demo_packs):
    front = demo_packs["members_texts"][0]
    for phrase in (
        "AGENDA",
        BODY,
        "Thursday 13th September, 2018",
        "10.00 am, Committee Room - Bootle Town Hall",
        "(PLEASE NOTE: THIS MEETING IS NOT OPEN TO THE PUBLIC)",
        "MEMBERSHIP:",
        "Councillors Hartwell, Shelby, Thorne",
        "Minutes of the meeting held on 14 June 2018.",
    ):
        assert phrase in front, phrase
    whole_sheet = "\n".join(demo_packs["members_texts"][:2])
    assert "The next meeting will be held on Thursday, 13 December 2018" in whole_sheet
    assert "COMMITTEE" in whole_sheet and "Claire Mather" in whole_sheet


def test_minutes_carry_their_running_head_and_own_page_number_after_the_first_page(demo_packs):
    texts = demo_packs["members_texts"]
    start, end = _front_sheet_ranges(texts)[3]
    head = "SEFTON SAFER COMMUNITIES PARTNERSHIP - THURSDAY 14TH JUNE, 2018"
    assert head not in texts[start - 1]
    for own, position in enumerate(range(start + 1, end + 1), start=2):
        assert head in texts[position - 1]
        assert re.search(rf"^{own}$", texts[position - 1], re.M), position


def test_bookmarks_metadata_and_tags(demo_packs):
    reader = PdfReader(io.BytesIO(demo_packs["members"]))
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[0] == "Agenda"
    assert "3. Minutes of Previous Meeting" in titles
    assert "7. Integrated Youth Service" in titles
    assert "8. Domestic Abuse Strategy Refresh" in titles
    assert reader.metadata.title == f"{BODY} - 13 September 2018 - Agenda pack"
    assert reader.metadata.author == BODY
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_public_pack_leaves_confidential_papers_out_and_says_why(demo_packs):
    public = "\n".join(read_back(demo_packs["confidential_public"]))
    members = "\n".join(read_back(demo_packs["confidential_members"]))
    secret = "Domestic Abuse Executive Group leads its action"
    assert secret in members
    assert secret not in public
    assert "are not included in this copy of the agenda pack because they are confidential" in (
        public.replace("\n", " ")
    )
    assert "Integrated Youth Service" in public


def test_an_unchanged_pack_is_served_without_rendering(seeded):
    first, _ = pack.pack_build(seeded, variant=pack.MEMBERS)
    before = RENDERS.count
    again, warnings = pack.pack_build(seeded, variant=pack.MEMBERS)
    assert RENDERS.count == before
    assert again == first and warnings == []


def test_a_changed_report_renders_only_its_own_part(seeded):
    pack.pack_build(seeded, variant=pack.MEMBERS)
    section = ReportSection.objects.filter(report__agenda_item__meeting=seeded).first()
    ReportSection.objects.filter(pk=section.pk).update(body="<p>1.1 Changed in a test.</p>")
    before = RENDERS.count
    path, _ = pack.pack_build(seeded, variant=pack.MEMBERS)
    assert RENDERS.count - before == 1
    texts = read_back(path.read_bytes())
    assert "1.1 Changed in a test." in "\n".join(texts)
    assert all(f"Page {n}" in text for n, text in enumerate(texts, start=1))
    assert sum("Agenda Item 7" in text for text in texts) == 6  # the upload, stamped again


def test_a_reports_appendices_are_printed_after_it_in_its_order(seeded):
    report = Report.objects.get(agenda_item__meeting=seeded, subject__contains="Domestic")
    item = report.agenda_item
    for title, text in [("Complex cases", "MARAC complex cases"), ("Like Glue", "Like Glue")]:
        document = UploadedDocument(agenda_item=item, report=report, title=title, size=1)
        document.file.save("a.pdf", ContentFile(tiny_pdf(text)), save=True)
    specs = [(s.title, s.kind) for s in pack.part_specs(seeded, pack.PUBLIC) if s.item_number == 8]
    assert specs == [
        (report.subject, "report"),
        ("Appendix A: Complex cases", "upload"),
        ("Appendix B: Like Glue", "upload"),
    ]
    path, warnings = pack.pack_build(seeded, variant=pack.PUBLIC)
    texts = read_back(path.read_bytes())
    first = next(n for n, t in enumerate(texts) if "MARAC complex cases" in t)
    assert "Like Glue" in texts[first + 1]
    assert all("Agenda Item 8" in texts[n] for n in (first, first + 1))
    report_pages = [n for n, t in enumerate(texts) if report.subject in t and "Agenda Item 8" in t]
    assert report_pages[-1] == first - 1  # right after the report, no blank page between
    assert "Appendix A Complex cases" in texts[first - 1]  # the report lists them
    start, end = _front_sheet_ranges(texts)[8]
    assert start <= first + 1 and end == first + 2  # the item's pages include them


def test_an_action_log_item_prints_the_bodys_open_actions_as_its_paper(seeded):
    from meetings import services

    december = Meeting.objects.get(date__year=2018, date__month=12)
    item = services.item_add_action_log(meeting=december, user=None)
    specs = [s for s in pack.part_specs(december, pack.PUBLIC) if s.item_number == item.order]
    assert [(s.title, s.kind) for s in specs] == [("Action log", "report")]
    html = specs[0].html
    assert "Open actions as at 13 December 2018" in html
    # The unfinished actions of June and September; the one done in July is not listed.
    assert "Publish the approved Partnership Plan" in html
    assert "Turn the assessment&#x27;s recommendations" in html
    assert "Circulate the dates of the monthly arson campaigns" not in html
    assert html.count("Overdue") == 2  # due 31 August and 30 November 2018, still open
    assert "href=" not in html  # no links in print
    AgendaItem.objects.filter(pk=item.pk).update(is_confidential=True)
    specs = [s for s in pack.part_specs(december, pack.PUBLIC) if s.item_number == item.order]
    assert [(s.title, s.kind) for s in specs] == [
        ("Confidential papers not included", "placeholder")
    ]


def test_a_corrupt_stored_upload_gives_a_placeholder_page_and_a_warning(seeded):
    document = UploadedDocument.objects.get(agenda_item__meeting=seeded)
    with open(document.file.path, "wb") as handle:
        handle.write(b"%PDF-1.7\nthis is not really a PDF at all")
    path, warnings = pack.pack_build(seeded, variant=pack.MEMBERS)
    assert len(warnings) == 1 and "Agenda Item 7" in warnings[0]
    texts = read_back(path.read_bytes())
    page = next(t for t in texts if "Document not available" in t)
    assert document.title[:30] in page.replace("\n", " ")
    assert "Agenda Item 7" in page


def test_a_missing_stored_upload_gives_a_placeholder_page_and_a_warning(seeded):
    document = UploadedDocument.objects.get(agenda_item__meeting=seeded)
    document.file.storage.delete(document.file.name)
    path, warnings = pack.pack_build(seeded, variant=pack.PUBLIC)
    assert len(warnings) == 1 and "missing" in warnings[0]
    assert any("Document not available" in t for t in read_back(path.read_bytes()))


def test_agenda_and_minutes_on_their_own_carry_page_numbers(seeded):
    agenda = read_back(pack.agenda_pdf(seeded).path.read_bytes())
    assert agenda[0].lstrip().startswith("AGENDA") or "AGENDA" in agenda[0]
    assert all(f"Page {n}" in t for n, t in enumerate(agenda, start=1))
    assert "(Pages" not in "\n".join(agenda)
    minutes = read_back(pack.minutes_pdf(seeded, variant=pack.MEMBERS).path.read_bytes())
    assert "ON THURSDAY 13TH SEPTEMBER, 2018" in minutes[0]
    assert all(f"Page {n}" in t for n, t in enumerate(minutes, start=1))
    if len(minutes) > 1:
        assert "SEFTON SAFER COMMUNITIES PARTNERSHIP - THURSDAY 13TH SEPTEMBER, 2018" in minutes[1]


def test_the_command_writes_the_pack(seeded, tmp_path):
    output = tmp_path / "pack.pdf"
    out = io.StringIO()
    call_command("agenda_pack", str(seeded.pk), "--output", str(output), "--public", stdout=out)
    assert "pages (public)" in out.getvalue()
    texts = read_back(output.read_bytes())
    assert "AGENDA" in texts[0] and "Page 1" in texts[0]


def test_the_demo_upload_is_idempotent(seeded):
    _seed()
    assert UploadedDocument.objects.filter(agenda_item__meeting=seeded).count() == 1


def test_a_frozen_paper_is_printed_with_its_chart_and_table(seeded):
    item = AgendaItem.objects.get(meeting=seeded, title="Operation Pelican")
    FrozenPaper.objects.create(
        agenda_item=item,
        title="Crime in Sefton 2017/18",
        kind="chart",
        html='<svg viewBox="0 0 100 20" width="100" height="20"><title>Bar chart</title>'
        '<rect width="60" height="20" fill="#1d70b8"/></svg>'
        "<table><tr><th>Ward</th><th>Crimes</th></tr><tr><td>Linacre</td><td>412</td></tr>"
        "</table>",
        data_as_at="Data as at 3 October 2018",
        source="Strategic assessment",
    )
    path, _ = pack.pack_build(seeded, variant=pack.PUBLIC)
    texts = read_back(path.read_bytes())
    page = next(t for t in texts if "Crime in Sefton 2017/18" in t and "Agenda Item" in t)
    assert f"Agenda Item {item.order}" in page
    assert "Linacre 412" in page and "Data as at 3 October 2018" in page


def test_two_identical_builds_do_not_run_at_once(db):
    from django.db import connections

    key = "ab" * 32
    events = []

    def other():
        try:
            with pack.build_lock(key):
                events.append("second")
        finally:
            connections.close_all()

    with pack.build_lock(key):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # waiting for the lock
        events.append("first")
    thread.join(10)
    assert events == ["first", "second"]
