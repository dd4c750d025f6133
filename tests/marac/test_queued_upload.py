"""A MARAC file larger than SSCP_QUEUE_IMPORT_MB is imported on the task queue: the coordinator
is sent to the job's progress page; the same all-or-nothing import runs there; the result, or
each error with its line, column and reason, is shown to that coordinator only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from marac.models import Discussion, MaracImport
from sscp import queued_uploads
from sscp.models import Job, JobStatus
from tests.marac.conftest import DISCUSSIONS

BAD = DISCUSSIONS.replace(b"2017-05-13,V-20", b"2017-13-45,V-20")


@pytest.fixture
def large(reference, settings):
    settings.SSCP_QUEUE_IMPORT_MB = 0  # every upload counts as large


def _post(client, content, name="cases.csv"):
    data = {"kind": "discussions", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("marac:upload"), data)


def _kept_uploads(settings):
    folder = settings.MEDIA_ROOT / queued_uploads.FOLDER
    return list(folder.iterdir()) if folder.exists() else []


def test_a_large_upload_goes_to_the_job_page_which_links_to_the_uploads(
    client, marac_coordinator, large, settings
):
    client.force_login(marac_coordinator)
    response = _post(client, DISCUSSIONS)
    job = Job.objects.get(kind="marac-upload")
    assert response["Location"] == reverse("job_status", args=[job.pk])
    assert (job.status, job.progress, job.started_by) == (JobStatus.DONE, 100, marac_coordinator)
    assert Discussion.objects.count() == 13
    assert MaracImport.objects.get().user == marac_coordinator
    page = client.get(response["Location"]).content.decode()
    assert f'href="{reverse("marac:upload")}"' in page
    assert _kept_uploads(settings) == []


def test_a_refused_large_upload_writes_nothing_and_shows_line_column_reason(
    client, marac_coordinator, large, settings
):
    client.force_login(marac_coordinator)
    response = _post(client, BAD)
    job = Job.objects.get()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)
    assert not Discussion.objects.exists()
    assert MaracImport.objects.get().succeeded is False  # the attempt is recorded
    page = client.get(response["Location"]).content.decode()
    assert "line 14, column meeting_date" in page and "2017-13-45" in page
    assert _kept_uploads(settings) == []


def test_a_small_upload_is_still_imported_during_the_request(client, marac_coordinator, reference):
    client.force_login(marac_coordinator)
    assert _post(client, DISCUSSIONS)["Location"] == reverse("marac:upload")
    assert not Job.objects.exists()


def test_a_board_member_cannot_queue_an_upload(client, board_member, large):
    client.force_login(board_member)
    assert _post(client, DISCUSSIONS).status_code == 403
    assert not Job.objects.exists()


def test_an_analyst_cannot_see_the_coordinators_job(client, marac_coordinator, analyst, large):
    client.force_login(marac_coordinator)
    location = _post(client, BAD)["Location"]
    client.force_login(analyst)
    assert client.get(location).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_a_worker_imports_it(client, marac_coordinator, large, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(marac_coordinator)
    location = _post(client, DISCUSSIONS)["Location"]
    assert "Waiting for a worker" in client.get(location).content.decode()
    assert not Discussion.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Discussion.objects.count() == 13
    assert "See the result" in client.get(location).content.decode()
    assert _kept_uploads(settings) == []
