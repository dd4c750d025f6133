"""Search lists each result with a snippet, the words searched for highlighted, and finds
uploaded papers and appendices by their text: only those the reader may read."""

import datetime

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import MeetingStatus, UploadedDocument
from meetings.snippets import html_text, query_terms, snippet
from tests.factories import AgendaItemFactory, MeetingFactory, MinuteFactory

SEARCH = reverse("meetings:search")


def weasy_pdf(text: str) -> bytes:
    return weasyprint.HTML(string=f"<html><body><p>{text}</p></body></html>").write_pdf()


def _item(status=MeetingStatus.AGENDA_PUBLISHED, **kwargs):
    return AgendaItemFactory(meeting=MeetingFactory(status=status), **kwargs)


def _upload(item, officer, title, text, report=None):
    return services.document_upload(
        item=item, user=officer, title=title, report=report,
        file=SimpleUploadedFile("p.pdf", weasy_pdf(text), "application/pdf"),
    )  # fmt: skip


def _minuted(meeting):
    """The meeting held and its minutes published (after its papers were written)."""
    type(meeting).objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_DRAFTED)


def _search(client, q):
    return client.get(SEARCH, {"q": q})


# --- The snippet --------------------------------------------------------------------------------


def test_the_snippet_escapes_the_text_then_marks_the_words():
    text = 'Fire & rescue <script>alert("arson")</script> after the arson'
    assert snippet([text], "arson") == (
        'Fire &amp; rescue &lt;script&gt;alert("<mark>arson</mark>")&lt;/script&gt; '
        "after the <mark>arson</mark>"
    )


def test_no_mark_lands_inside_a_tag_or_an_entity():
    stored = (
        '<p><a href="https://example.org/amp/strong">Fire</a> &amp; <strong>rescue</strong></p>'
    )
    for q in ("amp", "strong", "href", "example"):
        assert "<mark>" not in snippet([html_text(stored)], q), q
    assert snippet([html_text(stored)], "rescue") == "Fire &amp; <mark>rescue</mark>"


def test_html_text_reads_blocks_apart():
    assert html_text("<p>One</p><p>Two<br>Three</p><ul><li>Four</li></ul>").split() == [
        "One",
        "Two",
        "Three",
        "Four",
    ]


def test_the_snippet_starts_near_the_first_match_and_marks_every_word_and_stem():
    text = "Opening words. " * 40 + "Deliberate fires rose; the fire service replied. " * 6
    result = snippet([text], "fires deliberate")
    assert result.startswith("…") and result.endswith("…")
    assert "<mark>Deliberate</mark> <mark>fires</mark>" in result
    assert "the <mark>fire</mark> service" in result  # PostgreSQL finds "fire" for "fires"
    assert len(result.replace("<mark>", "").replace("</mark>", "")) < 300


def test_the_query_s_operators_are_not_highlighted():
    assert query_terms('"youth bus" or -arson Netherton') == ["youth", "bus", "netherton"]
    assert "<mark>" not in snippet(["arson or not"], "-arson or")


def test_without_a_match_the_snippet_is_the_start_of_the_text():
    assert snippet(["Quiet text only."], "kestrel") == "Quiet text only."


# --- Papers found by their text -----------------------------------------------------------------


def test_a_member_finds_a_paper_by_a_word_in_its_text(client, officer, board_member):
    item = _item(title="Integrated Youth Service")
    paper = _upload(item, officer, "Youth update", "Outreach workers ran detached sessions.")
    client.force_login(board_member)
    response = _search(client, "detached")
    assert response.context["papers"] == [paper]
    page = response.content.decode()
    assert f'href="{reverse("meetings:document", args=[paper.pk])}">Youth update (PDF)</a>' in page
    assert f"Item {item.order}: Integrated Youth Service" in page
    assert "13 September 2018" in page
    assert "Outreach workers ran <mark>detached</mark> sessions." in page


def test_an_appendix_is_found_and_named_as_the_report_s_appendix(client, officer, board_member):
    item = _item()
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Fires rose.</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Deliberate fires",
        report_of="Officer",
    )  # fmt: skip
    _upload(item, officer, "Ward table", "Linacre led the wards.", report=report)
    client.force_login(board_member)
    page = _search(client, "Linacre").content.decode()
    assert "Appendix A to the report “Deliberate fires”" in page
    assert "<mark>Linacre</mark> led the wards." in page


def test_every_word_must_be_in_the_paper(client, officer, board_member):
    _upload(_item(), officer, "Youth update", "Detached sessions in Netherton.")
    client.force_login(board_member)
    assert len(_search(client, "detached netherton").context["papers"]) == 1
    assert _search(client, "detached kestrel").context["papers"] == []


