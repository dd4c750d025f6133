"""The dashboards on a laptop (1280 px) and a phone (375 px), as a board member sees them: no
table runs off the page (a wide one scrolls inside its own focusable region), the page never
scrolls sideways, the charts are drawn, axe finds nothing serious and the console stays quiet."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_charts import console_errors

PAGES = ["/marac/?start=2017-04-01&end=2018-03-31", "/performance/assessment/spine/"]
WIDTHS = [1280, 375]

# Each table that is wider than its region, with whether that region scrolls to show it all;
# and the widths of the page and the window.
LAYOUT = """() => ({
  page: document.documentElement.scrollWidth,
  window: window.innerWidth,
  tables: [...document.querySelectorAll("table")].map((table) => {
    const region = table.closest(".app-table-scroll");
    const style = region && getComputedStyle(region);
    return {
      id: table.id,
      inRegion: !!region && region.getAttribute("role") === "region"
        && region.tabIndex === 0 && !!region.getAttribute("aria-label"),
      scrolls: !!style && ["auto", "scroll"].includes(style.overflowX),
      right: Math.round(table.getBoundingClientRect().right),
      regionRight: region ? Math.round(region.getBoundingClientRect().right) : null,
    };
  }),
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_runs_off_the_dashboards(demo, live_server, page, login_as, width):
    errors = console_errors(page)
    login_as(get_user_model().objects.get(username="member"))
    page.set_viewport_size({"width": width, "height": 900})
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        charts = page.locator("[data-chart-json]")
        for index in (0, charts.count() - 1):  # the first and the last chart, drawn in view
            charts.nth(index).scroll_into_view_if_needed()
            expect(charts.nth(index).locator(".main-svg").first).to_be_attached()
        expect(page.locator(".modebar")).to_have_count(0)  # nothing sits over the data

        layout = page.evaluate(LAYOUT)
        assert layout["page"] <= layout["window"], f"{path} scrolls sideways at {width} px"
        for table in layout["tables"]:
            assert table["inRegion"] and table["scrolls"], f"{path}: {table}"
            assert table["regionRight"] <= width, f"{path}: {table}"
        wide = [t for t in layout["tables"] if t["right"] > width]
        if width == 375:
            assert wide, "a phone is narrower than the widest tables: they scroll"
        for table in wide[:2]:  # a keyboard user scrolls its region to the hidden columns
            region = page.locator(f"#{table['id']}").locator("xpath=..")
            region.focus()
            region.press("ArrowRight")
            expect(region).not_to_have_js_property("scrollLeft", 0)
        assert_accessible(page)
    assert errors == []
