"""Benchmarks: run with `make bench` (on PostgreSQL: `DATABASE_URL=postgres://... make bench`).

Each benchmark measures its subject and a baseline in the same run and prints the ratio, so the
figures hold on any machine. They are not part of `make test`.
"""

import statistics
import time

import pytest


def best_of(function, repeat: int = 5) -> float:
    """Fastest of `repeat` runs, in seconds: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def median_of(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.fixture
def report_ratio(request):
    """Print `name: subject / baseline = ratio (target)` and fail when the target is missed."""

    def report(name, subject: float, baseline: float, *, at_most=None, at_least=None):
        ratio = subject / baseline
        target = f"target <= {at_most}" if at_most is not None else f"target >= {at_least}"
        print(f"\nBENCH {name}: {subject:.4f}s / {baseline:.4f}s = {ratio:.2f} ({target})")
        if at_most is not None:
            assert ratio <= at_most, f"{name}: ratio {ratio:.2f} above {at_most}"
        if at_least is not None:
            assert ratio >= at_least, f"{name}: ratio {ratio:.2f} below {at_least}"
        return ratio

    return report
