"""Production settings come from the environment and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sscp.env import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    # tests/settings.py relaxes some of these for the test server: start from the real defaults.
    ours = {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE"}
    ours |= {
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    clean.update(env, DJANGO_SETTINGS_MODULE="sscp.settings")
    clean = {k: v for k, v in clean.items() if v is not None}  # None: left unset
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_it_passes_the_deployment_checklist_with_no_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="board.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_unless_debug():
    refused = _manage("check", DEBUG="0")
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr
    assert _manage("check", DEBUG="1").returncode == 0


def test_it_rejects_a_misspelt_boolean(monkeypatch):
    monkeypatch.setenv("DEBUG", "treu")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='treu' is not a boolean"):
        env_bool("DEBUG")


def test_it_rejects_a_non_numeric_integer(monkeypatch):
    monkeypatch.setenv("SSCP_MAX_UPLOAD_MB", "20MB")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SSCP_MAX_UPLOAD_MB", 20)


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "board.example.org",
}


def test_it_refuses_to_start_in_production_without_a_database_url():
    refused = _manage("check", **PRODUCTION, DATABASE_URL=None)
    assert refused.returncode != 0
    assert "DATABASE_URL is not set" in refused.stderr
    assert _manage("check", **PRODUCTION, DATABASE_URL="sqlite:///:memory:").returncode == 0
    assert _manage("check", DEBUG="1", DATABASE_URL=None).returncode == 0


def test_hsts_preload_is_off_unless_the_deployer_asks_for_it():
    show = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    default = _manage("shell", "-c", show, **PRODUCTION)
    assert default.stdout.strip().endswith("False"), default.stderr
    asked = _manage("shell", "-c", show, **PRODUCTION, SECURE_HSTS_PRELOAD="1")
    assert asked.stdout.strip().endswith("True"), asked.stderr
