"""Dataset imports too large for the request, run on the task queue (sscp.queued_uploads).

The worker runs the same import as the page does (all or nothing); a refused file's errors,
each with its row, column and reason, are shown on the job's page to the analyst who uploaded
it. Progress is stored by the import at each stage.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from assessments.imports import BOUNDARIES, boundaries_import, dataset_import
from sscp import jobs, queued_uploads

IMPORT_JOB = "dataset-import"


def _user(user_pk):
    return get_user_model().objects.filter(pk=user_pk).first() if user_pk else None


def _run_import(job_pk: int, stored: str, upload: dict):
    """The page's import, on the stored file; ``upload`` holds the form's choices."""
    user = _user(upload["user_pk"])
    common = {
        "dataset_name": upload["dataset"],
        "user": user,
        "replace": upload["replace"],
        "filename": upload["filename"],
    }
    file = queued_uploads.path(stored)
    if upload["format"] == BOUNDARIES:
        return boundaries_import(file, code_property=upload["code_property"] or None, **common)
    progress = partial(jobs.set_progress, job_pk)
    format = None if upload["format"] == "auto" else upload["format"]
    return dataset_import(format, file, options=upload["options"], progress=progress, **common)


@task()
def import_dataset(*, job_pk: int, attempt: int = 1, stored: str, upload: dict) -> None:
    def work():
        report = _run_import(job_pk, stored, upload)
        if not report.ok:
            raise jobs.JobRefused(report.as_text())
        url = reverse("assessments:import_detail", args=[report.dataset_import.pk])
        jobs.set_result(job_pk, url)

    jobs.run_with_upload(
        import_dataset, job_pk=job_pk, attempt=attempt, stored=stored, work=work, upload=upload
    )


def queue_import(*, file, user, format: str, dataset: str, replace: bool, options: dict,
                 code_property: str = ""):  # fmt: skip
    """Keep the upload and queue its import; returns the Job whose page shows its progress."""
    upload = {
        "user_pk": user.pk, "format": format, "dataset": dataset, "replace": replace,
        "filename": file.name, "options": options, "code_property": code_property,
    }  # fmt: skip
    stored = queued_uploads.store(file)
    job = jobs.job_create(
        kind=IMPORT_JOB,
        subject=f"upload:{stored}"[:100],
        user=user,
        title=f"Importing {file.name}"[:200],
    )
    jobs.enqueue_upload(import_dataset, job=job, stored=stored, upload=upload)
    return job
