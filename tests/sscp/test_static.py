"""plotly.js is served from static/build, built by `npm run build` (scripts/build-plotly.mjs)
from the plotly.js source on npm with only the trace types the app draws; never from the
plotly wheel, a file copied into the repository, or a CDN."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

# Every trace type the Python figures use (marac/charts.py, assessments/charts.py).
TRACES_DRAWN = {"scatter", "bar", "choropleth", "scattergeo"}
# What a chart page loads as script, besides the figures' JSON in the page itself.
CHART_PAGE_SCRIPTS = [
    "js/js-enabled.js",
    "js/app.mjs",
    "js/unsaved-changes.js",
    "build/govuk-frontend.min.js",
    "build/plotly.min.js",
    "js/charts.mjs",
]


def test_the_plotly_bundle_holds_only_the_trace_types_the_app_draws():
    found = finders.find("build/plotly.min.js")
    assert found, "static/build/plotly.min.js is missing: run `npm run build`"
    with open(found, encoding="utf-8") as bundle:
        banner = bundle.readline()
    traces = set(re.search(r"traces: ([a-z, ]+)\)", banner).group(1).split(", "))
    assert traces == TRACES_DRAWN


def test_a_chart_pages_scripts_weigh_under_0_8_mb_compressed():
    sizes = {}
    for path in CHART_PAGE_SCRIPTS:
        with open(finders.find(path), "rb") as script:
            sizes[path] = len(gzip.compress(script.read()))
    assert sum(sizes.values()) < 800_000, sizes


def test_plotly_is_no_longer_served_from_the_wheel():
    assert finders.find("plotly/plotly.min.js") is None


@pytest.mark.django_db
def test_the_plotly_bundle_and_its_stylesheet_are_reachable_by_url(client, board_member):
    client.force_login(board_member)
    assert client.get("/static/build/plotly.min.js").status_code == 200
    assert client.get("/static/build/plotly.css").status_code == 200


def test_collectstatic_gathers_the_built_plotly_bundle_and_stylesheet(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "build" / "plotly.min.js").exists()
    assert (tmp_path / "build" / "plotly.css").exists()
    assert not (tmp_path / "plotly").exists()
