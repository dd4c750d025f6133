"""A deleted paper takes its stored PDF and the meeting's built packs with it, once committed.

Whichever way it goes: removing its item or its appendix, deleting the meeting, the admin.
"""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from meetings import pack, services
from meetings.models import AgendaItem, Meeting, MeetingStatus
from meetings.pack_pdf import read_back
from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory, tiny_pdf

pytestmark = pytest.mark.django_db
SECRET = "Confidential case review"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(item, officer, title, report=None):
    return services.document_upload(
        item=item, user=officer, title=title, report=report,
        file=SimpleUploadedFile("a.pdf", tiny_pdf(SECRET), "application/pdf"),
    )  # fmt: skip


@pytest.fixture
def confidential_item(officer):
    """An item of a draft agenda with a confidential paper and a report with an appendix."""
    meeting = MeetingFactory(status=MeetingStatus.DRAFT)
    item = AgendaItemFactory(meeting=meeting, title="Case review", is_confidential=True)
    report = services.report_save(
        item=item, user=officer, sections=[], report_to="SSCP", meeting_date=meeting.date,
        subject="Reviews", report_of="Officer",
    )  # fmt: skip
    paper = _upload(item, officer, "Case paper")
    appendix = _upload(item, officer, "Case appendix", report=report)
    return item, [Path(paper.file.path), Path(appendix.file.path)]


def _exist(paths):
    return [path for path in paths if path.exists()]


def test_removing_an_item_deletes_its_files_and_the_packs_that_held_them(
    officer, confidential_item, django_capture_on_commit_callbacks
):
    item, paths = confidential_item
    meeting = item.meeting
    AgendaItemFactory(meeting=meeting, title="Open item")
    built = pack.pack_build_info(meeting, variant=pack.MEMBERS)
    assert any(SECRET in text for text in read_back(built.path.read_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        services.item_remove(item=item, user=officer)
    assert _exist([*paths, built.path]) == []
    assert pack.latest_build(meeting.pk, f"pack-{pack.MEMBERS}") == (None, [])
    rebuilt = pack.pack_build_info(meeting, variant=pack.MEMBERS)
    assert not any(SECRET in text for text in read_back(rebuilt.path.read_bytes()))


def test_a_rolled_back_removal_keeps_the_files(
    officer, confidential_item, django_capture_on_commit_callbacks
):
    item, paths = confidential_item
    pk = item.pk
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.item_remove(item=item, user=officer)
        raise RuntimeError("the request failed after the removal")
    assert callbacks == []
    assert AgendaItem.objects.filter(pk=pk).exists()
    assert len(_exist(paths)) == 2


def test_removing_an_appendix_deletes_only_its_file(
    officer, confidential_item, django_capture_on_commit_callbacks
):
    item, (paper_path, appendix_path) = confidential_item
    appendix = item.documents.get(report__isnull=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.appendix_remove(document=appendix, user=officer)
    assert _exist([paper_path, appendix_path]) == [paper_path]


def test_deleting_the_meeting_deletes_its_files(
    confidential_item, django_capture_on_commit_callbacks
):
    item, paths = confidential_item
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.filter(pk=item.meeting_id).delete()
    assert _exist(paths) == []


def test_an_administrator_deleting_the_item_deletes_its_files(
    client, confidential_item, django_capture_on_commit_callbacks
):
    item, paths = confidential_item
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:meetings_agendaitem_delete", args=[item.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert _exist(paths) == []


def test_a_pack_deleted_between_its_build_and_its_download_is_built_again(
    client, officer, confidential_item, monkeypatch
):
    item, _ = confidential_item
    build, builds = pack.pack_build_info, []

    def build_then_lose_it(meeting, **kwargs):
        built = build(meeting, **kwargs)
        if not builds:  # a paper of the meeting removed at that very moment
            pack.forget_meeting(meeting.pk)
        builds.append(built)
        return built

    monkeypatch.setattr(pack, "pack_build_info", build_then_lose_it)
    client.force_login(officer)
    response = client.get(reverse("meetings:pack", args=[item.meeting_id]))
    assert response.status_code == 200
    assert len(builds) == 2
    assert any(SECRET in text for text in read_back(b"".join(response.streaming_content)))
