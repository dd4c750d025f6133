"""The task queue is chosen by TASK_BACKEND: the database queue unless told otherwise; a typo
stops the app rather than running jobs somewhere unexpected."""

import subprocess

from tests.sscp.test_settings import ROOT, _manage

SHOW = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"


def _backend(**env):
    return _manage("shell", "--no-imports", "-c", SHOW, DEBUG="1", **env)


def test_the_database_queue_is_the_default():
    result = _backend(TASK_BACKEND=None)
    assert result.stdout.strip() == "django_tasks_db.backend.DatabaseBackend", result.stderr


def test_immediate_and_a_dotted_path_are_accepted():
    immediate = _backend(TASK_BACKEND="immediate").stdout.strip()
    assert immediate == "django_tasks.backends.immediate.ImmediateBackend"
    assert _backend(TASK_BACKEND="django_tasks_rq.RQBackend").stdout.strip().endswith("RQBackend")


def test_an_unknown_word_is_refused():
    result = _backend(TASK_BACKEND="databse")
    assert result.returncode != 0
    assert "TASK_BACKEND='databse'" in result.stderr


def test_make_run_starts_a_worker_beside_the_web_server():
    script = (ROOT / "scripts" / "run-dev.sh").read_text()
    assert "db_worker" in script and "runserver" in script and "trap stop EXIT" in script
    assert "scripts/run-dev.sh" in (ROOT / "Makefile").read_text()
    syntax = subprocess.run(["sh", "-n", str(ROOT / "scripts" / "run-dev.sh")])
    assert syntax.returncode == 0


def test_no_app_starts_a_thread_of_its_own():
    """Long work goes on the task queue: a thread dies with its web worker and is never retried."""
    found = [
        str(path.relative_to(ROOT))
        for app in ("sscp", "meetings", "assessments", "marac")
        for path in (ROOT / app).rglob("*.py")
        if "threading.Thread" in path.read_text() or "Thread(" in path.read_text()
    ]
    assert found == []
