"""Publishing an agenda puts its pack build on the task queue; a worker builds it; a build that
keeps failing is shown, with its reason, to the officer (never to board members), and never
fails the publication."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from meetings import pack
from meetings.models import Meeting, MeetingStatus
from sscp import roles
from sscp.models import Job, JobStatus
from tests.factories import AgendaItemFactory, MeetingFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def queue(transactional_db, settings):
    roles.roles_sync()  # a transactional test starts from empty tables
    settings.TASKS = DATABASE_QUEUE
    settings.SSCP_BUILD_PACK_ON_PUBLISH = True
    settings.SSCP_TASK_RETRY_SECONDS = 0


@pytest.fixture
def draft():
    meeting = MeetingFactory(date=datetime.date(2019, 3, 14), status=MeetingStatus.DRAFT)
    AgendaItemFactory(meeting=meeting, title="Anti-social behaviour in Bootle")
    return meeting


def _publish(client, officer, meeting):
    client.force_login(officer)
    response = client.post(reverse("meetings:publish", args=[meeting.pk]))
    assert response.status_code == 302
    return response


def _page(client, user, meeting) -> str:
    client.force_login(user)
    return client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_publishing_enqueues_the_build_and_a_worker_builds_it(client, officer, draft):
    _publish(client, officer, draft)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "meetings.tasks.build_pack"
    assert queued.args_kwargs["kwargs"]["meeting_pk"] == draft.pk
    job = Job.objects.get()
    assert (job.status, job.started_by, job.subject) == (
        JobStatus.QUEUED,
        officer,
        f"meeting:{draft.pk}",
    )
    assert pack.latest_build(draft.pk, "pack-members")[0] is None  # nothing built by the request
    assert "Agenda pack: waiting for a worker." in _page(client, officer, draft)

    _run_worker()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert pack.latest_build(draft.pk, "pack-members")[0] >= 1
    assert pack.latest_build(draft.pk, "pack-public")[0] >= 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert 'data-testid="pack-job"' not in _page(client, officer, draft)


def test_a_build_that_keeps_failing_is_shown_to_the_officer(
    client, officer, board_member, draft, monkeypatch, settings
):
    settings.SSCP_TASK_MAX_ATTEMPTS = 2

    def out_of_memory(*args, **kwargs):
        raise MemoryError("WeasyPrint ran out of memory")

    monkeypatch.setattr(pack, "pack_build", out_of_memory)
    _publish(client, officer, draft)
    _run_worker()
    assert [r.status for r in DBTaskResult.objects.all()] == ["FAILED", "FAILED"]
    page = _page(client, officer, draft)
    assert "Agenda pack build failed: WeasyPrint ran out of memory (tried 2 times)" in page
    assert "WeasyPrint" not in _page(client, board_member, draft)


def test_a_failing_build_never_fails_the_publication(client, officer, draft, monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SSCP_TASK_MAX_ATTEMPTS = 1
    monkeypatch.setattr(pack, "pack_build", lambda *a, **k: 1 / 0)
    _publish(client, officer, draft)
    assert Meeting.objects.get(pk=draft.pk).status == MeetingStatus.AGENDA_PUBLISHED
    assert Job.objects.get().status == JobStatus.FAILED
    assert "Agenda pack build failed: division by zero" in _page(client, officer, draft)