def test_minutes_and_reports_carry_snippets_too(client, officer, board_member):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    services.report_save(
        item=item, user=officer, sections=[("Places", "<p>Bootle and Litherland.</p>")],
        report_to="SSCP", meeting_date=meeting.date, subject="Places", report_of="Officer",
    )  # fmt: skip
    _minuted(meeting)
    MinuteFactory(meeting=meeting, title="PATROLS", text="<p>Patrols in <em>Bootle</em>.</p>")
    client.force_login(board_member)
    page = _search(client, "Bootle").content.decode()
    assert "Patrols in <mark>Bootle</mark>." in page
    assert "Places. <mark>Bootle</mark> and Litherland." in page


# --- Refusals: what the reader may not read is not found ------------------------------------------


def test_a_draft_agenda_s_paper_is_found_by_the_officer_only(client, officer, board_member):
    paper = _upload(_item(status=MeetingStatus.DRAFT), officer, "Plan", "Kestrel depot plan.")
    client.force_login(board_member)
    response = _search(client, "kestrel")
    assert response.context["papers"] == []
    assert "Kestrel" not in response.content.decode()
    client.force_login(officer)
    assert _search(client, "kestrel").context["papers"] == [paper]


@pytest.mark.parametrize("name", ["analyst", "marac_coordinator"])
def test_a_confidential_paper_s_text_is_not_found_by_those_not_entitled(
    request, client, officer, name
):
    item = _item(is_confidential=True)
    _upload(item, officer, "Household review", "Kestrel household safeguarding.")
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Review.</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Review", report_of="Officer",
    )  # fmt: skip
    _upload(item, officer, "Chronology", "Kestrel chronology.", report=report)
    client.force_login(request.getfixturevalue(name))
    for q in ("kestrel", "household", "chronology"):
        response = _search(client, q)
        assert response.context["papers"] == []
        assert "Kestrel" not in response.content.decode()


@pytest.mark.parametrize("name", ["board_member", "officer"])
def test_a_confidential_paper_is_found_by_those_entitled(request, client, officer, name):
    paper = _upload(_item(is_confidential=True), officer, "Review", "Kestrel household.")
    client.force_login(request.getfixturevalue(name))
    assert _search(client, "kestrel").context["papers"] == [paper]


# --- Speed ---------------------------------------------------------------------------------------


def _results(officer, count):
    """``count`` matching minutes, reports and papers, each in its own meeting."""
    for n in range(count):
        meeting = MeetingFactory(date=datetime.date(2018, n + 1, 13))
        item = AgendaItemFactory(meeting=meeting)
        report = services.report_save(
            item=item, user=officer, sections=[("Gulls", "<p>Gull numbers</p>")],
            report_to="SSCP", meeting_date=meeting.date, subject="Gulls", report_of="Officer",
        )  # fmt: skip
        _minuted(meeting)
        minute = MinuteFactory(meeting=meeting, text="<p>Gull nesting</p>")
        minute.resolution_parts.create(order=1, text="the gull survey be noted")
        UploadedDocument.objects.create(
            agenda_item=item, report=report, order=1, title="Gull map", size=1, text="Gull map"
        )
        UploadedDocument.objects.create(agenda_item=item, title="Gulls", size=1, text="gull")


def _queries(client, q):
    with CaptureQueriesContext(connection) as captured:
        response = _search(client, q)
    return len(captured), response


def test_the_search_takes_the_same_queries_for_one_result_or_many(
    client, officer, board_member, django_assert_max_num_queries
):
    _results(officer, 1)
    client.force_login(board_member)
    one, response = _queries(client, "gull")
    assert len(response.context["papers"]) == 2
    _results(officer, 5)
    with django_assert_max_num_queries(one):
        response = _search(client, "gull")
    assert len(response.context["minutes"]) == 6 and len(response.context["papers"]) == 12
    assert len(response.context["reports"]) == 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's English stemming")
def test_on_postgresql_a_paper_is_found_by_another_form_of_the_word(client, officer, board_member):
    _upload(_item(), officer, "Service plan", "The fire service visited.")
    client.force_login(board_member)
    assert "The <mark>fire</mark> service visited." in _search(client, "fires").content.decode()


def test_a_long_run_without_spaces_is_cut_not_shown_whole():
    result = snippet(["x" * 100_000 + "kestrel" + "y" * 100_000], "kestrel")
    assert "<mark>" in result and len(result) < 600


def test_a_query_too_long_is_refused_with_a_message(client, board_member):
    client.force_login(board_member)
    response = _search(client, "kestrel " * 30)
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    assert response.context["papers"] == []


def test_a_stem_is_not_cut_so_short_it_marks_other_words():
    assert snippet(["The first fire."], "fires") == "The first <mark>fire</mark>."
