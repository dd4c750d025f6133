"""Uploads too large to import during the request: kept under MEDIA_ROOT for a worker.

A web upload larger than SSCP_QUEUE_IMPORT_MB is saved here and its import runs on the task
queue (the same import function, all or nothing), while the page shows its progress. The file
sits on MEDIA_ROOT because the worker may run on another machine sharing that storage; the
job deletes it once finished (sscp.jobs.run_with_upload).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage

FOLDER = "queued-imports"


def should_queue(upload) -> bool:
    """Larger than SSCP_QUEUE_IMPORT_MB: imported on the queue rather than during the request."""
    return upload.size > settings.SSCP_QUEUE_IMPORT_MB * 1024 * 1024


def store(upload) -> str:
    """Keep ``upload`` for the worker under a random name (its own name is not trusted)."""
    suffix = Path(upload.name or "").suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}{suffix}", upload)


def path(name: str) -> str:
    return default_storage.path(name)


def discard(name: str) -> None:
    default_storage.delete(name)
