"""Settings for the test suite: the production settings with test-only keys and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployed-system-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
# SQLite unless CI names PostgreSQL; production refuses to guess (sscp/settings.py).
os.environ.setdefault(
    "DATABASE_URL",
    f"sqlite:///{os.path.join(os.path.dirname(os.path.dirname(__file__)), 'db.sqlite3')}",
)

from sscp.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sscp-test-media-"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Jobs run inside the request that enqueues them, except in the tests of the queue itself
# (tests/sscp/test_task_queue.py), which switch to the database backend and run a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No pack building while a browser test's database is being torn down; the
# publishing hook is tested on its own (tests/meetings/test_pack_views.py).
SSCP_BUILD_PACK_ON_PUBLISH = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SSCP_SITE_URL = "http://testserver"
SSCP_PUBLIC_RATE_LIMIT = 0  # tests walk every URL; tests/meetings/test_public_pages.py sets one
