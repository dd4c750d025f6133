"""The task queue itself: jobs wait in the database until a worker (`manage.py db_worker`) takes
them, failures are tried again up to a limit, and the last failure is kept for the person who
started the job. Runs on the database backend (the rest of the suite runs jobs immediately)."""

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from sscp import jobs
from sscp.models import Job, JobStatus

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
CALLS = []


@task()
def record(*, job_pk, attempt=1, word):
    jobs.run_attempt(
        record, job_pk=job_pk, attempt=attempt, work=lambda: CALLS.append(word), word=word
    )


@task()
def always_fails(*, job_pk, attempt=1):
    def work():
        CALLS.append(attempt)
        raise RuntimeError("The printer is on fire")

    jobs.run_attempt(always_fails, job_pk=job_pk, attempt=attempt, work=work)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture(autouse=True)
def database_queue(transactional_db, settings):
    settings.TASKS = DATABASE_QUEUE
    settings.SSCP_TASK_RETRY_SECONDS = 0
    CALLS.clear()


def test_a_job_waits_for_the_worker_then_runs_once():
    job = jobs.job_create(kind="test", subject="word")
    jobs.enqueue(record, job=job, word="minute")
    assert CALLS == []
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.task_path.endswith(".record")
    run_worker()
    assert CALLS == ["minute"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress, job.error) == (JobStatus.DONE, 1, 100, "")


def test_a_failing_job_is_tried_up_to_the_limit_and_its_reason_kept(settings):
    settings.SSCP_TASK_MAX_ATTEMPTS = 3
    job = jobs.job_create(kind="test", subject="fire")
    jobs.enqueue(always_fails, job=job)
    run_worker()
    assert CALLS == [1, 2, 3]
    attempts = DBTaskResult.objects.all()
    assert [a.status for a in attempts] == ["FAILED"] * 3
    assert all("The printer is on fire" in a.traceback for a in attempts)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert job.error == "The printer is on fire"


def test_a_retry_waits_before_it_runs(settings):
    settings.SSCP_TASK_MAX_ATTEMPTS = 2
    settings.SSCP_TASK_RETRY_SECONDS = 3600
    job = jobs.job_create(kind="test", subject="fire")
    jobs.enqueue(always_fails, job=job)
    run_worker()
    assert CALLS == [1]  # the second attempt waits an hour
    job.refresh_from_db()
    assert job.status == JobStatus.RETRYING and job.error == "The printer is on fire"
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_queue_that_refuses_the_job_marks_it_failed_without_raising(monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("queue unavailable")

    monkeypatch.setattr(type(record.get_backend()), "enqueue", refuse)
    job = jobs.job_create(kind="test", subject="word")
    jobs.enqueue(record, job=job, word="minute")
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "queue unavailable")


def test_a_long_reason_is_shortened():
    assert len(jobs.describe(RuntimeError("x" * 1000))) == jobs.REASON_CHARS
    assert jobs.describe(RuntimeError()) == "RuntimeError"


def test_retries_wait_longer_each_time(settings):
    settings.SSCP_TASK_RETRY_SECONDS = 30
    assert [jobs.retry_delay(n).total_seconds() for n in (2, 3, 4)] == [30, 60, 120]
    assert Job.objects.count() == 0
