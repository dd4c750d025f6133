"""A dataset larger than SSCP_QUEUE_IMPORT_MB is imported on the task queue: the page sends the
analyst to the job's progress page; the same all-or-nothing import runs there; its result or its
errors (row, column, reason) are shown to that analyst; the kept upload is deleted after."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from assessments.models import DatasetImport, Observation
from sscp import queued_uploads, roles
from sscp.demo import load_reference_data
from sscp.models import Job, JobStatus
from tests.assessments.helpers import csv_bytes

TIDY = "indicator,area_code,area_name,period,value"
GOOD = csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5", "Crime,E08000014,Sefton,2018/19,7")
BAD = csv_bytes(TIDY, "Crime,E08000014,Sefton,2017/18,5", "Crime,E08000014,Sefton,2018/19,abc")


@pytest.fixture
def reference(db, settings):
    load_reference_data()
    settings.SSCP_QUEUE_IMPORT_MB = 0  # every upload counts as large


def _post(client, content, name="big.csv"):
    data = {"format": "auto", "dataset": "Crime", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("assessments:imports"), data)


def _kept_uploads(settings):
    folder = settings.MEDIA_ROOT / queued_uploads.FOLDER
    return list(folder.iterdir()) if folder.exists() else []


def test_a_large_upload_goes_to_the_job_page_which_links_to_the_import(
    client, analyst, reference, settings
):
    client.force_login(analyst)
    response = _post(client, GOOD)
    job = Job.objects.get(kind="dataset-import")
    assert response.status_code == 302
    assert response["Location"] == reverse("job_status", args=[job.pk])
    assert (job.status, job.progress, job.started_by) == (JobStatus.DONE, 100, analyst)
    record = DatasetImport.objects.get()
    assert (record.filename, record.imported_by) == ("big.csv", analyst)
    assert Observation.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert reverse("assessments:import_detail", args=[record.pk]) in page
    assert _kept_uploads(settings) == []


def test_a_refused_large_upload_stores_nothing_and_shows_the_errors(
    client, analyst, reference, settings
):
    client.force_login(analyst)
    response = _post(client, BAD)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert not DatasetImport.objects.exists() and not Observation.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "line 3" in page and "value" in page and "abc" in page
    assert _kept_uploads(settings) == []


def test_a_small_upload_is_still_imported_during_the_request(client, analyst, reference, settings):
    settings.SSCP_QUEUE_IMPORT_MB = 2
    client.force_login(analyst)
    response = _post(client, GOOD)
    record = DatasetImport.objects.get()
    assert response["Location"] == reverse("assessments:import_detail", args=[record.pk])
    assert not Job.objects.exists()


def test_a_board_member_cannot_queue_an_import(client, board_member, reference):
    client.force_login(board_member)
    assert _post(client, GOOD).status_code == 403
    assert not Job.objects.exists()


def test_another_analyst_cannot_see_the_job(client, analyst, reference, user_with_role):
    client.force_login(analyst)
    location = _post(client, BAD)["Location"]
    client.force_login(user_with_role(roles.ANALYST, username="second-analyst"))
    assert client.get(location).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_the_page_shows_progress_until_a_worker_runs_it(
    client, analyst, settings
):
    roles.roles_sync()
    load_reference_data()
    settings.SSCP_QUEUE_IMPORT_MB = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(analyst)
    location = _post(client, GOOD)["Location"]
    page = client.get(location).content.decode()
    assert "Waiting for a worker" in page and 'http-equiv="refresh"' in page
    assert not DatasetImport.objects.exists()
    assert len(_kept_uploads(settings)) == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Observation.objects.count() == 2
    assert "See the result" in client.get(location).content.decode()
    assert _kept_uploads(settings) == []
