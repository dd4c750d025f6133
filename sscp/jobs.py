"""Jobs on the task queue that people wait for: recorded, retried with a limit, failures shown.

django-tasks runs each task once and has no retry of its own. A task doing a Job's work calls
``run_attempt``: on an error it enqueues itself again with ``attempt + 1`` (after
SSCP_TASK_RETRY_SECONDS, doubling each time, where the backend can defer) until
SSCP_TASK_MAX_ATTEMPTS, then marks the Job failed with a short reason that the person who
started it sees. It re-raises either way, so the queue's own table keeps every failed attempt
with its traceback for operators.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sscp import queued_uploads
from sscp.models import Job, JobStatus

logger = logging.getLogger(__name__)

#: Longest reason kept on a failed Job (the traceback stays in the queue's table).
REASON_CHARS = 300


def describe(error: BaseException) -> str:
    """The reason a person is shown: the error's own message, or its type when it has none."""
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


#: Longest refusal kept on a Job (an import's errors, each with its row, column and reason).
REFUSAL_CHARS = 5000


class JobRefused(Exception):
    """The work refused its input (an import's errors): shown as it is and never retried,
    since the same file would be refused again."""


def job_create(*, kind: str, subject: str, user=None, title: str = "") -> Job:
    started_by = user if user is not None and user.is_authenticated else None
    return Job.objects.create(kind=kind, subject=subject, started_by=started_by, title=title)


def _update(job_pk: int, **fields) -> None:
    Job.objects.filter(pk=job_pk).update(updated_at=timezone.now(), **fields)


def set_progress(job_pk: int, percent: int) -> None:
    """Stored by the task as it goes, so the page waiting for it can show a progress bar."""
    _update(job_pk, progress=max(0, min(100, int(percent))))


def set_result(job_pk: int, url: str) -> None:
    """Where the person who waited finds the result (linked from the job's page when done)."""
    _update(job_pk, result_url=url)


def enqueue(task, *, job: Job, **kwargs) -> None:
    """Enqueue the first attempt of ``job``'s task. A queue that cannot take it marks the Job
    failed rather than breaking the request that asked (publishing never fails on it)."""
    try:
        task.enqueue(job_pk=job.pk, attempt=1, **kwargs)
    except Exception as error:
        logger.exception("Enqueuing %s for %s failed", job.kind, job.subject)
        _update(job.pk, status=JobStatus.FAILED, error=describe(error))


def enqueue_upload(task, *, job: Job, stored: str, **kwargs) -> None:
    """``enqueue`` for work on a kept upload: when the queue cannot take it, the Job is failed
    and the kept file deleted at once (no worker will ever do it)."""
    enqueue(task, job=job, stored=stored, **kwargs)
    if Job.objects.filter(pk=job.pk, status=JobStatus.FAILED, attempts=0).exists():
        queued_uploads.discard(stored)


def enqueue_on_commit(task, *, job: Job, **kwargs) -> None:
    """Enqueue once the current transaction commits, so the worker reads committed rows."""
    transaction.on_commit(lambda: enqueue(task, job=job, **kwargs))


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait before ``attempt`` (2, 3, ...): SSCP_TASK_RETRY_SECONDS, doubling."""
    return datetime.timedelta(seconds=settings.SSCP_TASK_RETRY_SECONDS * 2 ** max(0, attempt - 2))


def _retry(task, *, job_pk: int, attempt: int, kwargs: dict) -> None:
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + retry_delay(attempt))
    task.enqueue(job_pk=job_pk, attempt=attempt, **kwargs)


def run_attempt(task, *, job_pk: int, attempt: int, work: Callable[[], None], **kwargs) -> None:
    """Run one attempt of a Job's ``work``; on failure try again later or give up (see above).

    ``task`` is the task being run and ``kwargs`` its own arguments, so a retry is the same call.
    """
    _update(job_pk, status=JobStatus.RUNNING, attempts=attempt)
    try:
        work()
    except JobRefused as refusal:
        text = str(refusal).strip()
        _update(job_pk, status=JobStatus.FAILED, error=text[:REFUSAL_CHARS])
        return
    except Exception as error:
        reason = describe(error)
        if attempt < settings.SSCP_TASK_MAX_ATTEMPTS:
            _update(job_pk, status=JobStatus.RETRYING, error=reason)
            _retry(task, job_pk=job_pk, attempt=attempt + 1, kwargs=kwargs)
        else:
            _update(job_pk, status=JobStatus.FAILED, error=reason)
        raise
    _update(job_pk, status=JobStatus.DONE, progress=100, error="")


def run_with_upload(task, *, job_pk: int, attempt: int, stored: str, work, **kwargs) -> None:
    """``run_attempt`` for work on an upload kept for the queue (sscp.queued_uploads): the
    stored file is deleted once the job is finished (done, refused or out of attempts)."""
    try:
        run_attempt(task, job_pk=job_pk, attempt=attempt, work=work, stored=stored, **kwargs)
    finally:
        if Job.objects.get(pk=job_pk).finished:
            queued_uploads.discard(stored)
