"""MARAC uploads too large for the request, imported on the task queue (sscp.queued_uploads).

The worker runs the same check-then-write import as the upload page (nothing is written unless
the whole file is clean, and the attempt is recorded either way); a refused file's errors, each
with its row, column and reason, are shown on the job's page to the coordinator who uploaded it.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from marac.imports import import_marac
from sscp import jobs, queued_uploads

UPLOAD_JOB = "marac-upload"


@task()
def import_upload(*, job_pk: int, attempt: int = 1, stored: str, upload: dict) -> None:
    def work():
        user = get_user_model().objects.filter(pk=upload["user_pk"]).first()
        result = import_marac(
            upload["kind"],
            queued_uploads.path(stored),
            user=user,
            filename=upload["filename"],
            progress=partial(jobs.set_progress, job_pk),
        )
        if not result.ok:
            raise jobs.JobRefused(result.report())
        jobs.set_result(job_pk, reverse("marac:upload"))

    jobs.run_with_upload(
        import_upload, job_pk=job_pk, attempt=attempt, stored=stored, work=work, upload=upload
    )


def queue_upload(*, file, user, kind: str):
    """Keep the upload and queue its import; returns the Job whose page shows its progress."""
    stored = queued_uploads.store(file)
    title = f"Importing MARAC {kind} from {file.name}"[:200]
    job = jobs.job_create(kind=UPLOAD_JOB, subject=f"upload:{stored}"[:100], user=user, title=title)
    upload = {"user_pk": user.pk, "kind": kind, "filename": file.name}
    jobs.enqueue_upload(import_upload, job=job, stored=stored, upload=upload)
    return job
