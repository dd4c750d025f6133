"""The public meeting page under load: gunicorn on loopback, driven by wrk.

In one run, against the demo in its own SQLite file: requests a second for an anonymous
visitor's 13 September 2018 meeting page (cached per published state, rate limiter counting)
and for /healthz (one SELECT 1), printed as a ratio. Skipped, saying why, without wrk
(`apt-get install wrk`). Takes about half a minute (migrate, demo, collectstatic, 2 x 5 s).
"""

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRK = shutil.which("wrk")
SECONDS = 5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(tmp_path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sscp.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SSCP_BUILD_PACK_ON_PUBLISH": "0",
        # The limiter counts every request (its cost is measured) but never refuses wrk.
        "SSCP_PUBLIC_RATE_LIMIT": "1000000000",
        "LOG_LEVEL": "WARNING",
    }
    return env


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _wait(url: str) -> None:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer {url}")


def _requests_per_second(url: str) -> float:
    out = subprocess.run(
        [WRK, "-t2", "-c8", f"-d{SECONDS}s", url], capture_output=True, text=True, check=True
    ).stdout
    assert "Non-2xx" not in out, out
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


@pytest.mark.skipif(WRK is None, reason="wrk is not installed (apt-get install wrk)")
def test_bench_anonymous_meeting_page_throughput_against_healthz(tmp_path, report_ratio):
    env = _environment(tmp_path)
    _manage(env, "migrate", "--no-input")
    _manage(env, "seed_demo", "--allow-production")
    _manage(env, "collectstatic", "--no-input")
    with sqlite3.connect(tmp_path / "bench.sqlite3") as db:
        (pk,) = db.execute("SELECT id FROM meetings_meeting WHERE date = '2018-09-13'").fetchone()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sscp.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        meeting, healthz = f"{base}/public/meetings/{pk}/", f"{base}/healthz"
        _wait(healthz)
        _wait(meeting)  # warm: the page cached
        page_rate = _requests_per_second(meeting)
        health_rate = _requests_per_second(healthz)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\nBENCH wrk: public meeting page {page_rate:.0f} req/s, /healthz {health_rate:.0f} req/s"
    )
    # Seconds per request, /healthz's over the page's: the throughputs' ratio.
    report_ratio(
        "public meeting page throughput / /healthz throughput",
        1 / health_rate,
        1 / page_rate,
        at_least=0.3,
    )
