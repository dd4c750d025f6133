"""Chart pages as partners see them: the MARAC dashboard opens on its headline and benchmarks,
its sections reachable from a contents list, each chart drawn only when it comes into view;
no chart page logs a console error (plotly's styles come from a stylesheet, not injected)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from marac.models import Report
from tests.browser.conftest import assert_accessible

MARAC = "/marac/?start=2017-04-01&end=2018-03-31"
ASSESSMENT = "/performance/assessment/"


def console_errors(page):
    """Every console error and uncaught exception of the page (CSP refusals are errors)."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_marac_dashboard_opens_on_its_headline_and_draws_charts_in_view(
    demo, live_server, page, login_as
):
    errors = console_errors(page)
    login_as(get_user_model().objects.get(username="member"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{MARAC}")
    expect(page.locator("#headline")).to_be_in_viewport()
    opened = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert opened < 3000, f"the headline took {opened:.0f} ms"  # was every chart drawn first
    page.wait_for_function("window.Plotly !== undefined")
    charts = page.locator("[data-chart-json]")
    assert charts.count() > 15
    page.wait_for_timeout(300)  # time for the charts in view, if any, to be drawn
    assert page.locator("[data-chart-drawn]").count() < 5
    expect(charts.last.locator(".main-svg")).to_have_count(0)

    contents = page.get_by_role("navigation", name="Contents")
    links = contents.get_by_role("link")
    assert links.count() == page.locator("section.app-marac-section").count()
    links.last.click()
    last_section = page.locator("section.app-marac-section").last
    expect(last_section).to_be_in_viewport()
    expect(last_section.locator(".app-chart .main-svg").first).to_be_attached()
    page.locator("section.app-marac-section").first.scroll_into_view_if_needed()
    expect(page.locator(".app-chart .main-svg").first).to_be_attached()
    assert page.locator("[data-chart-drawn]").count() < charts.count()
    assert_accessible(page)
    assert errors == []

    # The issued report's page draws its charts the same way, as silently.
    report = Report.objects.filter(issued_at__isnull=False).first()
    page.goto(f"{live_server.url}/marac/reports/{report.pk}/circulation/")
    plots = page.locator("[data-chart-json]")
    assert plots.count() > 0
    for index in range(plots.count()):
        plots.nth(index).scroll_into_view_if_needed()
        expect(plots.nth(index).locator(".main-svg").first).to_be_attached()
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_assessment_chart_pages_draw_with_no_console_error(demo, live_server, page, login_as):
    errors = console_errors(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    login_as(get_user_model().objects.get(username="member"))
    for name in ("", "categories/", "places/", "spine/"):
        page.goto(f"{live_server.url}{ASSESSMENT}{name}")
        plots = page.locator("[data-chart-json]")
        for index in range(plots.count()):
            plots.nth(index).scroll_into_view_if_needed()
            expect(plots.nth(index).locator(".main-svg").first).to_be_attached()
        # plotly's rules arrive from its stylesheet: its layers are stacked in the chart.
        expect(plots.first.locator(".main-svg").first).to_have_css("position", "absolute")
        assert not page.locator("style[id^='plotly.js-style']").count()
        assert_accessible(page)
        assert errors == [], page.url
    assert "/static/build/plotly.min.js" in " ".join(requests)
    assert not [url for url in requests if "/static/plotly/" in url]
