"""An upload returns once the paper is stored; a worker on the queue reads its text for search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from meetings import services
from meetings.models import MeetingStatus, UploadedDocument
from sscp import roles
from sscp.models import Job, JobStatus
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.meetings.test_paper_text import weasy_pdf

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def queue(transactional_db, settings):
    roles.roles_sync()
    settings.TASKS = DATABASE_QUEUE


def test_the_upload_returns_before_the_text_and_a_worker_fills_it(officer):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    document = services.document_upload(
        item=item, user=officer, title="Youth update",
        file=SimpleUploadedFile("y.pdf", weasy_pdf("Detached sessions in Netherton")),
    )  # fmt: skip
    assert UploadedDocument.objects.get(pk=document.pk).text == ""
    assert DBTaskResult.objects.get().task_path == "meetings.tasks.extract_paper_text"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert UploadedDocument.objects.get(pk=document.pk).text == "Detached sessions in Netherton"
    assert Job.objects.get().status == JobStatus.DONE


def test_a_paper_removed_before_the_worker_runs_needs_nothing(officer):
    item = AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED))
    document = services.document_upload(
        item=item, user=officer, title="Youth update",
        file=SimpleUploadedFile("y.pdf", weasy_pdf("Gone")),
    )  # fmt: skip
    UploadedDocument.objects.filter(pk=document.pk).delete()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Job.objects.get().status == JobStatus.DONE
