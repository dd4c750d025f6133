"""Confidential (exempt) papers: listed by title, read only by those who may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import (
    MeetingStatus,
)
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


def test_confidential_papers_are_hidden_from_analysts(client, analyst, board_member, officer):
    item = AgendaItemFactory(is_confidential=True, title="Exempt case review")
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Secret</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Exempt", report_of="Officer",
    )  # fmt: skip
    client.force_login(analyst)
    page = client.get(reverse("meetings:detail", args=[item.meeting.pk]))
    assert "Exempt case review" in page.content.decode()
    assert reverse("meetings:report", args=[report.pk]) not in page.content.decode()
    assert client.get(reverse("meetings:report", args=[report.pk])).status_code == 403
    client.force_login(board_member)
    assert client.get(reverse("meetings:report", args=[report.pk])).status_code == 200


def test_confidential_papers_are_not_found_or_served_for_analysts(
    client, analyst, board_member, officer
):
    item = AgendaItemFactory(
        meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED), is_confidential=True
    )
    report = services.report_save(
        item=item, user=officer, sections=[("Background", "<p>Arson at the depot</p>")],
        report_to="SSCP", meeting_date=item.meeting.date, subject="Depot", report_of="Officer",
    )  # fmt: skip
    document = services.document_upload(
        item=item, user=officer, title="Depot plan",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    client.force_login(analyst)
    assert client.get(reverse("meetings:search"), {"q": "arson"}).context["reports"] == []
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 403
    client.force_login(board_member)
    assert client.get(reverse("meetings:search"), {"q": "arson"}).context["reports"] == [report]
    assert client.get(reverse("meetings:document", args=[document.pk])).status_code == 200


def test_a_frozen_paper_is_shown_to_those_who_may_read_the_item(
    client, analyst, board_member, officer
):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    paper = services.frozen_paper_attach(
        agenda_item=item, title="Crime chart", kind="chart",
        html='<svg viewBox="0 0 1 1" role="img"><title>Crime</title></svg>',
        data_as_at="Data as at 3 October 2018", source="Police", user=analyst,
    )  # fmt: skip
    client.force_login(board_member)
    page = client.get(reverse("meetings:frozen_paper", args=[paper.pk]))
    assert "<svg" in page.content.decode() and "Data as at 3 October 2018" in page.content.decode()
    item.is_confidential = True
    item.save()
    client.force_login(analyst)
    assert client.get(reverse("meetings:frozen_paper", args=[paper.pk])).status_code == 403
