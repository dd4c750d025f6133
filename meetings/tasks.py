"""Work on the task queue (django-tasks): run by `manage.py db_worker`, never by a web worker.

The agenda pack is built as soon as an agenda is published (and again when the previous
meeting's minutes are published), so the first person to download it does not wait. A build
that fails is tried again (sscp.jobs) and, once every attempt failed, the meeting page tells
the officer why; the first download still builds the pack itself, so nothing is lost.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

from meetings import pack
from meetings.models import MeetingStatus
from meetings.selectors import PACK_JOB, next_meeting, pack_subject
from sscp import jobs

logger = logging.getLogger(__name__)


@task()
def build_pack(*, job_pk: int, attempt: int = 1, meeting_pk: int) -> None:
    """Build both variants of a meeting's agenda pack into the pack cache."""

    def work():
        for done, variant in enumerate(pack.VARIANTS, start=1):
            pack.pack_build(meeting_pk, variant=variant)
            jobs.set_progress(job_pk, 100 * done // len(pack.VARIANTS))

    jobs.run_attempt(build_pack, job_pk=job_pk, attempt=attempt, work=work, meeting_pk=meeting_pk)


def build_after_publish(meeting_pk: int, *, user=None) -> None:
    """Record the build as a Job of ``user``'s and put it on the queue."""
    job = jobs.job_create(kind=PACK_JOB, subject=pack_subject(meeting_pk), user=user)
    jobs.enqueue(build_pack, job=job, meeting_pk=meeting_pk)


def schedule_build_after_publish(meeting_pk: int, *, user=None) -> None:
    """Called when an agenda is published: queue its pack build once the transaction commits.

    Off with SSCP_BUILD_PACK_ON_PUBLISH=0: the first download then builds the pack.
    """
    if settings.SSCP_BUILD_PACK_ON_PUBLISH:
        transaction.on_commit(lambda: build_after_publish(meeting_pk, user=user))


def rebuild_following(meeting, *, user=None) -> None:
    """``meeting``'s minutes were just published: the next meeting's pack (once its agenda is
    published) carries them now instead of saying they will follow, so its built packs are
    forgotten and built again."""
    following = next_meeting(meeting)
    if following is None or following.status == MeetingStatus.DRAFT:
        return
    transaction.on_commit(lambda: pack.forget_meeting(following.pk))
    schedule_build_after_publish(following.pk, user=user)
