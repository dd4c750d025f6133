"""The API other apps use to attach a frozen chart, table or report to an agenda item."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import Change, MeetingStatus
from meetings.selectors import agenda_items_open_for_papers
from meetings.services import frozen_paper_attach
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

CHART = (
    '<figure><svg viewBox="0 0 100 50" role="img" aria-label="Crimes" onload="steal()">'
    '<title>Crimes</title><g class="bars"><rect x="1" y="2" width="3" height="4" fill="#1d70b8"'
    ' style="x"/><text x="1" y="9"><tspan>2018</tspan></text><line x1="0" y1="0" x2="1" y2="1"'
    ' stroke="#000"/><circle cx="1" cy="1" r="2"/><path d="M0 0L1 1"/></g>'
    '<use href="#x"/><script>alert(1)</script></svg>'
    '<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td>12</td></tr></tbody>'
    "</table></figure>"
)


def _attach(item, user, **overrides):
    kwargs = {
        "agenda_item": item,
        "title": "Crime counts",
        "kind": "chart",
        "html": CHART,
        "data_as_at": "Data as at 3 October 2018 (import #12)",
        "source": "Strategic assessment",
        "user": user,
    }
    return frozen_paper_attach(**(kwargs | overrides))


def test_a_long_data_as_at_line_is_kept_whole(analyst):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    line = "Data as at 2 January 2019: " + "; ".join(
        f"import #{n} (a long file name for the dataset of {n})" for n in range(12)
    )
    assert len(line) > 500
    paper = _attach(item, analyst, data_as_at=line)
    paper.refresh_from_db()
    assert paper.data_as_at == line


def test_it_attaches_a_sanitised_chart_keeping_the_svg_and_table(analyst):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    paper = _attach(item, analyst)
    assert paper.agenda_item == item
    assert paper.created_by == analyst
    assert paper.data_as_at == "Data as at 3 October 2018 (import #12)"
    for kept in ('<svg viewBox="0 0 100 50" role="img"', "<title>Crimes</title>", "<rect ",
                 "<tspan>2018</tspan>", "<line ", "<circle ", "<path ", '<th scope="col">'):  # fmt: skip
        assert kept in paper.html
    for removed in ("onload", "style=", "<use", "<script", "alert"):
        assert removed not in paper.html
    assert Change.objects.filter(object_type="frozenpaper", object_id=paper.pk).exists()


def test_a_marac_coordinator_may_attach(marac_coordinator):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.DRAFT))
    assert _attach(item, marac_coordinator, kind="table").kind == "table"


def test_a_board_member_may_not_attach(board_member):
    item = AgendaItemFactory()
    with pytest.raises(PermissionDenied):
        _attach(item, board_member)


def test_it_refuses_a_meeting_already_held(analyst):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.HELD))
    with pytest.raises(ValidationError, match="has been held"):
        _attach(item, analyst)


def test_it_refuses_an_unknown_kind(analyst):
    with pytest.raises(ValidationError):
        _attach(AgendaItemFactory(), analyst, kind="video")


def test_open_items_are_those_of_meetings_not_yet_held(analyst, board_member):
    coming = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    secret = AgendaItemFactory(meeting=coming.meeting, is_confidential=True)
    AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.MINUTES_DRAFTED))
    assert list(agenda_items_open_for_papers(analyst)) == [coming]
    assert secret not in agenda_items_open_for_papers(analyst)
    assert list(agenda_items_open_for_papers(board_member)) == []


def test_clip_paths_and_gradients_survive_for_chart_svgs(analyst):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.DRAFT))
    html = (
        '<svg viewBox="0 0 1 1"><defs><clipPath id="c1"><rect width="1" height="1"/></clipPath>'
        '<linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
        '<g clip-path="url(#c1)"><rect fill="url(#g)" width="1" height="1"/></g></svg>'
    )
    paper = _attach(item, analyst, html=html)
    for kept in ('<clipPath id="c1">', '<stop offset="0" stop-color="#fff">',
                 'clip-path="url(#c1)"', 'fill="url(#g)"'):  # fmt: skip
        assert kept in paper.html
