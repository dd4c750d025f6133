"""A report's appendices: added, lettered, reordered and removed while the agenda may change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import (
    Meeting,
    MeetingStatus,
    UploadedDocument,
)
from tests.factories import (
    tiny_pdf,
)
from tests.meetings.helpers import first_item_report

pytestmark = pytest.mark.django_db


def _appendices(meeting, officer, *titles):
    report = first_item_report(meeting, officer)
    for title in titles:
        services.document_upload(
            item=report.agenda_item, report=report, user=officer, title=title,
            file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
        )  # fmt: skip
    return report, list(report.appendices.all())


def _letters(report):
    return [(letter, d.title) for letter, d in report.lettered_appendices()]


def test_the_officer_adds_appendices_to_a_report(client, officer, board_member, meeting):
    report = first_item_report(meeting, officer)
    url = reverse("meetings:appendix_upload", args=[report.pk])
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    pdf = SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf")
    assert client.post(url, {"title": "Complex cases", "file": pdf}).status_code == 403
    client.force_login(officer)
    fake = SimpleUploadedFile("a.pdf", b"GIF89a not a pdf", "application/pdf")
    refused = client.post(url, {"title": "Complex cases", "file": fake})
    assert refused.context["form"].errors["file"] == ["The file is not a PDF."]
    for title in ("Complex cases", "Like Glue resources"):
        pdf = SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf")
        response = client.post(url, {"title": title, "file": pdf})
        assert response["Location"] == reverse("meetings:report", args=[report.pk])
    first, second = report.appendices.all()
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    document_url = reverse("meetings:document", args=[first.pk])
    assert f'<a class="govuk-link" href="{document_url}">Appendix A Complex cases</a>' in page
    assert "Appendix B Like Glue resources" in page
    # On the agenda, appendices sit under their report, not among the item's own papers.
    services.agenda_publish(meeting=meeting, user=officer)
    client.force_login(board_member)
    agenda = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert agenda.count("Complex cases") == 1 and "Appendix A Complex cases" in agenda
    assert client.get(document_url).status_code == 200


def test_the_officer_reorders_and_removes_appendices(client, officer, board_member, meeting):
    report, (first, second, third) = _appendices(meeting, officer, "Cases", "Glue", "Data")
    move, remove = (reverse(f"meetings:appendix_{n}", args=[second.pk]) for n in ("move", "remove"))
    client.force_login(board_member)
    services.agenda_publish(meeting=meeting, user=officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Move Appendix" not in page and "Remove Appendix" not in page
    assert client.post(move, {"direction": "up"}).status_code == 403
    assert client.post(remove).status_code == 403
    assert _letters(report) == [("A", "Cases"), ("B", "Glue"), ("C", "Data")]
    client.force_login(officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert 'aria-label="Move Appendix B Glue up"' in page
    assert 'aria-label="Move Appendix A Cases up"' not in page  # the first has no Up
    assert 'aria-label="Move Appendix C Data down"' not in page  # the last has no Down
    response = client.post(move, {"direction": "up"})
    assert (
        response["Location"]
        == f"{reverse('meetings:report', args=[report.pk])}#appendix-{second.pk}"
    )
    assert _letters(report) == [("A", "Glue"), ("B", "Cases"), ("C", "Data")]
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Appendix A Glue</a>" in page and "Appendix B Cases</a>" in page
    response = client.post(remove, follow=True)
    assert "Appendix “Glue” removed from the report." in response.content.decode()
    assert _letters(report) == [("A", "Cases"), ("B", "Data")]
    history = client.get(reverse("meetings:history", args=[meeting.pk])).content.decode()
    assert "Appendix A “Glue” removed from the report “Strategy”" in history
    assert "“Glue” moved up to Appendix A in the report “Strategy”" in history


@pytest.mark.parametrize(
    "status", [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_CONFIRMED]
)
def test_appendices_of_a_held_meeting_are_refused_with_a_message(client, officer, meeting, status):
    report, (first, second) = _appendices(meeting, officer, "Cases", "Glue")
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    client.force_login(officer)
    page = client.get(reverse("meetings:report", args=[report.pk])).content.decode()
    assert "Remove Appendix" not in page
    response = client.post(
        reverse("meetings:appendix_move", args=[second.pk]), {"direction": "up"}, follow=True
    )
    assert "its agenda can no longer be changed" in response.content.decode()
    response = client.post(reverse("meetings:appendix_remove", args=[second.pk]), follow=True)
    assert "its agenda can no longer be changed" in response.content.decode()
    assert _letters(report) == [("A", "Cases"), ("B", "Glue")]


def test_a_paper_that_is_no_appendix_cannot_be_moved_as_one(client, officer, meeting):
    document = services.document_upload(
        item=meeting.items.first(), user=officer, title="Paper",
        file=SimpleUploadedFile("a.pdf", tiny_pdf(), "application/pdf"),
    )  # fmt: skip
    client.force_login(officer)
    assert client.post(reverse("meetings:appendix_remove", args=[document.pk])).status_code == 404
    assert UploadedDocument.objects.filter(pk=document.pk).exists()


def test_an_oversized_appendix_is_refused(client, officer, meeting, settings):
    settings.SSCP_MAX_UPLOAD_MB = 1
    report = first_item_report(meeting, officer)
    client.force_login(officer)
    big = SimpleUploadedFile("big.pdf", tiny_pdf() + b"%" * (1024 * 1024), "application/pdf")
    response = client.post(
        reverse("meetings:appendix_upload", args=[report.pk]), {"title": "B", "file": big}
    )
    assert response.context["form"].errors["file"] == ["The file must be smaller than 1 MB."]
    assert not report.appendices.exists()
