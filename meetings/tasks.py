"""Work on the task queue (django-tasks): run by `manage.py db_worker`, never by a web worker.

Email alerts (meetings/alerts.py says who gets what) are one job per message, so a retry never
sends anyone a second copy of a message that went; a message that failed every attempt is
listed on its meeting's page for the officers, and publishing never waits for, or fails on, mail.

The agenda pack is built as soon as an agenda is published (and again when the previous
meeting's minutes are published), so the first person to download it does not wait. A build
that fails is tried again (sscp.jobs) and, once every attempt failed, the meeting page tells
the officer why; the first download still builds the pack itself, so nothing is lost.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from meetings import alerts, pack, paper_text, supplement_pack
from meetings.models import Alert, MeetingStatus, Supplement, UploadedDocument
from meetings.selectors import (
    ALERT_JOB,
    PACK_JOB,
    TEXT_JOB,
    alert_recipients,
    digest_recipients,
    draft_meetings_between,
    meeting_subject,
    next_meeting,
    officers_with_email,
    open_actions_of,
)
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
    job = jobs.job_create(kind=PACK_JOB, subject=meeting_subject(meeting_pk), user=user)
    jobs.enqueue(build_pack, job=job, meeting_pk=meeting_pk)


def schedule_build_after_publish(meeting_pk: int, *, user=None) -> None:
    """Called when an agenda is published: queue its pack build once the transaction commits.

    Off with SSCP_BUILD_PACK_ON_PUBLISH=0: the first download then builds the pack.
    """
    if settings.SSCP_BUILD_PACK_ON_PUBLISH:
        transaction.on_commit(
            lambda: _queue_safely(lambda: build_after_publish(meeting_pk, user=user))
        )


@task()
def build_supplement(*, job_pk: int, attempt: int = 1, supplement_pk: int) -> None:
    """Build both variants of a supplementary agenda, and the whole pack with it. The main
    pack's parts come from the cache: a supplement never renders them again."""

    def work():
        supplement = Supplement.objects.select_related("meeting__body").get(pk=supplement_pk)
        for done, variant in enumerate(pack.VARIANTS, start=1):
            supplement_pack.supplement_build_info(supplement, variant=variant)
            supplement_pack.whole_build_info(supplement.meeting, variant=variant)
            jobs.set_progress(job_pk, 100 * done // len(pack.VARIANTS))

    jobs.run_attempt(
        build_supplement, job_pk=job_pk, attempt=attempt, work=work, supplement_pk=supplement_pk
    )


def schedule_supplement_build(supplement_pk: int, *, user=None) -> None:
    """Called when a supplement is published: queue its build once the transaction commits."""
    if not settings.SSCP_BUILD_PACK_ON_PUBLISH:
        return

    def queue():
        meeting_pk = Supplement.objects.values_list("meeting_id", flat=True).get(pk=supplement_pk)
        job = jobs.job_create(kind=PACK_JOB, subject=meeting_subject(meeting_pk), user=user)
        jobs.enqueue(build_supplement, job=job, supplement_pk=supplement_pk)

    transaction.on_commit(lambda: _queue_safely(queue))


def rebuild_following(meeting, *, user=None) -> None:
    """``meeting``'s minutes were just published: the next meeting's pack (once its agenda is
    published) carries them now instead of saying they will follow, so its built packs are
    forgotten and built again."""
    following = next_meeting(meeting)
    if following is None or following.status == MeetingStatus.DRAFT:
        return
    transaction.on_commit(lambda: pack.forget_meeting(following.pk))
    schedule_build_after_publish(following.pk, user=user)


# --- Paper text for search -----------------------------------------------------------------


@task()
def extract_paper_text(*, job_pk: int, attempt: int = 1, document_pk: int) -> None:
    """Read an uploaded paper's text for search (a paper removed meanwhile needs nothing)."""

    def work():
        document = UploadedDocument.objects.filter(pk=document_pk).first()
        if document is not None:
            paper_text.store_text(document)

    jobs.run_attempt(
        extract_paper_text, job_pk=job_pk, attempt=attempt, work=work, document_pk=document_pk
    )


def extract_text_later(document, *, user=None) -> None:
    """Called once the upload has committed: the upload does not wait for a long paper's text."""
    subject = meeting_subject(document.agenda_item.meeting_id)
    job = jobs.job_create(kind=TEXT_JOB, subject=subject, user=user)
    jobs.enqueue(extract_paper_text, job=job, document_pk=document.pk)


# --- Email alerts ---------------------------------------------------------------------------


@task()
def send_alert(*, job_pk: int, attempt: int = 1, alert: str, user_pk: int, object_pk=None) -> None:
    """Send one alert to one person, reading their choices and the record at sending time."""
    from django.contrib.auth import get_user_model

    def work():
        user = get_user_model().objects.get(pk=user_pk)
        if not (user.is_active and user.email and alerts.wants(user, alert)):
            return
        parts = alerts.content(alert, object_pk, user, timezone.localdate())
        if parts is None:
            return
        try:
            alerts.message(alert, user, parts).send()
        except Exception as error:
            name = user.get_full_name() or user.get_username()
            raise AlertNotSent(f"email to {name}: {jobs.describe(error)}") from error

    jobs.run_attempt(
        send_alert,
        job_pk=job_pk,
        attempt=attempt,
        work=work,
        alert=alert,
        user_pk=user_pk,
        object_pk=object_pk,
    )


class AlertNotSent(Exception):
    """An alert's email could not be handed to the mail server (the reason names the person)."""


def queue_alert(alert: str, recipient, *, subject: str, object_pk=None, started_by=None) -> None:
    job = jobs.job_create(kind=ALERT_JOB, subject=subject, user=started_by)
    jobs.enqueue(send_alert, job=job, alert=str(alert), user_pk=recipient.pk, object_pk=object_pk)


def _queue_safely(queue_all) -> None:
    """Run after the commit: a failure to find recipients or queue them is logged, never
    raised into the request whose change is already saved."""
    try:
        queue_all()
    except Exception:
        logger.exception("Queuing work after a publication failed")


def alert_meeting_on_commit(alert: str, meeting, *, user=None) -> None:
    """After an agenda or minutes publication: one alert per member of the body."""

    def queue_all():
        for recipient in alert_recipients(meeting):
            queue_alert(
                alert,
                recipient,
                subject=meeting_subject(meeting.pk),
                object_pk=meeting.pk,
                started_by=user,
            )

    transaction.on_commit(lambda: _queue_safely(queue_all))


def alert_supplementary(item, *, user=None) -> None:
    """A paper was just added to ``item`` (committed): when its meeting's agenda is already
    published, the members hear of it; a confidential item's paper is never told of."""
    if item.meeting.status != MeetingStatus.AGENDA_PUBLISHED or item.is_confidential:
        return

    def queue_all():
        for recipient in alert_recipients(item.meeting):
            queue_alert(
                Alert.SUPPLEMENTARY_PUBLISHED,
                recipient,
                subject=meeting_subject(item.meeting_id),
                object_pk=item.pk,
                started_by=user,
            )

    _queue_safely(queue_all)


def alert_supplementary_on_commit(item, *, user=None) -> None:
    transaction.on_commit(lambda: alert_supplementary(item, user=user))


def alert_actions_on_commit(actions, *, user=None) -> None:
    """Tell each action's owner (a person with an account) that it is theirs."""

    def queue_all():
        for action in actions:
            owner = action.owner_person.user if action.owner_person_id else None
            if owner is None:
                continue
            meeting_pk = action.resolution_part.minute.meeting_id
            queue_alert(
                Alert.ACTION_ASSIGNED,
                owner,
                subject=meeting_subject(meeting_pk),
                object_pk=action.pk,
                started_by=user,
            )

    transaction.on_commit(lambda: _queue_safely(queue_all))


def alert_if_newly_assigned(action, *, previous_owner_pk, user=None) -> None:
    """An action added to, or given to someone new in, minutes already published: tell its
    owner. (Actions in draft minutes are told of when the minutes are published.)"""
    minute = action.resolution_part.minute
    published = minute.meeting.status in (
        MeetingStatus.MINUTES_DRAFTED,
        MeetingStatus.MINUTES_CONFIRMED,
    )
    if published and action.owner_person_id and action.owner_person_id != previous_owner_pk:
        alert_actions_on_commit([action], user=user)


def queue_scheduled_alerts(today, *, digest: bool) -> dict[str, int]:
    """The day's deadline reminders and, when asked, the weekly digests (cron, see the README)."""
    counts = {"reminders": 0, "digests": 0}
    horizon = today + datetime.timedelta(days=31)
    meetings = draft_meetings_between(today, horizon)
    due = [m for m in meetings if alerts.reminder_day(m.date) == today]
    officers = officers_with_email() if due else []
    for meeting in due:
        for officer in officers:
            queue_alert(
                Alert.DEADLINE_REMINDER,
                officer,
                subject=meeting_subject(meeting.pk),
                object_pk=meeting.pk,
            )
            counts["reminders"] += 1
    if digest:
        for recipient in digest_recipients():
            if open_actions_of(recipient):
                queue_alert(Alert.WEEKLY_DIGEST, recipient, subject=f"user:{recipient.pk}")
                counts["digests"] += 1
    return counts


# --- Office papers ----------------------------------------------------------------------------


@task()
def convert_paper(*, document_pk: int) -> None:
    """Convert an uploaded Word, OpenDocument, RTF, spreadsheet or image paper to PDF
    (``meetings.services.run_conversion``: it records a failure on the paper, or removes a
    refused one, and never raises)."""
    from meetings.services import run_conversion

    run_conversion(document_pk)
