"""Chart pages in Chromium (skipped without /usr/bin/chromium), on the demo data.

Printed as ratios, measured in one run:
- the first chart page's scripts, gzip-compressed, against the same page loading the full
  plotly.js (target <= 0.6; and under 0.8 MB in all);
- the MARAC dashboard's time to its headline (navigation start to the first frame after the
  page's load, when it is shown and answers the user) against the old full draw, where every
  chart was drawn with the full plotly.js before the page was usable (target <= 0.5).
"""

import gzip
import statistics
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.browser.conftest import CHROMIUM, browser_type_launch_args, login_as  # noqa: F401

FULL_PLOTLY = Path("node_modules/plotly.js/dist/plotly.min.js")
MARAC = "/marac/?start=2017-04-01&end=2018-03-31"
RUNS = 3
# The first frame after the load event, when the page has done its work and shows.
READY = """window.__ready = new Promise((resolve) => addEventListener("load", () =>
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))));"""
# The old page: every chart drawn at once, as static/js/marac-charts.js did.
FULL_DRAW = """for (const element of document.querySelectorAll("[data-chart-json]")) {
  const figure = JSON.parse(document.getElementById(element.dataset.chartJson).textContent);
  Plotly.newPlot(element, figure.data, figure.layout, { responsive: true, displaylogo: false });
}"""

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
    pytest.mark.skipif(not FULL_PLOTLY.exists(), reason="run `npm ci` for the full plotly.js"),
]


@pytest.fixture
def coordinator(transactional_db, login_as):  # noqa: F811
    call_command("seed_demo", "--allow-production", stdout=__import__("io").StringIO())
    login_as(get_user_model().objects.get(username="marac"))


def scripts_gzipped(page, url) -> dict[str, int]:
    responses = []
    page.on("response", lambda r: responses.append(r) if r.request.resource_type == "script" else 0)
    page.goto(url, wait_until="load")
    return {r.url: len(gzip.compress(r.body(), 6)) for r in responses}


def time_to_headline(page, url) -> float:
    page.goto(url, wait_until="load")
    page.locator("#headline").wait_for()
    return page.evaluate("window.__ready") / 1000


def old_full_draw(route):
    if route.request.url.endswith("/plotly.min.js"):
        route.fulfill(body=FULL_PLOTLY.read_bytes(), content_type="text/javascript")
    else:
        route.fulfill(body=FULL_DRAW, content_type="text/javascript")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bench_chart_page_scripts_and_time_to_headline(
    coordinator, live_server, context, report_ratio
):
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.add_init_script(READY)
    url = f"{live_server.url}{MARAC}"

    sizes = scripts_gzipped(page, url)
    partial = next(size for script, size in sizes.items() if script.endswith("/plotly.min.js"))
    subject = sum(sizes.values())
    baseline = subject - partial + len(gzip.compress(FULL_PLOTLY.read_bytes(), 6))
    print(f"\nscripts (gzip bytes): {sizes}; charts: {page.locator('[data-chart-json]').count()}")
    assert subject < 800_000
    ratio = subject / baseline
    print(
        f"BENCH first chart page's scripts, gzip: {subject / 1000:.0f} kB / "
        f"{baseline / 1000:.0f} kB with the full plotly.js = {ratio:.2f} (target <= 0.6)"
    )
    assert ratio <= 0.6

    lazy = statistics.median(time_to_headline(page, url) for _ in range(RUNS))
    old = context.new_page()
    old.set_viewport_size({"width": 1280, "height": 900})
    old.add_init_script(READY)
    old.route("**/static/build/plotly.min.js", old_full_draw)
    old.route("**/static/js/charts.mjs", old_full_draw)
    full = statistics.median(time_to_headline(old, url) for _ in range(RUNS))
    assert old.locator(".js-plotly-plot").count() == old.locator("[data-chart-json]").count()
    report_ratio("MARAC dashboard time to headline vs full draw", lazy, full, at_most=0.5)
