"""Downloading the agenda pack, the agenda and the minutes as PDF: who may, and what they get."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import pack, tasks
from meetings.demo import load_demo
from meetings.models import AgendaItem, Meeting, MeetingStatus, UploadedDocument
from meetings.pack_pdf import read_back
from sscp import roles
from sscp.demo import load_reference_data
from tests.factories import AgendaItemFactory, MeetingFactory

SECRET = "Domestic Abuse Executive Group leads its action"


@pytest.fixture
def september(db):
    roles.roles_sync()
    load_reference_data()
    load_demo()
    return Meeting.objects.select_related("body").get(date=datetime.date(2018, 9, 13))


def _pdf_text(response) -> list[str]:
    data = b"".join(response.streaming_content)
    return read_back(data)


def test_anonymous_users_are_sent_to_sign_in(client, september):
    for name in ("meetings:pack", "meetings:agenda_pdf", "meetings:minutes_pdf"):
        response = client.get(reverse(name, args=[september.pk]))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_board_member_downloads_the_published_pack(client, board_member, september):
    client.force_login(board_member)
    response = client.get(reverse("meetings:pack", args=[september.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "agenda-pack.pdf" in response["Content-Disposition"]
    texts = _pdf_text(response)
    assert "AGENDA" in texts[0] and "Page 1" in texts[0]


def test_a_board_member_is_refused_a_draft_meeting(client, board_member, september):
    draft = MeetingFactory(
        body=september.body, date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT
    )
    assert draft.status == MeetingStatus.DRAFT
    client.force_login(board_member)
    for name in ("meetings:pack", "meetings:agenda_pdf", "meetings:minutes_pdf"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def test_confidential_papers_only_for_those_entitled(client, analyst, board_member, september):
    AgendaItem.objects.filter(meeting=september, title="Domestic Abuse Strategy Refresh").update(
        is_confidential=True
    )
    url = reverse("meetings:pack", args=[september.pk])
    client.force_login(analyst)
    assert client.get(url, {"variant": "members"}).status_code == 403
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Content-Disposition"]
    public = "\n".join(_pdf_text(response))
    assert SECRET not in public
    assert "because they are confidential" in public.replace("\n", " ")
    client.force_login(board_member)
    members = "\n".join(_pdf_text(client.get(url)))
    assert SECRET in members


def test_an_unknown_variant_is_not_found(client, officer, september):
    client.force_login(officer)
    response = client.get(reverse("meetings:pack", args=[september.pk]), {"variant": "x"})
    assert response.status_code == 404


def test_the_officer_sees_the_warning_of_an_unreadable_upload(client, officer, september):
    document = UploadedDocument.objects.get(agenda_item__meeting=september)
    with open(document.file.path, "wb") as handle:
        handle.write(b"not a pdf")
    client.force_login(officer)
    response = client.get(reverse("meetings:pack", args=[september.pk]))
    assert response.status_code == 200
    assert any("Document not available" in t for t in _pdf_text(response))
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert "could not be included" in page  # the message after the download
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert 'data-testid="agenda-pack-warning"' in page  # and on the meeting page, for officers


def test_a_board_member_does_not_see_the_officers_warnings(client, board_member, september):
    document = UploadedDocument.objects.get(agenda_item__meeting=september)
    document.file.storage.delete(document.file.name)
    client.force_login(board_member)
    assert client.get(reverse("meetings:pack", args=[september.pk])).status_code == 200
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert "agenda-pack-warning" not in page and "could not be included" not in page


def test_the_meeting_page_links_to_the_pack_with_its_page_count(client, board_member, september):
    client.force_login(board_member)
    built = pack.pack_build_info(september, variant=pack.variant_for(board_member))
    page = client.get(reverse("meetings:detail", args=[september.pk])).content.decode()
    assert f"Download agenda pack (PDF, {built.pages} pages)" in page
    assert reverse("meetings:pack", args=[september.pk]) in page


def test_agenda_and_minutes_pdfs(client, board_member, september):
    client.force_login(board_member)
    agenda = _pdf_text(client.get(reverse("meetings:agenda_pdf", args=[september.pk])))
    assert "Thursday 13th September, 2018" in agenda[0]
    minutes = _pdf_text(client.get(reverse("meetings:minutes_pdf", args=[september.pk])))
    assert "SEFTON SAFER COMMUNITIES PARTNERSHIP" in minutes[0] and "Page 1" in minutes[0]
    december = Meeting.objects.get(date=datetime.date(2018, 12, 13))
    assert december.status == MeetingStatus.AGENDA_PUBLISHED
    assert client.get(reverse("meetings:minutes_pdf", args=[december.pk])).status_code == 403


def test_publishing_an_agenda_builds_its_pack(
    client, officer, september, monkeypatch, django_capture_on_commit_callbacks, settings
):
    settings.SSCP_BUILD_PACK_ON_PUBLISH = True
    built = []
    monkeypatch.setattr(tasks, "build_after_publish", lambda pk, **_: built.append(pk))
    draft = MeetingFactory(
        body=september.body, date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT
    )
    AgendaItemFactory(meeting=draft)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:publish", args=[draft.pk]))
    assert response.status_code == 302
    assert built == [draft.pk]


def test_the_command_refuses_an_unknown_meeting(db, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("agenda_pack", "999999", "--output", str(tmp_path / "x.pdf"))


def test_pack_pdf_has_one_outline_entry_per_item_with_papers(september):
    path, _ = pack.pack_build(september)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    titles = [e.title for e in reader.outline if not isinstance(e, list)]
    assert titles == [
        "Agenda",
        "3. Minutes of Previous Meeting",
        "7. Integrated Youth Service",
        "8. Domestic Abuse Strategy Refresh",
    ]


def test_publishing_leaves_the_pack_to_the_first_download_when_asked_to(
    client, officer, september, monkeypatch, django_capture_on_commit_callbacks, settings
):
    settings.SSCP_BUILD_PACK_ON_PUBLISH = False
    built = []
    monkeypatch.setattr(tasks, "build_after_publish", lambda pk, **_: built.append(pk))
    draft = MeetingFactory(
        body=september.body, date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT
    )
    AgendaItemFactory(meeting=draft)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:publish", args=[draft.pk]))
    assert built == []
