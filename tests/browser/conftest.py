"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Never a downloaded browser. Without /usr/bin/chromium these tests are skipped with a clear
reason, unless SSCP_REQUIRE_BROWSER=1 (set by .ci/run), which makes that a failure.
"""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests
# themselves are still synchronous, one at a time. Only the browser tests need this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("SSCP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("SSCP_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"SSCP_REQUIRE_BROWSER=1 but {CHROMIUM} is not installed.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())


@pytest.fixture
def login_as(live_server, context):
    """Sign a user in by giving the browser a session cookie, not by typing a password."""

    def sign_in(user):
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )

    return sign_in


_axe = Axe()


def assert_accessible(page):
    """Fail on any serious or critical axe-core violation of the page as it stands."""
    results = _axe.run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, f"Accessibility violations on {page.url}:\n" + "\n".join(blocking)
