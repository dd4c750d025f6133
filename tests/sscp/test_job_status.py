"""A queued job's page: its progress while it runs (refreshing itself, CSP-clean), its result or
its error when finished; shown to the person who started it only."""

import pytest
from django.urls import reverse

from sscp import jobs
from sscp.models import JobStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(analyst):
    return jobs.job_create(
        kind="dataset-import", subject="upload:x", user=analyst, title="Importing big.csv"
    )


def _page(client, user, job):
    client.force_login(user)
    return client.get(reverse("job_status", args=[job.pk]))


def test_a_running_job_shows_its_progress_and_refreshes(client, analyst, job):
    jobs.set_progress(job.pk, 47)
    response = _page(client, analyst, job)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Importing big.csv" in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert 'data-job-refresh="2"' in page and "js/job-refresh.js" in page
    assert 'class="app-progress app-progress--40" max="100" value="47"' in page
    assert "style=" not in page and "<script>" not in page
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_finished_job_links_to_its_result_and_stops_refreshing(client, analyst, job):
    jobs.set_result(job.pk, "/performance/assessment/imports/7/")
    job.__class__.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100)
    page = _page(client, analyst, job).content.decode()
    assert 'href="/performance/assessment/imports/7/"' in page
    assert 'http-equiv="refresh"' not in page and "job-refresh.js" not in page


def test_a_refused_job_shows_each_error_to_who_started_it(client, analyst, job):
    def refuse():
        raise jobs.JobRefused(
            "line 3, column value: 'abc' is not a number\nline 9, column period: bad"
        )

    jobs.run_attempt(None, job_pk=job.pk, attempt=1, work=refuse)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 1)  # refused: never retried
    page = _page(client, analyst, job).content.decode()
    assert "<li>line 3, column value: &#x27;abc&#x27; is not a number</li>" in page
    assert "<li>line 9, column period: bad</li>" in page
    assert 'http-equiv="refresh"' not in page and "job-refresh.js" not in page


def test_another_user_gets_404(client, job, user_with_role):
    from sscp import roles

    other = user_with_role(roles.ANALYST, username="other-analyst")
    assert _page(client, other, job).status_code == 404
    assert _page(client, UserFactory(), job).status_code == 404


def test_a_job_nobody_started_is_404_to_everyone(client, analyst):
    job = jobs.job_create(kind="agenda-pack", subject="meeting:1")
    assert _page(client, analyst, job).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, job):
    response = client.get(reverse("job_status", args=[job.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_upload_the_queue_cannot_take_fails_its_job_and_is_deleted(analyst, settings):
    from django.core.files.base import ContentFile

    from sscp import queued_uploads

    class Refusing:
        def enqueue(self, **kwargs):
            raise ConnectionError("queue unavailable")

    stored = queued_uploads.store(ContentFile(b"a,b\n", name="big.csv"))
    job = jobs.job_create(kind="dataset-import", subject="upload:y", user=analyst)
    jobs.enqueue_upload(Refusing(), job=job, stored=stored)
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "queue unavailable")
    assert not (settings.MEDIA_ROOT / stored).exists()
